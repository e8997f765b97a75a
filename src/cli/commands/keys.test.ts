import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../command.js';
import { keysCommand } from './keys.js';
import { decryptRequest, encryptRequest, loadPrivateKey, loadPublicKey } from '../../data-channel/index.js';

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
