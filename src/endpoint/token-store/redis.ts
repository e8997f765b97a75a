// Redis token store: several endpoint instances share flow-token sessions. Each token is a hash
// (status, data, issuedAt, expiresAt, and claim + leaseUntil while a request holds it) whose key
// expires with the token, so Redis forgets expired tokens by itself. Every operation is one Lua
// script, so it is atomic and one round trip: a request that completes a flow costs two EVALs
// (CLAIM, SETTLE) where it used to cost three (a GET, then markCompleted's GET and SET_FIELD).
// Times come from the store's clock (ARGV), so a clock passed in decides expiry and leases.
import { peerMissing } from '../../peer/optional.js';
import { assertClaimOptions, assertIssueOptions } from './types.js';
import type { ClaimOptions, ClaimResult, FlowTokenRecord, FlowTokenStore, IssueOptions, SettleOutcome } from './types.js';

/** The one command the store needs; a client from the `redis` package fits. */
export interface RedisScriptClient {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

export type RedisTokenStoreOptions = {
  /** Key prefix, so several flows or tests share one database (default `waflow:flow-token:`). */
  keyPrefix?: string;
  now?: () => number;
} & (
  | { /** e.g. `redis://127.0.0.1:6379`; the store opens and closes its own connection. */ url: string; client?: undefined }
  | { /** A connected client you own; close() leaves it open. */ client: RedisScriptClient; url?: undefined }
);

// DEL first: a re-issued token starts without status, data or claim of its predecessor.
const ISSUE = `
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'status', 'active', 'data', ARGV[1], 'issuedAt', ARGV[2], 'expiresAt', ARGV[3])
redis.call('PEXPIREAT', KEYS[1], ARGV[3])
return 1`;
const GET = `return redis.call('HMGET', KEYS[1], 'status', 'data', 'issuedAt', 'expiresAt')`;
// ARGV: now, claim id, lease end. A missing hash field reads as false in Lua.
const CLAIM = `
local h = redis.call('HMGET', KEYS[1], 'status', 'data', 'issuedAt', 'expiresAt', 'claim', 'leaseUntil')
if not h[1] then return {'unknown'} end
local now = tonumber(ARGV[1])
if tonumber(h[4]) <= now then return {'expired'} end
if h[1] == 'completed' then return {'completed'} end
if h[5] and tonumber(h[6]) > now then return {'claimed'} end
redis.call('HSET', KEYS[1], 'claim', ARGV[2], 'leaseUntil', ARGV[3])
return {'ok', h[2], h[3], h[4]}`;
// ARGV: claim id, now, outcome. HSET and HDEL on an existing hash keep the key's expiry.
const SETTLE = `
local h = redis.call('HMGET', KEYS[1], 'status', 'expiresAt', 'claim')
if h[3] ~= ARGV[1] then return 0 end
if ARGV[3] == 'complete' then
  if h[1] ~= 'active' or tonumber(h[2]) <= tonumber(ARGV[2]) then return 0 end
  redis.call('HSET', KEYS[1], 'status', 'completed')
end
redis.call('HDEL', KEYS[1], 'claim', 'leaseUntil')
return 1`;
// ARGV: now, field, value. Sets one field of a live token.
const SET_FIELD = `
local e = redis.call('HGET', KEYS[1], 'expiresAt')
if not e or tonumber(e) <= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[2], ARGV[3])
return 1`;

function parseData(text: string): Record<string, unknown> | undefined {
  if (text === '') return undefined;
  const value: unknown = JSON.parse(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

export async function createRedisTokenStore(options: RedisTokenStoreOptions): Promise<FlowTokenStore> {
  const prefix = options.keyPrefix ?? 'waflow:flow-token:';
  const now = options.now ?? Date.now;
  let client: RedisScriptClient;
  let owned: { close(): Promise<void> } | undefined;
  if (options.client !== undefined) {
    client = options.client;
  } else {
    const { createClient } = await import('redis').catch(peerMissing('redis', 'createRedisTokenStore({ url })'));
    const own = createClient({ url: options.url });
    // Connection errors surface through the commands that fail; the event only needs a listener.
    own.on('error', () => undefined);
    await own.connect();
    client = own;
    owned = { close: async () => void (await own.close()) };
  }
  const run = (script: string, token: string, args: string[]): Promise<unknown> =>
    client.eval(script, { keys: [prefix + token], arguments: args });

  const get = async (token: string): Promise<FlowTokenRecord | undefined> => {
    const reply = await run(GET, token, []);
    if (!Array.isArray(reply) || typeof reply[0] !== 'string') return undefined;
    const [status, data, issuedAt, expiresAt] = reply as [string, string, string, string];
    const record: FlowTokenRecord = {
      token,
      status: status === 'completed' ? 'completed' : 'active',
      data: parseData(data),
      issuedAt: Number(issuedAt),
      expiresAt: Number(expiresAt),
    };
    // The key's own expiry is exact to the millisecond, but a clock passed in may run ahead.
    return record.expiresAt <= now() ? undefined : record;
  };

  return {
    async issue(token: string, opts: IssueOptions) {
      assertIssueOptions(token, opts);
      const issuedAt = now();
      const expiresAt = issuedAt + Math.round(opts.ttlSeconds * 1000);
      const data = opts.data === undefined ? '' : JSON.stringify(opts.data);
      await run(ISSUE, token, [data, String(issuedAt), String(expiresAt)]);
      return { token, status: 'active', data: parseData(data), issuedAt, expiresAt };
    },
    get,
    async claim(token: string, opts: ClaimOptions): Promise<ClaimResult> {
      assertClaimOptions(token, opts);
      const at = now();
      const reply = await run(CLAIM, token, [String(at), opts.claimId, String(at + Math.ceil(opts.leaseMs))]);
      if (!Array.isArray(reply)) throw new TypeError('unexpected reply from the Redis claim script');
      const [verdict, data, issuedAt, expiresAt] = reply as [string, string?, string?, string?];
      if (verdict === 'ok') {
        return { ok: true, record: { token, status: 'active', data: parseData(data ?? ''), issuedAt: Number(issuedAt), expiresAt: Number(expiresAt) } };
      }
      if (verdict === 'unknown' || verdict === 'expired' || verdict === 'completed' || verdict === 'claimed') return { ok: false, reason: verdict };
      throw new TypeError('unexpected reply from the Redis claim script');
    },
    async settle(token: string, claimId: string, outcome: SettleOutcome) {
      return (await run(SETTLE, token, [claimId, String(now()), outcome])) === 1;
    },
    async markCompleted(token: string) {
      return (await run(SET_FIELD, token, [String(now()), 'status', 'completed'])) === 1;
    },
    async saveData(token: string, data: Record<string, unknown>) {
      return (await run(SET_FIELD, token, [String(now()), 'data', JSON.stringify(data)])) === 1;
    },
    async revoke(token: string) {
      await client.eval(`return redis.call('DEL', KEYS[1])`, { keys: [prefix + token], arguments: [] });
    },
    async close() {
      await owned?.close();
    },
  };
}
