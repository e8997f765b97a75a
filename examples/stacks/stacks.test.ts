// Every stack example, run as a user runs it: copied into a fresh project that installed the
// packed waflow tarball (test/packed.ts), type-checked there, started on a free port of
// 127.0.0.1 and driven through one booking with real encrypted, signed requests.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateKeyPair, loadPublicKey } from '../../src/data-channel/index.js';
import type { BusinessPublicKey } from '../../src/data-channel/index.js';
import { validateFlow } from '../../src/flow-json/validate/index.js';
import { REPO, packedProject } from '../../test/packed.js';
import { startServer, withOutput } from '../../test/runtimes/processes.js';
import type { ServerProcess } from '../../test/runtimes/processes.js';
import { bundleWorker, writeWorkerdConfig } from '../../test/runtimes/workerd.js';
import type { WorkerBundle } from '../../test/runtimes/workerd.js';
import { APPOINTMENT_FLOW, SLOTS } from './flow.js';
import { COMPILER, Phone, intoHandler, launchTsx, overHttp, stopAll, typecheck } from './test-support.js';
import type { Send } from './test-support.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const APP_SECRET = 'stacks-app-secret-5k2';
const PASSPHRASE = 'stacks-passphrase-9q';

let project: string; // the copy of examples/stacks inside the packed project
const scratch = mkdtempSync(join(tmpdir(), 'waflow-stacks-'));
let plain: { privateKeyPem: string; publicKey: BusinessPublicKey };
let protectedKey: { privateKeyPem: string; publicKey: BusinessPublicKey };
let strangerKey: BusinessPublicKey;
const servers: ServerProcess[] = []; // started with test/runtimes' launcher (workerd)

beforeAll(async () => {
  const [packed, unencrypted, withPassphrase, stranger] = await Promise.all([
    packedProject(),
    generateKeyPair(), // PKCS#1, unencrypted: what a Worker or an edge runtime can load
    generateKeyPair({ passphrase: PASSPHRASE }),
    generateKeyPair(),
  ]);
  plain = { privateKeyPem: unencrypted.privateKeyPem, publicKey: await loadPublicKey(unencrypted.publicKeyPem) };
  protectedKey = { privateKeyPem: withPassphrase.privateKeyPem, publicKey: await loadPublicKey(withPassphrase.publicKeyPem) };
  strangerKey = await loadPublicKey(stranger.publicKeyPem);
  // Inside the packed project, so that `waflow`, express, fastify and hono resolve to its installs.
  project = join(mkdtempSync(join(packed.full, 'stacks-')), 'stacks');
  cpSync(HERE, project, { recursive: true, filter: (path) => !/(\.test\.ts|test-support\.ts)$/.test(basename(path)) });
}, 600_000);

afterAll(async () => {
  await Promise.all([stopAll(), ...servers.map((server) => server.stop())]);
  rmSync(scratch, { recursive: true, force: true });
  if (project !== undefined) rmSync(join(project, '..'), { recursive: true, force: true });
});

/** The environment every Node example reads. */
const nodeEnv = (key: { privateKeyPem: string }, extra: Record<string, string> = {}): Record<string, string> => ({
  PRIVATE_KEY: key.privateKeyPem,
  APP_SECRET,
  PORT: '0',
  HOST: '127.0.0.1',
  ...extra,
});

/**
 * The one scenario every stack serves: ping, INIT, a validation error, the next screen, completion,
 * then the two refusals the platform must see (421 for another key, 432 for a bad signature).
 */
async function bookAppointment(send: Send, publicKey: BusinessPublicKey): Promise<void> {
  const phone = new Phone(send, publicKey, APP_SECRET);
  const token = `token-${Math.random().toString(36).slice(2)}`;
  const ok = async (request: Parameters<Phone['call']>[0]): Promise<unknown> => {
    const { status, body } = await phone.call(request);
    expect(status, JSON.stringify(body)).toBe(200);
    return body;
  };

  expect(await ok({ version: '3.0', action: 'ping' })).toEqual({ data: { status: 'active' } });
  expect(await ok({ version: '3.0', action: 'INIT', flow_token: token })).toEqual({ screen: 'APPOINTMENT', data: { slots: SLOTS } });

  const exchange = (screen: string, data: Record<string, unknown>) => ok({ version: '3.0', action: 'data_exchange', flow_token: token, screen, data });
  expect(await exchange('APPOINTMENT', { name: '', slot: 'mon-0900' })).toEqual({ screen: 'APPOINTMENT', data: { error_message: 'Please enter your name.' } });
  const confirm = { summary: 'Ana Lima, Tuesday 11:00', name: 'Ana Lima', slot: 'tue-1100' };
  expect(await exchange('APPOINTMENT', { name: ' Ana Lima ', slot: 'tue-1100' })).toEqual({ screen: 'CONFIRM', data: confirm });
  expect(await exchange('CONFIRM', { name: confirm.name, slot: confirm.slot })).toEqual({
    screen: 'SUCCESS',
    data: { extension_message_response: { params: { flow_token: token, name: 'Ana Lima', slot: 'tue-1100' } } },
  });

  // Encrypted for a key the endpoint does not hold: 421 tells the client to re-fetch the public key.
  const otherKey = await phone.call({ version: '3.0', action: 'ping' }, { publicKey: strangerKey });
  expect(otherKey).toMatchObject({ status: 421, body: { error: { code: 'DECRYPT_FAILED' } } });
  // Signed with another secret: 432, before anything is decrypted.
  const badSignature = await phone.call({ version: '3.0', action: 'ping' }, { appSecret: 'not-the-app-secret' });
  expect(badSignature).toMatchObject({ status: 432, body: { error: { code: 'SIGNATURE_INVALID' } } });
}

/** The scenario over HTTP against a launched example; on failure its output joins the message. */
const bookAgainst = (server: ServerProcess, publicKey: BusinessPublicKey): Promise<void> =>
  withOutput(server, () => bookAppointment(overHttp(server.url), publicKey));

const TYPECHECK_MS = 120_000;
const START_MS = 30_000;
const RUN_MS = 60_000;

it('ships a flow the validator accepts', () => {
  const result = validateFlow(JSON.stringify(APPOINTMENT_FLOW, null, 2));
  expect(result.diagnostics).toEqual([]);
  expect(result.valid).toBe(true);
});

// One tsc program per kind of project (each checks the shared flow.ts and handlers.ts too).
describe('every example type-checks against the packed package, skipLibCheck off', () => {
  it('node-http, express and fastify as a Node app (node16)', async () => {
    expect(await typecheck(project, 'node', ['node-http/server.ts', 'express/server.ts', 'fastify/server.ts'], COMPILER.node)).toBe('');
  }, TYPECHECK_MS);

  it('hono as a Node app (node16, with the DOM lib that Hono\'s own types need)', async () => {
    expect(await typecheck(project, 'hono', ['hono/server.ts'], COMPILER.honoOnNode)).toBe('');
  }, TYPECHECK_MS);

  it('cloudflare-worker as a Worker (bundler resolution, WebWorker globals, no Node types)', async () => {
    expect(await typecheck(project, 'worker', ['cloudflare-worker/worker.ts'], COMPILER.worker)).toBe('');
  }, TYPECHECK_MS);

  it('route-handler as a Next.js app (bundler resolution, DOM lib)', async () => {
    expect(await typecheck(project, 'next', ['route-handler/app/api/flow/route.ts', 'route-handler/serve.ts'], COMPILER.next)).toBe('');
  }, TYPECHECK_MS);
});

describe.each([
  { stack: 'node-http', key: () => protectedKey, extra: () => ({ PRIVATE_KEY_PASSPHRASE: PASSPHRASE }) },
  { stack: 'express', key: () => plain, extra: () => ({}) },
  { stack: 'fastify', key: () => plain, extra: () => ({}) },
  { stack: 'hono', key: () => plain, extra: () => ({}) },
])('$stack', ({ stack, key, extra }) => {
  it('serves a booking from the packed package', async () => {
    const server = await launchTsx(stack, join(project, stack, 'server.ts'), { cwd: join(project, stack), env: nodeEnv(key(), extra()) });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    await bookAgainst(server, key().publicKey);
  }, RUN_MS);
});

describe('node-http without its key', () => {
  it('exits at start, saying what to set', async () => {
    const env = nodeEnv(plain, { PRIVATE_KEY: '' });
    const started = launchTsx('node-http', join(project, 'node-http', 'server.ts'), { cwd: join(project, 'node-http'), env });
    await expect(started).rejects.toThrow(/exited \(1\) before it was ready[\s\S]*set PRIVATE_KEY to the PEM text/);
  }, RUN_MS);
});

describe('cloudflare-worker', () => {
  const dir = (): string => join(project, 'cloudflare-worker');
  const wrangler = (): string => readFileSync(join(dir(), 'wrangler.toml'), 'utf8');
  // Bundled once from the packed package, with the resolution wrangler uses (test/runtimes/workerd.ts).
  let bundling: Promise<WorkerBundle> | undefined;
  const bundled = (): Promise<WorkerBundle> => (bundling ??= bundleWorker(join(dir(), 'worker.ts'), project, scratch));

  it('needs no nodejs_compat: wrangler.toml sets no flag and the bundle has no node: import', async () => {
    const settings = wrangler()
      .split('\n')
      .filter((line) => !line.trim().startsWith('#'))
      .join('\n');
    expect(settings).not.toMatch(/compatibility_flags|nodejs_compat/);
    const bundle = await bundled();
    expect(bundle.nodeImports).toEqual([]);
    expect(readFileSync(bundle.file, 'utf8')).toContain('Please pick a time.');
  });

  it('serves a booking in workerd, with the key and app secret as secrets in env', async () => {
    await bundled();
    // The Worker runs with the compatibility date of its wrangler.toml, as `wrangler dev` would.
    const date = /^compatibility_date\s*=\s*"([\d-]+)"/m.exec(wrangler())?.[1] ?? '(none in wrangler.toml)';
    const config = writeWorkerdConfig(scratch, { PRIVATE_KEY: plain.privateKeyPem, APP_SECRET });
    const capnp = readFileSync(config, 'utf8');
    expect(capnp).toMatch(/compatibilityDate = "[\d-]+"/);
    writeFileSync(config, capnp.replace(/compatibilityDate = "[\d-]+"/, `compatibilityDate = "${date}"`));
    const server = await startServer(join(REPO, 'node_modules', '.bin', 'workerd'), ['serve', config, '--control-fd=3'], {
      cwd: scratch,
      env: {},
      timeoutMs: START_MS,
      port: 'control-fd',
    });
    servers.push(server);
    await bookAgainst({ ...server, url: `${server.url}/flow` }, plain.publicKey);
  }, RUN_MS);
});

describe('route-handler', () => {
  const dir = (): string => join(project, 'route-handler');

  it('answers a booking when POST is called directly with a web Request', async () => {
    // The route reads process.env on its first request, as it does in Next.js; the endpoint's
    // log lines (the refused requests) are kept and shown only if the booking fails.
    const saved = { PRIVATE_KEY: process.env.PRIVATE_KEY, APP_SECRET: process.env.APP_SECRET };
    Object.assign(process.env, { PRIVATE_KEY: plain.privateKeyPem, APP_SECRET });
    const log: string[] = [];
    const keep = (...args: unknown[]): void => void log.push(args.map(String).join(' '));
    const spies = [vi.spyOn(console, 'warn').mockImplementation(keep), vi.spyOn(console, 'error').mockImplementation(keep)];
    try {
      const route = (await import(pathToFileURL(join(dir(), 'app', 'api', 'flow', 'route.ts')).href)) as {
        POST: (request: Request) => Promise<Response>;
        runtime: string;
      };
      expect(route.runtime).toBe('nodejs');
      await bookAppointment(intoHandler(route.POST, 'https://shop.example/api/flow'), plain.publicKey);
    } catch (error) {
      if (error instanceof Error) error.message += `\n--- endpoint log ---\n${log.join('\n')}`;
      throw error;
    } finally {
      for (const spy of spies) spy.mockRestore();
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  }, RUN_MS);

  it('serves a booking through the node:http → fetch bridge', async () => {
    const server = await launchTsx('route-handler', join(dir(), 'serve.ts'), { cwd: dir(), env: nodeEnv(plain) });
    expect(server.url).toMatch(/\/api\/flow$/);
    await bookAgainst(server, plain.publicKey);
  }, RUN_MS);
});
