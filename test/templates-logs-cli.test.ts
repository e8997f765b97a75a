// `waflow templates` and `waflow logs` against `waflow dev` as a user starts it (a real process,
// the keys and ids it prints, webhooks delivered to a tiny receiver on 127.0.0.1), each command run
// in process with a project folder as its working directory:
//   - templates: create the config's templates on the starter's `sandbox` environment and on a
//     `meta` one (the FLOW button's flow id by name, the screen configured or the flow's first),
//     one from flags, the list with each FLOW button's flow, a duplicate refused by the platform,
//     and the Partner API alone refused;
//   - logs: a simulated phone opens flows whose endpoint answers, then fails: the endpoint calls
//     and the webhook deliveries show up (text and --json, by kind and flow); --follow prints what
//     happens after it started, each entry once, and stops on abort; an environment that is not the
//     sandbox is refused.
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../src/cli/command.js';
import { deployCommand } from '../src/cli/commands/deploy.js';
import { createLogsCommand, logsCommand } from '../src/cli/commands/logs.js';
import { templatesCommand } from '../src/cli/commands/templates.js';
import { generateKeyPair } from '../src/data-channel/index.js';
import { createFlowEndpoint, nextScreen } from '../src/endpoint/index.js';
import { serveEndpoint } from '../src/endpoint/test-kit.js';
import type { RunningServer } from '../src/endpoint/test-kit.js';
import { waitFor } from '../src/sandbox/phone/test-kit.js';
import { listen } from '../src/testing/listen.js';
import { addEnvironments, cliRunner, initProject, readConfig, report, shellEnv, waflowDevPerFile, writeConfig } from './cli-kit.js';
import type { Json } from './cli-kit.js';
import { withOutput } from './runtimes/processes.js';

let receiver: RunningServer;
/** The webhook bodies the receiver got. */
const webhooks: Json[] = [];

// The receiver first: `waflow dev` delivers its webhooks to it.
beforeAll(async () => {
  receiver = await listen(
    createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        webhooks.push(JSON.parse(body) as Json);
        res.writeHead(200).end('EVENT_RECEIVED');
      });
    }),
  );
});

afterAll(async () => {
  await receiver?.close();
});

const dev = waflowDevPerFile('waflow-templates-logs-', () => ['--webhook-url', `${receiver.url}webhook`]);
const { dir } = dev;

const { run: cli, ok: succeeds, start } = cliRunner(
  () => shellEnv(dev.creds),
  // Whatever it printed, never a key.
  (run) => {
    expect(run.out + run.err).not.toContain(dev.creds.apiKey);
    expect(run.out + run.err).not.toContain(dev.creds.partnerKey);
  },
);

async function ok(command: Command, cwd: string, argv: string[], env?: Record<string, string>): Promise<string> {
  return (await succeeds(command, cwd, argv, env)).out;
}

/** An environment the sandbox is not behind. */
const PRODUCTION = { provider: 'meta', accessTokenEnv: 'WHATSAPP_ACCESS_TOKEN', wabaId: '${WABA_ID}', phoneNumberId: '${PHONE_NUMBER_ID}' };

function flowButton(template: { components?: Json[] }): Json | undefined {
  return template.components?.find((c) => c.type === 'BUTTONS')?.buttons?.[0] as Json | undefined;
}

describe('waflow templates against waflow dev', () => {
  it('creates the config\'s templates and one from flags on "sandbox" and "meta", lists them, refuses the Partner API alone', { timeout: 240_000 }, async () => {
    await withOutput(dev.process, async () => {
      const project = await initProject(dir.path, 'templates-project', shellEnv(dev.creds));
      const starterTemplate = readConfig(project).templates[0] as Json;
      // The flow first (deploy would create the templates too), then the templates to create.
      const config = addEnvironments(project, (c) => {
        c.environments.production = PRODUCTION;
        c.templates = [];
      });
      await ok(deployCommand, project, []);
      const feedbackId = (JSON.parse(readFileSync(join(project, 'waflow.lock.json'), 'utf8')) as Json).environments.sandbox.flows.Feedback.id as string;
      const thanks = { ...starterTemplate, name: 'thanks_feedback', category: 'UTILITY', body: 'Thanks! One more question?', button: { text: 'Answer', flow: 'Feedback' } };
      config.templates = [starterTemplate, thanks];
      writeConfig(project, config);

      // The starter's template on its `sandbox` environment (360dialog): the flow id from the lock.
      const created = await ok(templatesCommand, project, ['create', 'visit_feedback']);
      expect(created).toMatch(/^Created template visit_feedback \(en_US, MARKETING\) on "sandbox" \(360dialog\): id \d+, status PENDING\.\n/);
      expect(created).toContain(`FLOW button "Give feedback" opens flow "Feedback" (${feedbackId}) at screen RATE.`);
      const visit = await dev.truth.templates.get('visit_feedback');
      expect(flowButton(visit as unknown as Json)).toMatchObject({ type: 'FLOW', text: 'Give feedback', flowId: feedbackId, navigateScreen: 'RATE' });

      // On `meta`: the flow found by name on the platform, the first screen of the flow file.
      const meta = await cli(templatesCommand, project, ['create', 'thanks_feedback', '--env', 'meta', '--json']);
      expect(meta.code).toBe(0);
      const metaReport = report(meta);
      expect(metaReport).toMatchObject({ ok: true, environment: 'meta', provider: 'meta', template: { name: 'thanks_feedback', status: 'PENDING', category: 'UTILITY', source: 'config', flow: { id: feedbackId, name: 'Feedback', screen: 'RATE' } } });
      expect(metaReport.template.id).toMatch(/^\d+$/);
      expect(flowButton((await dev.truth.templates.get('thanks_feedback')) as unknown as Json)).toMatchObject({ flowId: feedbackId, navigateScreen: 'RATE' });

      // From flags, at another screen.
      await ok(templatesCommand, project, ['create', 'quick_survey', '--env', 'meta', '--flow', 'Feedback', '--body', 'Two questions?', '--button', 'Answer', '--screen', 'COMMENT', '--category', 'UTILITY']);
      const survey = await dev.truth.templates.get('quick_survey');
      expect(survey).toMatchObject({ category: 'UTILITY', language: 'en_US' });
      expect(flowButton(survey as unknown as Json)).toMatchObject({ text: 'Answer', flowId: feedbackId, navigateScreen: 'COMMENT' });

      // The list shows each template's FLOW button with the flow's name.
      const list = await ok(templatesCommand, project, ['list']);
      expect(list).toMatch(new RegExp(`visit_feedback +en_US +(PENDING|APPROVED) +MARKETING +\\d+ +Feedback \\(${feedbackId}\\) → RATE\\n`));
      expect(list).toMatch(new RegExp(`quick_survey +en_US +(PENDING|APPROVED) +UTILITY +\\d+ +Feedback \\(${feedbackId}\\) → COMMENT\\n`));
      const listed = report(await cli(templatesCommand, project, ['list', '--env', 'meta', '--json']));
      expect(listed).toMatchObject({ ok: true, complete: true });
      expect((listed.templates as Json[]).find((t) => t.name === 'thanks_feedback')).toMatchObject({ language: 'en_US', category: 'UTILITY', flow: { id: feedbackId, name: 'Feedback', screen: 'RATE', buttonText: 'Answer' } });

      // A template exists once per language: the platform's refusal, with exit 1.
      const again = await cli(templatesCommand, project, ['create', 'visit_feedback', '--env', 'meta']);
      expect(again.code).toBe(1);
      expect(again.err).toMatch(/waflow templates create: .*already exists/);

      // The Partner API alone has no templates: refused, before any request.
      for (const argv of [['list'], ['create', 'visit_feedback']]) {
        const refused = await cli(templatesCommand, project, [...argv, '--env', 'partner-only']);
        expect(refused.code).toBe(2);
        expect(refused.err).toContain('environment "partner-only" (360dialog-partner) has no message templates');
      }
    });
  });
});

// A flow whose endpoint answers INIT with its one screen (or, switched, fails).
const HELLO_FLOW = {
  version: '7.3',
  data_api_version: '3.0',
  routing_model: { HELLO: [] },
  screens: [
    {
      id: 'HELLO',
      title: 'Hello',
      terminal: true,
      success: true,
      data: { greeting: { type: 'string', __example__: 'Hi' } },
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextBody', text: '${data.greeting}' },
          { type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete', payload: {} } },
        ],
      },
    },
  ],
};

describe('waflow logs against waflow dev', () => {
  const waId = '4915123400077';
  let endpoint: RunningServer;
  let failing = false;
  let flowId = '';

  /** The business sends the flow; the phone opens it, so the sandbox calls the endpoint (INIT). */
  async function openFlow(): Promise<string> {
    const sent = await dev.truth.messages.sendFlow({ to: waId, body: 'Say hello', flowId, flowCta: 'Open', mode: 'draft', flowAction: 'data_exchange' });
    const messageId = sent.messages[0]?.id ?? '';
    const res = await fetch(`${dev.creds.url}/_sandbox/phones/${waId}/messages/${encodeURIComponent(messageId)}/open`, { method: 'POST' });
    expect(res.status).toBe(201);
    // Its read receipt is the last webhook the open causes.
    await waitFor(() => webhooks.some((w) => JSON.stringify(w).includes(messageId) && JSON.stringify(w).includes('"read"')), 30_000, 'the read webhook');
    return messageId;
  }

  const entryLines = (text: string): string[] => text.split('\n').filter((l) => /^\d{4}-\d\d-\d\dT/.test(l));

  beforeAll(async () => {
    const keys = await generateKeyPair();
    await dev.truth.encryption.setPublicKey(keys.publicKeyPem);
    const healthy = createFlowEndpoint({ privateKey: keys.privateKeyPem, handlers: { init: () => nextScreen('HELLO', { greeting: 'Hi there' }) } });
    endpoint = await serveEndpoint(async (req) => (failing ? new Response('boom', { status: 500 }) : healthy(req)));
    ({ id: flowId } = await dev.truth.flows.create({ name: 'Hello endpoint', categories: ['OTHER'], endpointUri: `${endpoint.url}flow?key=not-for-logs` }));
    const uploaded = await dev.truth.flows.uploadJson(flowId, JSON.stringify(HELLO_FLOW));
    expect(uploaded.validationErrors.filter((e) => e.errorType !== 'FLOW_JSON_WARNING')).toEqual([]);
    await fetch(`${dev.creds.url}/_sandbox/phones`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ wa_id: waId }) });
  }, 60_000);

  afterAll(async () => {
    await endpoint?.close();
  });

  it('shows the endpoint calls and webhook deliveries, by kind and flow, as text and --json; refuses an environment that is not the sandbox', { timeout: 180_000 }, async () => {
    await withOutput(dev.process, async () => {
      // No project: the starter's `sandbox` environment, through WAFLOW_SANDBOX_URL alone.
      const bare = join(dir.path, 'no-project');
      mkdirSync(bare, { recursive: true });
      const env = { WAFLOW_SANDBOX_URL: dev.creds.url };
      const good = await openFlow();
      failing = true;
      const bad = await openFlow();
      failing = false;

      const text = await ok(logsCommand, bare, ['--flow', flowId, '--limit', '1000'], env);
      expect(text).toContain(`Logs of the sandbox at ${dev.creds.url} (environment "sandbox"), flow ${flowId}:`);
      expect(text).toMatch(new RegExp(`endpoint +INIT +200 +\\d+ ms  flow "Hello endpoint" \\(${flowId}\\)  ${endpoint.url}flow\\?key=\\*\\*\\*\\n`));
      expect(text).toMatch(/endpoint +INIT +500 +\d+ ms .*\n {4}error http-500: the endpoint answered HTTP 500 \(it failed\)\n/);
      expect(text).toMatch(new RegExp(`webhook +status\\.read +200 +\\d+ ms  attempt 1 \\(delivered\\)  flow "Hello endpoint" \\(${flowId}\\)  ${receiver.url}webhook\\n`));
      expect(text).not.toContain('not-for-logs');

      const json = report(await succeeds(logsCommand, bare, ['--json', '--flow', 'Hello endpoint', '--limit', '1000'], env));
      expect(json).toMatchObject({ ok: true, environment: 'sandbox', provider: '360dialog', sandbox: dev.creds.url });
      const entries = json.entries as Json[];
      expect(entries.filter((e) => e.kind === 'endpoint').map((e) => [e.action, e.http_status, e.ok])).toEqual([['INIT', 200, true], ['INIT', 500, false]]);
      for (const messageId of [good, bad]) {
        // sent and delivered are queued together and delivered concurrently: either may end first.
        expect(entries.filter((e) => e.kind === 'webhook' && e.message_id === messageId).map((e) => e.event).sort()).toEqual(['status.delivered', 'status.read', 'status.sent']);
      }
      expect(entries.every((e) => e.flow_id === flowId)).toBe(true);
      expect(entries.map((e) => e.at as string)).toEqual(entries.map((e) => e.at as string).sort());

      const webhookOnly = report(await succeeds(logsCommand, bare, ['--json', '--kind', 'webhook', '--limit', '2'], env));
      expect((webhookOnly.entries as Json[]).map((e) => e.kind)).toEqual(['webhook', 'webhook']);
      const since = report(await succeeds(logsCommand, bare, ['--json', '--since', '1d', '--kind', 'endpoint'], env));
      expect((since.entries as Json[]).length).toBeGreaterThanOrEqual(2);

      // Another platform's logs are in its dashboard.
      const project = join(dir.path, 'logs-project');
      mkdirSync(project, { recursive: true });
      writeFileSync(join(project, 'waflow.config.json'), JSON.stringify({ flows: [], environments: { sandbox: { provider: 'meta', baseUrl: '${WAFLOW_SANDBOX_URL}/graph', accessTokenEnv: 'WHATSAPP_ACCESS_TOKEN', wabaId: '1', phoneNumberId: '2' }, production: PRODUCTION } }));
      const production = await cli(logsCommand, project, ['--env', 'production'], env);
      expect(production.code).toBe(2);
      expect(production.err).toContain('environment "production" (meta) is not the sandbox');
      expect(production.err).toContain("the platform's logs live in its dashboard");
      // The same sandbox through Meta's surface is the sandbox.
      expect((await cli(logsCommand, project, ['--kind', 'endpoint'], env)).out).toMatch(/endpoint +INIT +200/);
    });
  });

  it('--follow prints what happens after it started, each entry once, and stops on abort', { timeout: 180_000 }, async () => {
    await withOutput(dev.process, async () => {
      const bare = join(dir.path, 'no-project');
      const env = { WAFLOW_SANDBOX_URL: dev.creds.url };
      const stop = new AbortController();
      const following = start(createLogsCommand({ signal: stop.signal, waitMs: 3000 }), bare, ['--follow', '--flow', flowId, '--limit', '1000'], env);
      const out = following.out;
      await waitFor(() => following.err().includes('following; Ctrl-C stops'), 30_000, 'the follow to start');
      const before = entryLines(out()).length;
      expect(before).toBeGreaterThanOrEqual(2);

      await openFlow();
      // Everything the sandbox now has for the flow is printed, once.
      const all = async (): Promise<number> => (report(await succeeds(logsCommand, bare, ['--json', '--flow', flowId, '--limit', '1000'], env)).entries as Json[]).length;
      await waitFor(async () => entryLines(out()).length === (await all()), 30_000, 'the follow to catch up');
      const added = entryLines(out()).slice(before);
      expect(added.some((l) => /endpoint +INIT +200/.test(l))).toBe(true);
      expect(added.filter((l) => /webhook +status\.read/.test(l))).toHaveLength(1);
      expect(new Set(entryLines(out())).size).toBe(entryLines(out()).length);

      stop.abort();
      const stopped = await following.done;
      expect(stopped.code).toBe(0);
      expect(stopped.err).toContain(`waflow logs: stopped after ${entryLines(stopped.out).length} entries.`);
    });
  });
});
