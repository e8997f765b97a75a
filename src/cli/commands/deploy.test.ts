// The command's own behaviour, without a platform: arguments, config and environment errors,
// validation, and how a platform failure is reported. test/deploy.test.ts runs it against waflow dev.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../api/client.js';
import { ApiClientError, ApiError } from '../../api/errors.js';
import type { CliIo } from '../command.js';
import { STARTER_FILES } from '../templates/starter.js';
import { createDeployCommand, parseDeployArgs } from './deploy.js';

const KEY = 'sbx_never-print-this-key-0123456789';
const ENV = { D360_API_KEY: KEY, D360_PARTNER_API_KEY: 'sbxp_partner-key-0123456789', D360_WABA_ACCOUNT_ID: 'sbx0123456789ab', WAFLOW_SANDBOX_URL: 'http://127.0.0.1:1' };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'waflow-cli-deploy-'));
  for (const file of STARTER_FILES) {
    mkdirSync(join(dir, file.path, '..'), { recursive: true });
    writeFileSync(join(dir, file.path), file.content);
  }
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A client that fails the test if called, unless a method is given. */
function fakeClient(flows: Partial<ApiClient['flows']> = {}, templates: Partial<ApiClient['templates']> = {}): ApiClient {
  const refuse = (name: string) => () => {
    throw new Error(`unexpected call: ${name}`);
  };
  const area = <T extends object>(prefix: string, given: Partial<T>): T =>
    new Proxy(given, { get: (target, key: string) => (target as Record<string, unknown>)[key] ?? refuse(`${prefix}.${key}`) }) as T;
  return { provider: '360dialog', hostingType: 'cloud', baseUrl: '', dialects: {} as ApiClient['dialects'], messages: area('messages', {}), encryption: area('encryption', {}), flows: area('flows', flows), templates: area('templates', templates) };
}

async function run(argv: string[], options: { env?: Record<string, string>; client?: ApiClient } = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, cwd: dir, env: options.env ?? ENV };
  const command = createDeployCommand({ client: () => options.client ?? fakeClient() });
  const code = await command.run(argv, io);
  return { code, out, err };
}

describe('parseDeployArgs', () => {
  it('reads every option', () => {
    expect(parseDeployArgs(['--env', 'staging', '--dry-run', '--publish', '--clone-as-new', '--json', '--config=x.json'])).toEqual({
      env: 'staging',
      dryRun: true,
      publish: true,
      cloneAsNew: true,
      json: true,
      config: 'x.json',
      help: false,
    });
    expect(parseDeployArgs([])).toEqual({ dryRun: false, publish: false, cloneAsNew: false, json: false, help: false });
  });

  it('refuses unknown options and positionals', async () => {
    expect(await run(['--force'])).toMatchObject({ code: 2, err: expect.stringMatching(/^waflow deploy: Unknown option '--force'\nusage: waflow deploy/) });
    expect((await run(['production'])).code).toBe(2);
  });
});

describe('waflow deploy before any request', () => {
  it('says when there is no project', async () => {
    rmSync(join(dir, 'waflow.config.json'));
    const { code, err } = await run([]);
    expect(code).toBe(2);
    expect(err).toMatch(/^waflow deploy: no waflow\.config\.json in .* or a folder above it\. Run `waflow init`/);
  });

  it('shows config problems with line, column and a code frame', async () => {
    writeFileSync(join(dir, 'waflow.config.json'), '{\n  "flows": [],\n  "environments": { "sandbox": { "provider": "meta", "accessTokenEnv": "TOKEN", "wabaId": "1", "phoneNumberId": "2", "apiKey": "x" } }\n}\n');
    const { code, err, out } = await run([]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('waflow.config.json:3:128 error environments.sandbox.apiKey: "apiKey" would put a secret in the config');
    expect(err).toMatch(/> 3 \|/);
    expect(err).toContain('waflow deploy: 1 problem in waflow.config.json; nothing was sent.');
  });

  it('names a missing credential variable, never printing any value', async () => {
    const { code, err } = await run([], { env: { ...ENV, D360_PARTNER_API_KEY: '' } });
    expect(code).toBe(2);
    expect(err).toBe(
      'waflow deploy: environment "sandbox": the environment variable D360_PARTNER_API_KEY is not set; it holds the partner API key (partner.apiKeyEnv). Set it in your shell or CI (export D360_PARTNER_API_KEY=...); waflow never reads credentials from the config.\n',
    );
    expect(err).not.toContain(KEY);
  });

  it('refuses an unknown environment', async () => {
    expect(await run(['--env', 'production'])).toMatchObject({ code: 2, err: 'waflow deploy: the config has no environment "production"; its environments: "sandbox".\n' });
  });

  it('stops on an invalid flow, shown as waflow validate shows it, before any request', async () => {
    const flow = join(dir, 'flows', 'feedback.json');
    writeFileSync(flow, readFileSync(flow, 'utf8').replace('"RadioButtonsGroup"', '"RadioButtonGroup"'));
    const { code, out, err } = await run([]);
    expect(code).toBe(1);
    expect(out).toMatch(/^flows\/feedback\.json:\d+:\d+ error \w+ /m);
    expect(out).toContain('1 file checked: 0 valid, 1 invalid');
    expect(err).toBe('waflow deploy: stopped: 1 flow has errors (above); nothing was sent to "sandbox". Fix them (`waflow validate` shows the same), then deploy again.\n');
    // Validation comes first: it needs no credentials.
    expect(await run(['--dry-run'], { env: {} })).toMatchObject({ code: 1, out: expect.stringContaining('1 file checked: 0 valid, 1 invalid') });
  });

  it('checks that a template button opens a screen of its flow', async () => {
    const config = join(dir, 'waflow.config.json');
    writeFileSync(config, readFileSync(config, 'utf8').replace('"screen": "RATE"', '"screen": "START"'));
    const { code, err } = await run([]);
    expect(code).toBe(2);
    expect(err).toMatch(/waflow\.config\.json:\d+:\d+ error templates\[0\]\.button\.screen: flow "Feedback" \(flows\/feedback\.json\) has no screen "START"; its screens: RATE, COMMENT\./);
  });
});

describe('waflow deploy and the platform', () => {
  it('reports an unreachable platform with what to do', async () => {
    const client = fakeClient({
      listAll: async () => {
        throw new ApiClientError('NETWORK', 'flows.list: could not reach http://127.0.0.1:1/hub/api/v2 (ECONNREFUSED).');
      },
    });
    const { code, err } = await run([], { client });
    expect(code).toBe(1);
    expect(err).toContain('waflow deploy: reading the flows of "sandbox" failed: flows.list: could not reach');
    expect(err).toContain('what to do: check that the platform is reachable at http://127.0.0.1:1/cloud, flows: http://127.0.0.1:1/hub/api/v2; for the sandbox, start `waflow dev`');
  });

  it("exits 1 with the platform's message, its hint, the Flow JSON errors and what to do; the lock keeps what was done", async () => {
    const calls: string[] = [];
    const client = fakeClient(
      {
        listAll: async () => [],
        create: async (input) => {
          calls.push(`create ${input.name}`);
          return { id: '111' };
        },
        uploadJson: async () => ({ success: true, validationErrors: [] }),
        publish: async () => {
          const error = new ApiError({ status: 400, code: 139002, dialect: 'partner', operation: 'flows.publish', message: 'flows.publish: HTTP 400, code 139002: Publishing Flow failed', hint: 'Publishing checks failed: read the validation errors.' });
          error.validationErrors = [{ error: 'INVALID_PROPERTY', message: 'bad label', lineStart: 12, columnStart: 7 }];
          throw error;
        },
      },
      { list: async () => ({ wabaTemplates: [] }) },
    );
    const { code, out, err } = await run(['--publish'], { client });
    expect(code).toBe(1);
    expect(calls).toEqual(['create Feedback']);
    expect(out).toContain('[1/4] create flow "Feedback"... id 111\n[2/4] upload flows/feedback.json to flow 111... ok\n[3/4] publish flow 111 ("Feedback")... failed\n');
    expect(err).toBe(
      [
        'waflow deploy: publish flow 111 ("Feedback") failed: flows.publish: HTTP 400, code 139002: Publishing Flow failed',
        '  hint: Publishing checks failed: read the validation errors.',
        '  flows/feedback.json:12:7 error INVALID_PROPERTY bad label',
        '  what to do: fix what the platform reports (the Flow JSON, or the endpoint health check for a flow with an endpoint), then run `waflow deploy --publish` again.',
        '  2 steps done before this one; waflow.lock.json records them, so the next run does not repeat them.',
        '',
      ].join('\n'),
    );
    const lock = JSON.parse(readFileSync(join(dir, 'waflow.lock.json'), 'utf8')) as { environments: Record<string, { flows: Record<string, unknown> }> };
    expect(lock.environments.sandbox?.flows.Feedback).toMatchObject({ id: '111', status: 'DRAFT' });
  });

  it("goes on past the platform's FLOW_JSON_WARNING entries and stops on its errors only", async () => {
    const warning = { error: 'MAX_CHARS_EXCEEDED', errorType: 'FLOW_JSON_WARNING', message: 'long label', lineStart: 3, lineEnd: 3, columnStart: 1, columnEnd: 9 };
    const error = { ...warning, error: 'INVALID_PROPERTY_VALUE', errorType: 'FLOW_JSON_ERROR', message: 'bad type', lineStart: 9 };
    let answer = [warning];
    const published: string[] = [];
    const client = fakeClient(
      {
        listAll: async () => [],
        create: async () => ({ id: '222' }),
        uploadJson: async () => ({ success: true, validationErrors: answer }),
        publish: async (id) => {
          published.push(id);
          return { success: true };
        },
      },
      { list: async () => ({ wabaTemplates: [] }), create: async () => ({ id: 't1', status: 'APPROVED', category: 'MARKETING' }) },
    );
    const ok = await run(['--publish'], { client });
    expect(ok.code, ok.err).toBe(0);
    expect(published).toEqual(['222']);

    rmSync(join(dir, 'waflow.lock.json'));
    answer = [warning, error];
    const failed = await run([], { client });
    expect(failed.code).toBe(1);
    expect(failed.err).toContain('the platform found 1 error(s) in flows/feedback.json');
    expect(failed.err).toContain('flows/feedback.json:9:1 error INVALID_PROPERTY_VALUE bad type');
    expect(failed.err).not.toContain('MAX_CHARS_EXCEEDED');
  });

  it('--json prints one document with the plan, and --dry-run changes nothing', async () => {
    const client = fakeClient({ listAll: async () => [] }, { list: async () => ({ wabaTemplates: [] }) });
    const { code, out } = await run(['--dry-run', '--json'], { client });
    expect(code).toBe(0);
    const report = JSON.parse(out) as { ok: boolean; environment: string; dryRun: boolean; plan: { changes: number; flows: { outcome: string }[] } };
    expect(report).toMatchObject({ ok: true, environment: 'sandbox', dryRun: true, plan: { changes: 3, flows: [{ outcome: 'create' }] } });
    expect(existsSync(join(dir, 'waflow.lock.json'))).toBe(false);
  });
});
