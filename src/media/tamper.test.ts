// Every check refuses what it guards, with the right `check`, and no message reveals a key.
import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptFlowMediaBytes } from './decrypt.js';
import { encryptFlowMedia } from './encrypt.js';
import { FlowMediaError } from './errors.js';
import type { FlowMediaCheck, FlowMediaEncryptionMetadata } from './types.js';
import { readFlowMedia } from './validate.js';

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('base64');
const unb64 = (text: string): Buffer => Buffer.from(text, 'base64');

/** Every encoding of the key material a careless message could carry. */
function secretsOf(m: FlowMediaEncryptionMetadata): string[] {
  return [m.iv, m.encryption_key, m.hmac_key].flatMap((v) => [v, v.replace(/=+$/, ''), unb64(v).toString('hex')]);
}

async function refusal(run: () => Promise<unknown>): Promise<FlowMediaError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FlowMediaError);
  return error as FlowMediaError;
}

async function expectRefused(cdnFile: Uint8Array, metadata: FlowMediaEncryptionMetadata, check: FlowMediaCheck | FlowMediaCheck[], secrets: string[]): Promise<FlowMediaError> {
  const error = await refusal(() => decryptFlowMediaBytes(cdnFile, metadata, { mediaId: '7001', fileName: 'claim.pdf' }));
  if (Array.isArray(check)) expect(check).toContain(error.check);
  else expect(error.check).toBe(check);
  expect(error.message).toContain(`${error.check} check failed`);
  expect(error.message).toContain('media 7001 (claim.pdf)');
  const text = `${error.message}\n${error.stack ?? ''}\n${JSON.stringify(error)}`;
  for (const secret of secrets) expect(text).not.toContain(secret);
  return error;
}

async function sealed(size = 100, fill?: number) {
  const plain = fill === undefined ? new Uint8Array(randomBytes(size)) : new Uint8Array(size).fill(fill);
  const { cdnFile, encryptionMetadata } = await encryptFlowMedia(plain, { fileName: 'claim.pdf' });
  return { plain, cdnFile, metadata: encryptionMetadata, secrets: secretsOf(encryptionMetadata) };
}

/** Re-signs a modified file so that the checks before the one under test pass. */
function resign(file: Uint8Array, m: FlowMediaEncryptionMetadata, { mac }: { mac: boolean }): { file: Uint8Array; metadata: FlowMediaEncryptionMetadata } {
  let out = file;
  if (mac) {
    const ciphertext = file.subarray(0, -10);
    const tag = createHmac('sha256', unb64(m.hmac_key)).update(unb64(m.iv)).update(ciphertext).digest().subarray(0, 10);
    out = new Uint8Array(Buffer.concat([ciphertext, tag]));
  }
  return { file: out, metadata: { ...m, encrypted_hash: sha(out) } };
}

describe('tampering', () => {
  it('a flipped ciphertext byte fails encrypted_hash, and hmac once the hash is recomputed', async () => {
    const { cdnFile, metadata, secrets } = await sealed();
    const flipped = cdnFile.slice();
    flipped[5]! ^= 0x01;
    await expectRefused(flipped, metadata, 'encrypted_hash', secrets);
    const forged = resign(flipped, metadata, { mac: false });
    await expectRefused(forged.file, forged.metadata, 'hmac', secrets);
  });

  it('a flipped byte of the trailing MAC fails hmac', async () => {
    const { cdnFile, metadata, secrets } = await sealed();
    const flipped = cdnFile.slice();
    flipped[flipped.length - 1]! ^= 0x80;
    const forged = resign(flipped, metadata, { mac: false });
    await expectRefused(forged.file, forged.metadata, 'hmac', secrets);
  });

  it('a wrong encrypted_hash fails encrypted_hash', async () => {
    const { cdnFile, metadata, secrets } = await sealed();
    await expectRefused(cdnFile, { ...metadata, encrypted_hash: sha(new Uint8Array([1])) }, 'encrypted_hash', secrets);
  });

  it('a wrong plaintext_hash fails plaintext_hash', async () => {
    const { cdnFile, metadata, secrets } = await sealed();
    await expectRefused(cdnFile, { ...metadata, plaintext_hash: sha(new Uint8Array([1])) }, 'plaintext_hash', secrets);
  });

  it('a truncated file fails encrypted_hash; re-hashed, hmac; re-signed, decrypt', async () => {
    // 'A' (0x41) bytes: the block before the cut can never end in valid PKCS#7 padding.
    const { cdnFile, metadata, secrets } = await sealed(64, 0x41);
    const cut = cdnFile.slice(0, cdnFile.length - 10 - 16);
    await expectRefused(cut, metadata, 'encrypted_hash', secrets);
    const rehashed = resign(cut, metadata, { mac: false });
    await expectRefused(rehashed.file, rehashed.metadata, 'hmac', secrets);
    const resigned = resign(new Uint8Array(Buffer.concat([cut.subarray(0, cut.length), Buffer.alloc(10)])), metadata, { mac: true });
    await expectRefused(resigned.file, resigned.metadata, 'decrypt', secrets);
  });

  it('a file shorter than its MAC, or empty, fails hmac', async () => {
    const { metadata, secrets } = await sealed();
    for (const length of [0, 9]) {
      const forged = resign(new Uint8Array(length), metadata, { mac: false });
      const error = await expectRefused(forged.file, forged.metadata, 'hmac', secrets);
      expect(error.message).toContain('too short');
    }
  });

  it('a ciphertext that is not whole AES blocks fails decrypt, even with a valid MAC', async () => {
    const { cdnFile, metadata, secrets } = await sealed();
    const odd = resign(new Uint8Array(Buffer.concat([cdnFile.subarray(0, -10 - 3), Buffer.alloc(10)])), metadata, { mac: true });
    const error = await expectRefused(odd.file, odd.metadata, 'decrypt', secrets);
    expect(error.message).toContain('whole number of 16-byte AES blocks');
  });

  it('bad PKCS#7 padding behind a valid MAC fails decrypt', async () => {
    const key = randomBytes(32);
    const iv = randomBytes(16);
    const hmacKey = randomBytes(32);
    const cipher = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    const ciphertext = Buffer.concat([cipher.update(Buffer.alloc(32, 0x41)), cipher.final()]);
    const mac = createHmac('sha256', hmacKey).update(iv).update(ciphertext).digest().subarray(0, 10);
    const file = new Uint8Array(Buffer.concat([ciphertext, mac]));
    const metadata = { encrypted_hash: sha(file), iv: iv.toString('base64'), encryption_key: key.toString('base64'), hmac_key: hmacKey.toString('base64'), plaintext_hash: sha(Buffer.alloc(32, 0x41)) };
    await expectRefused(file, metadata, 'decrypt', secretsOf(metadata));
  });

  it('a wrong hmac_key or iv fails hmac; a wrong encryption_key fails decrypt or plaintext_hash', async () => {
    const { cdnFile, metadata, secrets } = await sealed();
    const other = randomBytes(32).toString('base64');
    await expectRefused(cdnFile, { ...metadata, hmac_key: other }, 'hmac', [...secrets, other]);
    const iv = randomBytes(16).toString('base64');
    await expectRefused(cdnFile, { ...metadata, iv }, 'hmac', [...secrets, iv]);
    // A wrong key yields valid-looking padding about once in 256 tries; the hash catches that.
    await expectRefused(cdnFile, { ...metadata, encryption_key: other }, ['decrypt', 'plaintext_hash'], [...secrets, other]);
  });
});

describe('metadata shape', () => {
  const base = async () => (await sealed()).metadata;

  it.each([
    ['iv', 'AAAA!AAAAAAAAAAAAAAAAA==', 'is not valid base64'],
    ['iv', 'AAAAAAAAAAAAAAAA', 'must decode to 16 bytes (got 12)'],
    ['encryption_key', 'AAAAAAAAAAAAAAAAAAAAAA==', 'must decode to 32 bytes (got 16)'],
    ['hmac_key', 'AB+-', 'is not valid base64'],
    ['plaintext_hash', 'zz', 'is not valid base64 (or hex)'],
    ['encrypted_hash', 42, 'must be non-empty base64 (or hex) text (got number)'],
    ['encrypted_hash', undefined, 'is missing'],
  ] as const)('%s = %j is refused: %s', async (field, value, detail) => {
    const metadata = { ...(await base()), [field]: value } as unknown as FlowMediaEncryptionMetadata;
    const error = await refusal(() => decryptFlowMediaBytes(new Uint8Array(26), metadata, { mediaId: '9', path: 'photos[1]' }));
    expect(error.check).toBe('metadata');
    expect(error.path).toBe(`photos[1].encryption_metadata.${field}`);
    expect(error.message).toContain(`photos[1].encryption_metadata.${field} ${detail}`);
  });

  it('refuses metadata that is not an object', async () => {
    const error = await refusal(() => decryptFlowMediaBytes(new Uint8Array(26), 'nope'));
    expect(error.check).toBe('metadata');
    expect(error.message).toContain('encryption_metadata must be an object');
  });

  it('readFlowMedia names the JSON path of the first bad value', async () => {
    const metadata = await base();
    const good = { media_id: '1', cdn_url: 'https://cdn.example/1', file_name: 'a.jpg', encryption_metadata: metadata };
    const cases: [unknown, string, string][] = [
      ['x', 'photos', 'must be the array of files'],
      [[good, 5], 'photos[1]', 'must be a media object'],
      [[good, { ...good, media_id: undefined }], 'photos[1].media_id', 'is missing'],
      [[good, { ...good, cdn_url: 'not a url' }], 'photos[1].cdn_url', 'is not a valid absolute URL'],
      [[good, { ...good, cdn_url: 'file:///etc/passwd' }], 'photos[1].cdn_url', 'must be an http(s) URL'],
      [[good, { ...good, file_name: 3 }], 'photos[1].file_name', 'must be a string'],
      [[good, { ...good, encryption_metadata: { ...metadata, iv: '%%' } }], 'photos[1].encryption_metadata.iv', 'is not valid base64'],
    ];
    for (const [value, path, detail] of cases) {
      let error: unknown;
      try {
        readFlowMedia(value, 'photos');
      } catch (e) {
        error = e;
      }
      expect(error, path).toBeInstanceOf(FlowMediaError);
      expect((error as FlowMediaError).check).toBe('metadata');
      expect((error as FlowMediaError).path).toBe(path);
      expect((error as FlowMediaError).message).toContain(`${path} ${detail}`);
      for (const secret of secretsOf(metadata)) expect((error as FlowMediaError).message).not.toContain(secret);
    }
  });

  it('readFlowMedia reads an absent field as no files and normalises liberal items', async () => {
    expect(readFlowMedia(undefined, 'photos')).toEqual([]);
    const metadata = await base();
    const [item] = readFlowMedia([{ media_id: 123, cdn_url: 'https://cdn.example/1', encryption_metadata: { ...metadata, extra: true } }], 'photos');
    expect(item).toEqual({ media_id: '123', cdn_url: 'https://cdn.example/1', file_name: '123', encryption_metadata: metadata });
  });
});
