// Sending a flow by name (interactive `flow_name` instead of `flow_id`), which the Cloud API allows
// and On-Premise does not (platform-protocols.md §9.1, §11.2): end to end through the production
// client on 360dialog's Cloud API and Meta's Graph API (the message opens the named flow on the
// simulated phone), and refused clearly on On-Premise, by the client before any request and by the
// sandbox's On-Premise API for a caller that sends it anyway.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClientError, createClient, sendMessage } from '../../api/index.js';
import type { ApiClient } from '../../api/index.js';
import type { MessageSentEvent } from '../events.js';
import { START_TIMEOUT_MS, feedbackFormSource, startApiSandbox } from '../api-test-kit.js';
import type { ApiTestSandbox } from '../api-test-kit.js';

type Json = Record<string, unknown>;

let t: ApiTestSandbox;
let flowId: string;
const sent: MessageSentEvent[] = [];

beforeAll(async () => {
  t = await startApiSandbox('pglite');
  t.sandbox.context.events.on('message.sent', (e) => {
    sent.push(e);
  });
  ({ id: flowId } = await t.client('cloud').flows.create({ name: 'Feedback by name', categories: ['SURVEY'], flowJson: feedbackFormSource(), publish: true }));
}, START_TIMEOUT_MS);

afterAll(async () => {
  await t?.cleanup();
});

const byName = (to: string) => ({
  to,
  body: 'Tell us how we did.',
  flowCta: 'Give feedback',
  flowName: 'Feedback by name',
  flowAction: 'navigate' as const,
  flowActionPayload: { screen: 'screen_feedback_one' },
});

async function open(waId: string, messageId: string): Promise<Json> {
  const res = await fetch(`${t.sandbox.url}/_sandbox/phones/${waId}/messages/${encodeURIComponent(messageId)}/open`, { method: 'POST' });
  expect(res.status).toBe(201);
  return ((await res.json()) as { session: Json }).session;
}

describe.each([
  ['360dialog Cloud API', () => t.client('cloud'), '4915110000101'],
  ['Meta Graph API', () => t.clientFor('meta'), '4915110000102'],
] as const)('flow_name on the %s', (_surface, client: () => ApiClient, to) => {
  it('sends the flow named, and the phone opens that flow', async () => {
    const res = await client().messages.sendFlow(byName(to));
    const id = res.messages[0]?.id ?? '';
    expect(sent.find((e) => e.messageId === id)).toMatchObject({ flowId, flowMode: 'published' });
    // The stored message keeps the name, as sent.
    const stored = sent.find((e) => e.messageId === id)?.payload as { interactive: { action: { parameters: Json } } };
    expect(stored.interactive.action.parameters).toMatchObject({ flow_name: 'Feedback by name' });
    expect(stored.interactive.action.parameters.flow_id).toBeUndefined();
    const session = await open(to, id);
    expect(session).toMatchObject({ flow_id: flowId, status: 'open' });
    expect((session.screen as Json).id).toBe('screen_feedback_one');
  });

  it('refuses a name no flow has, with the platform error', async () => {
    const refused = await client().messages.sendFlow({ ...byName(to), flowName: 'No such flow' }).catch((e: unknown) => e);
    expect((refused as { status?: number }).status).toBe(400);
    expect(String((refused as { details?: string }).details)).toMatch(/No such flow/);
  });
});

describe('flow_name on On-Premise', () => {
  it('is refused by the client before any request, naming the field', async () => {
    let requests = 0;
    const onPrem = createClient({
      apiKey: t.apiKey,
      hostingType: 'on-premise',
      baseUrl: t.baseUrl('on-premise'),
      fetch: (input, init) => {
        requests += 1;
        return fetch(input, init);
      },
      onWarning: () => undefined,
    });
    const refused = await onPrem.messages.sendFlow(byName('4915110000103')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiClientError);
    expect((refused as ApiClientError).code).toBe('INVALID_REQUEST');
    expect((refused as ApiClientError).issues).toEqual([
      { path: 'interactive.action.parameters.flow_name', kind: 'invalid', message: 'interactive.action.parameters.flow_name is a Cloud API feature the On-Premise API does not support: name the flow by flow_id.' },
    ]);
    expect(requests).toBe(0);
  });

  it("is refused by the sandbox's On-Premise API for a caller that sends it anyway", async () => {
    const res = await fetch(`${t.baseUrl('on-premise')}/v1/messages`, {
      method: 'POST',
      headers: { 'D360-API-KEY': t.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({
        recipient_type: 'individual',
        to: '4915110000104',
        type: 'interactive',
        interactive: {
          type: 'flow',
          body: { text: 'Tell us' },
          action: { name: 'flow', parameters: { flow_message_version: '3', flow_name: 'Feedback by name', flow_cta: 'Open' } },
        },
      }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Json[] };
    expect(JSON.stringify(body.errors)).toContain('flow_name is a Cloud API feature the On-Premise API does not support');
  });

  it('keeps flow_id working there', async () => {
    const res = await t.client('on-premise').messages.sendFlow({ ...byName('4915110000105'), flowName: undefined, flowId });
    expect(sent.find((e) => e.messageId === res.messages[0]?.id)?.flowId).toBe(flowId);
  });

  it('is a rule of the contract, for both the client and the sandbox', () => {
    const message = { recipient_type: 'individual', to: '1', type: 'interactive', interactive: { type: 'flow', body: { text: 'x' }, action: { name: 'flow', parameters: { flow_message_version: '3', flow_name: 'n', flow_cta: 'Open' } } } };
    expect(sendMessage.validate({ params: {}, query: {}, body: message }, 'on-premise')).toEqual([expect.objectContaining({ path: 'interactive.action.parameters.flow_name' })]);
    expect(sendMessage.validate({ params: {}, query: {}, body: { ...message, messaging_product: 'whatsapp' } }, 'cloud')).toEqual([]);
  });
});
