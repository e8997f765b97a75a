// `waflow keys upload` and `waflow check` against `waflow dev` as a user starts it (a real process,
// the keys and ids it prints) and the booking example endpoint as a real process on 127.0.0.1:
// `waflow init`, `waflow keys generate --out keys`, then, per provider that registers keys (the
// starter's `sandbox` environment on 360dialog's Messaging API, a `meta` environment on the Graph
// API): upload registers the key (read back through Meta's view of the account); check is healthy
// against the booking endpoint holding its private key, diagnoses an endpoint holding another
// private key as the wrong key (421), and an unreachable URL; --flow takes the URL from the config.
// A partner-only environment is refused clearly by both verbs.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../src/cli/command.js';
import { checkCommand } from '../src/cli/commands/check.js';
import type { CheckLine } from '../src/cli/commands/check-lines.js';
import { keysCommand } from '../src/cli/commands/keys.js';
import { generateKeyPair } from '../src/data-channel/index.js';
import { freePort } from '../src/sandbox/phone/test-kit.js';
import { addEnvironments, cliRunner, initProject, report, shellEnv, waflowDevPerFile } from './cli-kit.js';
import type { Run } from './cli-kit.js';
import { startServer, withOutput } from './runtimes/processes.js';
import type { ServerProcess } from './runtimes/processes.js';

const ROOT = resolve(import.meta.dirname, '..');
const PASSPHRASE = 'check-cli-passphrase-2718';
const APP_SECRET = 'check-cli-app-secret-3141';

const dev = waflowDevPerFile('waflow-check-cli-');
const { dir } = dev;
const project = join(dir.path, 'project');
const servers: ServerProcess[] = [];
/** The booking endpoint holding the private key of keys/public.pem, and one holding another key. */
let booking: ServerProcess;
let stranger: ServerProcess;
let otherPublicKey: string;

/** The booking example as `npx tsx examples/booking/server.ts` runs it, on an ephemeral port. */
function startBooking(privateKeyPath: string, passphrase: string | undefined): Promise<ServerProcess> {
  return startServer(process.execPath, ['--import', 'tsx', join(ROOT, 'examples/booking/server.ts'), '--port', '0', '--host', '127.0.0.1', '--private-key', privateKeyPath], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', APP_SECRET, ...(passphrase === undefined ? {} : { PRIVATE_KEY_PASSPHRASE: passphrase }) },
    timeoutMs: 60_000,
    port: 'stdout',
    listening: /listening on http:\/\/127\.0\.0\.1:(\d+)\//,
  });
}

/** The variables a developer exports from what `waflow dev` printed, plus the endpoint's secrets. */
function env(): Record<string, string> {
  return {
    ...shellEnv(dev.creds),
    KEY_PASS: PASSPHRASE,
    APP_SECRET,
    // Set once the booking endpoint listens (init and keys generate run before).
    ...(servers.length === 0 ? {} : { BOOKING_URL: booking.url }),
  };
}

const runner = cliRunner(env);
const cli = (command: Command, argv: string[], cwd = project): Promise<Run> => runner.run(command, cwd, argv);

async function checkJson(argv: string[]): Promise<{ code: number; checks: CheckLine[]; report: Record<string, unknown> }> {
  const run = await cli(checkCommand, [...argv, '--json']);
  const json = report(run) as Record<string, unknown> & { checks: CheckLine[] };
  return { code: run.code, checks: json.checks, report: json };
}

const lineOf = (checks: CheckLine[], name: string): CheckLine | undefined => checks.find((c) => c.name === name);

beforeAll(async () => {
  // A project, its key pair as the starter's endpoint reads it (keys/), and a stranger's pair.
  await initProject(dir.path, 'project', env());
  expect((await cli(keysCommand, ['generate', '--out', 'keys', '--passphrase-env', 'KEY_PASS'])).code).toBe(0);
  const other = await generateKeyPair();
  otherPublicKey = other.publicKeyPem;
  writeFileSync(join(dir.path, 'other.pem'), other.privateKeyPem, { mode: 0o600 });
  [booking, stranger] = await Promise.all([startBooking(join(project, 'keys', 'private.pem'), PASSPHRASE), startBooking(join(dir.path, 'other.pem'), undefined)]);
  servers.push(booking, stranger);

  // The booking flow with its endpoint, and the `meta` and `partner-only` environments.
  copyFileSync(join(ROOT, 'examples/booking/flow.json'), join(project, 'flows', 'booking.json'));
  addEnvironments(project, (config) => {
    config.flows.push({ name: 'Booking', file: 'flows/booking.json', categories: ['APPOINTMENT_BOOKING'], endpointUri: '${BOOKING_URL}' });
  });
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

describe.each(['sandbox', 'meta'])('waflow keys upload and waflow check against waflow dev (environment %s)', (environment) => {
  const env = ['--env', environment];
  const signed = ['--app-secret-env', 'APP_SECRET'];

  it('upload registers the key; check is healthy with it, diagnoses the wrong key (421) and an unreachable URL', { timeout: 120_000 }, async () => {
    await withOutput(dev.process, async () => {
      const publicPem = readFileSync(join(project, 'keys', 'public.pem'), 'utf8');
      // Another key is registered first, so the upload has something to replace.
      await dev.truth.encryption.setPublicKey(otherPublicKey);

      // 1. keys upload: the default key file of the project, registered and read back, signed.
      const upload = await cli(keysCommand, ['upload', ...env]);
      expect(upload, upload.err).toMatchObject({ code: 0, err: '' });
      const fingerprint = /Uploading the public key (sha256:[0-9a-f]{16}) \(keys\/public\.pem\)/.exec(upload.out)?.[1];
      expect(fingerprint, upload.out).toBeDefined();
      expect(upload.out).toContain(`Registered on "${environment}": ${fingerprint ?? ''}, signature VALID.`);
      expect((await dev.truth.encryption.getPublicKey())?.businessPublicKey.replace(/\s+/g, '')).toBe(publicPem.replace(/\s+/g, ''));
      expect(upload.out + upload.err).not.toContain(PASSPHRASE);

      // 2. check against the booking endpoint holding the private key: healthy, exit 0.
      const healthy = await cli(checkCommand, [booking.url, ...env, ...signed, '--private-key', 'keys/private.pem', '--passphrase-env', 'KEY_PASS']);
      expect(healthy, healthy.err).toMatchObject({ code: 0, err: '' });
      expect(healthy.out).toMatch(new RegExp(`^✓ registered key  ${fingerprint ?? ''} on "${environment}" \\((360dialog|meta)\\), signature VALID$`, 'm'));
      expect(healthy.out).toMatch(/^✓ private key {5}keys\/private\.pem is the pair of the registered key/m);
      expect(healthy.out).toMatch(/^✓ ping {12}answered the encrypted ping/m);
      expect(healthy.out).toMatch(/^✓ latency {9}\d+ ms \(WhatsApp's limit 10000 ms\)$/m);
      expect(healthy.out).toContain("Healthy: the endpoint answers WhatsApp's health check");
      expect(healthy.out + healthy.err).not.toContain(APP_SECRET);

      // --flow takes the URL from the flow's endpointUri; the booking endpoint checks signatures (432 without the secret).
      const byFlow = await checkJson(['--flow', 'Booking', ...env, ...signed]);
      expect(byFlow).toMatchObject({ code: 0, report: { ok: true, healthy: true, flow: 'Booking', endpointUri: booking.url, environment, key: { source: 'registered', fingerprint } } });
      const unsigned = await checkJson([booking.url, ...env]);
      expect(unsigned.code).toBe(1);
      expect(lineOf(unsigned.checks, 'ping')).toMatchObject({ status: 'fail', kind: 'wrong-status', advice: expect.stringContaining('--app-secret-env VAR') });
      expect(unsigned.report).toMatchObject({ httpStatus: 432 });

      // 3. An endpoint holding a different private key: the wrong key (421), exit 1.
      const wrong = await cli(checkCommand, [stranger.url, ...env, ...signed]);
      expect(wrong.code).toBe(1);
      expect(wrong.out).toMatch(/^✗ ping {12}the endpoint answered 421: it could not decrypt the request/m);
      expect(wrong.out).toContain(`what to do: give the endpoint the private key of ${fingerprint ?? ''}, or register the public key of the endpoint's private key: \`waflow keys upload --private-key FILE --env ${environment}\``);
      expect(wrong.out).toContain('Not healthy: 1 check failed (ping)');
      const wrongJson = await checkJson([stranger.url, ...env, ...signed, '--private-key', join(dir.path, 'other.pem')]);
      expect(wrongJson.code).toBe(1);
      expect(lineOf(wrongJson.checks, 'ping')).toMatchObject({ status: 'fail', kind: 'wrong-key' });
      expect(lineOf(wrongJson.checks, 'private key')).toMatchObject({ status: 'fail', kind: 'key-mismatch', message: expect.stringContaining('answers 421') });

      // 4. Nothing listening: unreachable, exit 1.
      const unreachable = await checkJson([`http://127.0.0.1:${await freePort()}/`, ...env]);
      expect(unreachable.code).toBe(1);
      expect(lineOf(unreachable.checks, 'ping')).toMatchObject({ status: 'fail', kind: 'unreachable', advice: expect.stringContaining('start the endpoint') });
      expect(lineOf(unreachable.checks, 'latency')).toMatchObject({ status: 'skip' });
    });
  });
});

describe('a partner-only environment (360dialog Partner API: flows only)', () => {
  it('is refused by keys upload and check, naming the providers and environments that register keys', { timeout: 60_000 }, async () => {
    await withOutput(dev.process, async () => {
      const before = await dev.truth.encryption.getPublicKey();
      const upload = await cli(keysCommand, ['upload', '--env', 'partner-only']);
      expect(upload.code).toBe(2);
      expect(upload.err).toContain('environment "partner-only" uses provider "360dialog-partner" (360dialog\'s Partner API), which manages flows only: it has no business public key operations.');
      expect(upload.err).toContain('this config has "sandbox", "meta": `waflow keys upload --env sandbox`');
      expect(await dev.truth.encryption.getPublicKey()).toEqual(before);

      const check = await cli(checkCommand, [booking.url, '--env', 'partner-only', '--app-secret-env', 'APP_SECRET']);
      expect(check.code).toBe(2);
      expect(check.err).toContain('which manages flows only');
      expect(check.err).toContain('--public-key FILE');

      // With a key file the endpoint is still checked; the platform checks are skipped, and said so.
      await dev.truth.encryption.setPublicKey(readFileSync(join(project, 'keys', 'public.pem'), 'utf8'));
      const withFile = await cli(checkCommand, [booking.url, '--env', 'partner-only', '--app-secret-env', 'APP_SECRET', '--public-key', 'keys/public.pem']);
      expect(withFile, withFile.err).toMatchObject({ code: 0 });
      expect(withFile.out).toContain('- registered key  not checked: environment "partner-only" (360dialog-partner) has no business public key operations');
      expect(withFile.out).toMatch(/^✓ ping/m);
    });
  });
});
