// Embedded backend: PostgreSQL compiled to WebAssembly, one connection, a data folder on disk.
import { mkdirSync } from 'node:fs';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { peerMissing } from '../peer/optional.js';
import { normalizeParams } from './types.js';
import type { Queryable, Store } from './types.js';

function wrap(db: PGlite | Transaction): Queryable {
  return {
    async query<T>(sql: string, params?: readonly unknown[]) {
      const result = await db.query<T>(sql, normalizeParams(params));
      return result.rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
  };
}

export async function openPgliteStore(dataDir: string, schema: string | undefined): Promise<Store> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite').catch(peerMissing('@electric-sql/pglite', 'The embedded database (waflow dev without --database-url)'));
  const db = await PGlite.create(dataDir);
  // One connection, so a session-level search_path holds for every later statement.
  if (schema !== undefined) await db.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}"; SET search_path TO "${schema}"`);
  const base = wrap(db);
  return {
    kind: 'pglite',
    schema,
    query: base.query,
    exec: base.exec,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    close: () => db.close(),
  };
}
