// `waflow templates list|create` without a platform: a fake client records what would be sent. The
// table and --json of list, the first page warning, the refusal of a provider without templates
// before any request, a configured template's FLOW button (flow id by name, the first screen from
// the project's Flow JSON or the platform's), one made from flags, and the failures' exit codes.
// test/templates-logs-cli.test.ts runs the command against waflow dev.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../api/client.js';
import type { FlowSummary } from '../../api/contract/flows.js';
import type { CreateTemplateRequest, TemplateRecord } from '../../api/contract/templates.js';
import { ApiError } from '../../api/errors.js';
import type { CliIo } from '../command.js';
import { STARTER_FILES } from '../templates/starter.js';
import { createTemplatesCommand } from './templates.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const TOKEN = 'EAAG-never-print-this-token-0123456789';
const ENV = { D360_API_KEY: 'sbx_never-print-this-key-0123', D360_PARTNER_API_KEY: 'sbxp_partner-key-0123456789', D360_WABA_ACCOUNT_ID: 'sbx0123456789ab', WAFLOW_SANDBOX_URL: 'http://127.0.0.1:1', TOKEN };
const ENVIRONMENTS = {
  meta: { provider: 'meta', baseUrl: 'http://127.0.0.1:1/graph', accessTokenEnv: 'TOKEN', wabaId: '1', phoneNumberId: '2' },
  'partner-only': { provider: '360dialog-partner', baseUrl: 'http://127.0.0.1:1/hub/api/v2', partnerId: 'waflowPA', wabaAccountId: 'x', apiKeyEnv: 'D360_PARTNER_API_KEY' },
};

let dir: string;
let config: Json;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'waflow-cli-templates-'));
  for (const file of STARTER_FILES) {
    mkdirSync(join(dir, file.path, '..'), { recursive: true });
    writeFileSync(join(dir, file.path), file.content);
  }
  config = JSON.parse(readFileSync(join(dir, 'waflow.config.json'), 'utf8')) as Json;
  config.environments = { ...config.environments, ...ENVIRONMENTS };
  writeConfig();
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeConfig(): void {
  writeFileSync(join(dir, 'waflow.config.json'), JSON.stringify(config, null, 2));
}

/** A client that fails the test if called, unless a method is given. */
function fakeClient(flows: Partial<ApiClient['flows']> = {}, templates: Partial<ApiClient['templates']> = {}): ApiClient {
  const refuse = (name: string) => () => {
    throw new Error(`unexpected call: ${name}`);
  };
  const area = <T extends object>(prefix: string, given: Partial<T>): T =>
    new Proxy(given, { get: (target, key: string) => (target as Record<string, unknown>)[key] ?? refuse(`${prefix}.${key}`) }) as T;
  return { provider: 'meta', hostingType: 'cloud', baseUrl: '', dialects: {} as ApiClient['dialects'], messages: area('messages', {}), encryption: area('encryption', {}), flows: area('flows', flows), templates: area('templates', templates) };
}

const SUMMARIES: FlowSummary[] = [
  { id: '111', name: 'Feedback', status: 'DRAFT', categories: ['SURVEY'], validationErrors: [] },
  { id: '222', name: 'Promo flow', status: 'PUBLISHED', categories: ['OTHER'], validationErrors: [] },
];
const FLOWS: Partial<ApiClient['flows']> = { listAll: async () => SUMMARIES };

async function run(argv: string[], client: ApiClient = fakeClient(), fetcher?: (url: string) => Promise<Response>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, cwd: dir, env: ENV };
  const command = createTemplatesCommand({ client: () => client, ...(fetcher === undefined ? {} : { fetch: (url) => fetcher(url) }) });
  const code = await command.run(argv, io);
  expect(out + err).not.toContain(TOKEN);
  return { code, out, err };
}

/** templates.create, recording each request. */
function creating(sent: CreateTemplateRequest[], answer: () => Promise<{ id: string; status: 'PENDING'; category: 'MARKETING' | 'UTILITY' }> = async () => ({ id: '9001', status: 'PENDING', category: 'MARKETING' })): Partial<ApiClient['templates']> {
  return {
    create: async (input) => {
      sent.push(input);
      return answer();
    },
  };
}

describe('waflow templates', () => {
  it('names its subcommands', async () => {
    expect(await run([])).toMatchObject({ code: 2, err: expect.stringContaining('name what to do: list or create') });
    expect(await run(['delete'])).toMatchObject({ code: 2, err: expect.stringContaining('unknown subcommand "delete"') });
    expect(await run(['--help'])).toMatchObject({ code: 0, out: expect.stringContaining('waflow templates create NAME --flow FLOW --body TEXT --button TEXT') });
    expect(await run(['list', 'extra'])).toMatchObject({ code: 2, err: expect.stringContaining('templates list takes no arguments') });
  });

  it('refuses an environment without templates before any request', async () => {
    for (const argv of [['list'], ['create', 'visit_feedback']]) {
      const { code, err } = await run([...argv, '--env', 'partner-only']);
      expect(code).toBe(2);
      expect(err).toContain('environment "partner-only" (360dialog-partner) has no message templates');
      expect(err).toContain('what to do: use an environment with provider "360dialog"');
    }
  });
});

describe('waflow templates list', () => {
  const templates: TemplateRecord[] = [
    { id: '5001', name: 'visit_feedback', language: 'en_US', category: 'MARKETING', status: 'APPROVED', components: [{ type: 'BODY', text: 'Hi' }, { type: 'BUTTONS', buttons: [{ type: 'FLOW', text: 'Go', flowId: '111', navigateScreen: 'RATE', flowAction: 'navigate' }] }] },
    { id: '5002', name: 'hello', language: 'de_DE', category: 'UTILITY', status: 'REJECTED', rejectedReason: 'INVALID_FORMAT', components: [{ type: 'BODY', text: 'Hallo' }] },
  ];

  it('shows name, language, status, category and the flow a FLOW button opens, and says when there are more', async () => {
    const client = fakeClient(FLOWS, { list: async () => ({ wabaTemplates: templates, count: 2, total: 3 }) });
    const { code, out, err } = await run(['list', '--env', 'meta'], client);
    expect(code).toBe(0);
    expect(out).toContain('Templates of "meta" (meta, http://127.0.0.1:1/graph):');
    expect(out).toMatch(/NAME +LANGUAGE +STATUS +CATEGORY +ID +FLOW BUTTON\n/);
    expect(out).toMatch(/visit_feedback +en_US +APPROVED +MARKETING +5001 +Feedback \(111\) → RATE\n/);
    expect(out).toMatch(/hello +de_DE +REJECTED +UTILITY +5002\n/);
    expect(out).toContain('2 templates, 1 with a FLOW button.');
    expect(err).toContain('"meta" holds 3 templates; the API client reads the first page only (2 shown)');

    const json = await run(['list', '--env', 'meta', '--json'], client);
    const report = JSON.parse(json.out) as Json;
    expect(report).toMatchObject({ ok: true, environment: 'meta', provider: 'meta', complete: false, total: 3 });
    expect(report.templates).toEqual([
      { id: '5001', name: 'visit_feedback', language: 'en_US', status: 'APPROVED', category: 'MARKETING', flow: { id: '111', name: 'Feedback', action: 'navigate', screen: 'RATE', buttonText: 'Go' } },
      { id: '5002', name: 'hello', language: 'de_DE', status: 'REJECTED', category: 'UTILITY', rejectedReason: 'INVALID_FORMAT', flow: null },
    ]);
  });

  it('says when there are none, and reports a platform failure with exit 1', async () => {
    expect(await run(['list', '--env', 'meta'], fakeClient({}, { list: async () => ({ wabaTemplates: [] }) }))).toMatchObject({ code: 0, out: expect.stringContaining('Environment "meta" (meta) has no templates.') });
    const failing = fakeClient({}, { list: async () => Promise.reject(new ApiError({ status: 401, message: 'Invalid OAuth access token', dialect: 'meta' })) });
    const { code, err } = await run(['list', '--env', 'meta'], failing);
    expect(code).toBe(1);
    expect(err).toContain('waflow templates list: Invalid OAuth access token');
    expect(err).toContain('what to do: check the credentials');
  });
});

describe('waflow templates create', () => {
  it("creates the config's template with the flow's id, at its configured screen or else the flow's first one", async () => {
    const sent: CreateTemplateRequest[] = [];
    const client = fakeClient(FLOWS, creating(sent));
    const { code, out } = await run(['create', 'visit_feedback', '--env', 'meta'], client);
    expect(code).toBe(0);
    expect(sent[0]).toEqual({
      name: 'visit_feedback',
      language: 'en_US',
      category: 'MARKETING',
      components: [
        { type: 'BODY', text: config.templates[0].body },
        { type: 'BUTTONS', buttons: [{ type: 'FLOW', text: 'Give feedback', flowId: '111', flowAction: 'navigate', navigateScreen: 'RATE' }] },
      ],
    });
    expect(out).toContain('Created template visit_feedback (en_US, MARKETING) on "meta" (meta): id 9001, status PENDING.');
    expect(out).toContain('FLOW button "Give feedback" opens flow "Feedback" (111) at screen RATE.');

    // Without a screen, the first screen of the project's Flow JSON; the lock gives the id.
    delete config.templates[0].button.screen;
    writeFileSync(join(dir, 'flows', 'feedback.json'), readFileSync(join(dir, 'flows', 'feedback.json'), 'utf8').replaceAll('"RATE"', '"START"'));
    writeConfig();
    writeFileSync(join(dir, 'waflow.lock.json'), JSON.stringify({ lockfileVersion: 1, environments: { meta: { flows: { Feedback: { id: '333', name: 'Feedback', hash: 'sha256:0' } }, templates: {} } } }));
    const json = await run(['create', 'visit_feedback', '--env', 'meta', '--json'], fakeClient({}, creating(sent)));
    expect(json.code).toBe(0);
    expect(sent[1]?.components[1]).toEqual({ type: 'BUTTONS', buttons: [{ type: 'FLOW', text: 'Give feedback', flowId: '333', flowAction: 'navigate', navigateScreen: 'START' }] });
    expect((JSON.parse(json.out) as Json).template).toEqual({
      id: '9001', name: 'visit_feedback', language: 'en_US', category: 'MARKETING', status: 'PENDING', source: 'config',
      flow: { id: '333', name: 'Feedback', action: 'navigate', screen: 'START', buttonText: 'Give feedback' },
    });
  });

  it("creates one from flags, opening the platform's first screen of a flow the project does not have", async () => {
    const sent: CreateTemplateRequest[] = [];
    const fetched: string[] = [];
    const client = fakeClient({ ...FLOWS, listAssets: async () => ({ data: [{ name: 'flow.json', assetType: 'FLOW_JSON', downloadUrl: 'http://assets.test/222.json' }] }) }, creating(sent, async () => ({ id: '9002', status: 'PENDING', category: 'UTILITY' })));
    const fetcher = async (url: string): Promise<Response> => {
      fetched.push(url);
      return Response.json({ version: '7.3', screens: [{ id: 'WELCOME' }, { id: 'DONE' }] });
    };
    const { code, out } = await run(['create', 'spring_promo', '--env', 'meta', '--flow', 'Promo flow', '--body', 'Spring is here!', '--button', 'See offers', '--category', 'UTILITY', '--language', 'de_DE'], client, fetcher);
    expect(code).toBe(0);
    expect(fetched).toEqual(['http://assets.test/222.json']);
    expect(sent).toEqual([
      { name: 'spring_promo', language: 'de_DE', category: 'UTILITY', components: [{ type: 'BODY', text: 'Spring is here!' }, { type: 'BUTTONS', buttons: [{ type: 'FLOW', text: 'See offers', flowId: '222', flowAction: 'navigate', navigateScreen: 'WELCOME' }] }] },
    ]);
    expect(out).toContain('id 9002, status PENDING');

    // A screen the flow does not have is refused before anything is created.
    const bad = await run(['create', 'spring_promo', '--env', 'meta', '--flow', 'Promo flow', '--body', 'x', '--button', 'y', '--screen', 'NOPE'], client, fetcher);
    expect(bad).toMatchObject({ code: 2, err: expect.stringContaining('flow "Promo flow" has no screen "NOPE" (flow 222\'s Flow JSON); its screens: WELCOME, DONE.') });
    expect(sent).toHaveLength(1);
  });

  it('refuses incomplete or contradictory flags, unknown templates and flows, and reports the platform refusing', async () => {
    expect(await run(['create', '--env', 'meta'])).toMatchObject({ code: 2, err: expect.stringContaining('name the template') });
    expect(await run(['create', 'a', 'b', '--env', 'meta'])).toMatchObject({ code: 2, err: expect.stringContaining('one template at a time') });
    expect(await run(['create', 'promo', '--env', 'meta', '--flow', 'Feedback', '--button', 'Go'])).toMatchObject({ code: 2, err: expect.stringContaining('missing --body') });
    expect(await run(['create', 'promo', '--env', 'meta', '--flow', 'F', '--body', 'b', '--button', 'Go', '--category', 'AUTHENTICATION'])).toMatchObject({ code: 2, err: expect.stringContaining('--category must be MARKETING or UTILITY') });
    expect(await run(['create', 'visit_feedback', '--env', 'meta', '--screen', 'RATE'])).toMatchObject({ code: 2, err: expect.stringContaining('--screen goes with --flow, --body and --button') });
    const unknown = await run(['create', 'nope', '--env', 'meta']);
    expect(unknown).toMatchObject({ code: 2, err: expect.stringContaining('has no template "nope"; its templates: visit_feedback (en_US).') });
    expect(unknown.err).toContain('--flow FLOW --body TEXT --button TEXT');

    const noFlow = await run(['create', 'promo', '--env', 'meta', '--flow', 'Missing', '--body', 'b', '--button', 'Go'], fakeClient(FLOWS));
    expect(noFlow).toMatchObject({ code: 1, err: expect.stringContaining('environment "meta" has no flow named "Missing"; its flows: "Feedback", "Promo flow"') });

    const exists = new ApiError({ status: 400, code: 100, message: 'Content in this language already exists', dialect: 'meta' });
    const refused = await run(['create', 'visit_feedback', '--env', 'meta', '--json'], fakeClient(FLOWS, { create: async () => Promise.reject(exists) }));
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('waflow templates create: Content in this language already exists');
    expect((JSON.parse(refused.out) as Json).error).toMatchObject({ kind: 'platform', message: 'Content in this language already exists', status: 400 });
  });
});
