// Sending messages over real HTTP with the production client, on both hosting types: interactive
// flow messages (draft and published), text, and templates with a FLOW button; each lands in the
// recipient's chat and is announced on the event bus for the simulated phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, HOSTING_TYPES } from '../../api/index.js';
import type { ApiClient, HostingType } from '../../api/index.js';
import type { MessageSentEvent } from '../events.js';
import { START_TIMEOUT_MS, feedbackFormSource, startApiSandbox } from '../api-test-kit.js';
import type { ApiTestSandbox } from '../api-test-kit.js';

let t: ApiTestSandbox;
let cloud: ApiClient;
let published: string;
let draft: string;
let deprecated: string;
const sent: MessageSentEvent[] = [];

beforeAll(async () => {
  // A short approval delay: templates approve themselves, as they would after Meta's review.
  t = await startApiSandbox('pglite', { templateApprovalDelayMs: 50 });
  cloud = t.client('cloud');
  t.sandbox.context.events.on('message.sent', (e) => {
    sent.push(e);
  });
  const form = feedbackFormSource();
  ({ id: published } = await cloud.flows.create({ name: 'Published form', categories: ['SURVEY'], flowJson: form, publish: true }));
  ({ id: draft } = await cloud.flows.create({ name: 'Draft form', categories: ['SURVEY'], flowJson: form }));
  ({ id: deprecated } = await cloud.flows.create({ name: 'Old form', categories: ['SURVEY'], flowJson: form, publish: true }));
  await cloud.flows.deprecate(deprecated);
}, START_TIMEOUT_MS);

afterAll(async () => {
  await t?.cleanup();
});

async function stored(id: string): Promise<{ type: string; direction: string; payload: Record<string, unknown>; number: string } | undefined> {
  const rows = await t.sandbox.context.store.query<{ type: string; direction: string; payload: Record<string, unknown>; number: string }>(
    `SELECT m.type, m.direction, m.payload, p.number FROM messages m JOIN chats c ON c.id = m.chat_id JOIN phones p ON p.id = c.user_phone_id WHERE m.id = $1`,
    [id],
  );
  return rows[0];
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

const flowMessage = (to: string) => ({
  to,
  body: 'We would love your feedback.',
  flowCta: 'Give feedback',
  flowToken: 'token-123',
  flowAction: 'navigate' as const,
  flowActionPayload: { screen: 'screen_feedback_one' },
});

const codes = (h: HostingType, cloudCode: number, onPremCode: number) => (h === 'cloud' ? cloudCode : onPremCode);

describe.each(HOSTING_TYPES)('messages (%s)', (hostingType) => {
  const to = hostingType === 'cloud' ? '4915110000001' : '4915110000002';

  it('sends a published flow, stores it in the recipient chat and announces it', async () => {
    const api = t.client(hostingType);
    const res = await api.messages.sendFlow({ ...flowMessage(`+${to}`), flowId: published });
    const id = res.messages[0]?.id ?? '';
    expect(id).toMatch(/^wamid\.[A-Za-z0-9+/=]+$/);
    expect(res.contacts).toEqual([{ input: `+${to}`, waId: to }]);
    if (hostingType === 'cloud') expect(res.messagingProduct).toBe('whatsapp');
    else expect(res.meta?.apiStatus).toBe('stable');

    const row = await stored(id);
    expect(row).toMatchObject({ type: 'interactive', direction: 'outbound', number: to });
    const interactive = row?.payload.interactive as { type: string; action: { parameters: { flow_id: string } } };
    expect(interactive.type).toBe(hostingType === 'cloud' ? 'flow' : 'galaxy_message');
    expect(interactive.action.parameters.flow_id).toBe(published);

    const event = sent.find((e) => e.messageId === id);
    expect(event).toMatchObject({ to, from: t.sandbox.businessPhone.number, type: 'interactive', hostingType, flowId: published, flowMode: 'published' });
  });

  it('sends a draft flow only with mode draft', async () => {
    const api = t.client(hostingType);
    const refused = await failure(api.messages.sendFlow({ ...flowMessage(to), flowId: draft }));
    expect(refused.status).toBe(400);
    expect(refused.code).toBe(codes(hostingType, 131009, 2066));
    expect(refused.details).toMatch(/mode "draft"/);
    const res = await api.messages.sendFlow({ ...flowMessage(to), flowId: draft, mode: 'draft' });
    const id = res.messages[0]?.id ?? '';
    expect(sent.find((e) => e.messageId === id)).toMatchObject({ flowId: draft, flowMode: 'draft' });
  });

  it('finds a flow by flow_name on the Cloud API; On-Premise has no flow_name', async () => {
    const sending = t.client(hostingType).messages.sendFlow({ ...flowMessage(to), flowName: 'Published form' });
    if (hostingType === 'on-premise') {
      await expect(sending).rejects.toMatchObject({ code: 'INVALID_REQUEST', issues: [expect.objectContaining({ path: 'interactive.action.parameters.flow_name' })] });
      return;
    }
    const res = await sending;
    expect(sent.find((e) => e.messageId === res.messages[0]?.id)?.flowId).toBe(published);
  });

  it('refuses a deprecated or unknown flow', async () => {
    const api = t.client(hostingType);
    const old = await failure(api.messages.sendFlow({ ...flowMessage(to), flowId: deprecated }));
    expect(old.code).toBe(codes(hostingType, 131009, 2064));
    expect(old.details).toMatch(/DEPRECATED/);
    const unknown = await failure(api.messages.sendFlow({ ...flowMessage(to), flowId: '1111111111111111' }));
    expect(unknown.code).toBe(codes(hostingType, 131009, 2064));
  });

  it('sends a text message into the same chat', async () => {
    const res = await t.client(hostingType).messages.sendText({ to, body: 'Thanks!' });
    const row = await stored(res.messages[0]?.id ?? '');
    expect(row).toMatchObject({ type: 'text', number: to });
    expect(row?.payload.text).toEqual({ body: 'Thanks!' });
  });

  it('sends a template with a FLOW button once the review delay has approved it', async () => {
    const api = t.client(hostingType);
    const name = `survey_${hostingType.replace('-', '_')}`;
    const approved = t.sandbox.context.events.once('template.status', (e) => e.name === name && e.newStatus === 'APPROVED');
    await api.templates.create({
      name,
      language: 'en_US',
      category: 'MARKETING',
      components: [{ type: 'BODY', text: 'How did we do?' }, { type: 'BUTTONS', buttons: [{ type: 'FLOW', text: 'Answer', flowId: published, navigateScreen: 'screen_feedback_one' }] }],
    });
    await approved;
    expect((await api.templates.get(name)).status).toBe('APPROVED');
    const res = await api.messages.sendTemplate({ to, name, language: 'en_US', flowButton: { index: 0, flowToken: 'tpl-token' } });
    const id = res.messages[0]?.id ?? '';
    expect((await stored(id))?.type).toBe('template');
    expect(sent.find((e) => e.messageId === id)).toMatchObject({ type: 'template', flowId: published, flowMode: 'published', hostingType });
  });

  it('refuses a blocked flow with 403, and a throttled one past its hourly allowance with 429', async () => {
    const api = t.client(hostingType);
    const { id } = await cloud.flows.create({ name: `Health ${hostingType}`, categories: ['OTHER'], flowJson: feedbackFormSource(), publish: true });
    const setStatus = (status: string) => fetch(`${t.sandbox.url}/_sandbox/flows/${id}/status`, { method: 'POST', body: JSON.stringify({ status }) });
    expect((await setStatus('BLOCKED')).status).toBe(200);
    const blocked = await failure(api.messages.sendFlow({ ...flowMessage(to), flowId: id }));
    expect(blocked.status).toBe(403);
    expect(blocked.code).toBe(codes(hostingType, 132068, 2068));

    await setStatus('THROTTLED');
    for (let i = 0; i < 10; i++) await api.messages.sendFlow({ ...flowMessage(to), flowId: id });
    const throttled = await failure(api.messages.sendFlow({ ...flowMessage(to), flowId: id }));
    expect(throttled.status).toBe(429);
    expect(throttled.code).toBe(codes(hostingType, 132069, 2069));
  });
});

describe('template flow check', () => {
  it('refuses a template whose FLOW button opens a flow that is no longer published', async () => {
    const { id } = await cloud.flows.create({ name: 'Soon deprecated', categories: ['OTHER'], flowJson: feedbackFormSource(), publish: true });
    const approved = t.sandbox.context.events.once('template.status', (e) => e.name === 'stale_flow' && e.newStatus === 'APPROVED');
    await cloud.templates.create({
      name: 'stale_flow',
      language: 'en_US',
      category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Open it' }, { type: 'BUTTONS', buttons: [{ type: 'FLOW', text: 'Open', flowId: id, navigateScreen: 'screen_feedback_one' }] }],
    });
    await approved;
    await cloud.flows.deprecate(id);
    const error = await failure(cloud.messages.sendTemplate({ to: '4915110000003', name: 'stale_flow', language: 'en_US', flowButton: { index: 0 } }));
    expect(error.code).toBe(131009);
    expect(error.details).toMatch(/only send a PUBLISHED flow/);
  });

  it('refuses a recipient that is not a phone number', async () => {
    const res = await fetch(`${t.baseUrl('cloud')}/messages`, {
      method: 'POST',
      headers: { 'D360-API-KEY': t.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', to: 'not-a-number', type: 'text', text: { body: 'hi' } }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: number } }).error.code).toBe(131009);
  });
});
