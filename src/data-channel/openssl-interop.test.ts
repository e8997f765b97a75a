// Interoperability with implementations not written here: the openssl command line for the
// RSA-OAEP-SHA256 key wrap, WebCrypto (the API Meta's own web client uses) for the whole
// envelope, and the published GCM test vectors for the AES-GCM layout (openssl enc has no GCM).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, randomBytes, webcrypto } from 'node:crypto';
import { Buffer } from 'node:buffer';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKENDS, withBackend } from './backend-test-kit.js';
import { cryptoBackend } from './crypto-backend.js';
import { decryptRequest, decryptResponse, encryptRequest, encryptResponse, generateKeyPair, loadPrivateKey, loadPublicKey } from './index.js';
import type { BusinessPrivateKey } from './index.js';

const OAEP = ['-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', 'rsa_oaep_md:sha256', '-pkeyopt', 'rsa_mgf1_md:sha256'];
const PASSPHRASE = 'interop-pass';
let dir: string;
let privateKeyPem: string;
let publicKeyPem: string;
let privateKey: BusinessPrivateKey;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'waflow-interop-'));
  ({ privateKeyPem, publicKeyPem } = await generateKeyPair({ passphrase: PASSPHRASE }));
  writeFileSync(join(dir, 'private.pem'), privateKeyPem, { mode: 0o600 });
  writeFileSync(join(dir, 'public.pem'), publicKeyPem);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function seal(aesKey: Uint8Array, iv: Uint8Array, body: unknown): Promise<string> {
  const backend = await cryptoBackend();
  return Buffer.from(await backend.gcmSeal(aesKey, iv, new TextEncoder().encode(JSON.stringify(body)))).toString('base64');
}

describe.each(BACKENDS)('with the %s crypto backend', (backend) => {
  withBackend(backend);
  beforeAll(async () => {
    // WebCrypto cannot open an encrypted PEM: it gets the same key unencrypted, as a secret store holds it.
    privateKey = backend === 'node'
      ? await loadPrivateKey(privateKeyPem, PASSPHRASE)
      : await loadPrivateKey(createPrivateKey({ key: privateKeyPem, passphrase: PASSPHRASE }).export({ type: 'pkcs1', format: 'pem' }).toString());
  });
  describe('RSA-OAEP-SHA256 key wrap against the openssl command line', () => {
    it('unwraps an AES key that openssl pkeyutl wrapped under our generated public key', async () => {
      const aesKey = randomBytes(16);
      const iv = randomBytes(16);
      writeFileSync(join(dir, 'aes.key'), aesKey);
      execFileSync('openssl', ['pkeyutl', '-encrypt', '-pubin', '-inkey', join(dir, 'public.pem'), ...OAEP, '-in', join(dir, 'aes.key'), '-out', join(dir, 'aes.wrapped')]);
      const wrapped = readFileSync(join(dir, 'aes.wrapped'));
      expect(wrapped.length).toBe(256);
      const body = { version: '3.0', action: 'ping' };
      const envelope = { encrypted_aes_key: wrapped.toString('base64'), initial_vector: iv.toString('base64'), encrypted_flow_data: await seal(aesKey, iv, body) };
      const decrypted = await decryptRequest(envelope, privateKey);
      expect(decrypted.body).toEqual(body);
      expect(Buffer.from(decrypted.aesKey).equals(aesKey)).toBe(true);
    });

    it('refuses a key openssl wrapped with OAEP-SHA1 (the default), so the hash really is checked', async () => {
      const aesKey = randomBytes(16);
      const iv = randomBytes(16);
      writeFileSync(join(dir, 'aes1.key'), aesKey);
      execFileSync('openssl', ['pkeyutl', '-encrypt', '-pubin', '-inkey', join(dir, 'public.pem'), '-pkeyopt', 'rsa_padding_mode:oaep', '-in', join(dir, 'aes1.key'), '-out', join(dir, 'aes1.wrapped')]);
      const envelope = { encrypted_aes_key: readFileSync(join(dir, 'aes1.wrapped')).toString('base64'), initial_vector: iv.toString('base64'), encrypted_flow_data: await seal(aesKey, iv, { version: '3.0', action: 'ping' }) };
      await expect(decryptRequest(envelope, privateKey)).rejects.toMatchObject({ code: 'DECRYPT_FAILED' });
    });

    it('openssl pkeyutl unwraps the AES key our encryptRequest wrapped', async () => {
      const { envelope, aesKey } = await encryptRequest({ version: '3.0', action: 'ping' }, await loadPublicKey(publicKeyPem));
      writeFileSync(join(dir, 'ours.wrapped'), Buffer.from(envelope.encrypted_aes_key, 'base64'));
      const unwrapped = execFileSync('openssl', ['pkeyutl', '-decrypt', '-inkey', join(dir, 'private.pem'), '-passin', `pass:${PASSPHRASE}`, ...OAEP, '-in', join(dir, 'ours.wrapped')]);
      expect(Buffer.from(unwrapped).equals(Buffer.from(aesKey))).toBe(true);
    });
  });

  describe('AES-128-GCM layout against the published GCM test vectors (McGrew & Viega, test cases 1 and 2)', () => {
    const zeroKey = new Uint8Array(16);
    const zeroIv = new Uint8Array(12);

    it('test case 1: empty plaintext gives only the tag', async () => {
      const backend = await cryptoBackend();
      expect(Buffer.from(await backend.gcmSeal(zeroKey, zeroIv, new Uint8Array(0))).toString('hex')).toBe('58e2fccefa7e3061367f1d57a4e7455a');
    });

    it('test case 2: ciphertext followed by the 16-byte tag', async () => {
      const backend = await cryptoBackend();
      const sealed = await backend.gcmSeal(zeroKey, zeroIv, new Uint8Array(16));
      expect(Buffer.from(sealed).toString('hex')).toBe('0388dace60b6a392f328c2b971b2fe78' + 'ab6e47d42cec13bdf53a67b21257bddf');
      expect(Buffer.from((await backend.gcmOpen(zeroKey, zeroIv, sealed)) ?? []).equals(Buffer.alloc(16))).toBe(true);
      sealed[0] = (sealed[0] ?? 0) ^ 1;
      expect(await backend.gcmOpen(zeroKey, zeroIv, sealed)).toBeUndefined();
    });
  });

  describe('whole envelope against WebCrypto (crypto.subtle), as a browser client would build it', () => {
    it('decrypts a request sealed with crypto.subtle and answers so crypto.subtle can open it', async () => {
      const subtle = webcrypto.subtle;
      const spki = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
      const rsa = await subtle.importKey('spki', spki, { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['encrypt']);
      const aes = await subtle.generateKey({ name: 'AES-GCM', length: 128 }, true, ['encrypt', 'decrypt']);
      const rawKey = new Uint8Array(await subtle.exportKey('raw', aes));
      const iv = webcrypto.getRandomValues(new Uint8Array(16));
      const body = { version: '4.0', action: 'INIT', flow_token: 'tok', flow_token_signature: 'x.y.z' };
      const envelope = {
        encrypted_flow_data: Buffer.from(await subtle.encrypt({ name: 'AES-GCM', iv }, aes, new TextEncoder().encode(JSON.stringify(body)))).toString('base64'),
        encrypted_aes_key: Buffer.from(await subtle.encrypt({ name: 'RSA-OAEP' }, rsa, rawKey)).toString('base64'),
        initial_vector: Buffer.from(iv).toString('base64'),
      };
      const decrypted = await decryptRequest(envelope, privateKey);
      expect(decrypted.body).toEqual(body);

      const response = await encryptResponse({ screen: 'WELCOME', data: { name: 'Ana' } }, decrypted.aesKey, decrypted.iv);
      const flipped = iv.map((b) => ~b & 0xff);
      const plain = await subtle.decrypt({ name: 'AES-GCM', iv: flipped }, aes, Buffer.from(response, 'base64'));
      expect(JSON.parse(new TextDecoder().decode(plain))).toEqual({ screen: 'WELCOME', data: { name: 'Ana' } });
      expect(await decryptResponse(response, rawKey, iv)).toEqual({ screen: 'WELCOME', data: { name: 'Ana' } });
    });
  });
});
