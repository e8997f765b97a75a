import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { tokenStoreContract } from './contract.js';
import { createPostgresTokenStore } from './postgres.js';
import type { PostgresTokenStore } from './postgres.js';

// Real PostgreSQL; every store gets its own table, dropped afterwards.
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const tables: string[] = [];
const stores: PostgresTokenStore[] = [];
const tableName = (): string => `waflow_test_${randomUUID().replaceAll('-', '')}`;

afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  for (const table of tables) await admin.query(`DROP TABLE IF EXISTS ${table}`);
  await admin.end();
});

async function make(now: () => number, table = tableName()) {
  tables.push(table);
  const store = await createPostgresTokenStore({ connectionString: DATABASE_URL, table, now });
  const peer = await createPostgresTokenStore({ connectionString: DATABASE_URL, table, now });
  stores.push(store, peer);
  return { store, peer, table };
}

describe('postgres token store', () => {
  tokenStoreContract(async () => {
    const clock = { now: 1_700_000_000_000 };
    const { store, peer } = await make(() => clock.now);
    return { store, peer, clock };
  });

  it('creates its table when missing', async () => {
    const { table } = await make(Date.now);
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    try {
      const { rows } = await admin.query('SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = $1', [table]);
      expect(rows[0]).toEqual({ n: 1 });
    } finally {
      await admin.end();
    }
  });

  it('adds the claim columns to a table made before claims existed', async () => {
    const table = tableName();
    tables.push(table);
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE TABLE ${table} (token text PRIMARY KEY, status text NOT NULL DEFAULT 'active', data jsonb, issued_at bigint NOT NULL, expires_at bigint NOT NULL)`);
      await admin.query(`INSERT INTO ${table} VALUES ('old-row', 'active', NULL, 1, $1)`, [Date.now() + 60_000]);
    } finally {
      await admin.end();
    }
    const { store } = await make(Date.now, table);
    expect((await store.claim('old-row', { claimId: 'a', leaseMs: 30_000 })).ok).toBe(true);
    expect(await store.claim('old-row', { claimId: 'b', leaseMs: 30_000 })).toEqual({ ok: false, reason: 'claimed' });
    expect(await store.settle('old-row', 'a', 'complete')).toBe(true);
  });

  it('purges expired rows only', async () => {
    const clock = { now: 1_700_000_000_000 };
    const { store } = await make(() => clock.now);
    await store.issue('old', { ttlSeconds: 1 });
    await store.issue('new', { ttlSeconds: 100 });
    clock.now += 2_000;
    expect(await store.purgeExpired()).toBe(1);
    expect(await store.get('new')).toBeDefined();
  });

  it('refuses a table name that is not a plain identifier', async () => {
    await expect(createPostgresTokenStore({ connectionString: DATABASE_URL, table: 'x; DROP TABLE y' })).rejects.toThrow(/invalid table name/);
  });
});
