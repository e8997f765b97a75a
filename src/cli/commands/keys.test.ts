import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../command.js';
import { createKeysCommand, keysCommand } from './keys.js';
import { ApiError } from '../../api/errors.js';
import type { ApiClient } from '../../api/client.js';
import { decryptRequest, encryptRequest, generateKeyPair, loadPrivateKey, loadPublicKey } from '../../data-channel/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'waflow-cli-keys-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, cwd: dir, env };
  const code = await keysCommand.run(argv, io);
  return { code, out, err };
}

const SECRET = 'cli-test-passphrase-9431';

describe('waflow keys generate', () => {
  it('writes a passphrase-protected pair, private.pem with mode 0600, and prints neither secret', async () => {
    const { code, out, err } = await run(['generate', '--passphrase-env', 'WAFLOW_KEY_PASS', '--out', 'keys'], { WAFLOW_KEY_PASS: SECRET });
    expect(code).toBe(0);
    const privatePem = readFileSync(join(dir, 'keys', 'private.pem'), 'utf8');
    const publicPem = readFileSync(join(dir, 'keys', 'public.pem'), 'utf8');
    expect(statSync(join(dir, 'keys', 'private.pem')).mode & 0o777).toBe(0o600);
    expect(privatePem).toContain('DEK-Info: DES-EDE3-CBC');
    expect(out + err).not.toContain(SECRET);
    expect(out + err).not.toContain(privatePem.split('\n')[4] ?? '-');
    expect(out + err).not.toContain('PRIVATE KEY-----');
    expect(out).toContain('public.pem');
    // The pair works, and openssl opens the private key with the passphrase.
    const privateKey = await loadPrivateKey(privatePem, SECRET);
    const { envelope } = await encryptRequest({ version: '3.0', action: 'ping' }, await loadPublicKey(publicPem));
    expect((await decryptRequest(envelope, privateKey)).body.action).toBe('ping');
    const text = execFileSync('openssl', ['rsa', '-in', join(dir, 'keys', 'private.pem'), '-passin', `pass:${SECRET}`, '-noout', '-text'], { encoding: 'utf8' });
    expect(text).toMatch(/Private-Key: \(2048 bit/);
  });

  it('accepts --passphrase directly, warns that it is visible, and never echoes it', async () => {
    const { code, out, err } = await run(['generate', `--passphrase=${SECRET}`]);
    expect(code).toBe(0);
    expect(err).toContain('--passphrase-env');
    expect(out + err).not.toContain(SECRET);
    await expect(loadPrivateKey(readFileSync(join(dir, 'private.pem'), 'utf8'), SECRET)).resolves.toBeDefined();
  });

  it('writes an unprotected key without a passphrase, with the requested size', async () => {
    const { code } = await run(['generate', '--bits', '3072']);
    expect(code).toBe(0);
    const privatePem = readFileSync(join(dir, 'private.pem'), 'utf8');
    expect(privatePem).not.toContain('ENCRYPTED');
    expect((await loadPrivateKey(privatePem)).modulusLength).toBe(3072);
  });

  it('refuses to overwrite existing files unless --force, and then keeps mode 0600', async () => {
    writeFileSync(join(dir, 'private.pem'), 'old', { mode: 0o644 });
    const refused = await run(['generate']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('--force');
    expect(readFileSync(join(dir, 'private.pem'), 'utf8')).toBe('old');
    expect(existsSync(join(dir, 'public.pem'))).toBe(false);
    const forced = await run(['generate', '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, 'private.pem'), 'utf8')).toContain('BEGIN RSA PRIVATE KEY');
    expect(statSync(join(dir, 'private.pem')).mode & 0o777).toBe(0o600);
  });

  it('exits 2 on usage errors without echoing a misplaced secret', async () => {
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [[], {}, /usage/],
      [['frobnicate'], {}, /unknown subcommand/],
      [['generate', '--bits'], {}, /--bits needs a value/],
      [['generate', '--bits', 'lots'], {}, /whole number/],
      [['generate', '--bits', '1024'], {}, /at least|between/],
      [['generate', '--passphrase', 'abcd', '--passphrase-env', 'X'], { X: 'efgh' }, /not both/],
      [['generate', '--passphrase-env', 'MISSING_VAR'], {}, /MISSING_VAR is not set/],
      [['generate', '--passphrase', 'abc'], {}, /at least 4/],
      [['generate', '--unknown'], {}, /unknown option --unknown/],
      [['generate', SECRET], {}, /unexpected argument/],
      [['generate', '--out', 'a', '--out', 'b'], {}, /twice/],
    ];
    for (const [argv, env, message] of cases) {
      const { code, out, err } = await run(argv, env);
      expect(code, argv.join(' ')).toBe(2);
      expect(err).toMatch(message);
      expect(out + err).not.toContain(SECRET);
      expect(out + err).not.toContain('efgh');
    }
    expect(existsSync(join(dir, 'private.pem'))).toBe(false);
  });

  it('prints help with exit 0 when asked', async () => {
    const { code, out } = await run(['generate', '--help']);
    expect(code).toBe(0);
    expect(out).toContain('--passphrase-env');
  });
});


// `keys upload` with an environment whose client is a stand-in for the platform: it keeps the
// uploaded key and answers it back with a signature status (test/check-cli.test.ts does the same
// against a real `waflow dev`, per provider).
describe('waflow keys upload', () => {
  const platform: { pem: string | undefined; status: string; replaceWith: string | undefined; fail: Error | undefined; uploads: number } = { pem: undefined, status: 'VALID', replaceWith: undefined, fail: undefined, uploads: 0 };
  const client = (): ApiClient =>
    ({
      encryption: {
        setPublicKey: (pem: string) => {
          if (platform.fail !== undefined) return Promise.reject(platform.fail);
          platform.uploads++;
          platform.pem = platform.replaceWith ?? pem;
          return Promise.resolve({ success: true });
        },
        getPublicKey: () => Promise.resolve(platform.pem === undefined ? null : { businessPublicKey: platform.pem, businessPublicKeySignatureStatus: platform.status }),
      },
    }) as unknown as ApiClient;
  const ENV = { D360_API_KEY: 'k-360', PARTNER_KEY: 'k-partner', META_TOKEN: 'k-meta' };
  let pair: { privateKeyPem: string; publicKeyPem: string };

  beforeEach(() => {
    Object.assign(platform, { pem: undefined, status: 'VALID', replaceWith: undefined, fail: undefined, uploads: 0 });
    writeFileSync(
      join(dir, 'waflow.config.json'),
      JSON.stringify({
        flows: [],
        environments: {
          sandbox: { provider: '360dialog', baseUrl: 'http://127.0.0.1:1/cloud', apiKeyEnv: 'D360_API_KEY' },
          partner: { provider: '360dialog-partner', baseUrl: 'http://127.0.0.1:1/hub/api/v2', partnerId: 'pPA', wabaAccountId: 'w1', apiKeyEnv: 'PARTNER_KEY' },
          meta: { provider: 'meta', baseUrl: 'http://127.0.0.1:1/graph', accessTokenEnv: 'META_TOKEN', wabaId: '1', phoneNumberId: '2' },
        },
      }),
    );
  });

  async function upload(argv: string[], env: Record<string, string> = {}, cwd = dir): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const io: CliIo = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, cwd, env: { ...ENV, ...env } };
    const code = await createKeysCommand({ client }).run(['upload', ...argv], io);
    return { code, out, err };
  }

  const der = (pem: string): Buffer => createPublicKey(pem).export({ type: 'spki', format: 'der' });
  const fingerprint = (pem: string): string => `sha256:${createHash('sha256').update(der(pem)).digest('hex').slice(0, 16)}`;

  it('uploads public.pem from the working folder (what `keys generate` writes), reads it back and shows fingerprint and signature', async () => {
    expect((await run(['generate'])).code).toBe(0);
    const publicPem = readFileSync(join(dir, 'public.pem'), 'utf8');
    const result = await upload([]);
    expect(result, result.err).toMatchObject({ code: 0, err: '' });
    expect(platform.pem).toBe(publicPem);
    const fp = fingerprint(publicPem);
    expect(result.out).toContain(`Uploading the public key ${fp} (public.pem) to "sandbox" (360dialog, http://127.0.0.1:1/cloud)... ok`);
    expect(result.out).toContain(`Registered on "sandbox": ${fp}, signature VALID.`);
    // The fingerprint is the start of what openssl prints for the same key.
    const openssl = execFileSync('sh', ['-c', `openssl pkey -pubin -in public.pem -outform DER | openssl dgst -sha256 -r`], { cwd: dir, encoding: 'utf8' });
    expect(openssl.startsWith(fp.slice('sha256:'.length))).toBe(true);

    const json = await upload(['--env', 'meta', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ ok: true, environment: 'meta', provider: 'meta', file: 'public.pem', fingerprint: fp, registered: { fingerprint: fp, signatureStatus: 'VALID', matchesUpload: true } });
  });

  it('falls back to keys/public.pem of the project (`waflow keys generate --out keys`)', async () => {
    expect((await run(['generate', '--out', 'keys'])).code).toBe(0);
    mkdirSync(join(dir, 'flows'));
    const result = await upload([], {}, join(dir, 'flows'));
    expect(result.code, result.err).toBe(0);
    expect(platform.pem).toBe(readFileSync(join(dir, 'keys', 'public.pem'), 'utf8'));
    expect(result.out).toContain(`(${join(dir, 'keys', 'public.pem')})`);
  });

  it('derives the public key from --private-key, passphrase from --passphrase-env, and prints neither', async () => {
    pair ??= await generateKeyPair({ passphrase: SECRET });
    writeFileSync(join(dir, 'endpoint.pem'), pair.privateKeyPem, { mode: 0o600 });
    const result = await upload(['--private-key', 'endpoint.pem', '--passphrase-env', 'KEY_PASS'], { KEY_PASS: SECRET });
    expect(result.code, result.err).toBe(0);
    expect(der(platform.pem ?? '')).toEqual(der(pair.publicKeyPem));
    expect(result.out).toContain(`Registered on "sandbox": ${fingerprint(pair.publicKeyPem)}, signature VALID.`);
    expect(result.out + result.err).not.toContain(SECRET);
    expect(result.out + result.err).not.toContain('PRIVATE KEY');
    const locked = await upload(['--private-key', 'endpoint.pem']);
    expect(locked.code).toBe(2);
    expect(locked.err).toContain('endpoint.pem is passphrase-protected: name the variable holding its passphrase with --passphrase-env VAR');
    const wrong = await upload(['--private-key', 'endpoint.pem', '--passphrase-env', 'KEY_PASS'], { KEY_PASS: 'not-the-passphrase' });
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/endpoint\.pem: the passphrase does not open this private key/);
    expect(wrong.out + wrong.err).not.toContain('not-the-passphrase');
  });

  it('refuses a partner-only environment, naming the providers and environments that register keys', async () => {
    expect((await run(['generate'])).code).toBe(0);
    const result = await upload(['--env', 'partner']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('environment "partner" uses provider "360dialog-partner" (360dialog\'s Partner API), which manages flows only: it has no business public key operations.');
    expect(result.err).toContain('use an environment with provider "360dialog" (the number\'s D360-API-KEY, Messaging API) or "meta" (Graph API)');
    expect(result.err).toContain('this config has "sandbox", "meta": `waflow keys upload --env sandbox`');
    expect(platform.uploads).toBe(0);
    expect(JSON.parse((await upload(['--env', 'partner', '--json'])).out)).toMatchObject({ ok: false, error: { kind: 'unsupported' } });
  });

  it('fails (exit 1) when the platform refuses, holds another key, or does not sign it', async () => {
    expect((await run(['generate'])).code).toBe(0);
    platform.fail = new ApiError({ status: 400, code: 131009, message: '(#131009) Parameter value is not valid', dialect: 'cloud' });
    const refused = await upload([]);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/\.\.\. failed\n$/);
    expect(refused.err).toContain('(#131009) Parameter value is not valid');
    expect(refused.err).toContain('what to do:');

    platform.fail = undefined;
    platform.status = 'MISMATCH';
    const mismatch = await upload([]);
    expect(mismatch.code).toBe(1);
    expect(mismatch.out).toContain('signature MISMATCH');
    expect(mismatch.err).toContain('what to do: upload it again (`waflow keys upload --env sandbox`); this happens after the number is re-registered or moved between On-Premise and Cloud API.');

    platform.status = 'VALID';
    platform.replaceWith = (await generateKeyPair()).publicKeyPem;
    const other = await upload(['--json']);
    expect(other.code).toBe(1);
    expect(JSON.parse(other.out)).toMatchObject({ ok: false, registered: { matchesUpload: false }, error: { kind: 'not-registered' } });
  });

  it('checks the key before sending anything: no file, a private key as --public-key, not 2048 bits', async () => {
    const none = await upload([]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('no public key file: neither public.pem nor keys/public.pem exists. Run `waflow keys generate`');
    expect((await run(['generate', '--bits', '3072'])).code).toBe(0);
    const big = await upload([]);
    expect(big.code).toBe(2);
    expect(big.err).toMatch(/public\.pem cannot be uploaded \(3072-bit RSA\): it must be a 2048-bit RSA key/);
    const wrongFile = await upload(['--public-key', 'private.pem']);
    expect(wrongFile.code).toBe(2);
    expect(wrongFile.err).toContain('private.pem is a private key; pass it with --private-key');
    expect(platform.uploads).toBe(0);
  });

  it('exits 2 on usage errors without echoing a misplaced secret', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--public-key', 'a.pem', '--private-key', 'b.pem'], /not both/],
      [['--passphrase-env', 'X'], /--passphrase-env goes with --private-key/],
      [['--private-key', 'b.pem', '--passphrase-env', 'UNSET_VAR'], /UNSET_VAR \(--passphrase-env\) is not set/],
      [[SECRET], /unexpected argument/],
      [['--env', 'nope'], /no environment "nope"/],
    ];
    for (const [argv, message] of cases) {
      const { code, out, err } = await upload(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(err).toMatch(message);
      expect(out + err).not.toContain(SECRET);
    }
    const help = await upload(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('--private-key FILE');
  });
});
