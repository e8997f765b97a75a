// `waflow dev`: argument parsing, and the command run as a real process: it starts the sandbox on
// a PGlite folder, prints the URL and a key that the production client can use, stops on SIGINT,
// and on the next start keeps the key without printing it again.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createClient } from '../../api/index.js';
import { devCommand, parseDevArgs } from './dev.js';

const io = { cwd: '/work/here', env: { SECRET_VAR: 'the-app-secret', EMPTY: '' } as Record<string, string | undefined> };

function usageError(argv: string[], env: Record<string, string | undefined> = io.env): string {
  try {
    parseDevArgs(argv, { cwd: io.cwd, env });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('parseDevArgs', () => {
  it('fills the embedded defaults', () => {
    expect(parseDevArgs([], io)).toEqual({
      port: 4010,
      host: '127.0.0.1',
      dataDir: '/work/here/.waflow',
      databaseUrl: undefined,
      hostingType: 'cloud',
      webhookUrls: [],
      appSecret: undefined,
      newKey: false,
    });
  });

  it('reads every option, repeated webhook URLs and the app secret from the environment', () => {
    const options = parseDevArgs(
      ['--port=0', '--host', '::1', '--hosting-type', 'on-premise', '--webhook-url', 'http://127.0.0.1:9/a', '--webhook-url=https://example.test/b', '--app-secret-env', 'SECRET_VAR', '--data-dir', 'x'],
      io,
    );
    expect(options).toMatchObject({ port: 0, host: '::1', hostingType: 'on-premise', webhookUrls: ['http://127.0.0.1:9/a', 'https://example.test/b'], appSecret: 'the-app-secret', dataDir: '/work/here/x' });
  });

  it('uses DATABASE_URL when neither --data-dir nor --database-url is given', () => {
    expect(parseDevArgs([], { cwd: '/w', env: { DATABASE_URL: 'postgres://u@h/db' } })).toMatchObject({ databaseUrl: 'postgres://u@h/db', dataDir: undefined });
    expect(parseDevArgs(['--data-dir', 'd'], { cwd: '/w', env: { DATABASE_URL: 'postgres://u@h/db' } })).toMatchObject({ databaseUrl: undefined, dataDir: '/w/d' });
  });

  it('says what is wrong, without echoing values that may be secret', () => {
    expect(usageError(['--port', '70000'])).toMatch(/--port/);
    expect(usageError(['--hosting-type', 'onprem'])).toMatch(/cloud or on-premise/);
    expect(usageError(['--webhook-url', 'ftp://x'])).toMatch(/http\(s\)/);
    expect(usageError(['--app-secret-env', 'EMPTY'])).toMatch(/EMPTY is not set or empty/);
    expect(usageError(['--data-dir', 'a', '--database-url', 'postgres://h/d'])).toMatch(/not both/);
    const bad = usageError(['--database-url', 'mysql://user:hunter2@h/d']);
    expect(bad).not.toContain('hunter2');
    expect(usageError(['--passwrd=hunter2'])).not.toContain('hunter2');
    expect(usageError(['hunter2'])).not.toContain('hunter2');
  });

  it('prints usage on bad arguments and help on --help', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const cliIo = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), cwd: '/tmp', env: {} };
    expect(await devCommand.run(['--port', 'abc'], cliIo)).toBe(2);
    expect(err.join('')).toContain('usage: waflow dev');
    expect(await devCommand.run(['--help'], cliIo)).toBe(0);
    expect(out.join('')).toContain('--hosting-type');
  });
});

// --- as a process ------------------------------------------------------------------------------

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const work = mkdtempSync(join(tmpdir(), 'waflow-dev-'));
const runner = join(work, 'run-dev.mts');
writeFileSync(
  runner,
  `import process from 'node:process';
import { devCommand } from ${JSON.stringify(join(ROOT, 'src/cli/commands/dev.ts'))};
const io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: process.cwd(), env: process.env };
process.exitCode = await devCommand.run(process.argv.slice(2), io);
`,
);

afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Running {
  stdout: string;
  stderr(): string;
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

async function startProcess(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', runner, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  await new Promise<void>((ready, fail) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Press Ctrl+C to stop.')) ready();
    });
    void exited.then((code) => fail(new Error(`waflow dev exited early (${String(code)}): ${err}`)));
  });
  return {
    stdout: out,
    stderr: () => err,
    async stop(signal) {
      child.kill(signal);
      return exited;
    },
  };
}

describe('waflow dev as a process', () => {
  it('prints the URL and a working key once, stops on SIGINT and SIGTERM, and keeps the key', async () => {
    const dataDir = join(work, 'data');
    const first = await startProcess(['--port', '0', '--data-dir', dataDir]);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(first.stdout)?.[1];
    const key = /API key:\s+(sbx_\S+)/.exec(first.stdout)?.[1];
    expect(url).toBeDefined();
    expect(key).toBeDefined();
    expect(first.stdout).toContain(`baseUrl: '${url}/cloud'`);
    const client = createClient({ apiKey: key ?? '', hostingType: 'cloud', baseUrl: `${url}/cloud` });
    await expect(client.encryption.getPublicKey()).resolves.toBeNull();
    expect(await first.stop('SIGINT')).toBe(0);
    expect(first.stderr()).toContain('stopped');
    expect(first.stderr()).not.toContain(key);

    const second = await startProcess(['--port', '0', '--data-dir', dataDir, '--hosting-type', 'on-premise']);
    expect(second.stdout).not.toMatch(/sbx_/);
    const url2 = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(second.stdout)?.[1];
    const again = createClient({ apiKey: key ?? '', hostingType: 'on-premise', baseUrl: `${url2}/on-premise` });
    await expect(again.encryption.getPublicKey()).resolves.toBeNull();
    expect(await second.stop('SIGTERM')).toBe(0);
    expect(second.stderr()).not.toContain(key);
  }, 240_000);
});
