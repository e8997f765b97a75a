// The browser app's tests: unit tests beside the app's files and the end-to-end suite in real
// Chromium (ui/e2e), which builds ui/dist first when it is missing.
import { defineConfig } from 'vitest/config';

export const uiTestConfig = defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['ui/src/**/*.test.ts', 'ui/e2e/**/*.test.ts'],
    globalSetup: ['ui/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});

// eslint-disable-next-line no-restricted-syntax
export default uiTestConfig;
