// Assertions on state that the page or the sandbox reaches in its own time: `expect.poll` with the
// time a busy two-core machine needs (vitest's default gives up after one second).
import { expect } from 'vitest';
import { STATE_TIMEOUT_MS } from './harness.js';

/** Retries `read` until the matcher chained on the result passes, for up to STATE_TIMEOUT_MS. */
export function eventually<T>(read: () => T | Promise<T>, timeoutMs = STATE_TIMEOUT_MS) {
  return expect.poll(read, { timeout: timeoutMs });
}
