import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { tokenStoreContract } from './contract.js';
import { createRedisTokenStore } from './redis.js';
import { defineScript, scriptRunner } from './redis-scripts.js';
import type { RedisScriptClient } from './redis-scripts.js';
import type { FlowTokenStore } from './types.js';

// Real Redis on 127.0.0.1:6379; every store gets its own key prefix, removed afterwards.
const URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefixes: string[] = [];
const stores: FlowTokenStore[] = [];
const clients: { close(): Promise<unknown> }[] = [];

afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await Promise.all(clients.map((c) => c.close()));
  const admin = createClient({ url: URL });
  await admin.connect();
  for (const prefix of prefixes) {
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(keys);
  }
  await admin.close();
});

/** A store and a peer on one key prefix: by URL (the store's own RESP connection), or each given a node-redis client. */
async function make(now: () => number, via: 'url' | 'node-redis' = 'url') {
  const keyPrefix = `waflow-test:${randomUUID()}:`;
  prefixes.push(keyPrefix);
  const open = async () => {
    if (via === 'url') return createRedisTokenStore({ url: URL, keyPrefix, now });
    const client = createClient({ url: URL });
    clients.push(client);
    await client.connect();
    return createRedisTokenStore({ client, keyPrefix, now });
  };
  const [store, peer] = [await open(), await open()];
  stores.push(store, peer);
  return { store, peer, keyPrefix };
}

describe('redis token store given a node-redis client', () => {
  tokenStoreContract(async () => {
    const clock = { now: Date.now() };
    const { store, peer } = await make(() => clock.now, 'node-redis');
    return { store, peer, clock };
  });
});

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

describe('redis token store with a client connected after it was made', () => {
  it('neither waits for the connection nor fails, and works once it is up', async () => {
    const client = createClient({ url: URL });
    const keyPrefix = `waflow-test:${randomUUID()}:`;
    prefixes.push(keyPrefix);
    const store = await createRedisTokenStore({ client, keyPrefix });
    await client.connect();
    try {
      await store.issue('late', { ttlSeconds: 5 });
      expect((await store.claim('late', { claimId: 'a', leaseMs: 1_000 })).ok).toBe(true);
      expect(await store.settle('late', 'a', 'complete')).toBe(true);
    } finally {
      await client.close();
    }
  });
});

describe('redis scripts', () => {
  // Each test's script carries a random comment, so Redis has never cached it.
  const fresh = () => defineScript(`-- ${randomUUID()}\nreturn redis.call('INCR', KEYS[1])`);

  async function connected() {
    const client = createClient({ url: URL });
    await client.connect();
    const keyPrefix = `waflow-test:${randomUUID()}:`;
    prefixes.push(keyPrefix);
    const sent: string[] = [];
    const counted = {
      eval: (script: string, options: { keys: string[]; arguments: string[] }) => (sent.push('EVAL'), client.eval(script, options)),
      evalSha: (sha1: string, options: { keys: string[]; arguments: string[] }) => (sent.push('EVALSHA'), client.evalSha(sha1, options)),
      scriptLoad: (script: string) => (sent.push('SCRIPT LOAD'), client.scriptLoad(script)),
    };
    return { client, key: `${keyPrefix}n`, sent, counted };
  }

  it('names a script by the SHA1 Redis gives it', async () => {
    const { client } = await connected();
    try {
      const script = await fresh();
      expect(await client.scriptLoad(script.text)).toBe(script.sha1);
    } finally {
      await client.close();
    }
  });

  it('sends EVALSHA, and EVAL once when Redis answers NOSCRIPT, which caches the script again', async () => {
    const { client, key, sent, counted } = await connected();
    try {
      const script = await fresh();
      const { scriptLoad: _notLoaded, ...noLoad } = counted;
      const run = scriptRunner(noLoad, { script });
      expect(await run(script, key, [])).toBe(1);
      expect(sent.splice(0)).toEqual(['EVALSHA', 'EVAL']);
      expect(await run(script, key, [])).toBe(2);
      expect(sent).toEqual(['EVALSHA']);
    } finally {
      await client.close();
    }
  });

  it('loads the scripts when it starts, so the first call is one EVALSHA already', async () => {
    const { client, key, sent, counted } = await connected();
    try {
      const script = await fresh();
      const run = scriptRunner(counted, { script });
      expect(await run(script, key, [])).toBe(1);
      expect(sent).toEqual(['SCRIPT LOAD', 'EVALSHA']);
    } finally {
      await client.close();
    }
  });

  it('sends EVAL every time through a client that has only eval', async () => {
    const { client, key, sent, counted } = await connected();
    try {
      const script = await fresh();
      const onlyEval: RedisScriptClient = { eval: counted.eval };
      const run = scriptRunner(onlyEval, { script });
      await run(script, key, []);
      await run(script, key, []);
      expect(sent).toEqual(['EVAL', 'EVAL']);
    } finally {
      await client.close();
    }
  });

  it('passes any other error through without sending the script again', async () => {
    const { client, key, sent, counted } = await connected();
    try {
      await client.set(key, 'not a number');
      const script = await fresh();
      const run = scriptRunner(counted, { script });
      sent.length = 0;
      await expect(run(script, key, [])).rejects.toThrow(/not an integer/);
      expect(sent).toEqual(['EVALSHA']);
    } finally {
      await client.close();
    }
  });
});
