import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'examples/**/*.test.ts', 'bench/**/*.test.ts', 'ui/src/**/*.test.ts', 'ui/e2e/**/*.test.ts'],
    // Builds the browser app once (only when ui/dist is missing or stale) for the browser tests.
    globalSetup: ['ui/e2e/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores on CI: forks keep crypto-heavy suites from starving each other.
    pool: 'forks',
    maxWorkers: 2,
  },
});
