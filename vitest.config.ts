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
    // Each worker runs its files one after another in one process instead of a fresh process per
    // file: the modules (the sandbox, PGlite's WebAssembly, the validator) load once per worker,
    // about a fifth less CPU over the suite. A file that stubs a global or the environment
    // restores it in afterEach (vi.unstubAllGlobals / vi.unstubAllEnvs / vi.restoreAllMocks).
    isolate: false,
  },
});
