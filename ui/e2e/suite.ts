// One browser sandbox per test file: started before its tests, closed after them, with every
// console error and uncaught page error collected for the file's "no console errors" check.
import { afterAll, beforeAll } from 'vitest';
import { START_TIMEOUT_MS, startBrowserSandbox } from './harness.js';
import type { BrowserSandbox } from './harness.js';

/** Registers the file's hooks; `started` receives the sandbox. Returns the errors seen so far. */
export function browserSandboxSuite(started: (sandbox: BrowserSandbox) => void): string[] {
  const consoleErrors: string[] = [];
  let sandbox: BrowserSandbox | undefined;
  beforeAll(async () => {
    sandbox = await startBrowserSandbox();
    sandbox.page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    sandbox.page.on('pageerror', (e) => consoleErrors.push(e.message));
    started(sandbox);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await sandbox?.close();
  });
  return consoleErrors;
}
