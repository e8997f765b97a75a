// `waflow dev`: argument parsing, and the command run as a real process: it starts the sandbox on
// a PGlite folder, prints the URL, the number's key and the partner key and how to point each
// provider at it; the keys work on their surfaces (the number key on waba-v2 and as Graph bearer
// token, the partner key on the Partner API); it stops on SIGINT, and on the next start keeps the
// keys without printing them again.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
      newPartnerKey: false,
    });
    expect(parseDevArgs(['--new-key', '--new-partner-key'], io)).toMatchObject({ newKey: true, newPartnerKey: true });
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

/** The value printed after a label, on its own line. */
function printed(stdout: string, label: string): string | undefined {
  return new RegExp(`^\\s*${label}\\s+(\\S+)`, 'm').exec(stdout)?.[1];
}

describe('waflow dev as a process', () => {
  it('prints the URL, each provider\'s base URL, header and ids, and working keys once; stops on SIGINT and SIGTERM, and keeps the keys', async () => {
    const dataDir = join(work, 'data');
    const first = await startProcess(['--port', '0', '--data-dir', dataDir]);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(first.stdout)?.[1];
    const key = printed(first.stdout, 'API key:');
    const partnerKey = printed(first.stdout, 'partner API key:');
    expect(url).toBeDefined();
    expect(key).toMatch(/^sbx_/);
    expect(partnerKey).toMatch(/^sbxp_/);
    expect(first.stdout).toContain(`baseUrl: '${url}/cloud'`);

    // Each provider: base URL, header, ids.
    const partnerId = /partner id:\s+(\S+)/.exec(first.stdout)?.[1] ?? '';
    const wabaAccountId = /WABA account id:\s+(\S+)/.exec(first.stdout)?.[1] ?? '';
    const wabaId = /WABA id:\s+(\d+)/.exec(first.stdout)?.[1] ?? '';
    const phoneNumberId = /phone number id:\s+(\d+)/.exec(first.stdout)?.[1] ?? '';
    expect(first.stdout).toContain(`base URL:   ${url}/hub/api/v2`);
    expect(first.stdout).toContain(`base URL:   ${url}/graph`);
    expect(first.stdout).toContain('D360-API-KEY: <API key>');
    expect(first.stdout).toContain('X-API-Key: <partner API key>');
    expect(first.stdout).toContain('Authorization: Bearer <API key>');
    expect(first.stdout).toContain('"username": "partner@waflow.test"');
    expect(partnerId).toBe('waflowPA');
    expect(wabaAccountId).toMatch(/^sbx/);
    const info = (await (await fetch(`${url}/_sandbox`)).json()) as { account: Record<string, string> };
    expect(info.account).toEqual({ partner_id: partnerId, waba_account_id: wabaAccountId, waba_id: wabaId, phone_number_id: phoneNumberId });
    // The keys appear once each, in the key lines only.
    expect(first.stdout.split(key ?? '').length).toBe(2);
    expect(first.stdout.split(partnerKey ?? '').length).toBe(2);

    // The number key on waba-v2 and as Graph's bearer token; the partner key on the Partner API.
    const cloud = await fetch(`${url}/cloud/whatsapp_business_encryption`, { headers: { 'D360-API-KEY': key ?? '' } });
    expect(cloud.status).toBe(200);
    expect(await cloud.json()).toEqual({ data: [] });
    const graph = await fetch(`${url}/graph/v24.0/${wabaId}/flows`, { headers: { authorization: `Bearer ${key ?? ''}` } });
    expect(graph.status).toBe(200);
    expect(await graph.json()).toMatchObject({ data: [] });
    const partner = await fetch(`${url}/hub/api/v2/partners/${partnerId}/waba_accounts/${wabaAccountId}/flows`, { headers: { 'X-API-Key': partnerKey ?? '' } });
    expect(partner.status).toBe(200);
    expect(await partner.json()).toEqual({ flows: [], count: 0, total: 0 });
    const token = await fetch(`${url}/hub/api/v2/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'partner@waflow.test', password: partnerKey }) });
    expect(token.status).toBe(200);
    // Each key only on its own surfaces.
    expect((await fetch(`${url}/hub/api/v2/partners/${partnerId}/waba_accounts/${wabaAccountId}/flows`, { headers: { 'X-API-Key': key ?? '' } })).status).toBe(401);
    expect((await fetch(`${url}/graph/v24.0/${wabaId}/flows`, { headers: { authorization: `Bearer ${partnerKey ?? ''}` } })).status).toBe(401);

    expect(await first.stop('SIGINT')).toBe(0);
    expect(first.stderr()).toContain('stopped');
    expect(first.stderr()).not.toContain(key);
    expect(first.stderr()).not.toContain(partnerKey);

    const second = await startProcess(['--port', '0', '--data-dir', dataDir, '--hosting-type', 'on-premise']);
    expect(second.stdout).not.toMatch(/sbxp?_/);
    expect(second.stdout).toContain('the one printed on the first start of this data folder');
    // The guide again, with the same ids.
    expect(second.stdout).toContain(`WABA account id: ${wabaAccountId}`);
    const url2 = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(second.stdout)?.[1];
    const onPrem = await fetch(`${url2}/on-premise/v1/settings/business/whatsapp_business_encryption`, { headers: { 'D360-API-KEY': key ?? '' } });
    expect(onPrem.status).toBe(200);
    expect((await fetch(`${url2}/graph/v24.0/${wabaId}/flows`, { headers: { authorization: `Bearer ${key ?? ''}` } })).status).toBe(200);
    expect((await fetch(`${url2}/hub/api/v2/partners/${partnerId}/waba_accounts/${wabaAccountId}/flows`, { headers: { 'X-API-Key': partnerKey ?? '' } })).status).toBe(200);
    expect(await second.stop('SIGTERM')).toBe(0);
    expect(second.stderr()).not.toContain(key);
    expect(second.stderr()).not.toContain(partnerKey);
  }, 240_000);
});
