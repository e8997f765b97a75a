import { createHmac, timingSafeEqual } from 'node:crypto';
import { Buffer } from 'node:buffer';

// Endpoint requests carry `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body keyed
// with the App Secret>`, as webhooks do; a mismatch is answered with 432
// (Meta, "Implementing Endpoint for Flows", request signature validation).

export function verifyRequestSignature(rawBody: string | Uint8Array, header: string | null | undefined, appSecret: string): boolean {
  if (typeof appSecret !== 'string' || appSecret.length === 0) throw new TypeError('appSecret must be a non-empty string');
  if (typeof header !== 'string') return false;
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1], 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(given, expected);
}

/** Platform side (sandbox): the header WhatsApp sends. */
export function signRequestBody(rawBody: string | Uint8Array, appSecret: string): string {
  if (typeof appSecret !== 'string' || appSecret.length === 0) throw new TypeError('appSecret must be a non-empty string');
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}
