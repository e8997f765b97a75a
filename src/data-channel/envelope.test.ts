import { beforeAll, describe, expect, it } from 'vitest';
import { Buffer } from 'node:buffer';
import { webcrypto } from 'node:crypto';
import {
  DataChannelError,
  decryptRequest,
  decryptResponse,
  encryptRequest,
  encryptResponse,
  generateKeyPair,
  loadPrivateKey,
  loadPublicKey,
} from './index.js';
import { BACKENDS, withBackend } from './backend-test-kit.js';
import type { BusinessPrivateKey, BusinessPublicKey, DataChannelRequest, EncryptedRequestEnvelope } from './index.js';

let privateKey: BusinessPrivateKey;
let publicKey: BusinessPublicKey;
let otherPrivateKey: BusinessPrivateKey;
let publicKeyPem: string;

let privateKeyPem: string;
let otherPrivateKeyPem: string;

beforeAll(async () => {
  const pair = await generateKeyPair();
  privateKeyPem = pair.privateKeyPem;
  publicKeyPem = pair.publicKeyPem;
  otherPrivateKeyPem = (await generateKeyPair()).privateKeyPem;
});

const exchange: DataChannelRequest = {
  version: '3.0',
  action: 'data_exchange',
  screen: 'APPOINTMENT',
  data: { date: '2026-11-25', note: 'Grüße — ünïcödé ✓' },
  flow_token: 'token-123',
};

async function expectCode(promise: Promise<unknown>, code: DataChannelError['code']): Promise<DataChannelError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DataChannelError);
  expect((error as DataChannelError).code).toBe(code);
  return error as DataChannelError;
}

function flipBit(base64: string, byteIndex: number): string {
  const bytes = Buffer.from(base64, 'base64');
  const index = ((byteIndex % bytes.length) + bytes.length) % bytes.length;
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  return bytes.toString('base64');
}

describe.each(BACKENDS)('with the %s crypto backend', (backend) => {
  withBackend(backend);
  // Loaded after the switch, so the keys belong to this backend.
  beforeAll(async () => {
    privateKey = await loadPrivateKey(privateKeyPem);
    publicKey = await loadPublicKey(publicKeyPem);
    otherPrivateKey = await loadPrivateKey(otherPrivateKeyPem);
  });

  describe('request round trip (platform encrypts, endpoint decrypts)', () => {
    it('recovers the body, the AES key and the IV the platform used', async () => {
      const { envelope, aesKey, iv } = await encryptRequest(exchange, publicKey);
      const decrypted = await decryptRequest(envelope, privateKey);
      expect(decrypted.body).toEqual(exchange);
      expect(Buffer.from(decrypted.aesKey).equals(Buffer.from(aesKey))).toBe(true);
      expect(Buffer.from(decrypted.iv).equals(Buffer.from(iv))).toBe(true);
      expect(aesKey.length).toBe(16);
      expect(iv.length).toBe(16);
    });

    it('uses a fresh AES key and IV for every request', async () => {
      const a = await encryptRequest(exchange, publicKey);
      const b = await encryptRequest(exchange, publicKey);
      expect(Buffer.from(a.aesKey).equals(Buffer.from(b.aesKey))).toBe(false);
      expect(a.envelope.initial_vector).not.toBe(b.envelope.initial_vector);
      expect(a.envelope.encrypted_flow_data).not.toBe(b.envelope.encrypted_flow_data);
    });

    it('handles ping, INIT, BACK and error notifications', async () => {
      const bodies: DataChannelRequest[] = [
        { version: '3.0', action: 'ping' },
        { version: '4.0', action: 'INIT', flow_token: 't', flow_token_signature: 'a.b.c' },
        { version: '3.0', action: 'BACK', screen: 'S', flow_token: 't' },
        { version: '3.0', action: 'data_exchange', screen: 'S', flow_token: 't', data: { error: 'invalid-screen-transition', error_message: 'x' } },
      ];
      for (const body of bodies) {
        const { envelope } = await encryptRequest(body, publicKey);
        expect((await decryptRequest(envelope, privateKey)).body).toEqual(body);
      }
    });
  });

  describe('response round trip (endpoint encrypts, platform decrypts)', () => {
    it('decrypts with the same key and the flipped IV', async () => {
      const { envelope, aesKey, iv } = await encryptRequest(exchange, publicKey);
      const { aesKey: k, iv: v } = await decryptRequest(envelope, privateKey);
      const body = { screen: 'NEXT', data: { slots: ['09:00', '10:00'] } };
      const text = await encryptResponse(body, k, v);
      expect(text).toMatch(/^[A-Za-z0-9+/]+=*$/);
      expect(await decryptResponse(text, aesKey, iv)).toEqual(body);
    });

    it('encrypts under the bit-flipped IV, not the request IV (checked with WebCrypto as an independent peer)', async () => {
      const aesKey = new Uint8Array(16).fill(7);
      const iv = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
      const text = await encryptResponse({ data: { status: 'active' } }, aesKey, iv);
      const key = await webcrypto.subtle.importKey('raw', aesKey, 'AES-GCM', false, ['decrypt']);
      const flipped = iv.map((b) => b ^ 0xff);
      const plain = await webcrypto.subtle.decrypt({ name: 'AES-GCM', iv: flipped, tagLength: 128 }, key, Buffer.from(text, 'base64'));
      expect(JSON.parse(Buffer.from(plain).toString('utf8'))).toEqual({ data: { status: 'active' } });
      await expect(webcrypto.subtle.decrypt({ name: 'AES-GCM', iv, tagLength: 128 }, key, Buffer.from(text, 'base64'))).rejects.toThrow();
    });

    it('rejects a response sealed with the unflipped IV, a wrong key or tampered bytes', async () => {
      const aesKey = new Uint8Array(16).fill(1);
      const iv = new Uint8Array(16).fill(2);
      const good = await encryptResponse({ ok: 1 }, aesKey, iv);
      await expectCode(decryptResponse(good, aesKey, iv.map((b) => b ^ 0xff)), 'RESPONSE_DECRYPT_FAILED');
      await expectCode(decryptResponse(good, new Uint8Array(16).fill(9), iv), 'RESPONSE_DECRYPT_FAILED');
      await expectCode(decryptResponse(flipBit(good, 0), aesKey, iv), 'RESPONSE_DECRYPT_FAILED');
      await expectCode(decryptResponse(flipBit(good, -1), aesKey, iv), 'RESPONSE_DECRYPT_FAILED');
      await expectCode(decryptResponse('not base64 at all!', aesKey, iv), 'RESPONSE_DECRYPT_FAILED');
      await expectCode(decryptResponse('', aesKey, iv), 'RESPONSE_DECRYPT_FAILED');
      await expectCode(decryptResponse(good, aesKey.subarray(0, 8), iv), 'RESPONSE_DECRYPT_FAILED');
    });

    it('refuses bodies that have no JSON form and keys of the wrong size', async () => {
      const aesKey = new Uint8Array(16);
      const iv = new Uint8Array(16);
      await expectCode(encryptResponse(undefined, aesKey, iv), 'MALFORMED_PAYLOAD');
      await expectCode(encryptResponse({ n: 10n }, aesKey, iv), 'MALFORMED_PAYLOAD');
      await expectCode(encryptResponse({}, new Uint8Array(32), iv), 'KEY_INVALID');
      await expectCode(encryptResponse({}, aesKey, new Uint8Array(12)), 'KEY_INVALID');
    });
  });

  describe('decryptRequest errors', () => {
    let envelope: EncryptedRequestEnvelope;
    beforeAll(async () => {
      envelope = (await encryptRequest(exchange, publicKey)).envelope;
    });

    it('MALFORMED_ENVELOPE for a body that is not the three-field object', async () => {
      for (const bad of [null, undefined, 'text', 42, [], {}, { ...envelope, encrypted_aes_key: undefined }, { ...envelope, initial_vector: 5 }, { ...envelope, encrypted_flow_data: '' }]) {
        const error = await expectCode(decryptRequest(bad, privateKey), 'MALFORMED_ENVELOPE');
        expect(error.message.length).toBeGreaterThan(10);
      }
    });

    it('names the missing field', async () => {
      const error = await expectCode(decryptRequest({ ...envelope, initial_vector: undefined }, privateKey), 'MALFORMED_ENVELOPE');
      expect(error.message).toContain('initial_vector');
    });

    it('DECRYPT_FAILED for bad base64 in any field', async () => {
      for (const field of ['encrypted_flow_data', 'encrypted_aes_key', 'initial_vector'] as const) {
        const error = await expectCode(decryptRequest({ ...envelope, [field]: `${envelope[field].slice(0, -4)}!!!!` }, privateKey), 'DECRYPT_FAILED');
        expect(error.message).toContain(field);
      }
    });

    it('DECRYPT_FAILED with the wrong private key', async () => {
      await expectCode(decryptRequest(envelope, otherPrivateKey), 'DECRYPT_FAILED');
    });

    it('DECRYPT_FAILED when a bit flips anywhere in any field', async () => {
      for (const field of ['encrypted_flow_data', 'encrypted_aes_key', 'initial_vector'] as const) {
        for (const byte of [0, 5, -1]) {
          await expectCode(decryptRequest({ ...envelope, [field]: flipBit(envelope[field], byte) }, privateKey), 'DECRYPT_FAILED');
        }
      }
    });

    it('DECRYPT_FAILED for a non-canonical base64 that would decode to the same bytes', async () => {
      // The IV is 16 bytes: 24 base64 chars ending in "==", whose last data char has 4 unused bits.
      const iv = envelope.initial_vector;
      const last = iv[21] ?? 'A';
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      const sibling = alphabet[alphabet.indexOf(last) ^ 1] ?? 'A';
      expect(Buffer.from(`${iv.slice(0, 21)}${sibling}==`, 'base64').equals(Buffer.from(iv, 'base64'))).toBe(true);
      await expectCode(decryptRequest({ ...envelope, initial_vector: `${iv.slice(0, 21)}${sibling}==` }, privateKey), 'DECRYPT_FAILED');
    });

    it('DECRYPT_FAILED for an IV that is not 16 bytes and for truncated flow data', async () => {
      await expectCode(decryptRequest({ ...envelope, initial_vector: Buffer.alloc(12).toString('base64') }, privateKey), 'DECRYPT_FAILED');
      await expectCode(decryptRequest({ ...envelope, encrypted_flow_data: Buffer.alloc(8).toString('base64') }, privateKey), 'DECRYPT_FAILED');
    });

    it('DECRYPT_FAILED when the wrapped key is not 16 bytes (an AES-256 key)', async () => {
      const { publicEncrypt, constants, createCipheriv, randomBytes, createPublicKey } = await import('node:crypto');
      const key32 = randomBytes(32);
      const iv = randomBytes(16);
      const cipher = createCipheriv('aes-256-gcm', key32, iv);
      const data = Buffer.concat([cipher.update('{"version":"3.0","action":"ping"}'), cipher.final(), cipher.getAuthTag()]);
      const wrapped = publicEncrypt({ key: createPublicKey(publicKeyPem), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, key32);
      const error = await expectCode(decryptRequest({ encrypted_flow_data: data.toString('base64'), encrypted_aes_key: wrapped.toString('base64'), initial_vector: iv.toString('base64') }, privateKey), 'DECRYPT_FAILED');
      expect(error.message).toContain('32 bytes');
    });

    it('KEY_INVALID for a key handle that did not come from loadPrivateKey', async () => {
      const fake = { kind: 'business-private-key', modulusLength: 2048 } as const;
      await expectCode(decryptRequest(envelope, fake), 'KEY_INVALID');
    });
  });

  describe('MALFORMED_PAYLOAD: decrypts, but the plaintext is not a valid request', () => {
    // Seals arbitrary plaintext exactly as the platform would, to reach the payload checks.
    async function sealRaw(plaintext: Uint8Array): Promise<EncryptedRequestEnvelope> {
      const { envelope, aesKey, iv } = await encryptRequest({ version: '3.0', action: 'ping' }, publicKey);
      const { createCipheriv } = await import('node:crypto');
      const cipher = createCipheriv('aes-128-gcm', aesKey, iv);
      const data = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
      return { ...envelope, encrypted_flow_data: data.toString('base64') };
    }

    const cases: Array<[string, string | Uint8Array, string]> = [
      ['not JSON', 'hello', 'not JSON'],
      ['invalid UTF-8', Uint8Array.of(0x7b, 0xff, 0xfe, 0x7d), 'UTF-8'],
      ['a JSON array', '[1,2]', 'array'],
      ['JSON null', 'null', 'null'],
      ['a JSON string', '"ping"', 'string'],
      ['no version', '{"action":"ping"}', 'version'],
      ['an unknown version', '{"version":"9.9","action":"ping"}', '9.9'],
      ['an unknown action', '{"version":"3.0","action":"navigate","flow_token":"t"}', 'action'],
      ['INIT without flow_token', '{"version":"3.0","action":"INIT"}', 'flow_token'],
      ['data_exchange without screen', '{"version":"3.0","action":"data_exchange","flow_token":"t","data":{}}', 'screen'],
      ['data_exchange without data', '{"version":"3.0","action":"data_exchange","flow_token":"t","screen":"S"}', 'data'],
      ['data that is an array', '{"version":"3.0","action":"BACK","flow_token":"t","screen":"S","data":[]}', 'data'],
      ['a numeric flow_token_signature', '{"version":"4.0","action":"INIT","flow_token":"t","flow_token_signature":1}', 'flow_token_signature'],
    ];
    for (const [name, plaintext, mention] of cases) {
      it(`rejects ${name}`, async () => {
        const bytes = typeof plaintext === 'string' ? new TextEncoder().encode(plaintext) : plaintext;
        const error = await expectCode(decryptRequest(await sealRaw(bytes), privateKey), 'MALFORMED_PAYLOAD');
        expect(error.message).toContain(mention);
      });
    }
  });
});
