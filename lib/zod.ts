/**
 * Zod, configured once. Every module imports `z` from here rather than from 'zod', so the configuration
 * below is in place before any schema is made or used.
 */
import { z } from 'zod';

// Extension pages and the service worker forbid eval by their content security policy: without this, Zod
// probes for it (`new Function`) on first use, which the browser reports as a CSP violation.
z.config({ jitless: true });

export { z };
