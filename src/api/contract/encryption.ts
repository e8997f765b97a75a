// The business public key that WhatsApp uses to encrypt data-channel requests to the endpoint
// (seed, "Signing the Public Key"). The common wire form is the seed's JSON `{ public_key }`:
// - 360dialog Cloud (waba-v2) and On-Premise take it as it is. For waba-v2 the seed names the field
//   `public_key` while Meta's own form field is `business_public_key` (unconfirmed which 360dialog
//   reads); we follow 360dialog's page. To switch, set CLOUD_PUBLIC_KEY_FIELD below.
// - Meta takes `business_public_key` as application/x-www-form-urlencoded on the phone number.
// Reading it back: waba-v2 wraps the record as `{ data: [record] }` (360dialog's OpenAPI), Meta and
// On-Premise answer the record itself; the common form is `{ data: [record] }` (empty: no key).
// A 2048-bit RSA key is required; we check the PEM's DER length without any crypto module, so the
// contract stays browser-safe.
import type { DialectWire, Operation } from '../types.js';
import type { Issues } from './check.js';
import { invalid, requireObjectBody, requireString } from './check.js';

export type PublicKeySignatureStatus = 'SIGNED' | 'MISMATCH' | 'VALID';

export interface SetPublicKeyRequest {
  publicKey: string;
}

export interface SetPublicKeyResponse {
  success: boolean;
}

/** Cloud answers `{ data: [record] }`; On-Premise answers the record itself (with `meta`). */
export interface PublicKeyRecord {
  businessPublicKey: string;
  businessPublicKeySignatureStatus: PublicKeySignatureStatus;
}

export interface GetPublicKeyCloudResponse {
  data: PublicKeyRecord[];
}

export interface GetPublicKeyOnPremiseResponse extends PublicKeyRecord {
  meta?: { apiStatus: string; version: string };
}

// DER sizes of a 2048-bit RSA public key: SubjectPublicKeyInfo ("PUBLIC KEY") and PKCS#1 ("RSA PUBLIC KEY").
const SPKI_2048_BYTES = 294;
const PKCS1_2048_BYTES = 270;

/** Check a PEM public key; returns a reason when it is not a 2048-bit RSA public key, else undefined. */
export function checkPublicKeyPem(pem: string): string | undefined {
  const match = /^\s*-----BEGIN (RSA )?PUBLIC KEY-----\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n?-----END (RSA )?PUBLIC KEY-----\s*$/.exec(pem);
  if (match === null) {
    if (/PRIVATE KEY/.test(pem)) return 'this is a private key; send the public key only (openssl rsa -in private.pem -pubout).';
    return 'it must be a PEM public key (-----BEGIN PUBLIC KEY----- ... -----END PUBLIC KEY-----).';
  }
  if ((match[1] ?? '') !== (match[3] ?? '')) return 'its BEGIN and END lines do not match.';
  const base64 = (match[2] ?? '').replace(/\s+/g, '');
  let bytes: number;
  try {
    bytes = atob(base64).length;
  } catch {
    return 'its body is not valid base64.';
  }
  const expected = match[1] === undefined ? SPKI_2048_BYTES : PKCS1_2048_BYTES;
  if (bytes !== expected) return `it must be a 2048-bit RSA key (a ${expected}-byte DER body); this one has ${bytes} bytes.`;
  return undefined;
}

/** The body field waba-v2 reads the key from; `'business_public_key'` would be Meta's spelling. */
export const CLOUD_PUBLIC_KEY_FIELD: 'public_key' | 'business_public_key' = 'public_key';

function renameKeyField(to: string): DialectWire['request'] {
  const move = (body: unknown, from: string, into: string): unknown => {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
    const { [from]: value, ...rest } = body as Record<string, unknown>;
    return value === undefined ? body : { ...rest, [into]: value };
  };
  return {
    encode: (r) => ({ ...r, body: move(r.body, 'public_key', to) }),
    decode: (r) => ({ ...r, body: move(r.body, to, 'public_key') }),
  };
}

/** Graph and On-Premise answer the record itself; the common form wraps it as waba-v2 does. */
const flatRecord: DialectWire['response'] = {
  encode: (body) => {
    const data = (body as { data?: unknown[] } | undefined)?.data;
    return Array.isArray(data) && data[0] !== undefined ? data[0] : {};
  },
  decode: (body) => {
    const record = (body ?? {}) as Record<string, unknown>;
    const { meta: _meta, ...rest } = record;
    return typeof rest.business_public_key === 'string' && rest.business_public_key !== '' ? { data: [rest] } : { data: [] };
  },
};

export const setPublicKey: Operation = {
  id: 'encryption.setPublicKey',
  method: 'POST',
  path: {
    cloud: '/whatsapp_business_encryption',
    onPremise: '/v1/settings/business/whatsapp_business_encryption',
    meta: '/{phoneNumberId}/whatsapp_business_encryption',
  },
  wire: {
    ...(CLOUD_PUBLIC_KEY_FIELD === 'public_key' ? {} : { cloud: { request: renameKeyField(CLOUD_PUBLIC_KEY_FIELD) } }),
    meta: { body: 'form', request: renameKeyField('business_public_key') },
  },
  summary: 'Set (and sign) the business public key of the phone number.',
  body: 'json',
  validate: (request) => {
    const issues: Issues = [];
    const body = request.body;
    if (!requireObjectBody(issues, body)) return issues;
    const pem = requireString(issues, body, 'public_key', '');
    if (pem !== undefined) {
      const reason = checkPublicKeyPem(pem);
      if (reason !== undefined) invalid(issues, 'public_key', `public_key is not usable: ${reason}`);
    }
    return issues;
  },
};

export const getPublicKey: Operation = {
  id: 'encryption.getPublicKey',
  method: 'GET',
  path: {
    cloud: '/whatsapp_business_encryption',
    onPremise: '/v1/settings/business/whatsapp_business_encryption',
    meta: '/{phoneNumberId}/whatsapp_business_encryption',
  },
  wire: { 'on-premise': { response: flatRecord }, meta: { response: flatRecord } },
  summary: 'Read the business public key and its signature status.',
  body: 'none',
  validate: () => [],
};

export const encryptionOperations = [setPublicKey, getPublicKey] as const;
