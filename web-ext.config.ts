import { defineWebExtConfig } from 'wxt';

// `npx wxt` (dev mode) must not try to open a browser on machines without a display.
export default defineWebExtConfig({ disabled: true });
