// `waflow send` in process against a stand-in platform (a Meta environment whose client's fetch is
// ours): usage errors before anything is sent; the first screen from the platform's Flow JSON
// (routing-model entry) when the project has no file for the flow; --wait on a platform that is not
// the sandbox: the local webhook receiver, signed webhooks only, resolved by the nfm_reply of the
// message's token; Ctrl-C stops the wait; a Partner-API-only environment cannot send.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../api/client.js';
import type { FetchLike } from '../../api/client/options.js';
import type { CliIo } from '../command.js';
import { tempDir, waitFor } from '../../sandbox/phone/test-kit.js';
import { cloudMessagesBody, seedCloudMessage } from '../../webhooks/fixtures.js';
import { webhookSignatureHeader } from '../../webhooks/signature.js';
import { createSendCommand, formatAnswer, parseDuration } from './send.js';
import { parseListen } from './send-wait.js';

const SECRET = 'send-test-app-secret';
const dir = tempDir('waflow-send-unit-');
const project = join(dir.path, 'project');

// Screens listed out of order: the routing model's entry (no inbound edge) is WELCOME.
const FLOW_JSON = JSON.stringify({
  version: '7.3',
  routing_model: { WELCOME: ['DETAILS'], DETAILS: [] },
  screens: [
    { id: 'DETAILS', terminal: true, layout: { type: 'SingleColumnLayout', children: [{ type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete', payload: {} } }] } },
    { id: 'WELCOME', layout: { type: 'SingleColumnLayout', children: [{ type: 'Footer', label: 'Next', 'on-click-action': { name: 'navigate', next: { type: 'screen', name: 'DETAILS' }, payload: {} } }] } },
  ],
});

beforeAll(() => {
  mkdirSync(project, { recursive: true });
  writeFileSync(
    join(project, 'waflow.config.json'),
    JSON.stringify({
      flows: [],
      environments: {
        prod: { provider: 'meta', baseUrl: 'https://graph.example.test', accessTokenEnv: 'WA_TOKEN', wabaId: '111', phoneNumberId: '222' },
        partner: { provider: '360dialog-partner', baseUrl: 'https://hub.example.test/api/v2', partnerId: 'abcPA', wabaAccountId: 'acc1', apiKeyEnv: 'WA_TOKEN' },
      },
    }),
  );
});

afterAll(() => dir.remove());

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The stand-in Graph API: one flow, its asset, and a messages endpoint that records what it got. */
function platform() {
  const sent: Json[] = [];
  const reply = (body: unknown, status = 200): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const api: FetchLike = async (url, init) => {
    const path = new URL(url).pathname;
    if (init.method === 'GET' && path.endsWith('/111/flows')) return reply({ data: [{ id: '7001', name: 'Signup', status: 'DRAFT', categories: ['SIGN_UP'], validation_errors: [] }] });
    if (init.method === 'GET' && path.endsWith('/7001/assets')) return reply({ data: [{ name: 'flow.json', asset_type: 'FLOW_JSON', download_url: 'https://cdn.example.test/flow.json' }] });
    if (init.method === 'POST' && path.endsWith('/222/messages')) {
      sent.push(JSON.parse(String(init.body)) as Json);
      return reply({ messaging_product: 'whatsapp', contacts: [{ input: '4915199999999', wa_id: '4915199999999' }], messages: [{ id: `wamid.fake${sent.length}` }] });
    }
    return reply({ error: { message: `no route ${init.method ?? 'GET'} ${path}`, type: 'GraphMethodException', code: 100 } }, 404);
  };
  // Everything else send fetches without credentials: the sandbox probe (not one) and the asset link.
  const other: FetchLike = async (url) => {
    if (url === 'https://cdn.example.test/flow.json') return new Response(FLOW_JSON, { status: 200 });
    return new Response('not found', { status: 404 });
  };
  return { sent, api, other };
}

interface Started {
  done: Promise<{ code: number; out: string; err: string }>;
  err(): string;
}

function run(argv: string[], options: { signal?: AbortSignal; env?: Record<string, string> } = {}): Started & { sent: Json[] } {
  const fake = platform();
  const command = createSendCommand({ client: (o) => createClient({ ...o, fetch: fake.api }), fetch: fake.other, ...(options.signal === undefined ? {} : { signal: options.signal }) });
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, cwd: project, env: { WA_TOKEN: 'token-never-printed', APP_SECRET: SECRET, ...options.env } };
  return { sent: fake.sent, done: command.run(['--env', 'prod', ...argv], io).then((code) => ({ code, out, err })), err: () => err };
}

describe('waflow send: arguments', () => {
  it.each([
    [[], 'say who receives it: --to NUMBER'],
    [['--to', '12ab'], '--to must be a phone number'],
    [['--to', '4915199999999'], 'give either --flow NAME|ID or --template NAME'],
    [['--to', '4915199999999', '--flow', 'Signup', '--template', 'x'], 'give either --flow NAME|ID or --template NAME'],
    [['--to', '4915199999999', '--template', 'x', '--draft'], '--draft is for --flow messages'],
    [['--to', '4915199999999', '--flow', 'Signup', '--language', 'de'], '--language is for --template'],
    [['--to', '4915199999999', '--flow', 'Signup', '--data', '{name:1}'], '--data is not valid JSON'],
    [['--to', '4915199999999', '--flow', 'Signup', '--data', '[1]'], '--data must be a JSON object'],
    [['--to', '4915199999999', '--flow', 'Signup', '--data', '{}'], '--data must not be an empty object'],
    [['--to', '4915199999999', '--flow', 'Signup', '--action', 'open'], '--action must be navigate or data_exchange'],
    [['--to', '4915199999999', '--flow', 'Signup', '--action', 'data_exchange', '--screen', 'A'], '--screen is for navigate'],
    [['--to', '4915199999999', '--flow', 'Signup', '--timeout', '5s'], '--timeout is for --wait'],
    [['--to', '4915199999999', '--flow', 'Signup', '--wait', '--timeout', 'soon'], '--timeout must be a duration'],
    [['--to', '4915199999999', '--flow', 'Signup', '--wait', '--listen', 'here'], '--listen must be HOST:PORT'],
    [['--to', '4915199999999', '--flow', 'Signup', '--wait', '--app-secret-env', 'NOT_SET'], '--app-secret-env names NOT_SET, which is not set'],
  ])('%j: exit 2, "%s", nothing sent', async (argv, message) => {
    const started = run(argv);
    const result = await started.done;
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(started.sent).toEqual([]);
  });

  it('reads durations and listen addresses', () => {
    expect([parseDuration('90'), parseDuration('90s'), parseDuration('10m'), parseDuration('1h'), parseDuration('500ms'), parseDuration('1.5s')]).toEqual([90_000, 90_000, 600_000, 3_600_000, 500, 1500]);
    expect([parseDuration('0s'), parseDuration('25h'), parseDuration('-1s'), parseDuration('1d')]).toEqual([undefined, undefined, undefined, undefined]);
    expect([parseListen('127.0.0.1:8787'), parseListen('[::1]:0'), parseListen('9000'), parseListen('host:99999')]).toEqual([
      { host: '127.0.0.1', port: 8787 },
      { host: '::1', port: 0 },
      { host: '127.0.0.1', port: 9000 },
      undefined,
    ]);
  });

  it('prints answers with control characters quoted, and without the flow token', () => {
    expect(formatAnswer('49151', { from: '49151', replyMessageId: 'wamid.r', response: { flow_token: 't', name: 'Ana', note: 'a\u001b[2Jb', n: 3 } })).toBe(
      'Completed by +49151 (reply wamid.r):\n  name: Ana\n  note: "a\\u001b[2Jb"\n  n: 3\n',
    );
  });
});

describe('waflow send against a platform that is not the sandbox', () => {
  it('sends on the first screen of the platform\'s Flow JSON (its routing model\'s entry), and prints id and token', async () => {
    const started = run(['--to', '+49 151 99999999', '--flow', 'Signup', '--draft', '--token', 'tok-1', '--data', '{"plan":"pro"}']);
    const result = await started.done;
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toBe('Sent flow "Signup" (7001) as a draft on screen WELCOME to +4915199999999: wamid.fake1\n  flow token: tok-1\n');
    expect(started.sent[0]).toMatchObject({
      to: '4915199999999',
      interactive: { type: 'flow', action: { parameters: { flow_id: '7001', mode: 'draft', flow_token: 'tok-1', flow_action: 'navigate', flow_action_payload: { screen: 'WELCOME', data: { plan: 'pro' } } } } },
    });
    expect(result.out + result.err).not.toContain('token-never-printed');
  });

  it('--wait: a local webhook receiver, signed deliveries only, resolves with the nfm_reply of the token', async () => {
    const started = run(['--to', '4915199999999', '--flow', '7001', '--screen', 'WELCOME', '--token', 'tok-wait', '--wait', '--listen', '127.0.0.1:0', '--app-secret-env', 'APP_SECRET', '--json']);
    const url = await waitFor(() => /webhook receiver listening on (http:\S+\/):/.exec(started.err())?.[1], 10_000, 'the receiver');
    await waitFor(() => started.err().includes('waiting for +4915199999999 to complete the flow'), 10_000, 'the wait');
    const post = (response: Record<string, unknown>, id: string, sign = true): Promise<Response> => {
      const body = JSON.stringify(cloudMessagesBody({ messages: [seedCloudMessage({ id, from: '4915199999999', response })] }));
      return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(sign ? { 'x-hub-signature-256': webhookSignatureHeader(body, SECRET) } : {}) }, body });
    };
    expect((await post({ flow_token: 'tok-wait', plan: 'forged' }, 'wamid.forged', false)).status).toBe(401);
    expect((await post({ flow_token: 'someone-else', plan: 'basic' }, 'wamid.other')).status).toBe(200);
    expect((await post({ flow_token: 'tok-wait', plan: 'pro' }, 'wamid.reply')).status).toBe(200);
    const result = await started.done;
    expect(result.code, result.err).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({
      ok: true,
      waitedOn: 'webhook',
      messageId: 'wamid.fake1',
      flowToken: 'tok-wait',
      completion: { from: '4915199999999', messageId: 'wamid.reply', response: { flow_token: 'tok-wait', plan: 'pro' } },
    });
    // The receiver is closed once the answer is in.
    await expect(fetch(url, { method: 'POST', body: '{}' })).rejects.toThrow();
  });

  it('--wait without signature checks says so; Ctrl-C stops the wait with exit 1', async () => {
    const controller = new AbortController();
    const started = run(['--to', '4915199999999', '--flow', '7001', '--screen', 'WELCOME', '--token', 'tok-stop', '--wait', '--listen', '127.0.0.1:0'], { signal: controller.signal });
    await waitFor(() => started.err().includes('(Ctrl-C to stop)'), 10_000, 'the wait');
    expect(started.err()).toContain('warning: webhook signatures are not checked');
    controller.abort();
    const result = await started.done;
    expect(result.code).toBe(1);
    expect(result.err).toContain('stopped waiting; the message was sent (flow token tok-stop).');
  });

  it('--wait times out with exit 1 and what to check', async () => {
    const result = await run(['--to', '4915199999999', '--flow', '7001', '--screen', 'WELCOME', '--token', 'tok-late', '--wait', '--timeout', '200ms', '--listen', '127.0.0.1:0']).done;
    expect(result.code).toBe(1);
    expect(result.err).toContain('no answer within 200ms: +4915199999999 has not completed the flow (message wamid.fake1, flow token tok-late).');
    expect(result.err).toMatch(/what to do: check that the number's webhook reaches http:\/\/127\.0\.0\.1:\d+\/ \(through a tunnel/);
  });

  it('an environment on the Partner API alone cannot send', async () => {
    const started = run(['--env', 'partner', '--to', '4915199999999', '--flow', '7001']);
    const result = await started.done;
    expect(result.code).toBe(2);
    expect(result.err).toContain('environment "partner" (360dialog-partner) cannot send messages');
    expect(started.sent).toEqual([]);
  });
});
