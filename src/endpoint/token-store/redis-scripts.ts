// The Redis token store's Lua scripts, and how they are sent. Each operation is one script, so it
// is atomic and one round trip. Scripts go by their SHA1 (EVALSHA): the store loads them once
// when it is created, and a server that lost them (a restart, SCRIPT FLUSH, a failover to a
// replica that never saw them) answers NOSCRIPT, whereupon that call is sent again as EVAL, which
// caches the script again. EVALSHA spares Redis a hash of the script text and the client the
// text itself: bench/token-store.ts measured EVAL at ~10 µs more client CPU per call.

/** What the store needs of a client; a client from the `redis` package has all three. */
export interface RedisScriptClient {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  /** EVALSHA. Optional: a client without it sends every script as EVAL (one round trip all the same). */
  evalSha?(sha1: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  /** SCRIPT LOAD. Optional: without it a script is cached by the first EVAL after a NOSCRIPT. */
  scriptLoad?(script: string): Promise<unknown>;
}

export interface Script {
  text: string;
  sha1: string;
}

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
const REVOKE = `return redis.call('DEL', KEYS[1])`;

const TEXTS = { ISSUE, GET, CLAIM, SETTLE, SET_FIELD, REVOKE };
export type Scripts = Record<keyof typeof TEXTS, Script>;

/** A script with its SHA1, the name EVALSHA knows it by. */
export async function defineScript(text: string): Promise<Script> {
  const digest = await globalThis.crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
  return { text, sha1: Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('') };
}

let hashed: Promise<Scripts> | undefined;

/** The store's scripts, hashed once per process. */
export function scripts(): Promise<Scripts> {
  hashed ??= (async () => {
    const entries = await Promise.all(Object.entries(TEXTS).map(async ([name, text]) => [name, await defineScript(text)] as const));
    return Object.fromEntries(entries) as Scripts;
  })();
  return hashed;
}

const isNoScript = (error: unknown): boolean => error instanceof Error && error.message.startsWith('NOSCRIPT');

export type ScriptRunner = (script: Script, key: string, args: string[]) => Promise<unknown>;

/**
 * Sends every script to Redis to load, and returns how to run one: EVALSHA, or EVAL again after
 * NOSCRIPT. The loads are sent before any command of the store but not awaited: one that fails
 * costs one EVAL through the fallback, and a client that is not connected yet, or a Redis that is
 * down at start, does not hold up the store's creation.
 */
export function scriptRunner(client: RedisScriptClient, all: Record<string, Script>): ScriptRunner {
  const load = client.scriptLoad?.bind(client);
  for (const script of load === undefined ? [] : Object.values(all)) {
    try {
      load?.(script.text).catch(() => undefined);
    } catch {
      // A client that throws instead of rejecting: the NOSCRIPT fallback covers it all the same.
    }
  }
  const evalSha = client.evalSha?.bind(client);
  if (evalSha === undefined) return (script, key, args) => client.eval(script.text, { keys: [key], arguments: args });
  return async (script, key, args) => {
    const options = { keys: [key], arguments: args };
    try {
      return await evalSha(script.sha1, options);
    } catch (error) {
      if (!isNoScript(error)) throw error;
      return client.eval(script.text, options);
    }
  };
}
