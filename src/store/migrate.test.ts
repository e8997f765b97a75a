import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksum, loadMigrations, migrate } from './migrate.js';
import { openStore } from './open.js';
import { openTestStore, TEST_BACKENDS, TEST_DATABASE_URL, uniqueSchema, STORE_HOOK_TIMEOUT } from './test-kit.js';
import type { TestStore } from './test-kit.js';

// Other developers add migrations after ours; the tests follow whatever the folder holds.
const ALL = loadMigrations().map((m) => m.version);

const SANDBOX_TABLES = [
  'api_keys', 'business_public_keys', 'chats', 'endpoint_health_samples', 'flow_assets', 'flows', 'messages', 'phones',
  'templates', 'webhook_deliveries', 'webhook_delivery_attempts',
];

async function tables(t: TestStore): Promise<string[]> {
  const rows = await t.store.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

describe('loadMigrations', () => {
  it('finds the project migrations in ascending order, starting with the sandbox and completions', () => {
    const list = loadMigrations();
    expect(list.slice(0, 2).map((m) => `${m.version}_${m.name}`)).toEqual(['1_sandbox', '2_completions']);
    expect(list.map((m) => m.version)).toEqual([...ALL].sort((a, b) => a - b));
    expect(list[0]?.sql).toContain('CREATE TABLE flows');
  });
});

describe.each(TEST_BACKENDS)('migrate on %s', (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
  }, STORE_HOOK_TIMEOUT);
  afterAll(async () => t.cleanup(), STORE_HOOK_TIMEOUT);

  it('creates every table and records each migration', async () => {
    const result = await migrate(t.store);
    expect(result.applied).toEqual(ALL);
    expect(result.current).toEqual(ALL);
    const names = await tables(t);
    for (const table of [...SANDBOX_TABLES, 'flow_completions', 'webhook_events', 'waflow_migrations']) expect(names).toContain(table);
    const rows = await t.store.query<{ version: number; checksum: string }>('SELECT version, checksum FROM waflow_migrations ORDER BY version');
    expect(rows.map((r) => r.checksum)).toEqual(loadMigrations().map((m) => checksum(m.sql)));
  });

  it('refuses two migrations with one version before touching the database', async () => {
    await expect(migrate(t.store, { migrations: [{ version: 5, name: 'a', sql: '' }, { version: 5, name: 'b', sql: '' }] }))
      .rejects.toMatchObject({ code: 'INVALID_MIGRATION' });
  });

  it('is idempotent: a second run applies nothing', async () => {
    const result = await migrate(t.store);
    expect(result.applied).toEqual([]);
    expect(result.current).toEqual(ALL);
  });

  it('applies a new migration after the recorded ones', async () => {
    const migrations = [...loadMigrations(), { version: 900, name: 'extra', sql: 'CREATE TABLE extra (id text PRIMARY KEY)' }];
    expect((await migrate(t.store, { migrations })).applied).toEqual([900]);
    expect(await tables(t)).toContain('extra');
  });

  it('refuses a migration whose text changed after it was applied', async () => {
    const migrations = [...loadMigrations(), { version: 900, name: 'extra', sql: 'CREATE TABLE extra (id int)' }];
    await expect(migrate(t.store, { migrations })).rejects.toMatchObject({ code: 'MIGRATION_CHANGED' });
  });

  it('rolls a failing migration back whole and does not record it', async () => {
    const bad = { version: 901, name: 'half', sql: 'CREATE TABLE half_done (x int); SELECT * FROM no_such_table;' };
    const migrations = [...loadMigrations(), { version: 900, name: 'extra', sql: 'CREATE TABLE extra (id text PRIMARY KEY)' }, bad];
    await expect(migrate(t.store, { migrations })).rejects.toMatchObject({ code: 'MIGRATION_FAILED', message: expect.stringContaining('901_half') });
    expect(await tables(t)).not.toContain('half_done');
    const versions = await t.store.query<{ version: number }>('SELECT version FROM waflow_migrations ORDER BY version');
    expect(versions.map((v) => v.version)).toEqual([...ALL, 900]);
  });
});

describe('two processes migrating one PostgreSQL schema at once', () => {
  it('applies each migration exactly once, the advisory lock making them take turns', async () => {
    const schema = uniqueSchema();
    // Separate pools are separate sessions, as two processes would be.
    const stores = await Promise.all(Array.from({ length: 4 }, () => openStore({ databaseUrl: TEST_DATABASE_URL, schema })));
    try {
      const results = await Promise.all(stores.map((s) => migrate(s)));
      const applied = results.flatMap((r) => r.applied).sort((a, b) => a - b);
      expect(applied).toEqual(ALL);
      for (const r of results) expect(r.current).toEqual(ALL);
      const rows = await stores[0]!.query<{ n: number }>('SELECT count(*)::int AS n FROM waflow_migrations');
      expect(rows[0]?.n).toBe(ALL.length);
    } finally {
      await stores[0]!.exec(`DROP SCHEMA "${schema}" CASCADE`);
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});
