// API keys (the D360-API-KEY header). Only a SHA-256 of a key is stored, with its first characters
// to tell keys apart; the key itself exists only in the answer of createApiKey, which `waflow dev`
// prints once. Comparison is by hash lookup, so a wrong key reveals nothing about the right one.
import { createHash } from 'node:crypto';
import type { Queryable } from '../store/index.js';
import { rowId, token } from './ids.js';

export const API_KEY_HEADER = 'd360-api-key';
const PREFIX_LENGTH = 8;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export interface ApiKeyRecord {
  readonly id: string;
  readonly name: string;
  readonly keyPrefix: string;
  /** The business phone the key belongs to. */
  readonly phoneId: string | undefined;
}

/** Creates a key and returns it in clear once; the store keeps its hash. */
export async function createApiKey(db: Queryable, options: { name: string; phoneId?: string; key?: string }): Promise<{ key: string; record: ApiKeyRecord }> {
  const key = options.key ?? `sbx_${token(24)}`;
  if (key.length < 8) throw new RangeError('an API key must have at least 8 characters');
  const record: ApiKeyRecord = { id: rowId('key'), name: options.name, keyPrefix: key.slice(0, PREFIX_LENGTH), phoneId: options.phoneId };
  await db.query(
    `INSERT INTO api_keys (id, name, key_hash, key_prefix, phone_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (key_hash) DO NOTHING`,
    [record.id, record.name, hashApiKey(key), record.keyPrefix, record.phoneId ?? null],
  );
  return { key, record };
}

/** Number of keys that are not revoked. */
export async function countApiKeys(db: Queryable): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_keys WHERE revoked_at IS NULL');
  return rows[0]?.n ?? 0;
}

/** The key record for a presented key, or undefined when it is unknown or revoked. */
export async function findApiKey(db: Queryable, key: string): Promise<ApiKeyRecord | undefined> {
  const rows = await db.query<{ id: string; name: string; key_prefix: string; phone_id: string | null }>(
    `UPDATE api_keys SET last_used_at = now() WHERE key_hash = $1 AND revoked_at IS NULL
     RETURNING id, name, key_prefix, phone_id`,
    [hashApiKey(key)],
  );
  const row = rows[0];
  if (row === undefined) return undefined;
  return { id: row.id, name: row.name, keyPrefix: row.key_prefix, phoneId: row.phone_id ?? undefined };
}
