// The business public key that WhatsApp uses to encrypt data-channel requests to the endpoint
// (seed, "Signing the Public Key"). The body field is `public_key`, as the seed documents it for
// both hosting types. A 2048-bit RSA key is required; we check the PEM's DER length without any
// crypto module, so the contract stays browser-safe.
import type { Operation } from '../types.js';
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

export const setPublicKey: Operation = {
  id: 'encryption.setPublicKey',
  method: 'POST',
  path: { cloud: '/whatsapp_business_encryption', onPremise: '/v1/settings/business/whatsapp_business_encryption' },
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
  path: { cloud: '/whatsapp_business_encryption', onPremise: '/v1/settings/business/whatsapp_business_encryption' },
  summary: 'Read the business public key and its signature status.',
  body: 'none',
  validate: () => [],
};

export const encryptionOperations = [setPublicKey, getPublicKey] as const;
