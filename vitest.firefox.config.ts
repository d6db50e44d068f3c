import { defineConfig } from 'vitest/config';

// The main journeys in Firefox ESR against the Firefox build (see tests/firefox/harness.ts). One browser at a
// time, as in the Chromium suite. Build first (`npm run build:firefox`); `npm test` does.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/firefox/**/*.firefox.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
