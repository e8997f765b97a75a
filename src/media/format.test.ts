// The media format checked against node:crypto, so the module is not verified only by itself.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptFlowMediaBytes } from './decrypt.js';
import { encryptFlowMedia } from './encrypt.js';
import type { FlowMediaEncryptionMetadata } from './types.js';

const SIZES = [0, 1, 15, 16, 17, 1024 * 1024];
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const unb64 = (text: string): Buffer => Buffer.from(text, 'base64');

/** A CDN file made entirely with node:crypto, as WhatsApp's client would make it. */
function nodeEncrypt(plain: Uint8Array): { cdnFile: Buffer; metadata: FlowMediaEncryptionMetadata } {
  const key = randomBytes(32);
  const iv = randomBytes(16);
  const hmacKey = randomBytes(32);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  const mac = createHmac('sha256', hmacKey).update(iv).update(ciphertext).digest().subarray(0, 10);
  const cdnFile = Buffer.concat([ciphertext, mac]);
  return {
    cdnFile,
    metadata: {
      encrypted_hash: createHash('sha256').update(cdnFile).digest('base64'),
      iv: b64(iv),
      encryption_key: b64(key),
      hmac_key: b64(hmacKey),
      plaintext_hash: createHash('sha256').update(plain).digest('base64'),
    },
  };
}

describe('encryptFlowMedia → decryptFlowMediaBytes', () => {
  it.each(SIZES)('round-trips %i random bytes', async (size) => {
    const plain = new Uint8Array(randomBytes(size));
    const sealed = await encryptFlowMedia(plain, { fileName: 'file.bin' });
    // PKCS#7 always pads (a full block for a multiple of 16), then the 10-byte MAC.
    expect(sealed.cdnFile.length).toBe((Math.floor(size / 16) + 1) * 16 + 10);
    const opened = await decryptFlowMediaBytes(sealed.cdnFile, sealed.encryptionMetadata);
    expect(Buffer.from(opened).equals(Buffer.from(plain))).toBe(true);
    expect(sealed.sha256).toBe(sealed.encryptionMetadata.plaintext_hash);
  });

  it('uses fresh keys and IV for every file', async () => {
    const plain = new Uint8Array(32);
    const a = await encryptFlowMedia(plain, { fileName: 'a.bin' });
    const b = await encryptFlowMedia(plain, { fileName: 'b.bin' });
    for (const field of ['iv', 'encryption_key', 'hmac_key', 'encrypted_hash'] as const) {
      expect(a.encryptionMetadata[field]).not.toBe(b.encryptionMetadata[field]);
    }
    expect(a.encryptionMetadata.plaintext_hash).toBe(b.encryptionMetadata.plaintext_hash);
  });
});

describe('the format, checked with node:crypto', () => {
  it.each(SIZES)('node:crypto opens what encryptFlowMedia wrote (%i bytes)', async (size) => {
    const plain = randomBytes(size);
    const { cdnFile, encryptionMetadata: m } = await encryptFlowMedia(new Uint8Array(plain), { fileName: 'x.bin' });
    const file = Buffer.from(cdnFile);
    // Standard, padded base64 of the documented sizes.
    for (const value of Object.values(m)) expect(value).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect([unb64(m.iv).length, unb64(m.encryption_key).length, unb64(m.hmac_key).length]).toEqual([16, 32, 32]);

    expect(createHash('sha256').update(file).digest('base64')).toBe(m.encrypted_hash);
    const ciphertext = file.subarray(0, -10);
    const mac = createHmac('sha256', unb64(m.hmac_key)).update(unb64(m.iv)).update(ciphertext).digest();
    expect(file.subarray(-10).equals(mac.subarray(0, 10))).toBe(true);
    const decipher = createDecipheriv('aes-256-cbc', unb64(m.encryption_key), unb64(m.iv));
    const opened = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    expect(opened.equals(plain)).toBe(true);
    expect(createHash('sha256').update(opened).digest('base64')).toBe(m.plaintext_hash);
  });

  it.each(SIZES)('decryptFlowMediaBytes opens a file node:crypto wrote (%i bytes)', async (size) => {
    const plain = randomBytes(size);
    const { cdnFile, metadata } = nodeEncrypt(plain);
    const opened = await decryptFlowMediaBytes(new Uint8Array(cdnFile), metadata);
    expect(Buffer.from(opened).equals(plain)).toBe(true);
  });

  it('accepts URL-safe and unpadded base64, and hex hashes', async () => {
    const plain = randomBytes(100);
    const { cdnFile, metadata } = nodeEncrypt(plain);
    const urlSafe = (text: string) => text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const liberal: FlowMediaEncryptionMetadata = {
      encrypted_hash: unb64(metadata.encrypted_hash).toString('hex'),
      iv: urlSafe(metadata.iv),
      encryption_key: urlSafe(metadata.encryption_key),
      hmac_key: metadata.hmac_key.replace(/=+$/, ''),
      plaintext_hash: unb64(metadata.plaintext_hash).toString('hex').toUpperCase(),
    };
    expect(Buffer.from(await decryptFlowMediaBytes(new Uint8Array(cdnFile), liberal)).equals(plain)).toBe(true);
  });

  it('reads a cdn file that is a view into a larger buffer', async () => {
    const plain = randomBytes(40);
    const { cdnFile, metadata } = nodeEncrypt(plain);
    const big = new Uint8Array(cdnFile.length + 64);
    big.set(cdnFile, 32);
    const opened = await decryptFlowMediaBytes(big.subarray(32, 32 + cdnFile.length), metadata);
    expect(Buffer.from(opened).equals(plain)).toBe(true);
  });
});
