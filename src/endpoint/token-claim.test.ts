// One completion per flow token (issue 10), through the real endpoint over loopback HTTP and
// against every token store for real (memory, Redis, PostgreSQL): concurrent completions,
// handlers that fail, a process that dies mid-handler, and a flow that moves screen by screen.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createClient } from 'redis';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../data-channel/index.js';
import type { DataChannelRequest } from '../data-channel/index.js';
import { TEST_DATABASE_URL } from '../store/test-kit.js';
import { DEFAULT_TOKEN_LEASE_MS, createFlowEndpoint } from './handler.js';
import { complete, nextScreen } from './results.js';
import { PlatformClient, captureLogger, serveEndpoint } from './test-kit.js';
import type { CallResult, CapturedLogger, RunningServer } from './test-kit.js';
import { createMemoryTokenStore } from './token-store/memory.js';
import { createPostgresTokenStore } from './token-store/postgres.js';
import { createRedisTokenStore } from './token-store/redis.js';
import { scripts } from './token-store/redis-scripts.js';
import type { FlowTokenStore } from './token-store/types.js';
import type { FlowHandlers } from './types.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const N = 20;

interface Backend {
  store: FlowTokenStore;
  /** The store's clock: tests move it past a lease. */
  clock: { now: number };
  cleanup(): Promise<void>;
}

const backends: [string, () => Promise<Backend>][] = [
  [
    'memory',
    async () => {
      const clock = { now: Date.now() };
      const store = createMemoryTokenStore({ now: () => clock.now });
      return { store, clock, cleanup: () => store.close() };
    },
  ],
  [
    'Redis',
    async () => {
      const clock = { now: Date.now() };
      const keyPrefix = `waflow-claim-test:${randomUUID()}:`;
      const store = await createRedisTokenStore({ url: REDIS_URL, keyPrefix, now: () => clock.now });
      return {
        store,
        clock,
        async cleanup() {
          await store.close();
          const admin = createClient({ url: REDIS_URL });
          await admin.connect();
          const keys = await admin.keys(`${keyPrefix}*`);
          if (keys.length > 0) await admin.del(keys);
          await admin.close();
        },
      };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const clock = { now: Date.now() };
      const table = `waflow_claim_test_${randomUUID().replaceAll('-', '')}`;
      const store = await createPostgresTokenStore({ connectionString: TEST_DATABASE_URL, table, now: () => clock.now });
      return {
        store,
        clock,
        async cleanup() {
          await store.close();
          const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
          await admin.connect();
          await admin.query(`DROP TABLE IF EXISTS ${table}`);
          await admin.end();
        },
      };
    },
  ],
];

let keys: { privateKeyPem: string; publicKeyPem: string };
const open: { server: RunningServer; backend: Backend }[] = [];

beforeAll(async () => {
  keys = await generateKeyPair();
});
afterEach(async () => {
  await Promise.all(open.splice(0).map(async ({ server, backend }) => {
    await server.close();
    await backend.cleanup();
  }));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const init = (token: string): DataChannelRequest => ({ version: '3.0', action: 'INIT', flow_token: token });
const exchange = (token: string, screen: string, data: Record<string, unknown> = {}): DataChannelRequest => ({ version: '3.0', action: 'data_exchange', flow_token: token, screen, data });
const errorCode = (result: CallResult): string | undefined => (result.body as { error?: { code?: string } }).error?.code;

interface Harness {
  client: PlatformClient;
  store: FlowTokenStore;
  clock: { now: number };
  logger: CapturedLogger;
}

async function start(makeBackend: () => Promise<Backend>, handlers: FlowHandlers): Promise<Harness> {
  const backend = await makeBackend();
  const logger = captureLogger();
  const endpoint = createFlowEndpoint({ privateKey: keys.privateKeyPem, tokenStore: backend.store, logger, handlers });
  const server = await serveEndpoint(endpoint);
  open.push({ server, backend });
  return { client: await PlatformClient.create(server.url, keys.publicKeyPem), store: backend.store, clock: backend.clock, logger };
}

describe.each(backends)('one completion per flow token (%s store)', (_name, makeBackend) => {
  it(`${N} concurrent completing requests for one token: the handler runs once, 1 × 200 and ${N - 1} × 427`, async () => {
    let runs = 0;
    const h = await start(makeBackend, {
      dataExchange: {
        CONFIRM: async () => {
          runs += 1;
          await sleep(50); // a booking written to a database: long enough for every request to overlap
          return complete({ booking_id: `B-${runs}` });
        },
      },
    });
    await h.store.issue('book-once', { ttlSeconds: 600 });

    const results = await Promise.all(Array.from({ length: N }, () => h.client.call(exchange('book-once', 'CONFIRM'))));

    expect(runs).toBe(1);
    const ok = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status === 427);
    expect(ok).toEqual([{ status: 200, body: { screen: 'SUCCESS', data: { extension_message_response: { params: { booking_id: 'B-1', flow_token: 'book-once' } } } } }]);
    expect(refused).toHaveLength(N - 1);
    // Refused while the winner held the token, or after it completed.
    for (const r of refused) expect(['FLOW_TOKEN_CLAIMED', 'FLOW_TOKEN_COMPLETED']).toContain(errorCode(r));
    expect((await h.store.get('book-once'))?.status).toBe('completed');
    const after = await h.client.call(init('book-once'));
    expect(after.status).toBe(427);
    expect(errorCode(after)).toBe('FLOW_TOKEN_COMPLETED');
    expect(runs).toBe(1);
  });

  it('a handler that throws releases the token: the next request for it succeeds', async () => {
    let runs = 0;
    const h = await start(makeBackend, {
      dataExchange: {
        CONFIRM: () => {
          runs += 1;
          if (runs === 1) throw new Error('calendar unavailable');
          if (runs === 2) return { screen: 42 } as never; // an invalid result releases too
          return complete({ booking_id: 'B-3' });
        },
      },
    });
    await h.store.issue('retry', { ttlSeconds: 600 });
    expect(errorCode(await h.client.call(exchange('retry', 'CONFIRM')))).toBe('HANDLER_FAILED');
    expect(errorCode(await h.client.call(exchange('retry', 'CONFIRM')))).toBe('INVALID_HANDLER_RESULT');
    expect((await h.store.get('retry'))?.status).toBe('active');
    expect(await h.client.call(exchange('retry', 'CONFIRM'))).toMatchObject({ status: 200, body: { screen: 'SUCCESS' } });
    expect(runs).toBe(3);
  });

  it('a non-complete answer releases the token, so the next screen\'s request works; completion spends it', async () => {
    const h = await start(makeBackend, {
      init: () => nextScreen('PICK', { slots: ['09:00'] }),
      dataExchange: {
        PICK: (ctx) => nextScreen('CONFIRM', { slot: String(ctx.data.slot) }),
        CONFIRM: (ctx) => complete({ slot: String(ctx.data.slot) }),
      },
    });
    await h.store.issue('steps', { ttlSeconds: 600 });
    expect(await h.client.call(init('steps'))).toMatchObject({ status: 200, body: { screen: 'PICK' } });
    expect(await h.client.call(exchange('steps', 'PICK', { slot: '09:00' }))).toMatchObject({ status: 200, body: { screen: 'CONFIRM' } });
    expect(await h.client.call(exchange('steps', 'PICK', { slot: '09:00' }))).toMatchObject({ status: 200, body: { screen: 'CONFIRM' } });
    expect((await h.store.get('steps'))?.status).toBe('active');
    expect(await h.client.call(exchange('steps', 'CONFIRM', { slot: '09:00' }))).toMatchObject({ status: 200, body: { screen: 'SUCCESS' } });
    expect(errorCode(await h.client.call(exchange('steps', 'PICK', { slot: '09:00' })))).toBe('FLOW_TOKEN_COMPLETED');
  });

  it('a process that died holding the token: 427 until the lease runs out, then the token is usable again', async () => {
    const h = await start(makeBackend, { dataExchange: { CONFIRM: () => complete({ ok: true }) } });
    await h.store.issue('orphan', { ttlSeconds: 600 });
    // What a process that crashed mid-handler leaves behind: a claim nobody will settle.
    expect((await h.store.claim('orphan', { claimId: 'crashed-process', leaseMs: DEFAULT_TOKEN_LEASE_MS })).ok).toBe(true);
    expect(errorCode(await h.client.call(exchange('orphan', 'CONFIRM')))).toBe('FLOW_TOKEN_CLAIMED');
    h.clock.now += DEFAULT_TOKEN_LEASE_MS;
    expect(await h.client.call(exchange('orphan', 'CONFIRM'))).toMatchObject({ status: 200, body: { screen: 'SUCCESS' } });
    expect(await h.store.settle('orphan', 'crashed-process', 'complete')).toBe(false);
  });

  it('a handler that outlives its lease and loses the token does not send its completion: 427, logged', async () => {
    let entered!: () => void;
    const inHandler = new Promise<void>((resolve) => (entered = resolve));
    let finish!: () => void;
    const stalled = new Promise<void>((resolve) => (finish = resolve));
    let runs = 0;
    const h = await start(makeBackend, {
      dataExchange: {
        CONFIRM: async () => {
          runs += 1;
          if (runs === 1) {
            entered();
            await stalled;
          }
          return complete({ run: runs });
        },
      },
    });
    await h.store.issue('slow', { ttlSeconds: 600 });
    const first = h.client.call(exchange('slow', 'CONFIRM'));
    await inHandler;
    expect(errorCode(await h.client.call(exchange('slow', 'CONFIRM')))).toBe('FLOW_TOKEN_CLAIMED');
    h.clock.now += DEFAULT_TOKEN_LEASE_MS;
    expect(await h.client.call(exchange('slow', 'CONFIRM'))).toMatchObject({ status: 200, body: { screen: 'SUCCESS' } });
    finish();
    const late = await first;
    expect(late.status).toBe(427);
    expect(errorCode(late)).toBe('FLOW_TOKEN_CLAIM_LOST');
    expect(h.logger.text()).toContain('a completion was not sent');
  });
});

describe('token claims without a store', () => {
  it('run every request, as before: no store, no claim', async () => {
    let runs = 0;
    const endpoint = createFlowEndpoint({ privateKey: keys.privateKeyPem, logger: captureLogger(), handlers: { init: () => complete({ n: ++runs }) } });
    const server = await serveEndpoint(endpoint);
    try {
      const client = await PlatformClient.create(server.url, keys.publicKeyPem);
      const results = await Promise.all([client.call(init('x')), client.call(init('x'))]);
      expect(results.map((r) => r.status)).toEqual([200, 200]);
      expect(runs).toBe(2);
    } finally {
      await server.close();
    }
  });
});

// Issue 16 measured a third less throughput for three Redis EVALs per completing request. Every
// data-carrying request now costs the store two round trips: one to check and claim the token,
// one to settle it (release, or complete). Counted where they arrive: Redis by MONITOR, and
// PostgreSQL at the pool every statement goes through.
describe('store round trips per request', () => {
  const handlers: FlowHandlers = {
    init: () => nextScreen('PICK', {}),
    dataExchange: { PICK: () => nextScreen('CONFIRM', {}), CONFIRM: () => complete({}) },
  };
  const steps: [string, DataChannelRequest][] = [
    ['INIT', init('trips')],
    ['data_exchange', exchange('trips', 'PICK')],
    ['completing', exchange('trips', 'CONFIRM')],
  ];

  /** Sends each step and returns what `collect` saw the store send during it. */
  async function perStep(store: FlowTokenStore, collect: () => Promise<string[]>): Promise<Record<string, string[]>> {
    const server = await serveEndpoint(createFlowEndpoint({ privateKey: keys.privateKeyPem, tokenStore: store, logger: captureLogger(), handlers }));
    try {
      const client = await PlatformClient.create(server.url, keys.publicKeyPem);
      await store.issue('trips', { ttlSeconds: 600 });
      await collect();
      const seen: Record<string, string[]> = {};
      for (const [name, request] of steps) {
        expect((await client.call(request)).status).toBe(200);
        seen[name] = await collect();
      }
      expect(errorCode(await client.call(init('trips')))).toBe('FLOW_TOKEN_COMPLETED');
      return seen;
    } finally {
      await server.close();
    }
  }

  it('Redis: one EVALSHA to claim and one to settle per request, as MONITOR sees them', async () => {
    const keyPrefix = `waflow-claim-test:${randomUUID()}:`;
    const store = await createRedisTokenStore({ url: REDIS_URL, keyPrefix });
    const admin = createClient({ url: REDIS_URL });
    const monitor = createClient({ url: REDIS_URL });
    await Promise.all([admin.connect(), monitor.connect()]);
    try {
      const lines: string[] = [];
      // Commands a script runs show up too, tagged "lua": they are not round trips.
      await monitor.monitor((line: string) => {
        if (line.includes(keyPrefix) && !/^\S+ \[\d+ lua\]/.test(line)) lines.push(line);
      });
      const { CLAIM, SETTLE } = await scripts();
      const names = new Map([[CLAIM.sha1, 'claim'], [SETTLE.sha1, 'settle']]);
      let markers = 0;
      // MONITOR reports commands in the order Redis ran them: once a marker sent after a step
      // shows up, every command of the step has shown up before it.
      const collect = async (): Promise<string[]> => {
        const marker = `${keyPrefix}marker-${++markers}`;
        await admin.exists(marker);
        await expect.poll(() => lines.some((l) => l.includes(`"${marker}"`)), { timeout: 5_000, interval: 10 }).toBe(true);
        const taken = lines.splice(0, lines.findIndex((l) => l.includes(`"${marker}"`)) + 1).slice(0, -1);
        return taken.map((line) => {
          const [command = '', sha = ''] = [...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
          return command === 'EVALSHA' ? `EVALSHA ${names.get(sha) ?? sha}` : command;
        });
      };
      expect(await perStep(store, collect)).toEqual({
        INIT: ['EVALSHA claim', 'EVALSHA settle'],
        data_exchange: ['EVALSHA claim', 'EVALSHA settle'],
        completing: ['EVALSHA claim', 'EVALSHA settle'],
      });
    } finally {
      await store.close();
      await monitor.close();
      const left = await admin.keys(`${keyPrefix}*`);
      if (left.length > 0) await admin.del(left);
      await admin.close();
    }
  });

  it('PostgreSQL: one statement to claim and one to settle per request', async () => {
    const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
    const table = `waflow_claim_test_${randomUUID().replaceAll('-', '')}`;
    const sent: string[] = [];
    try {
      const store = await createPostgresTokenStore({ table, pool: { query: (text, values) => (sent.push(text), pool.query(text, values)) } });
      const kind = (sql: string): string => {
        if (sql.startsWith('WITH claimed AS (')) return 'claim';
        if (/^UPDATE \w+ SET status = 'completed', claim_id = NULL/.test(sql)) return 'complete';
        if (/^UPDATE \w+ SET claim_id = NULL, lease_until = NULL/.test(sql)) return 'release';
        return sql;
      };
      const collect = async (): Promise<string[]> => sent.splice(0).map(kind);
      expect(await perStep(store, collect)).toEqual({
        INIT: ['claim', 'release'],
        data_exchange: ['claim', 'release'],
        completing: ['claim', 'complete'],
      });
    } finally {
      await pool.query(`DROP TABLE IF EXISTS ${table}`);
      await pool.end();
    }
  });
});
