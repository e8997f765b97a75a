import { constantTimeEqual, fromHex, toHex } from './bytes.js';
import { cryptoBackend } from './crypto-backend.js';

// Endpoint requests carry `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body keyed
// with the App Secret>`, as webhooks do; a mismatch is answered with 432
// (Meta, "Implementing Endpoint for Flows", request signature validation).
// Async because WebCrypto's HMAC is; on Node the backend computes it synchronously.

function checkSecret(appSecret: unknown): asserts appSecret is string {
  if (typeof appSecret !== 'string' || appSecret.length === 0) throw new TypeError('appSecret must be a non-empty string');
}

export async function verifyRequestSignature(rawBody: string | Uint8Array, header: string | null | undefined, appSecret: string): Promise<boolean> {
  checkSecret(appSecret);
  if (typeof header !== 'string') return false;
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  const given = match?.[1] === undefined ? undefined : fromHex(match[1]);
  if (given === undefined) return false;
  const expected = await (await cryptoBackend()).hmacSha256(appSecret, rawBody);
  return constantTimeEqual(given, expected);
}

/** Platform side (sandbox): the header WhatsApp sends. */
export async function signRequestBody(rawBody: string | Uint8Array, appSecret: string): Promise<string> {
  checkSecret(appSecret);
  return `sha256=${toHex(await (await cryptoBackend()).hmacSha256(appSecret, rawBody))}`;
}
