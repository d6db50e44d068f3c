import { defineConfig } from 'vitest/config';

// End-to-end tests: the built extension in real headless Chromium (see tests/e2e/harness.ts).
// One browser at a time: the machines have two cores, and each test launches its own Chromium.
// Build first (`npm run build:chrome`); `npm test` does.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
