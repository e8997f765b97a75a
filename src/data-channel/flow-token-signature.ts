import { decodeBase64UrlStrict, encodeBase64Url } from './base64.js';
import { constantTimeEqual, utf8 } from './bytes.js';
import { cryptoBackend } from './crypto-backend.js';
import { isPlainObject } from './payload.js';

// Data API 4.0 ("WhatsApp Flows Endpoints Security Enhancements", Flows changelog, Nov 11 2025):
// requests of flows with `data_api_version: "4.0"` carry `flow_token_signature` next to
// `flow_token`. Meta's pages describe it only as a signature the endpoint verifies with the
// Meta app's App Secret; the reading we implement (and what the sandbox signs) is:
//   - a compact JWS (JWT) with header {"alg":"HS256","typ":"JWT"}, HMAC-SHA256 keyed with the
//     App Secret (UTF-8 bytes), over `base64url(header) + "." + base64url(claims)`;
//   - claims bind the token: `flow_token` must equal the request's flow_token; `iat` and `exp`
//     (seconds) are honoured when present.
// Only HS256 is accepted: "none" and every other algorithm are refused, so a forged header
// cannot downgrade the check. Every base64url part must be canonical, unpadded base64url.

export type FlowTokenSignatureFailure =
  | 'MISSING'          // no flow_token_signature on the request
  | 'MALFORMED'        // not three base64url parts with JSON header and claims
  | 'UNSUPPORTED_ALG'  // header alg is not HS256
  | 'BAD_SIGNATURE'    // HMAC does not match the App Secret
  | 'TOKEN_MISMATCH'   // claims name another flow token, or none
  | 'EXPIRED'          // exp is in the past (beyond the allowed clock skew)
  | 'NOT_YET_VALID';   // iat/nbf is in the future (beyond the allowed clock skew)

export type FlowTokenSignatureResult =
  | { valid: true; claims: Record<string, unknown> }
  | { valid: false; reason: FlowTokenSignatureFailure };

export interface VerifyFlowTokenSignatureOptions {
  /** The request's `flow_token`. */
  flowToken: string;
  /** The request's `flow_token_signature`. */
  signature: string | undefined;
  /** The Meta app's App Secret. Never logged or echoed. */
  appSecret: string;
  /** Seconds since the epoch; default now. */
  now?: number;
  /** Tolerated clock difference in seconds; default 300. */
  clockSkewSeconds?: number;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const utf8Text = new TextDecoder();

function decodeJsonPart(part: string): Record<string, unknown> | undefined {
  const bytes = part === '' ? undefined : decodeBase64UrlStrict(part);
  if (bytes === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(utf8Text.decode(bytes));
    return isPlainObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

async function hmac(appSecret: string, signingInput: string): Promise<Uint8Array> {
  return (await cryptoBackend()).hmacSha256(appSecret, signingInput);
}

function checkSecret(appSecret: unknown): asserts appSecret is string {
  if (typeof appSecret !== 'string' || appSecret.length === 0) throw new TypeError('appSecret must be a non-empty string');
}

export async function verifyFlowTokenSignature(options: VerifyFlowTokenSignatureOptions): Promise<FlowTokenSignatureResult> {
  const { flowToken, signature, appSecret, clockSkewSeconds = 300 } = options;
  checkSecret(appSecret);
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (signature === undefined || signature === '') return { valid: false, reason: 'MISSING' };
  if (typeof signature !== 'string') return { valid: false, reason: 'MALFORMED' };
  const parts = signature.split('.');
  if (parts.length !== 3) return { valid: false, reason: 'MALFORMED' };
  const [headerPart = '', claimsPart = '', macPart = ''] = parts;
  const header = decodeJsonPart(headerPart);
  const claims = decodeJsonPart(claimsPart);
  if (!header || !claims || !BASE64URL.test(macPart)) return { valid: false, reason: 'MALFORMED' };
  if (header.alg !== 'HS256') return { valid: false, reason: 'UNSUPPORTED_ALG' };
  const expected = await hmac(appSecret, `${headerPart}.${claimsPart}`);
  // Strict decoding refuses non-canonical base64url that would decode to the same bytes.
  const given = decodeBase64UrlStrict(macPart);
  if (given === undefined || !constantTimeEqual(given, expected)) return { valid: false, reason: 'BAD_SIGNATURE' };
  if (claims.flow_token !== flowToken) return { valid: false, reason: 'TOKEN_MISMATCH' };
  if (typeof claims.exp === 'number' && now > claims.exp + clockSkewSeconds) return { valid: false, reason: 'EXPIRED' };
  for (const claim of ['iat', 'nbf'] as const) {
    const value = claims[claim];
    if (typeof value === 'number' && value > now + clockSkewSeconds) return { valid: false, reason: 'NOT_YET_VALID' };
  }
  return { valid: true, claims };
}

export interface SignFlowTokenOptions {
  flowToken: string;
  appSecret: string;
  /** Seconds since the epoch; default now. */
  issuedAt?: number;
  /** Lifetime in seconds; omitted means no `exp` claim. */
  expiresIn?: number;
}

/** Platform side (sandbox): what WhatsApp puts in `flow_token_signature`. */
export async function signFlowToken(options: SignFlowTokenOptions): Promise<string> {
  const { flowToken, appSecret } = options;
  checkSecret(appSecret);
  if (typeof flowToken !== 'string' || flowToken.length === 0) throw new TypeError('flowToken must be a non-empty string');
  const iat = options.issuedAt ?? Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = { flow_token: flowToken, iat };
  if (options.expiresIn !== undefined) claims.exp = iat + options.expiresIn;
  const encode = (value: unknown): string => encodeBase64Url(utf8(JSON.stringify(value)));
  const signingInput = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${signingInput}.${encodeBase64Url(await hmac(appSecret, signingInput))}`;
}
