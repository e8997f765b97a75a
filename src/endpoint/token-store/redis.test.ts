import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { tokenStoreContract } from './contract.js';
import { createRedisTokenStore } from './redis.js';
import type { FlowTokenStore } from './types.js';

// Real Redis on 127.0.0.1:6379; every store gets its own key prefix, removed afterwards.
const URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefixes: string[] = [];
const stores: FlowTokenStore[] = [];

afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  const admin = createClient({ url: URL });
  await admin.connect();
  for (const prefix of prefixes) {
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(keys);
  }
  await admin.close();
});

async function make(now: () => number) {
  const keyPrefix = `waflow-test:${randomUUID()}:`;
  prefixes.push(keyPrefix);
  const store = await createRedisTokenStore({ url: URL, keyPrefix, now });
  const peer = await createRedisTokenStore({ url: URL, keyPrefix, now });
  stores.push(store, peer);
  return { store, peer, keyPrefix };
}

describe('redis token store', () => {
  tokenStoreContract(async () => {
    // Close to the real clock: Redis expires the key itself at expiresAt.
    const clock = { now: Date.now() };
    const { store, peer } = await make(() => clock.now);
    return { store, peer, clock };
  });

  it('lets Redis drop the key when the token expires, and keeps the TTL across claims and updates', async () => {
    const { store, keyPrefix } = await make(Date.now);
    await store.issue('short', { ttlSeconds: 0.3 });
    expect((await store.claim('short', { claimId: 'a', leaseMs: 30_000 })).ok).toBe(true);
    expect(await store.settle('short', 'a', 'release')).toBe(true);
    expect(await store.saveData('short', { a: 1 })).toBe(true);
    expect(await store.markCompleted('short')).toBe(true);
    const admin = createClient({ url: URL });
    await admin.connect();
    try {
      const ttl = await admin.pTTL(`${keyPrefix}short`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(300);
      // Redis expires the key on its own clock: wait for it to go, within a deadline.
      await expect.poll(() => admin.exists(`${keyPrefix}short`), { timeout: 5_000, interval: 50 }).toBe(0);
    } finally {
      await admin.close();
    }
    expect(await store.get('short')).toBeUndefined();
  });

  it('works with a client the caller owns, and leaves it open on close', async () => {
    const client = createClient({ url: URL });
    await client.connect();
    const keyPrefix = `waflow-test:${randomUUID()}:`;
    prefixes.push(keyPrefix);
    const store = await createRedisTokenStore({ client, keyPrefix });
    await store.issue('mine', { ttlSeconds: 5 });
    await store.close();
    expect(await client.exists(`${keyPrefix}mine`)).toBe(1);
    await client.close();
  });
});
