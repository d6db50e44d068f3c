import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests: pure logic and components in happy-dom, IndexedDB from fake-indexeddb.
// End-to-end tests live in tests/e2e and run through vitest.e2e.config.ts against real Chromium.
export default defineConfig({
  plugins: [WxtVitest(), preact()],
  test: {
    environment: 'happy-dom',
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/*.test.ts'],
    setupFiles: ['tests/unit/setup.ts'],
    restoreMocks: true,
    // Property tests and whole sync cycles take a few seconds on a busy two-core machine; no test asserts a
    // time (timings are measured in `npm run bench`), so a generous limit only stops a test that hangs.
    testTimeout: 30_000,
  },
});
