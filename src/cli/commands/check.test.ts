// `waflow check` in process, against real endpoints on 127.0.0.1 (createFlowEndpoint, or handlers
// that answer wrongly on purpose) and an environment whose client is a stand-in holding one
// registered key: every diagnosis, the key checks, --flow, --json, exit statuses and usage errors.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../api/client.js';
import { decryptRequest, encryptResponse, generateKeyPair, loadPrivateKey } from '../../data-channel/index.js';
import { createFlowEndpoint } from '../../endpoint/index.js';
import { captureLogger, serveEndpoint } from '../../endpoint/test-kit.js';
import type { RunningServer } from '../../endpoint/test-kit.js';
import type { FlowEndpoint } from '../../endpoint/types.js';
import { freePort, tempDir } from '../../sandbox/phone/test-kit.js';
import type { CliIo } from '../command.js';
import { createCheckCommand } from './check.js';
import type { CheckDependencies } from './check.js';
import type { CheckLine } from './check-lines.js';

type Pair = { privateKeyPem: string; publicKeyPem: string };
let keys: Pair;
let other: Pair;
const dir = tempDir('waflow-check-');
const servers: RunningServer[] = [];
/** What the stand-in environment holds. */
const platform: { pem: string | undefined; status: string; reads: number } = { pem: undefined, status: 'VALID', reads: 0 };
const PASSPHRASE = 'check-passphrase-5521';
const APP_SECRET = 'check-app-secret-8113';

const fakeClient = (): ApiClient =>
  ({
    encryption: {
      setPublicKey: () => Promise.reject(new Error('not used')),
      getPublicKey: () => {
        platform.reads++;
        return Promise.resolve(platform.pem === undefined ? null : { businessPublicKey: platform.pem, businessPublicKeySignatureStatus: platform.status });
      },
    },
  }) as unknown as ApiClient;

async function serve(endpoint: FlowEndpoint): Promise<string> {
  const server = await serveEndpoint(endpoint);
  servers.push(server);
  return server.url;
}

const endpointWith = (privateKey: string, options: { appSecret?: string; passphrase?: string } = {}): FlowEndpoint =>
  createFlowEndpoint({ privateKey, handlers: {}, logger: captureLogger(), ...options });

/** An endpoint that decrypts for real, then answers what `answer` builds. */
async function answering(answer: (aesKey: Uint8Array, iv: Uint8Array) => Promise<Response>): Promise<string> {
  const key = await loadPrivateKey(keys.privateKeyPem);
  return serve(async (req) => {
    const { aesKey, iv } = await decryptRequest(await req.json(), key);
    return answer(aesKey, iv);
  });
}

const ENV = { D360_API_KEY: 'k-360', PARTNER_KEY: 'k-partner', META_TOKEN: 'k-meta', BOOKING_URL: '' };

beforeAll(async () => {
  [keys, other] = await Promise.all([generateKeyPair(), generateKeyPair({ passphrase: PASSPHRASE })]);
  writeFileSync(join(dir.path, 'public.pem'), keys.publicKeyPem);
  writeFileSync(join(dir.path, 'private.pem'), keys.privateKeyPem);
  writeFileSync(join(dir.path, 'other-public.pem'), other.publicKeyPem);
  writeFileSync(join(dir.path, 'other-private.pem'), other.privateKeyPem);
  writeFileSync(
    join(dir.path, 'waflow.config.json'),
    JSON.stringify({
      flows: [
        { name: 'Booking', file: 'flows/booking.json', categories: ['APPOINTMENT_BOOKING'], endpointUri: '${BOOKING_URL}' },
        { name: 'Static', file: 'flows/static.json', categories: ['OTHER'] },
      ],
      environments: {
        sandbox: { provider: '360dialog', baseUrl: 'http://127.0.0.1:1/cloud', apiKeyEnv: 'D360_API_KEY' },
        partner: { provider: '360dialog-partner', baseUrl: 'http://127.0.0.1:1/hub/api/v2', partnerId: 'pPA', wabaAccountId: 'w1', apiKeyEnv: 'PARTNER_KEY' },
        meta: { provider: 'meta', baseUrl: 'http://127.0.0.1:1/graph', accessTokenEnv: 'META_TOKEN', wabaId: '1', phoneNumberId: '2' },
      },
    }),
  );
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  dir.remove();
});

interface Run {
  code: number;
  out: string;
  err: string;
}

async function check(argv: string[], options: { env?: Record<string, string>; cwd?: string; deps?: CheckDependencies } = {}): Promise<Run> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), cwd: options.cwd ?? dir.path, env: { ...ENV, ...options.env } };
  const code = await createCheckCommand({ client: fakeClient, ...options.deps }).run(argv, io);
  return { code, out, err };
}

async function checkJson(argv: string[], options: Parameters<typeof check>[1] = {}): Promise<{ code: number; report: { ok: boolean; healthy?: boolean; checks: CheckLine[]; [key: string]: unknown } }> {
  const run = await check([...argv, '--json'], options);
  return { code: run.code, report: JSON.parse(run.out) as never };
}

const byName = (checks: CheckLine[], name: string): CheckLine | undefined => checks.find((c) => c.name === name);

function register(pem: string | undefined, status = 'VALID'): void {
  platform.pem = pem;
  platform.status = status;
}

describe('waflow check', () => {
  it('is healthy, exit 0, for an endpoint holding the private key of the registered key, one line per check', async () => {
    register(keys.publicKeyPem);
    const url = await serve(endpointWith(keys.privateKeyPem));
    const run = await check([url]);
    expect(run, run.err).toMatchObject({ code: 0, err: '' });
    expect(run.out).toContain(`Checking ${url} (environment "sandbox", 360dialog) as WhatsApp does: an encrypted ping with the registered key sha256:`);
    expect(run.out).toMatch(/^✓ registered key {2}sha256:[0-9a-f]{16} on "sandbox" \(360dialog\), signature VALID$/m);
    expect(run.out).toMatch(/^✓ ping {12}answered the encrypted ping \(HTTP 200, \{ "status": "active" \}\)/m);
    expect(run.out).toMatch(/^✓ latency {9}\d+ ms \(WhatsApp's limit 10000 ms\)$/m);
    expect(run.out).toContain("Healthy: the endpoint answers WhatsApp's health check.");
    expect(run.out).not.toContain('BEGIN');
  });

  it('--json prints one document: the checks, the key, latency and the limit', async () => {
    register(keys.publicKeyPem);
    const url = await serve(endpointWith(keys.privateKeyPem));
    const { code, report } = await checkJson([url, '--env', 'meta']);
    expect(code).toBe(0);
    expect(report).toMatchObject({ ok: true, healthy: true, environment: 'meta', provider: 'meta', endpointUri: url, limitMs: 10_000, httpStatus: 200, key: { source: 'registered', fingerprint: expect.stringMatching(/^sha256:[0-9a-f]{16}$/) } });
    expect(report.checks.map((c) => [c.name, c.status])).toEqual([
      ['registered key', 'pass'],
      ['ping', 'pass'],
      ['latency', 'pass'],
    ]);
    expect(typeof report.latencyMs).toBe('number');
  });

  it('diagnoses an endpoint holding another private key as the wrong key (421), exit 1, and says what to do', async () => {
    register(keys.publicKeyPem);
    const url = await serve(endpointWith(other.privateKeyPem, { passphrase: PASSPHRASE }));
    const run = await check([url]);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/^✗ ping {12}the endpoint answered 421: it could not decrypt the request/m);
    expect(run.out).toContain('what to do: give the endpoint the private key of sha256:');
    expect(run.out).toContain('`waflow keys upload --private-key FILE`');
    expect(run.out).toMatch(/^✓ latency/m);
    expect(run.out).toContain("Not healthy: 1 check failed (ping); WhatsApp's health check would fail");
    const { report } = await checkJson([url]);
    expect(byName(report.checks, 'ping')).toMatchObject({ status: 'fail', kind: 'wrong-key' });
    expect(report).toMatchObject({ ok: false, healthy: false, httpStatus: 421 });
  });

  it('--private-key tells whether the local private key is the pair of the registered key, passphrase from a variable', async () => {
    register(keys.publicKeyPem);
    const url = await serve(endpointWith(keys.privateKeyPem));
    const good = await check([url, '--private-key', 'private.pem']);
    expect(good.code).toBe(0);
    expect(good.out).toMatch(/^✓ private key {5}private\.pem is the pair of the registered key sha256:/m);
    const bad = await check([url, '--private-key', 'other-private.pem', '--passphrase-env', 'KEY_PASS'], { env: { KEY_PASS: PASSPHRASE } });
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/^✗ private key {5}other-private\.pem is not the pair of the registered key: its public key is sha256:[0-9a-f]{16}, not sha256:[0-9a-f]{16}; an endpoint holding it cannot decrypt WhatsApp's requests and answers 421$/m);
    expect(bad.out).toContain('what to do: register its public key (`waflow keys upload --private-key other-private.pem`)');
    expect(bad.out).toContain('Not healthy: 1 check failed (private key).');
    expect(bad.out + bad.err).not.toContain(PASSPHRASE);
    const locked = await check([url, '--private-key', 'other-private.pem']);
    expect(locked.code).toBe(2);
    expect(locked.err).toContain('other-private.pem is passphrase-protected: name the variable holding its passphrase with --passphrase-env VAR');
  });

  it('reports the signature status: MISMATCH fails with what to do; no registered key fails and pings nothing', async () => {
    const url = await serve(endpointWith(keys.privateKeyPem));
    register(keys.publicKeyPem, 'MISMATCH');
    const mismatch = await check([url]);
    expect(mismatch.code).toBe(1);
    expect(mismatch.out).toMatch(/^✗ registered key {2}sha256:[0-9a-f]{16} on "sandbox" \(360dialog\): signature MISMATCH/m);
    expect(mismatch.out).toContain('what to do: upload it again (`waflow keys upload --env sandbox`)');
    expect(mismatch.out).toMatch(/^✓ ping/m);

    register(undefined);
    const none = await checkJson([url]);
    expect(none.code).toBe(1);
    expect(none.report.checks).toEqual([
      expect.objectContaining({ name: 'registered key', status: 'fail', kind: 'no-key' }),
      expect.objectContaining({ name: 'ping', status: 'skip' }),
      expect.objectContaining({ name: 'latency', status: 'skip' }),
    ]);
  });

  it('--public-key encrypts with a file: without an environment the platform checks are skipped; with one, it must be the registered key', async () => {
    const url = await serve(endpointWith(keys.privateKeyPem));
    register(keys.publicKeyPem);
    const reads = platform.reads;
    // No config and no credentials: nothing to read the registered key from, the ping still runs.
    const bare = tempDir('waflow-check-bare-');
    try {
      writeFileSync(join(bare.path, 'public.pem'), keys.publicKeyPem);
      const run = await check([url, '--public-key', 'public.pem'], { cwd: bare.path, env: { D360_API_KEY: '' } });
      expect(run, run.err).toMatchObject({ code: 0 });
      expect(run.out).toMatch(/^- registered key {2}not checked: no environment to read the registered key from \(environment "sandbox": the environment variable \w+ is not set/m);
      expect(run.out).toContain('an encrypted ping with public.pem sha256:');
      expect(run.out).toMatch(/^✓ ping/m);
    } finally {
      bare.remove();
    }
    expect(platform.reads).toBe(reads);

    const differs = await check([url, '--public-key', 'other-public.pem']);
    expect(differs.code).toBe(1);
    expect(differs.out).toMatch(/^✗ registered key {2}other-public\.pem \(sha256:[0-9a-f]{16}\) is not the key registered on "sandbox" \(360dialog\)/m);
    // The file's key is what was sent: the endpoint cannot decrypt it.
    expect(differs.out).toMatch(/^✗ ping {12}the endpoint answered 421/m);

    // A partner-only environment has no key operations: skipped with a file, refused without.
    const partner = await check([url, '--env', 'partner', '--public-key', 'public.pem']);
    expect(partner.code).toBe(0);
    expect(partner.out).toContain('- registered key  not checked: environment "partner" (360dialog-partner) has no business public key operations');
    const refused = await check([url, '--env', 'partner']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('environment "partner" uses provider "360dialog-partner" (360dialog\'s Partner API), which manages flows only');
    expect(refused.err).toContain('this config has "sandbox", "meta"');
    expect(refused.err).toContain('--public-key FILE');
  });

  it('diagnoses an unreachable endpoint', async () => {
    register(keys.publicKeyPem);
    const url = `http://127.0.0.1:${await freePort()}/flow`;
    const { code, report } = await checkJson([url]);
    expect(code).toBe(1);
    expect(byName(report.checks, 'ping')).toMatchObject({ status: 'fail', kind: 'unreachable', message: expect.stringContaining('could not be reached'), advice: expect.stringContaining('start the endpoint') });
    expect(byName(report.checks, 'latency')).toMatchObject({ status: 'skip' });
  });

  it('diagnoses wrong answers: not encrypted, decrypt failed, wrong payload, wrong status, a missing signature (432)', async () => {
    register(keys.publicKeyPem);
    const cases: [string, string, RegExp][] = [
      [await answering(async () => Response.json({ data: { status: 'active' } })), 'not-encrypted', /encrypt every answer/],
      [await answering(async (aesKey, iv) => new Response(await encryptResponse({ data: { status: 'active' } }, aesKey, iv.map((b) => ~b & 0xff)))), 'decrypt-failed', /flipped IV/],
      [await answering(async (aesKey, iv) => new Response(await encryptResponse({ data: { status: 'ok' } }, aesKey, iv))), 'wrong-payload', /"status": "active"/],
      [await serve(async () => new Response('down', { status: 503 })), 'wrong-status', /handle action "ping"/],
      [await serve(endpointWith(keys.privateKeyPem, { appSecret: APP_SECRET })), 'wrong-status', /--app-secret-env VAR/],
    ];
    for (const [url, kind, advice] of cases) {
      const { code, report } = await checkJson([url]);
      expect(code, kind).toBe(1);
      expect(byName(report.checks, 'ping'), kind).toMatchObject({ status: 'fail', kind, advice: expect.stringMatching(advice) });
    }
    // With the app secret, the signed ping passes; the secret is never printed.
    const signed = await check([cases[4]?.[0] ?? '', '--app-secret-env', 'SECRET'], { env: { SECRET: APP_SECRET } });
    expect(signed.code).toBe(0);
    expect(signed.out + signed.err).not.toContain(APP_SECRET);
  });

  it('diagnoses slowness: a warning past the aim, a failure close to the limit, and no answer within it', async () => {
    register(keys.publicKeyPem);
    const endpoint = endpointWith(keys.privateKeyPem);
    const delayed = (ms: number): Promise<string> => serve(async (req) => new Promise((resolve) => setTimeout(() => resolve(endpoint(req)), ms)));
    const [slowish, slow, late] = await Promise.all([delayed(120), delayed(150), delayed(1_500)]);

    const warned = await check([slowish], { deps: { limits: { aimMs: 50, slowMs: 5_000 } } });
    expect(warned.code).toBe(0);
    expect(warned.out).toMatch(/^! latency {9}\d+ ms \(WhatsApp's limit 10000 ms; Meta asks for under 50 ms\)$/m);
    expect(warned.out).toContain('Healthy: the endpoint answers WhatsApp\'s health check (see the warning above).');

    const close = await checkJson([slow], { deps: { limits: { aimMs: 10, slowMs: 100 } } });
    expect(close.code).toBe(1);
    expect(byName(close.report.checks, 'latency')).toMatchObject({ status: 'fail', kind: 'slow', message: expect.stringMatching(/^\d+ ms: close to WhatsApp's limit 10000 ms$/) });

    const timedOut = await checkJson([late], { deps: { limits: { timeoutMs: 200 } } });
    expect(timedOut.code).toBe(1);
    expect(byName(timedOut.report.checks, 'ping')).toMatchObject({ status: 'fail', kind: 'slow', message: expect.stringContaining('no answer within 200 ms') });
    expect(byName(timedOut.report.checks, 'latency')).toMatchObject({ status: 'fail', kind: 'slow' });
  });

  it('--flow takes the URL from the flow\'s endpointUri in the config', async () => {
    register(keys.publicKeyPem);
    const url = await serve(endpointWith(keys.privateKeyPem));
    const { code, report } = await checkJson(['--flow', 'Booking'], { env: { BOOKING_URL: url } });
    expect(code).toBe(0);
    expect(report).toMatchObject({ flow: 'Booking', endpointUri: url, healthy: true });
    const problems: [string[], RegExp][] = [
      [['--flow', 'Static'], /flow "Static" has no endpointUri in the config; give the ENDPOINT_URL instead/],
      [['--flow', 'Nope'], /the config has no flow "Nope"; its flows: "Booking", "Static"/],
      [['--flow', 'Booking'], /BOOKING_URL/],
    ];
    for (const [argv, message] of problems) {
      const run = await check(argv, { env: argv[1] === 'Booking' ? { BOOKING_URL: undefined as unknown as string } : {} });
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.err).toMatch(message);
    }
  });

  it('exits 2 on usage errors, without echoing secrets', async () => {
    const cases: [string[], RegExp][] = [
      [[], /give the ENDPOINT_URL to check, or --flow NAME/],
      [['http://a/', 'http://b/'], /give one ENDPOINT_URL/],
      [['http://a/', '--flow', 'Booking'], /not both/],
      [['not a url'], /absolute http or https URL/],
      [['ftp://a/'], /must be http or https/],
      [['http://a/', '--app-secret-env', 'MISSING'], /MISSING \(--app-secret-env\) is not set/],
      [['http://a/', '--passphrase-env', 'X'], /--passphrase-env goes with --private-key/],
      [['http://a/', '--public-key', 'missing.pem'], /missing\.pem does not exist/],
      [['http://a/', '--public-key', 'private.pem'], /private\.pem is a private key; pass it with --private-key/],
      [['http://a/', '--bogus'], /Unknown option/],
    ];
    for (const [argv, message] of cases) {
      const run = await check(argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.err, argv.join(' ')).toMatch(message);
      expect(run.out + run.err).not.toContain('PRIVATE KEY-----\n');
    }
    const help = await check(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('--app-secret-env VAR');
  });
});
