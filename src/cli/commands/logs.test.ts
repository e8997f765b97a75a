// `waflow logs` without a sandbox: a fake fetch answers as GET /_sandbox and /_sandbox/logs do.
// --since parsing, the sandbox found behind an environment's base URL, the refusal of any other
// environment (exit 2, the platform's dashboard), an unreachable sandbox (exit 1), the lines
// printed, --json, and --follow asking with each cursor until its signal stops it.
// test/templates-logs-cli.test.ts runs it against waflow dev.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../command.js';
import { createLogsCommand, formatEntry, parseSince, sandboxRoot } from './logs.js';
import type { LogEntry, LogsDependencies } from './logs.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ROOT = 'http://127.0.0.1:4999';
const ENDPOINT: LogEntry = {
  id: 'endpoint:ehs_1', kind: 'endpoint', at: '2030-01-01T10:00:01.000Z', flow_id: '111', flow_name: 'Booking', ok: false, http_status: 500, latency_ms: 12, error: 'http-500',
  action: 'data_exchange', endpoint_uri: 'https://shop.test/flow', diagnosis: 'the endpoint answered HTTP 500 (it failed)',
};
const WEBHOOK: LogEntry = {
  id: 'webhook:whd_1#1', kind: 'webhook', at: '2030-01-01T10:00:02.000Z', flow_id: null, flow_name: null, ok: true, http_status: 200, latency_ms: 3, error: null,
  event: 'status.delivered', url: 'http://127.0.0.1:9/hook', attempt: 1, delivery_status: 'delivered', message_id: 'wamid.1', response_excerpt: 'ok',
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'waflow-cli-logs-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function config(environments: Json): void {
  writeFileSync(join(dir, 'waflow.config.json'), JSON.stringify({ flows: [{ name: 'Booking', file: 'flows/booking.json', categories: ['OTHER'] }], environments }));
}

const SANDBOX_ENV = { sandbox: { provider: '360dialog', baseUrl: '${WAFLOW_SANDBOX_URL:-http://127.0.0.1:4010}/cloud', apiKeyEnv: 'D360_API_KEY' } };

/** A fake sandbox: GET /_sandbox, and /_sandbox/logs answering `pages` in turn (the last one forever). */
function fakeSandbox(pages: Json[], options: { about?: Json } = {}): { fetch: NonNullable<LogsDependencies['fetch']>; urls: URL[] } {
  const urls: URL[] = [];
  let next = 0;
  const fetcher: NonNullable<LogsDependencies['fetch']> = async (url, init) => {
    const u = new URL(url);
    urls.push(u);
    if (u.pathname === '/_sandbox') return Response.json(options.about ?? { name: 'waflow sandbox' });
    if (u.pathname !== '/_sandbox/logs') return new Response('not found', { status: 404 });
    const page = pages[Math.min(next, pages.length - 1)] ?? {};
    next += 1;
    if (page.hang === true) {
      // A long poll that nothing answers: only the caller's abort ends it.
      return new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error)));
    }
    return Response.json(page);
  };
  return { fetch: fetcher, urls };
}

async function run(argv: string[], deps: LogsDependencies, env: Record<string, string> = { WAFLOW_SANDBOX_URL: ROOT }): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, cwd: dir, env };
  const code = await createLogsCommand(deps).run(argv, io);
  return { code, out, err };
}

describe('helpers', () => {
  it('reads --since as a duration back from now or an ISO time', () => {
    const now = new Date('2030-01-01T12:00:00Z');
    expect(parseSince('10m', now)?.toISOString()).toBe('2030-01-01T11:50:00.000Z');
    expect(parseSince('90s', now)?.toISOString()).toBe('2030-01-01T11:58:30.000Z');
    expect(parseSince('2h', now)?.toISOString()).toBe('2030-01-01T10:00:00.000Z');
    expect(parseSince('1d', now)?.toISOString()).toBe('2029-12-31T12:00:00.000Z');
    expect(parseSince('2030-01-01T08:00:00Z', now)?.toISOString()).toBe('2030-01-01T08:00:00.000Z');
    for (const bad of ['yesterday', '10', '10y', '2030-13-45']) expect(parseSince(bad, now)).toBeUndefined();
  });

  it('finds the sandbox root behind each surface, and nothing behind a provider URL', () => {
    expect(sandboxRoot('http://127.0.0.1:4010/cloud')).toBe('http://127.0.0.1:4010');
    expect(sandboxRoot('http://127.0.0.1:4010/on-premise/')).toBe('http://127.0.0.1:4010');
    expect(sandboxRoot('http://localhost:4010/hub/api/v2')).toBe('http://localhost:4010');
    expect(sandboxRoot('http://127.0.0.1:4010/graph')).toBe('http://127.0.0.1:4010');
    expect(sandboxRoot('http://127.0.0.1:4010/graph/v24.0')).toBe('http://127.0.0.1:4010');
    expect(sandboxRoot('https://waba-v2.360dialog.io')).toBeUndefined();
    expect(sandboxRoot('https://graph.facebook.com')).toBeUndefined();
  });

  it('prints an entry on a line, its error and diagnosis on the next', () => {
    expect(formatEntry(ENDPOINT)).toBe(
      '2030-01-01T10:00:01.000Z  endpoint  data_exchange     500     12 ms  flow "Booking" (111)  https://shop.test/flow\n    error http-500: the endpoint answered HTTP 500 (it failed)\n',
    );
    expect(formatEntry(WEBHOOK)).toBe('2030-01-01T10:00:02.000Z  webhook   status.delivered  200      3 ms  attempt 1 (delivered)  http://127.0.0.1:9/hook\n');
    expect(formatEntry({ ...WEBHOOK, ok: false, http_status: null, error: 'the receiver could not be reached: ECONNREFUSED', delivery_status: 'pending', response_excerpt: null })).toContain(
      '---      3 ms  attempt 1 (pending)  http://127.0.0.1:9/hook\n    error: the receiver could not be reached: ECONNREFUSED\n',
    );
  });
});

describe('waflow logs', () => {
  it('prints the entries of the sandbox behind the environment, with --json as one document', async () => {
    config(SANDBOX_ENV);
    const sandbox = fakeSandbox([{ data: [ENDPOINT, WEBHOOK], cursor: 'c1', more: false }]);
    const { code, out, err } = await run(['--since', '10m', '--kind', 'all', '--limit', '20'], { fetch: sandbox.fetch });
    expect([code, err]).toEqual([0, '']);
    expect(out).toContain(`Logs of the sandbox at ${ROOT} (environment "sandbox"), since `);
    expect(out).toContain(formatEntry(ENDPOINT) + formatEntry(WEBHOOK));
    expect(out).toContain('1 endpoint call, 1 webhook attempt, 1 failed.');
    const query = sandbox.urls[1]?.searchParams;
    expect([query?.get('kind'), query?.get('limit'), query?.get('after')]).toEqual(['all', '20', null]);
    expect(Date.now() - Date.parse(query?.get('since') ?? '')).toBeGreaterThanOrEqual(600_000);

    const json = await run(['--json'], { fetch: fakeSandbox([{ data: [ENDPOINT], cursor: 'c1', more: false }]).fetch });
    expect(JSON.parse(json.out)).toEqual({ ok: true, environment: 'sandbox', provider: '360dialog', sandbox: ROOT, entries: [ENDPOINT], cursor: 'c1' });
  });

  it("sends --flow as the id the lock records, and says when there is nothing yet", async () => {
    config(SANDBOX_ENV);
    writeFileSync(join(dir, 'waflow.lock.json'), JSON.stringify({ lockfileVersion: 1, environments: { sandbox: { flows: { Booking: { id: '4242', name: 'Booking', hash: 'sha256:0' } }, templates: {} } } }));
    const sandbox = fakeSandbox([{ data: [], cursor: 'c0', more: false }]);
    const { code, out } = await run(['--flow', 'Booking', '--kind', 'endpoint'], { fetch: sandbox.fetch });
    expect(code).toBe(0);
    expect(sandbox.urls[1]?.searchParams.get('flow')).toBe('4242');
    expect(out).toContain('endpoint entries, flow "Booking" (4242):');
    expect(out).toContain('No entries yet');
  });

  it('follows with each answer\'s cursor until its signal stops it', async () => {
    config(SANDBOX_ENV);
    const stop = new AbortController();
    const sandbox = fakeSandbox([{ data: [ENDPOINT], cursor: 'c1', more: false }, { data: [WEBHOOK], cursor: 'c2', more: false }, { hang: true }]);
    const fetcher: NonNullable<LogsDependencies['fetch']> = async (url, init) => {
      // The third logs request is the one left waiting: stop there.
      if (sandbox.urls.filter((u) => u.pathname === '/_sandbox/logs').length === 2 && url.includes('/_sandbox/logs')) queueMicrotask(() => stop.abort());
      return sandbox.fetch(url, init);
    };
    const { code, out, err } = await run(['--follow', '--json'], { fetch: fetcher, signal: stop.signal, waitMs: 1000 });
    expect(code).toBe(0);
    const logs = sandbox.urls.filter((u) => u.pathname === '/_sandbox/logs');
    expect(logs.map((u) => [u.searchParams.get('after'), u.searchParams.get('wait')])).toEqual([[null, null], ['c1', '1000'], ['c2', '1000']]);
    const [first, second, ...rest] = out.split('\n');
    expect([JSON.parse(first ?? '') as Json, JSON.parse(second ?? '') as Json]).toEqual([ENDPOINT, WEBHOOK]);
    expect(JSON.parse(rest.join('\n'))).toMatchObject({ ok: true, followed: true, count: 2, cursor: 'c2' });
    expect(err).toContain('waflow logs: stopped after 2 entries.');
  });

  it('refuses an environment that is not the sandbox, pointing at the dashboard', async () => {
    config({ ...SANDBOX_ENV, production: { provider: 'meta', accessTokenEnv: 'TOKEN', wabaId: '1', phoneNumberId: '2' }, staging: { provider: '360dialog', baseUrl: 'https://waba-v2.360dialog.io', apiKeyEnv: 'KEY' } });
    const sandbox = fakeSandbox([]);
    const meta = await run(['--env', 'production'], { fetch: sandbox.fetch });
    expect(meta.code).toBe(2);
    expect(meta.err).toContain('environment "production" (meta) is not the sandbox');
    expect(meta.err).toContain("the platform's logs live in its dashboard: Meta's WhatsApp Manager");
    expect(sandbox.urls).toEqual([]);
    expect(await run(['--env', 'staging', '--json'], { fetch: sandbox.fetch })).toMatchObject({ code: 2, out: expect.stringContaining('"kind": "not-sandbox"') });
    // A sandbox-like URL that does not answer as waflow dev.
    const other = await run([], { fetch: fakeSandbox([], { about: { name: 'something else' } }).fetch });
    expect(other).toMatchObject({ code: 2, err: expect.stringContaining(`${ROOT} does not answer as \`waflow dev\``) });
  });

  it('says when the sandbox cannot be reached, and refuses bad options', async () => {
    config(SANDBOX_ENV);
    const down = await run([], { fetch: async () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })) });
    expect(down).toMatchObject({ code: 1, err: expect.stringContaining(`cannot reach the sandbox at ${ROOT} (ECONNREFUSED)`) });
    expect(down.err).toContain('what to do: start `waflow dev`');
    const fetcher = fakeSandbox([]).fetch;
    for (const [argv, message] of [
      [['--kind', 'http'], '--kind must be endpoint, webhook or all'],
      [['--limit', '0'], '--limit must be a whole number from 1 to 1000'],
      [['--since', 'yesterday'], '--since must be a duration'],
      [['now'], 'logs takes no arguments'],
    ] as const) {
      expect(await run([...argv], { fetch: fetcher })).toMatchObject({ code: 2, err: expect.stringContaining(message) });
    }
  });
});
