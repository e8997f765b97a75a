import { AES_KEY_BYTES, IV_BYTES, flipIv } from './aes-gcm.js';
import { decodeBase64Strict, encodeBase64 } from './base64.js';
import { randomBytes, utf8 } from './bytes.js';
import { cryptoBackend } from './crypto-backend.js';
import type { CryptoBackend } from './crypto-backend.js';
import { DataChannelError } from './errors.js';
import { privateKeyOf, publicKeyOf } from './keys.js';
import type { BusinessPrivateKey, BusinessPublicKey } from './keys.js';
import { isPlainObject, parseJsonBytes, toRequest } from './payload.js';
import type { DataChannelRequest, EncryptedRequestEnvelope } from './types.js';

// The crypto is the backend's (crypto-backend.ts): synchronous node:crypto on Node, WebCrypto
// elsewhere; bench/data-channel.ts measured both. RSA-OAEP decryption dominates either way.

export interface DecryptedRequest {
  body: DataChannelRequest;
  /** Keep these two to encrypt the response. */
  aesKey: Uint8Array;
  iv: Uint8Array;
}

const FIELDS = ['encrypted_flow_data', 'encrypted_aes_key', 'initial_vector'] as const;
// An unpadded base64 RSA-16384 block is ~2.7 kB; flow data is bounded only by sanity.
const MAX_FIELD_CHARS = 8 * 1024 * 1024;

function readEnvelope(envelope: unknown): EncryptedRequestEnvelope {
  if (!isPlainObject(envelope)) {
    throw new DataChannelError('MALFORMED_ENVELOPE', 'the request body must be a JSON object with encrypted_flow_data, encrypted_aes_key and initial_vector');
  }
  for (const field of FIELDS) {
    const value = envelope[field];
    if (typeof value !== 'string' || value.length === 0) {
      throw new DataChannelError('MALFORMED_ENVELOPE', `"${field}" must be a non-empty base64 string`);
    }
    if (value.length > MAX_FIELD_CHARS) throw new DataChannelError('MALFORMED_ENVELOPE', `"${field}" is too large`);
  }
  return envelope as unknown as EncryptedRequestEnvelope;
}

function decodeField(envelope: EncryptedRequestEnvelope, field: (typeof FIELDS)[number]): Uint8Array {
  const bytes = decodeBase64Strict(envelope[field]);
  if (!bytes) throw new DataChannelError('DECRYPT_FAILED', `"${field}" is not valid base64`);
  return bytes;
}

/** Unwraps the request's AES key; may run elsewhere (a worker thread), hence the promise. */
export type KeyUnwrapper = (wrapped: Uint8Array) => Uint8Array | undefined | Promise<Uint8Array | undefined>;

/**
 * Decrypts what WhatsApp POSTs to the endpoint. DECRYPT_FAILED means the endpoint must
 * answer HTTP 421 so the client re-fetches the public key and retries.
 */
export async function decryptRequest(envelope: unknown, key: BusinessPrivateKey): Promise<DecryptedRequest> {
  // The key's own backend does the AES work too, so one request never mixes two backends.
  const { backend, key: rsa } = privateKeyOf(key);
  return open(envelope, (wrapped) => rsa.unwrap(wrapped), backend);
}

/** decryptRequest with the RSA unwrap supplied by the caller. */
export async function decryptRequestWith(envelope: unknown, unwrap: KeyUnwrapper): Promise<DecryptedRequest> {
  return open(envelope, unwrap, await cryptoBackend());
}

async function open(envelope: unknown, unwrap: KeyUnwrapper, backend: CryptoBackend): Promise<DecryptedRequest> {
  const fields = readEnvelope(envelope);
  const wrapped = decodeField(fields, 'encrypted_aes_key');
  const iv = decodeField(fields, 'initial_vector');
  const sealed = decodeField(fields, 'encrypted_flow_data');
  if (iv.length !== IV_BYTES) throw new DataChannelError('DECRYPT_FAILED', `initial_vector has ${iv.length} bytes, expected ${IV_BYTES}`);
  const aesKey = await unwrap(wrapped);
  if (aesKey === undefined) {
    throw new DataChannelError('DECRYPT_FAILED', 'encrypted_aes_key does not decrypt with this private key (wrong key, or the public key uploaded to WhatsApp is stale)');
  }
  if (aesKey.length !== AES_KEY_BYTES) {
    throw new DataChannelError('DECRYPT_FAILED', `the unwrapped AES key has ${aesKey.length} bytes, expected ${AES_KEY_BYTES}`);
  }
  const plaintext = await backend.gcmOpen(aesKey, iv, sealed);
  if (!plaintext) throw new DataChannelError('DECRYPT_FAILED', 'encrypted_flow_data failed AES-GCM authentication');
  const body = toRequest(parseJsonBytes(plaintext, 'MALFORMED_PAYLOAD', 'the decrypted request'));
  return { body, aesKey: new Uint8Array(aesKey), iv: new Uint8Array(iv) };
}

function checkKeyAndIv(aesKey: Uint8Array, iv: Uint8Array, code: 'KEY_INVALID' | 'RESPONSE_DECRYPT_FAILED'): void {
  if (!(aesKey instanceof Uint8Array) || aesKey.length !== AES_KEY_BYTES) throw new DataChannelError(code, `the AES key must be ${AES_KEY_BYTES} bytes`);
  if (!(iv instanceof Uint8Array) || iv.length !== IV_BYTES) throw new DataChannelError(code, `the IV must be ${IV_BYTES} bytes`);
}

function serialize(body: unknown): Uint8Array {
  let json: string | undefined;
  try {
    json = JSON.stringify(body);
  } catch {
    throw new DataChannelError('MALFORMED_PAYLOAD', 'the response body cannot be serialized to JSON');
  }
  if (json === undefined) throw new DataChannelError('MALFORMED_PAYLOAD', 'the response body cannot be serialized to JSON');
  return utf8(json);
}

/** Encrypts the response body with the request's AES key and the flipped IV; returns base64 text. */
export async function encryptResponse(body: unknown, aesKey: Uint8Array, iv: Uint8Array): Promise<string> {
  checkKeyAndIv(aesKey, iv, 'KEY_INVALID');
  const plaintext = serialize(body);
  const backend = await cryptoBackend();
  return encodeBase64(await backend.gcmSeal(aesKey, flipIv(iv), plaintext));
}

/** Platform side: what WhatsApp does before calling the endpoint. */
export async function encryptRequest(
  body: DataChannelRequest,
  key: BusinessPublicKey,
): Promise<{ envelope: EncryptedRequestEnvelope; aesKey: Uint8Array; iv: Uint8Array }> {
  const { backend, key: rsa } = publicKeyOf(key);
  const plaintext = serialize(body);
  const aesKey = randomBytes(AES_KEY_BYTES);
  const iv = randomBytes(IV_BYTES);
  const wrapped = await rsa.wrap(aesKey);
  const envelope: EncryptedRequestEnvelope = {
    encrypted_flow_data: encodeBase64(await backend.gcmSeal(aesKey, iv, plaintext)),
    encrypted_aes_key: encodeBase64(wrapped),
    initial_vector: encodeBase64(iv),
  };
  return { envelope, aesKey, iv };
}

/** Platform side: opens the endpoint's base64 response. */
export async function decryptResponse(text: string, aesKey: Uint8Array, iv: Uint8Array): Promise<unknown> {
  checkKeyAndIv(aesKey, iv, 'RESPONSE_DECRYPT_FAILED');
  if (typeof text !== 'string') throw new DataChannelError('RESPONSE_DECRYPT_FAILED', 'the response body must be base64 text');
  const sealed = decodeBase64Strict(text.trim());
  if (!sealed) throw new DataChannelError('RESPONSE_DECRYPT_FAILED', 'the response body is not base64 text');
  const backend = await cryptoBackend();
  const plaintext = await backend.gcmOpen(aesKey, flipIv(iv), sealed);
  if (!plaintext) throw new DataChannelError('RESPONSE_DECRYPT_FAILED', 'the response failed AES-GCM authentication (wrong key, IV not flipped, or tampered)');
  return parseJsonBytes(plaintext, 'RESPONSE_DECRYPT_FAILED', 'the decrypted response');
}
