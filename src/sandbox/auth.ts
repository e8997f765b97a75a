// The sandbox's credentials, one table (api_keys) for three kinds:
// - a number's API key (scope `number`): the D360-API-KEY of waba-v2 and On-Premise, and the same
//   key is the number's Graph access token (`Authorization: Bearer <key>` on /graph);
// - a partner's API key (scope `partner`): the Partner API's X-API-Key, bound to a partner id, not
//   to a number; it is also the password of POST /token;
// - a bearer token POST /token issued for a partner (scope `partner_token`), with an expiry.
// Only a SHA-256 of each is stored, with its first characters to tell keys apart; the key itself
// exists only in the answer that made it, which `waflow dev` prints once. Lookup is by hash, so a
// wrong key reveals nothing about the right one.
import { createHash } from 'node:crypto';
import type { Queryable } from '../store/index.js';
import { rowId, token } from './ids.js';

export { D360_API_KEY_HEADER as API_KEY_HEADER } from '../api/contract/dialects.js';
const PREFIX_LENGTH = 8;

/** Seconds a Partner API bearer token lives (24 hours). */
export const PARTNER_TOKEN_TTL_SECONDS = 86_400;

export type ApiKeyScope = 'number' | 'partner' | 'partner_token';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string;
  readonly keyPrefix: string;
  readonly scope: ApiKeyScope;
  /** Number keys: the business phone the key belongs to. */
  readonly phoneId: string | undefined;
  /** Partner keys and tokens: the partner they act for. */
  readonly partnerId: string | undefined;
  /** Tokens: when they stop working. */
  readonly expiresAt: Date | undefined;
}

interface InsertKey {
  name: string;
  key: string;
  scope: ApiKeyScope;
  phoneId?: string | undefined;
  partnerId?: string | undefined;
  expiresAt?: Date | undefined;
}

async function insertKey(db: Queryable, k: InsertKey): Promise<ApiKeyRecord> {
  if (k.key.length < 8) throw new RangeError('an API key must have at least 8 characters');
  const record: ApiKeyRecord = {
    id: rowId(k.scope === 'partner_token' ? 'tok' : 'key'),
    name: k.name,
    keyPrefix: k.key.slice(0, PREFIX_LENGTH),
    scope: k.scope,
    phoneId: k.phoneId,
    partnerId: k.partnerId,
    expiresAt: k.expiresAt,
  };
  await db.query(
    `INSERT INTO api_keys (id, name, key_hash, key_prefix, phone_id, scope, partner_id, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (key_hash) DO NOTHING`,
    [record.id, record.name, hashApiKey(k.key), record.keyPrefix, record.phoneId ?? null, record.scope, record.partnerId ?? null, record.expiresAt ?? null],
  );
  return record;
}

/** Creates a number's key and returns it in clear once; the store keeps its hash. */
export async function createApiKey(db: Queryable, options: { name: string; phoneId?: string; key?: string }): Promise<{ key: string; record: ApiKeyRecord }> {
  const key = options.key ?? `sbx_${token(24)}`;
  return { key, record: await insertKey(db, { name: options.name, key, scope: 'number', phoneId: options.phoneId }) };
}

/** Creates a partner's API key (X-API-Key) and returns it in clear once. */
export async function createPartnerKey(db: Queryable, options: { name: string; partnerId: string; key?: string }): Promise<{ key: string; record: ApiKeyRecord }> {
  const key = options.key ?? `sbxp_${token(24)}`;
  return { key, record: await insertKey(db, { name: options.name, key, scope: 'partner', partnerId: options.partnerId }) };
}

/**
 * Issues a Partner API bearer token for a partner, valid `ttlSeconds` from `now`. Expired tokens
 * of every partner are deleted on the way (they can never work again).
 */
export async function issuePartnerToken(
  db: Queryable,
  options: { partnerId: string; now: Date; ttlSeconds?: number; token?: string },
): Promise<{ token: string; record: ApiKeyRecord }> {
  await db.query(`DELETE FROM api_keys WHERE scope = 'partner_token' AND expires_at <= $1`, [options.now]);
  const value = options.token ?? `sbxt_${token(32)}`;
  const expiresAt = new Date(options.now.getTime() + (options.ttlSeconds ?? PARTNER_TOKEN_TTL_SECONDS) * 1000);
  return { token: value, record: await insertKey(db, { name: 'POST /token', key: value, scope: 'partner_token', partnerId: options.partnerId, expiresAt }) };
}

/** Number of usable keys of a scope (a number's keys unless said), or of one partner's keys. */
export async function countApiKeys(db: Queryable, options: { scope?: ApiKeyScope; partnerId?: string } = {}): Promise<number> {
  const params: unknown[] = [options.scope ?? 'number'];
  let where = 'revoked_at IS NULL AND scope = $1';
  if (options.partnerId !== undefined) {
    params.push(options.partnerId);
    where += ` AND partner_id = $${params.length}`;
  }
  const rows = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM api_keys WHERE ${where}`, params);
  return rows[0]?.n ?? 0;
}

interface KeyRow {
  id: string;
  name: string;
  key_prefix: string;
  phone_id: string | null;
  scope: ApiKeyScope;
  partner_id: string | null;
  expires_at: Date | string | null;
}

/**
 * The record of a presented key or token, or undefined when it is unknown, revoked or expired at
 * `now`. Callers check the scope: each surface takes only its own kind.
 */
export async function findApiKey(db: Queryable, key: string, now: Date = new Date()): Promise<ApiKeyRecord | undefined> {
  const rows = await db.query<KeyRow>(
    `UPDATE api_keys SET last_used_at = now() WHERE key_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)
     RETURNING id, name, key_prefix, phone_id, scope, partner_id, expires_at`,
    [hashApiKey(key), now],
  );
  const row = rows[0];
  if (row === undefined) return undefined;
  return {
    id: row.id,
    name: row.name,
    keyPrefix: row.key_prefix,
    scope: row.scope,
    phoneId: row.phone_id ?? undefined,
    partnerId: row.partner_id ?? undefined,
    expiresAt: row.expires_at === null ? undefined : new Date(row.expires_at),
  };
}
