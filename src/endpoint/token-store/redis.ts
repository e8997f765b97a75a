// Redis token store: several endpoint instances share flow-token sessions. Each token is a hash
// (status, data, issuedAt, expiresAt, and claim + leaseUntil while a request holds it) whose key
// expires with the token, so Redis forgets expired tokens by itself. Every operation is one Lua
// script (redis-scripts.ts), so it is atomic and one round trip: a request that completes a flow
// costs one EVALSHA to claim and one to settle, where it used to cost three EVALs (a GET, then
// markCompleted's GET and SET_FIELD). Times come from the store's clock (ARGV), so a clock
// passed in decides expiry and leases. With `url` the store speaks RESP through its own connection
// (resp.ts: no `redis` package, and a fraction of its CPU per command); `client` takes a node-redis
// client or anything else with eval (and evalSha, scriptLoad).
import { scriptRunner, scripts } from './redis-scripts.js';
import type { RedisScriptClient, Script } from './redis-scripts.js';
import { openRespConnection } from './resp.js';
import type { RespConnectionOptions } from './resp.js';
import { assertClaimOptions, assertIssueOptions } from './types.js';
import type { ClaimOptions, ClaimResult, FlowTokenRecord, FlowTokenStore, IssueOptions, SettleOutcome } from './types.js';

export type { RedisScriptClient } from './redis-scripts.js';

export type RedisTokenStoreOptions = {
  /** Key prefix, so several flows or tests share one database (default `waflow:flow-token:`). */
  keyPrefix?: string;
  now?: () => number;
} & (
  | {
      /**
       * `redis://[[user]:password@]host[:port][/db]` or `rediss://` (TLS); the store opens and
       * closes its own connection, and reconnects on the next command after a drop.
       */
      url: string;
      /** For the store's own connection: a connect timeout, TLS options (a private CA, say). */
      connection?: RespConnectionOptions;
      client?: undefined;
    }
  | { /** A connected client you own; close() leaves it open. */ client: RedisScriptClient; url?: undefined; connection?: undefined }
);

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
    const own = await openRespConnection(options.url, options.connection);
    client = own;
    owned = own;
  }
  const all = await scripts();
  const { ISSUE, GET, CLAIM, SETTLE, SET_FIELD, REVOKE } = all;
  const exec = scriptRunner(client, all);
  const run = (script: Script, token: string, args: string[]): Promise<unknown> => exec(script, prefix + token, args);

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
      await run(REVOKE, token, []);
    },
    async close() {
      await owned?.close();
    },
  };
}
