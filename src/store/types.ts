// The persistence contract shared by both backends. Callers write one SQL dialect (PostgreSQL,
// which PGlite runs unchanged), pass JSON as text with an explicit `::jsonb` cast, and cast
// aggregates (`count(*)::int`) so both drivers hand back the same JavaScript types.

/** Something that runs SQL: the store itself, or the connection of an open transaction. */
export interface Queryable {
  /** One statement with `$1`-style parameters; returns the rows. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Several `;`-separated statements without parameters (migrations, DDL). */
  exec(sql: string): Promise<void>;
}

export type StoreKind = 'pglite' | 'postgres';

export interface Store extends Queryable {
  readonly kind: StoreKind;
  /** The schema every unqualified name resolves to (`search_path`), when one was chosen. */
  readonly schema: string | undefined;
  /**
   * Runs `fn` inside BEGIN/COMMIT on one connection; a throw rolls back and is rethrown.
   * Inside `fn` use `tx`, not the store: on PGlite (one connection) the store waits for the
   * transaction to end, so a call on it from inside would never return.
   */
  transaction<R>(fn: (tx: Queryable) => Promise<R>): Promise<R>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** `postgres://...`; defaults to `process.env.DATABASE_URL` when `dataDir` is not given. */
  databaseUrl?: string;
  /** PGlite data folder (created if missing), or `memory://` for a throwaway database. */
  dataDir?: string;
  /** Schema to create if missing and put first on `search_path` (letters, digits, `_`). */
  schema?: string;
}

export type StoreErrorCode = 'INVALID_OPTION' | 'MIGRATION_CHANGED' | 'MIGRATION_FAILED' | 'INVALID_MIGRATION';

/** A store failure a caller can branch on. Messages never contain a connection string. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Validates a schema name before it is spliced into SQL (identifiers cannot be parameters). */
export function assertIdentifier(name: string, what: string): void {
  if (!IDENTIFIER.test(name)) {
    throw new StoreError('INVALID_OPTION', `${what} must be letters, digits and underscores (at most 63, not starting with a digit); got ${JSON.stringify(name)}`);
  }
}

/** `undefined` is not a SQL value; both drivers get NULL for it. */
export function normalizeParams(params: readonly unknown[] | undefined): unknown[] {
  return params === undefined ? [] : params.map((p) => (p === undefined ? null : p));
}
