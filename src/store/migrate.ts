// Versioned migrations: `migrations/NNN_name.sql`, applied in order, each in its own
// transaction together with its row in waflow_migrations. A transaction-scoped advisory lock
// (one per schema) makes two processes starting at once take turns: the second waits, then
// finds the migration recorded and skips it. A migration edited after it was applied is refused.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from './types.js';
import type { Queryable, Store } from './types.js';

export interface Migration {
  /** The NNN prefix: applied in ascending order, recorded once. */
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export interface MigrateResult {
  /** Versions this call applied (empty when the database was already up to date). */
  readonly applied: number[];
  /** Every version recorded after the call. */
  readonly current: number[];
}

const FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;

/** The folder of the project's own migrations. */
export const MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');

/** Reads `NNN_name.sql` files from a folder, sorted by version; other files are ignored. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations: Migration[] = [];
  for (const file of readdirSync(dir).sort()) {
    const match = FILE.exec(file);
    if (match === null) continue;
    migrations.push({ version: Number(match[1]), name: match[2] ?? '', sql: readFileSync(join(dir, file), 'utf8') });
  }
  return checkOrder(migrations);
}

function checkOrder(migrations: readonly Migration[]): Migration[] {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]?.version === sorted[i - 1]?.version) {
      throw new StoreError('INVALID_MIGRATION', `two migrations share version ${sorted[i]?.version}`);
    }
  }
  return sorted;
}

export function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}

// The lock key is derived from the schema, so test runs in separate schemas do not queue.
const LOCK = `SELECT pg_advisory_xact_lock(hashtext('waflow_migrations:' || current_schema()))`;
const TABLE = `CREATE TABLE IF NOT EXISTS waflow_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

async function recorded(tx: Queryable): Promise<Map<number, string>> {
  const rows = await tx.query<{ version: number; checksum: string }>('SELECT version, checksum FROM waflow_migrations');
  return new Map(rows.map((r) => [Number(r.version), r.checksum]));
}

/** Applies every pending migration; safe to call on every start, from several processes. */
export async function migrate(store: Store, options: { migrations?: readonly Migration[] } = {}): Promise<MigrateResult> {
  const migrations = options.migrations === undefined ? loadMigrations() : checkOrder(options.migrations);
  const applied: number[] = [];
  // Creating the table happens under the lock too: concurrent CREATE TABLE IF NOT EXISTS races.
  await store.transaction(async (tx) => {
    await tx.query(LOCK);
    await tx.exec(TABLE);
  });
  for (const migration of migrations) {
    await store.transaction(async (tx) => {
      await tx.query(LOCK);
      const done = await recorded(tx);
      const sum = checksum(migration.sql);
      const previous = done.get(migration.version);
      if (previous !== undefined) {
        if (previous !== sum) {
          throw new StoreError('MIGRATION_CHANGED', `migration ${label(migration)} was edited after it was applied; add a new migration instead`);
        }
        return;
      }
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        throw new StoreError('MIGRATION_FAILED', `migration ${label(migration)} failed: ${detail}`, { cause: error });
      }
      await tx.query('INSERT INTO waflow_migrations (version, name, checksum) VALUES ($1, $2, $3)', [migration.version, migration.name, sum]);
      applied.push(migration.version);
    });
  }
  const current = [...(await recorded(store)).keys()].sort((a, b) => a - b);
  return { applied, current };
}

function label(m: Migration): string {
  return `${String(m.version).padStart(3, '0')}_${m.name}`;
}
