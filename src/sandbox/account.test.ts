// Migration 007 on a store made before it: business numbers get the WABA id their webhooks already
// carried and a 360dialog WABA account id, user phones neither; on start the sandbox onboards the
// old numbers under its partner, and their old keys keep working on every surface of a number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../store/migrate.js';
import { openTestStore, STORE_HOOK_TIMEOUT, TEST_BACKENDS } from '../store/test-kit.js';
import type { TestStore } from '../store/test-kit.js';
import { ensureBusinessPhone, findPhone } from './account.js';
import { countApiKeys, createPartnerKey, findApiKey, hashApiKey, issuePartnerToken } from './auth.js';
import { sandboxWabaId } from './ids.js';
import { createSandbox } from './server.js';

describe.each(TEST_BACKENDS)('provider account ids on %s', (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await openTestStore(kind);
  }, STORE_HOOK_TIMEOUT);
  afterAll(async () => t?.cleanup(), STORE_HOOK_TIMEOUT);

  it('backfills old business numbers, leaves user phones alone, and the sandbox adopts them on start', async () => {
    await migrate(t.store, { migrations: loadMigrations().filter((m) => m.version < 7) });
    await t.store.query(`INSERT INTO phones (id, role, number, hosting_type) VALUES ('1111', 'business', '15550001234', 'cloud'), ('2222', 'user', '4915100000001', NULL)`);
    await t.store.query(`INSERT INTO api_keys (id, name, key_hash, key_prefix, phone_id) VALUES ('k1', 'old', $1, 'sbx_old_', '1111')`, [hashApiKey('sbx_old_key_0123456789')]);
    await migrate(t.store);

    const business = await findPhone(t.store, '1111');
    expect(business?.wabaId).toBe(sandboxWabaId('15550001234'));
    expect(business?.wabaAccountId).toMatch(/^sbx[0-9a-f]{12}$/);
    expect(business?.partnerId).toBeUndefined();
    expect(await findPhone(t.store, '2222')).toMatchObject({ wabaId: undefined, wabaAccountId: undefined, partnerId: undefined });
    expect(await findApiKey(t.store, 'sbx_old_key_0123456789')).toMatchObject({ scope: 'number', phoneId: '1111', partnerId: undefined });

    const sandbox = await createSandbox({ store: t.store, listen: false, publicBaseUrl: 'http://sandbox.test' });
    try {
      expect(sandbox.businessPhone).toMatchObject({ id: '1111', partnerId: 'waflowPA', wabaId: business?.wabaId, wabaAccountId: business?.wabaAccountId });
      const res = await sandbox.fetch(
        new Request(`http://sandbox.test/graph/v24.0/${String(business?.wabaId)}/flows`, { headers: { authorization: 'Bearer sbx_old_key_0123456789' } }),
      );
      expect(res.status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });

  it('keeps partner keys and tokens apart from number keys, and tokens only until they expire', async () => {
    const partner = 'waflowPA';
    const { key } = await createPartnerKey(t.store, { name: 'p', partnerId: partner });
    expect(key).toMatch(/^sbxp_/);
    expect(await findApiKey(t.store, key)).toMatchObject({ scope: 'partner', partnerId: partner, phoneId: undefined });
    expect(await countApiKeys(t.store, { scope: 'partner', partnerId: partner })).toBeGreaterThanOrEqual(1);
    const now = new Date();
    const { token, record } = await issuePartnerToken(t.store, { partnerId: partner, now, ttlSeconds: 60 });
    expect(record.expiresAt?.getTime()).toBe(now.getTime() + 60_000);
    expect(await findApiKey(t.store, token, now)).toMatchObject({ scope: 'partner_token', partnerId: partner });
    expect(await findApiKey(t.store, token, new Date(now.getTime() + 61_000))).toBeUndefined();
    // A new business number gets its ids at once; the same number again is the same account.
    const made = await ensureBusinessPhone(t.store, '15550002222', 'on-premise', { partnerId: partner });
    expect(made).toMatchObject({ wabaId: sandboxWabaId('15550002222'), partnerId: partner, hostingType: 'on_premise' });
    expect(await ensureBusinessPhone(t.store, '15550002222', 'cloud')).toEqual(made);
  });
});
