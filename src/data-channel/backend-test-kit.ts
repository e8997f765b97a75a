// Test support: run a suite once per crypto backend, so that vitest on Node covers the
// WebCrypto path (Bun, Deno, workerd) as well as node:crypto.
import { afterAll, beforeAll } from 'vitest';
import { useCryptoBackend } from './crypto-backend.js';
import type { CryptoBackendName } from './crypto-backend.js';

export const BACKENDS: readonly CryptoBackendName[] = ['node', 'web'];

/** Inside a describe: switch to `name` for its tests, back to automatic selection after. */
export function withBackend(name: CryptoBackendName): void {
  beforeAll(() => useCryptoBackend(name));
  afterAll(() => useCryptoBackend('auto'));
}
