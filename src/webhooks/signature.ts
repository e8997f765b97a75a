// X-Hub-Signature-256: "sha256=" + hex(HMAC-SHA256(app secret, raw request body)). Meta signs
// the exact bytes it sent, so the check must run on the raw body, before any JSON parsing.
// (developers.facebook.com/docs/graph-api/webhooks/getting-started, "Validating Payloads")
import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

const HEADER = /^sha256=([0-9a-fA-F]{64})$/;

/** HMAC-SHA256 of the body as lowercase hex: what the header carries after "sha256=". */
export function signWebhookBody(rawBody: Uint8Array | string, appSecret: string): string {
  return createHmac('sha256', appSecret).update(rawBody).digest('hex');
}

/** The full header value for a body, for tests and for the sandbox's dispatcher. */
export function webhookSignatureHeader(rawBody: Uint8Array | string, appSecret: string): string {
  return `sha256=${signWebhookBody(rawBody, appSecret)}`;
}

/**
 * True only if `header` is a well-formed sha256 signature of `rawBody` under `appSecret`.
 * Compares in constant time; a missing, malformed or wrong header, or an empty secret, is
 * simply false (never a throw).
 */
export function verifyWebhookSignature(rawBody: Uint8Array | string, header: string | null | undefined, appSecret: string): boolean {
  if (typeof appSecret !== 'string' || appSecret === '') return false;
  return check(rawBody, header, appSecret);
}

function check(rawBody: Uint8Array | string, header: string | null | undefined, key: string | KeyObject): boolean {
  if (typeof header !== 'string') return false;
  if (typeof rawBody !== 'string' && !(rawBody instanceof Uint8Array)) return false;
  const match = HEADER.exec(header.trim());
  if (match?.[1] === undefined) return false;
  const given = Buffer.from(match[1], 'hex'); // hex decoding accepts either case
  const expected = createHmac('sha256', key).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * verifyWebhookSignature for one app secret, checked once: the key is prepared once rather than
 * on every delivery (the handler's path).
 */
export function webhookVerifier(appSecret: string): (rawBody: Uint8Array | string, header: string | null | undefined) => boolean {
  if (typeof appSecret !== 'string' || appSecret === '') return () => false;
  const key = createSecretKey(Buffer.from(appSecret, 'utf8'));
  return (rawBody, header) => check(rawBody, header, key);
}
