import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { BACKENDS, withBackend } from './backend-test-kit.js';
import { pkcs8FromPkcs1, spkiFromPkcs1 } from './der.js';
import { DataChannelError, decryptRequest, encryptRequest, generateKeyPair, loadPrivateKey, loadPublicKey, useCryptoBackend } from './index.js';

const PASSPHRASE = 'correct horse battery staple';
let dir: string;

function openssl(...args: string[]): string {
  return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DataChannelError);
  return { code: (error as DataChannelError).code, message: (error as DataChannelError).message };
}

function createPemText(label: string, der: Uint8Array): string {
  const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'waflow-keys-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function assertWorkingPair(privatePem: string, publicPem: string, passphrase?: string): Promise<void> {
  const privateKey = await loadPrivateKey(privatePem, passphrase);
  const publicKey = await loadPublicKey(publicPem);
  const { envelope } = await encryptRequest({ version: '3.0', action: 'ping' }, publicKey);
  expect((await decryptRequest(envelope, privateKey)).body).toEqual({ version: '3.0', action: 'ping' });
}

describe('keys made by the openssl command line', () => {
  it('loads `openssl genrsa -des3` output (encrypted PKCS#8 on OpenSSL 3) with its passphrase', async () => {
    const privatePath = join(dir, 'des3.pem');
    openssl('genrsa', '-des3', '-passout', `pass:${PASSPHRASE}`, '-out', privatePath, '2048');
    const publicPem = openssl('rsa', '-in', privatePath, '-passin', `pass:${PASSPHRASE}`, '-pubout');
    const privatePem = readFileSync(privatePath, 'utf8');
    expect(privatePem).toMatch(/ENCRYPTED/);
    await assertWorkingPair(privatePem, publicPem, PASSPHRASE);
  });

  it('loads `openssl genrsa -des3 -traditional` output (PKCS#1 with Proc-Type/DEK-Info)', async () => {
    const privatePath = join(dir, 'des3-traditional.pem');
    openssl('genrsa', '-des3', '-traditional', '-passout', `pass:${PASSPHRASE}`, '-out', privatePath, '2048');
    const privatePem = readFileSync(privatePath, 'utf8');
    expect(privatePem).toContain('BEGIN RSA PRIVATE KEY');
    expect(privatePem).toContain('DEK-Info: DES-EDE3-CBC');
    const publicPem = openssl('rsa', '-in', privatePath, '-passin', `pass:${PASSPHRASE}`, '-pubout', '-RSAPublicKey_out');
    expect(publicPem).toContain('BEGIN RSA PUBLIC KEY');
    await assertWorkingPair(privatePem, publicPem, PASSPHRASE);
  });

  it('loads an unencrypted `openssl genpkey` PKCS#8 key', async () => {
    const privatePem = openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048');
    expect(privatePem).toContain('BEGIN PRIVATE KEY');
    const path = join(dir, 'plain.pem');
    writeFileSync(path, privatePem);
    await assertWorkingPair(privatePem, openssl('rsa', '-in', path, '-pubout'));
  });

  it('fails clearly with a wrong or missing passphrase, for both encrypted formats', async () => {
    for (const file of ['des3.pem', 'des3-traditional.pem']) {
      const pem = readFileSync(join(dir, file), 'utf8');
      expect(await codeOf(loadPrivateKey(pem))).toMatchObject({ code: 'PASSPHRASE_REQUIRED' });
      expect(await codeOf(loadPrivateKey(pem, ''))).toMatchObject({ code: 'PASSPHRASE_REQUIRED' });
      const wrong = await codeOf(loadPrivateKey(pem, 'wrong passphrase'));
      expect(wrong.code).toBe('PASSPHRASE_WRONG');
      expect(wrong.message).not.toContain('wrong passphrase');
      expect(wrong.message).not.toContain('-----');
    }
  });
});

describe('generateKeyPair', () => {
  it('writes a PKCS#1 DES-EDE3-CBC private key that openssl opens with the passphrase', async () => {
    const { privateKeyPem, publicKeyPem } = await generateKeyPair({ passphrase: PASSPHRASE });
    expect(privateKeyPem).toContain('BEGIN RSA PRIVATE KEY');
    expect(privateKeyPem).toMatch(/Proc-Type: 4,ENCRYPTED/);
    expect(privateKeyPem).toMatch(/DEK-Info: DES-EDE3-CBC,[0-9A-F]{16}/);
    expect(publicKeyPem).toContain('BEGIN PUBLIC KEY');
    const path = join(dir, 'generated.pem');
    writeFileSync(path, privateKeyPem);
    const derived = openssl('rsa', '-in', path, '-passin', `pass:${PASSPHRASE}`, '-pubout');
    expect(derived.trim()).toBe(publicKeyPem.trim());
    expect(openssl('rsa', '-in', path, '-passin', `pass:${PASSPHRASE}`, '-noout', '-text')).toMatch(/Private-Key: \(2048 bit/);
    expect(() => openssl('rsa', '-in', path, '-passin', 'pass:nope', '-noout')).toThrow();
    await assertWorkingPair(privateKeyPem, publicKeyPem, PASSPHRASE);
  });

  it('writes an unencrypted PKCS#1 key without a passphrase, and honours modulusLength', async () => {
    const { privateKeyPem } = await generateKeyPair({ modulusLength: 3072 });
    expect(privateKeyPem).toContain('BEGIN RSA PRIVATE KEY');
    expect(privateKeyPem).not.toContain('ENCRYPTED');
    expect((await loadPrivateKey(privateKeyPem)).modulusLength).toBe(3072);
  });

  it('refuses sizes below 2048 bits and passphrases OpenSSL cannot use', async () => {
    expect(await codeOf(generateKeyPair({ modulusLength: 1024 }))).toMatchObject({ code: 'KEY_INVALID' });
    expect(await codeOf(generateKeyPair({ modulusLength: 2049 }))).toMatchObject({ code: 'KEY_INVALID' });
    const short = await codeOf(generateKeyPair({ passphrase: 'abc' }));
    expect(short.code).toBe('KEY_INVALID');
    expect(short.message).not.toContain('abc');
  });
});

describe.each(BACKENDS)('loadPrivateKey / loadPublicKey refuse what is not a usable RSA key (%s backend)', (backend) => {
  withBackend(backend);

  it('KEY_INVALID for non-PEM, wrong labels, EC keys, small keys and corrupt bodies', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const small = generateKeyPairSync('rsa', { modulusLength: 1024, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const { privateKeyPem, publicKeyPem } = await generateKeyPair();
    const corrupt = privateKeyPem.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA');
    const privateCases: unknown[] = ['', 'hello', 42, null, publicKeyPem, ec.privateKey, small.privateKey, corrupt, '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'];
    for (const input of privateCases) {
      const { code, message } = await codeOf(loadPrivateKey(input as string));
      expect(code).toBe('KEY_INVALID');
      if (typeof input === 'string' && input.length > 40) expect(message).not.toContain(input.slice(40, 80));
    }
    for (const input of ['', 'x', privateKeyPem, ec.publicKey, small.publicKey, publicKeyPem.replace(/\n[A-Za-z0-9+/]{8}/, '\n!!!!!!!!')]) {
      expect((await codeOf(loadPublicKey(input))).code).toBe('KEY_INVALID');
    }
  });

  it('KEY_INVALID, not a half-working key, when the modulus was damaged but the DER still parses', async () => {
    const { privateKeyPem } = await generateKeyPair();
    const der = createPrivateKey(privateKeyPem).export({ type: 'pkcs1', format: 'der' });
    der[100] = (der[100] ?? 0) ^ 0x01; // inside n
    const damaged = createPemText('RSA PRIVATE KEY', der);
    const { code, message } = await codeOf(loadPrivateKey(damaged));
    expect(code).toBe('KEY_INVALID');
    expect(message).toContain('damaged');
  });

  it.runIf(backend === 'node')('KEY_INVALID, not a half-working key, when an encrypted body was damaged but still decrypts and parses', async () => {
    const { privateKeyPem } = await generateKeyPair({ passphrase: PASSPHRASE });
    const lines = privateKeyPem.split('\n');
    // Line 7 of the PEM lies inside the modulus; CBC garbles two blocks but keeps the padding valid.
    lines[7] = 'A'.repeat(64);
    const { code, message } = await codeOf(loadPrivateKey(lines.join('\n'), PASSPHRASE));
    expect(code).toBe('KEY_INVALID');
    expect(message).toContain('damaged');
  });

  it('says what it found when the label is wrong', async () => {
    const { publicKeyPem } = await generateKeyPair();
    expect((await codeOf(loadPrivateKey(publicKeyPem))).message).toContain('PUBLIC KEY');
  });

  it('keeps the key out of logs: the handle shows only its kind and size', async () => {
    const { privateKeyPem } = await generateKeyPair({ passphrase: PASSPHRASE });
    const handle = backend === 'node'
      ? await loadPrivateKey(privateKeyPem, PASSPHRASE)
      : await loadPrivateKey(createPrivateKey({ key: privateKeyPem, passphrase: PASSPHRASE }).export({ type: 'pkcs8', format: 'pem' }).toString());
    const shown = `${inspect(handle, { depth: 5, showHidden: true })} ${JSON.stringify(handle)}`;
    expect(shown).toContain('business-private-key');
    expect(shown).not.toMatch(/BEGIN|PRIVATE KEY|KeyObject|CryptoKey/);
    expect(shown).not.toContain(PASSPHRASE);
    expect(Object.isFrozen(handle)).toBe(true);
  });
});

describe('the WebCrypto backend (Bun, Deno, workerd)', () => {
  withBackend('web');

  it('re-wraps PKCS#1 into exactly the PKCS#8 and SPKI DER that OpenSSL writes', async () => {
    const { privateKeyPem } = await generateKeyPair();
    const object = createPrivateKey(privateKeyPem);
    const pkcs1 = object.export({ type: 'pkcs1', format: 'der' });
    expect(Buffer.from(pkcs8FromPkcs1(pkcs1)).equals(object.export({ type: 'pkcs8', format: 'der' }))).toBe(true);
    const publicObject = createPublicKey(object);
    const rsaPublic = publicObject.export({ type: 'pkcs1', format: 'der' });
    expect(Buffer.from(spkiFromPkcs1(rsaPublic)).equals(publicObject.export({ type: 'spki', format: 'der' }))).toBe(true);
  });

  it('loads unencrypted PKCS#1 and PKCS#8 private keys and SPKI and PKCS#1 public keys, of any size', async () => {
    for (const modulusLength of [2048, 3072]) {
      const { privateKeyPem, publicKeyPem } = await generateKeyPair({ modulusLength });
      const object = createPrivateKey(privateKeyPem);
      const pkcs8 = object.export({ type: 'pkcs8', format: 'pem' }).toString();
      const rsaPublic = createPublicKey(object).export({ type: 'pkcs1', format: 'pem' }).toString();
      expect(privateKeyPem).toContain('BEGIN RSA PRIVATE KEY');
      expect(pkcs8).toContain('BEGIN PRIVATE KEY');
      expect(rsaPublic).toContain('BEGIN RSA PUBLIC KEY');
      for (const [privatePem, publicPem] of [[privateKeyPem, publicKeyPem], [pkcs8, rsaPublic]] as const) {
        expect((await loadPrivateKey(privatePem)).modulusLength).toBe(modulusLength);
        expect((await loadPublicKey(publicPem)).modulusLength).toBe(modulusLength);
        await assertWorkingPair(privatePem, publicPem);
      }
    }
  });

  it('accepts CRLF line ends and surrounding text, as secret stores sometimes keep them', async () => {
    const { privateKeyPem, publicKeyPem } = await generateKeyPair();
    await assertWorkingPair(`key:\r\n${privateKeyPem.replace(/\n/g, '\r\n')}`, publicKeyPem.replace(/\n/g, '\r\n'));
  });

  it('refuses an encrypted PEM with ENCRYPTED_KEY_UNSUPPORTED, saying to store it unencrypted, never echoing the key or passphrase', async () => {
    const { privateKeyPem: traditional } = await generateKeyPair({ passphrase: PASSPHRASE });
    const pkcs8 = createPrivateKey({ key: traditional, passphrase: PASSPHRASE })
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE })
      .toString();
    expect(traditional).toContain('Proc-Type: 4,ENCRYPTED');
    expect(pkcs8).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    const bodyLines = [...traditional.split('\n'), ...pkcs8.split('\n')].filter((line) => /^[A-Za-z0-9+/=]{40,}$/.test(line));
    for (const pem of [traditional, pkcs8]) {
      for (const passphrase of [PASSPHRASE, undefined]) {
        const error = await loadPrivateKey(pem, passphrase).then(() => undefined, (e: unknown) => e);
        expect(error).toBeInstanceOf(DataChannelError);
        const { code, message } = error as DataChannelError;
        expect(code).toBe('ENCRYPTED_KEY_UNSUPPORTED');
        expect(message).toMatch(/no node:crypto/);
        expect(message).toMatch(/unencrypted in the platform's secret store/);
        expect(message).toContain('openssl pkey -in private.pem -out plain.pem');
        const shown = `${message}\n${inspect(error)}`;
        expect(shown).not.toContain(PASSPHRASE);
        expect(shown).not.toContain('-----BEGIN');
        for (const line of bodyLines) expect(shown).not.toContain(line.slice(0, 24));
      }
    }
  });

  it('generateKeyPair stays available on Node while WebCrypto does the data channel', async () => {
    expect((await generateKeyPair()).privateKeyPem).toContain('BEGIN RSA PRIVATE KEY');
  });
});

describe('useCryptoBackend', () => {
  it('refuses a name it does not know', () => {
    expect(() => useCryptoBackend('openssl' as never)).toThrow(TypeError);
  });
});
