import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from './open.js';
import { openTestStore, TEST_BACKENDS, TEST_DATABASE_URL, uniqueSchema, STORE_HOOK_TIMEOUT } from './test-kit.js';
import type { TestStore } from './test-kit.js';
import { StoreError } from './types.js';

describe.each(TEST_BACKENDS)('store on %s', (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
    await t.store.exec('CREATE TABLE kv (k text PRIMARY KEY, v jsonb, at timestamptz); CREATE TABLE n (i int)');
  }, STORE_HOOK_TIMEOUT);
  afterAll(async () => t.cleanup(), STORE_HOOK_TIMEOUT);

  it('reports which backend it is', () => {
    expect(t.store.kind).toBe(kind);
  });

  it('round-trips parameters, jsonb and timestamptz with the same JavaScript types', async () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    await t.store.query('INSERT INTO kv (k, v, at) VALUES ($1, $2::jsonb, $3)', ['a', JSON.stringify({ x: [1, 'two'] }), at]);
    const rows = await t.store.query<{ k: string; v: unknown; at: Date; n: number }>('SELECT k, v, at, count(*) OVER ()::int AS n FROM kv WHERE k = $1', ['a']);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.v).toEqual({ x: [1, 'two'] });
    expect(rows[0]?.at).toBeInstanceOf(Date);
    expect(rows[0]?.at.getTime()).toBe(at.getTime());
    expect(rows[0]?.n).toBe(1);
  });

  it('turns undefined parameters into NULL', async () => {
    await t.store.query('INSERT INTO kv (k, v) VALUES ($1, $2::jsonb)', ['u', undefined]);
    const rows = await t.store.query<{ v: unknown }>('SELECT v FROM kv WHERE k = $1', ['u']);
    expect(rows[0]?.v).toBeNull();
  });

  it('commits a transaction and returns its result', async () => {
    const result = await t.store.transaction(async (tx) => {
      await tx.query('INSERT INTO n (i) VALUES (1), (2)');
      return (await tx.query<{ s: number }>('SELECT sum(i)::int AS s FROM n'))[0]?.s;
    });
    expect(result).toBe(3);
    expect((await t.store.query<{ c: number }>('SELECT count(*)::int AS c FROM n'))[0]?.c).toBe(2);
  });

  it('rolls a failed transaction back and rethrows the error', async () => {
    await expect(
      t.store.transaction(async (tx) => {
        await tx.query('INSERT INTO n (i) VALUES (100)');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await t.store.query<{ c: number }>('SELECT count(*)::int AS c FROM n WHERE i = 100'))[0]?.c).toBe(0);
    // The store still works afterwards.
    expect(await t.store.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('surfaces SQL errors with their SQLSTATE code', async () => {
    await expect(t.store.query('INSERT INTO kv (k) VALUES ($1), ($1)', ['dup'])).rejects.toMatchObject({ code: '23505' });
  });
});

describe('openStore options', () => {
  it('refuses a schema name that is not a plain identifier', async () => {
    const attempt = openStore({ dataDir: 'memory://', schema: 'x; DROP TABLE y' });
    await expect(attempt).rejects.toBeInstanceOf(StoreError);
    await expect(attempt).rejects.toMatchObject({ code: 'INVALID_OPTION' });
  });

  it('refuses a database URL of another scheme without echoing it (it may hold a password)', async () => {
    const attempt = openStore({ databaseUrl: 'mysql://root:s3cret-pass@localhost/db' });
    await expect(attempt).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await expect(attempt).rejects.not.toThrow(/s3cret-pass/);
  });

  it('keeps two PostgreSQL schemas apart through search_path', async () => {
    const a = uniqueSchema();
    const b = uniqueSchema();
    const sa = await openStore({ databaseUrl: TEST_DATABASE_URL, schema: a });
    const sb = await openStore({ databaseUrl: TEST_DATABASE_URL, schema: b });
    try {
      await sa.exec('CREATE TABLE t (x int); INSERT INTO t VALUES (1)');
      await sb.exec('CREATE TABLE t (x int); INSERT INTO t VALUES (2), (3)');
      expect(await sa.query('SELECT x FROM t')).toEqual([{ x: 1 }]);
      expect(await sb.query('SELECT x FROM t ORDER BY x')).toEqual([{ x: 2 }, { x: 3 }]);
      expect(sa.schema).toBe(a);
    } finally {
      await sa.exec(`DROP SCHEMA "${a}" CASCADE`);
      await sb.exec(`DROP SCHEMA "${b}" CASCADE`);
      await sa.close();
      await sb.close();
    }
  });

  it('uses the schema in PGlite too', async () => {
    const s = await openStore({ dataDir: 'memory://', schema: 'custom_one' });
    try {
      await s.exec('CREATE TABLE t (x int)');
      expect(await s.query(`SELECT table_schema FROM information_schema.tables WHERE table_name = 't'`)).toEqual([{ table_schema: 'custom_one' }]);
    } finally {
      await s.close();
    }
  }, STORE_HOOK_TIMEOUT);
});
