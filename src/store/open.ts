// openStore: PostgreSQL when a URL is given (or DATABASE_URL is set and no data folder was
// asked for), otherwise embedded PGlite in a data folder. Both speak the same SQL.
import { join } from 'node:path';
import { openPgliteStore } from './pglite.js';
import { openPostgresStore } from './postgres.js';
import { assertIdentifier, StoreError } from './types.js';
import type { OpenStoreOptions, Store } from './types.js';

/** Where the embedded database lives when nothing else is said. */
export const DEFAULT_DATA_DIR = join('.waflow', 'pglite');

export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const { schema } = options;
  if (schema !== undefined) assertIdentifier(schema, 'schema');
  const url = options.databaseUrl ?? (options.dataDir === undefined ? process.env.DATABASE_URL : undefined);
  if (url !== undefined && url !== '') {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      // The URL may hold a password: say what is wrong without echoing it.
      throw new StoreError('INVALID_OPTION', 'databaseUrl must start with postgres:// or postgresql://');
    }
    return openPostgresStore(url, schema);
  }
  return openPgliteStore(options.dataDir ?? DEFAULT_DATA_DIR, schema);
}
