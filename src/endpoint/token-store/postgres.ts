// PostgreSQL token store: several endpoint instances share flow-token sessions. Creates its
// table if missing (and adds the claim columns to a table from an older version); expired rows
// are ignored on read and can be swept with purgeExpired(). A claim and its settle are one
// conditional UPDATE each: under READ COMMITTED a concurrent UPDATE of the same row waits for the
// row lock and then re-checks its WHERE against the committed row, so exactly one claim wins.
import type { Pool } from 'pg';
import { peerMissing } from '../../peer/optional.js';
import { assertClaimOptions, assertIssueOptions } from './types.js';
import type { ClaimOptions, ClaimResult, FlowTokenRecord, FlowTokenStore, IssueOptions, SettleOutcome } from './types.js';

/** The one method the store needs; a pg Pool or Client fits. */
export interface PgQueryable {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
}

export type PostgresTokenStoreOptions = {
  /** Table name (default `waflow_flow_tokens`); letters, digits and underscores only. */
  table?: string;
  now?: () => number;
} & (
  | { /** e.g. `postgres://postgres@127.0.0.1:5432/test`; the store owns its pool. */ connectionString: string; pool?: undefined }
  | { /** A pool or client you own; close() leaves it open. */ pool: PgQueryable; connectionString?: undefined }
);

export interface PostgresTokenStore extends FlowTokenStore {
  /** Deletes expired rows; returns how many. */
  purgeExpired(): Promise<number>;
}

function toRecord(row: Record<string, unknown>): FlowTokenRecord {
  const data = row.data;
  return {
    token: String(row.token),
    status: row.status === 'completed' ? 'completed' : 'active',
    data: typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined,
    issuedAt: Number(row.issued_at),
    expiresAt: Number(row.expires_at),
  };
}

export async function createPostgresTokenStore(options: PostgresTokenStoreOptions): Promise<PostgresTokenStore> {
  const table = options.table ?? 'waflow_flow_tokens';
  // The name is spliced into SQL, so only a plain identifier is accepted.
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(table)) throw new TypeError(`invalid table name: ${JSON.stringify(table)}`);
  const now = options.now ?? Date.now;
  let db: PgQueryable;
  let owned: Pool | undefined;
  if (options.pool !== undefined) {
    db = options.pool;
  } else {
    const { default: pg } = await import('pg').catch(peerMissing('pg', 'createPostgresTokenStore({ connectionString })'));
    owned = new pg.Pool({ connectionString: options.connectionString, max: 4 });
    owned.on('error', () => undefined); // idle-client errors resurface on the next query
    db = owned;
  }
  // Times are epoch milliseconds in bigint columns: exact, and the store's clock decides expiry.
  // claim_id and lease_until are set while a request holds the token.
  await db.query(`CREATE TABLE IF NOT EXISTS ${table} (
    token text PRIMARY KEY,
    status text NOT NULL DEFAULT 'active',
    data jsonb,
    issued_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    claim_id text,
    lease_until bigint
  )`);
  // A table made before claims existed gets the columns; checked first, because ALTER TABLE
  // takes an exclusive lock even when it has nothing to add.
  const { rows: columns } = await db.query(
    `SELECT count(*)::int AS n FROM pg_attribute WHERE attrelid = $1::regclass AND attname IN ('claim_id', 'lease_until') AND NOT attisdropped`,
    [table],
  );
  if (columns[0]?.n !== 2) {
    await db.query(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS claim_id text, ADD COLUMN IF NOT EXISTS lease_until bigint`);
  }

  // The UPDATE claims; the outer SELECT reads the row as the statement's snapshot saw it, to say
  // why a claim failed in the same round trip. A row that looked claimable there was taken by a
  // concurrent request after the snapshot: 'claimed'.
  const claimSql = `WITH claimed AS (
      UPDATE ${table} SET claim_id = $2, lease_until = $3
      WHERE token = $1 AND status = 'active' AND expires_at > $4 AND (claim_id IS NULL OR lease_until <= $4)
      RETURNING token, status, data, issued_at, expires_at
    )
    SELECT c.token, c.status, c.data, c.issued_at, c.expires_at, s.status AS seen_status, s.expires_at AS seen_expires_at
    FROM (SELECT 1) AS one LEFT JOIN claimed c ON true LEFT JOIN ${table} s ON s.token = $1`;
  const completeSql = `UPDATE ${table} SET status = 'completed', claim_id = NULL, lease_until = NULL
    WHERE token = $1 AND claim_id = $2 AND status = 'active' AND expires_at > $3`;
  const releaseSql = `UPDATE ${table} SET claim_id = NULL, lease_until = NULL WHERE token = $1 AND claim_id = $2`;

  return {
    async issue(token: string, opts: IssueOptions) {
      assertIssueOptions(token, opts);
      const issuedAt = now();
      const expiresAt = issuedAt + Math.round(opts.ttlSeconds * 1000);
      const data = opts.data === undefined ? null : JSON.stringify(opts.data);
      const { rows } = await db.query(
        `INSERT INTO ${table} (token, status, data, issued_at, expires_at) VALUES ($1, 'active', $2::jsonb, $3, $4)
         ON CONFLICT (token) DO UPDATE SET status = 'active', data = EXCLUDED.data, issued_at = EXCLUDED.issued_at,
           expires_at = EXCLUDED.expires_at, claim_id = NULL, lease_until = NULL
         RETURNING token, status, data, issued_at, expires_at`,
        [token, data, issuedAt, expiresAt],
      );
      return toRecord(rows[0] as Record<string, unknown>);
    },
    async claim(token: string, opts: ClaimOptions): Promise<ClaimResult> {
      assertClaimOptions(token, opts);
      const at = now();
      const { rows } = await db.query(claimSql, [token, opts.claimId, at + Math.ceil(opts.leaseMs), at]);
      const row = rows[0] as Record<string, unknown>;
      if (row.token !== null && row.token !== undefined) return { ok: true, record: toRecord(row) };
      if (row.seen_status === null || row.seen_status === undefined) return { ok: false, reason: 'unknown' };
      if (Number(row.seen_expires_at) <= at) return { ok: false, reason: 'expired' };
      if (row.seen_status === 'completed') return { ok: false, reason: 'completed' };
      return { ok: false, reason: 'claimed' };
    },
    async settle(token: string, claimId: string, outcome: SettleOutcome) {
      const { rowCount } = outcome === 'complete' ? await db.query(completeSql, [token, claimId, now()]) : await db.query(releaseSql, [token, claimId]);
      return (rowCount ?? 0) > 0;
    },
    async get(token: string) {
      const { rows } = await db.query(
        `SELECT token, status, data, issued_at, expires_at FROM ${table} WHERE token = $1 AND expires_at > $2`,
        [token, now()],
      );
      return rows[0] === undefined ? undefined : toRecord(rows[0]);
    },
    async markCompleted(token: string) {
      const { rowCount } = await db.query(`UPDATE ${table} SET status = 'completed' WHERE token = $1 AND expires_at > $2`, [token, now()]);
      return (rowCount ?? 0) > 0;
    },
    async saveData(token: string, data: Record<string, unknown>) {
      const { rowCount } = await db.query(`UPDATE ${table} SET data = $2::jsonb WHERE token = $1 AND expires_at > $3`, [
        token,
        JSON.stringify(data),
        now(),
      ]);
      return (rowCount ?? 0) > 0;
    },
    async revoke(token: string) {
      await db.query(`DELETE FROM ${table} WHERE token = $1`, [token]);
    },
    async purgeExpired() {
      const { rowCount } = await db.query(`DELETE FROM ${table} WHERE expires_at <= $1`, [now()]);
      return rowCount ?? 0;
    },
    async close() {
      await owned?.end();
    },
  };
}
