// Redis token store: several endpoint instances share flow-token sessions. Each token is a hash
// (status, data, issuedAt, expiresAt) whose key expires with the token, so Redis forgets
// expired tokens by itself. Scripts keep each operation atomic and keep the key's TTL.
import { peerMissing } from '../../peer/optional.js';
import { assertIssueOptions } from './types.js';
import type { FlowTokenRecord, FlowTokenStore, IssueOptions } from './types.js';

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

const ISSUE = `
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'status', 'active', 'data', ARGV[1], 'issuedAt', ARGV[2], 'expiresAt', ARGV[3])
redis.call('PEXPIREAT', KEYS[1], ARGV[3])
return 1`;
const GET = `return redis.call('HMGET', KEYS[1], 'status', 'data', 'issuedAt', 'expiresAt')`;
// HSET on an existing hash keeps the key's expiry.
const SET_FIELD = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
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
    async markCompleted(token: string) {
      if ((await get(token)) === undefined) return false;
      return (await run(SET_FIELD, token, ['status', 'completed'])) === 1;
    },
    async saveData(token: string, data: Record<string, unknown>) {
      if ((await get(token)) === undefined) return false;
      return (await run(SET_FIELD, token, ['data', JSON.stringify(data)])) === 1;
    },
    async revoke(token: string) {
      await client.eval(`return redis.call('DEL', KEYS[1])`, { keys: [prefix + token], arguments: [] });
    },
    async close() {
      await owned?.close();
    },
  };
}
