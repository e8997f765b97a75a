// Test helpers: the same suite runs against embedded PGlite (a fresh temp folder) and the real
// PostgreSQL (a fresh schema, dropped afterwards), so the two backends cannot drift apart.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from './migrate.js';
import { openStore } from './open.js';
import { copyPgliteTemplate } from './pglite-template.js';
import type { Store, StoreKind } from './types.js';

/** The PostgreSQL the tests use (trust auth on the test machines and CI). */
export const TEST_DATABASE_URL = process.env.WAFLOW_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestStore {
  readonly store: Store;
  /** Closes the store and removes what it made (temp folder or schema). */
  cleanup(): Promise<void>;
}

export const TEST_BACKENDS: readonly StoreKind[] = ['pglite', 'postgres'];

export function uniqueSchema(prefix = 'waflow_test'): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/**
 * A store of its own (temp folder or schema), empty; with `migrated`, already holding the project's
 * migrations (on PGlite a copy of the migrated template, which skips initdb: pglite-template.ts).
 */
export async function openTestStore(kind: StoreKind, schema: string = uniqueSchema(), options: { migrated?: boolean } = {}): Promise<TestStore> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'waflow-pglite-'));
    if (options.migrated === true) await copyPgliteTemplate(dir);
    const store = await openStore({ dataDir: dir });
    return {
      store,
      async cleanup() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const store = await openStore({ databaseUrl: TEST_DATABASE_URL, schema });
  if (options.migrated === true) await migrate(store);
  return {
    store,
    async cleanup() {
      try {
        await store.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await store.close();
      }
    },
  };
}

/** Opening PGlite runs initdb in WebAssembly: seconds alone, much longer on a busy 2-core machine. */
export const STORE_HOOK_TIMEOUT = 180_000;

/** The store, counting the statements and transactions that reach it. */
export function countingStore(store: Store): { store: Store; statements: string[]; transactions: number } {
  const seen = { statements: [] as string[], transactions: 0 };
  const wrapped: Store = {
    kind: store.kind,
    schema: store.schema,
    query: (sql, params) => {
      seen.statements.push(sql);
      return store.query(sql, params);
    },
    exec: (sql) => store.exec(sql),
    transaction: (fn) => {
      seen.transactions++;
      return store.transaction(fn);
    },
    close: () => store.close(),
  };
  return Object.assign(seen, { store: wrapped });
}

