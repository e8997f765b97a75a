// The seed's journey once per provider, against `waflow dev` as a user starts it (a real process,
// the credentials it prints, nothing else): upload the business public key, create the flow,
// upload its JSON, publish it, send it as an interactive message and inside an approved template
// with a FLOW button, fill it in on a simulated phone and receive each completion as a signed
// webhook. The same client code then points at 360dialog or Meta by its base URL and keys.
//   - `360dialog`: one client, the number's D360-API-KEY on waba-v2, flows on the Partner API;
//   - `360dialog-partner`: the Partner API alone for the flows (signed in with a Hub user for a
//     bearer token), the On-Premise API for the key, the template and the messages;
//   - `meta`: Meta's Graph API for everything, with a bearer token.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../src/api/index.js';
import type { ApiClient, HostingType } from '../src/api/index.js';
import { generateKeyPair } from '../src/data-channel/index.js';
import type { FlowCompletionEvent } from '../src/webhooks/index.js';
import { feedbackFormSource } from '../src/sandbox/api-test-kit.js';
import { createReceiver, tempDir, waitFor } from '../src/sandbox/phone/test-kit.js';
import type { Receiver } from '../src/sandbox/phone/test-kit.js';
import { startWaflowDev } from './dev-process.js';
import type { DevCredentials } from './dev-process.js';
import { withOutput } from './runtimes/processes.js';
import type { ServerProcess } from './runtimes/processes.js';

const APP_SECRET = 'journey-app-secret';

let dev: ServerProcess | undefined;
let creds: DevCredentials;
let receiver: Receiver;
let publicKeyPem: string;
const dir = tempDir('waflow-journey-');

beforeAll(async () => {
  ({ publicKeyPem } = await generateKeyPair());
  receiver = await createReceiver(APP_SECRET);
  await receiver.start();
  ({ dev, creds } = await startWaflowDev(join(dir.path, 'data'), ['--webhook-url', receiver.url, '--app-secret-env', 'JOURNEY_APP_SECRET'], { JOURNEY_APP_SECRET: APP_SECRET }));
}, 150_000);

afterAll(async () => {
  await dev?.stop();
  await receiver?.close();
  dir.remove();
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function phone(path: string, body: object = {}): Promise<Json> {
  const res = await fetch(`${creds.url}/_sandbox/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as Json;
  if (res.status >= 300) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json).slice(0, 400)}`);
  return json;
}

/** A person opens the message's flow button and fills the seed's feedback form. */
async function completeFeedback(waId: string, messageId: string): Promise<Json> {
  const { session_id: id } = await phone(`phones/${waId}/messages/${encodeURIComponent(messageId)}/open`);
  await phone(`sessions/${id}/select`, { name: 'would_recommend', option_id: '1' });
  await phone(`sessions/${id}/fill`, { name: 'how_to_do_better_comment', value: 'Faster delivery, please' });
  await phone(`sessions/${id}/submit`);
  await phone(`sessions/${id}/select`, { name: 'purchase_experience_dropdown', option_id: '5' });
  await phone(`sessions/${id}/select`, { name: 'delivery_dropdown', option_id: '4' });
  await phone(`sessions/${id}/select`, { name: 'customer_service_dropdown', option_id: '3' });
  const { session } = await phone(`sessions/${id}/submit`);
  expect(session.status).toBe('completed');
  return session;
}

interface Clients {
  /** Keys, templates and messages. */
  messaging: ApiClient;
  /** Flow management. */
  flows: ApiClient;
  hostingType: HostingType;
}

const journeys: readonly [string, () => Clients][] = [
  [
    '360dialog',
    () => {
      const client = createClient({
        provider: '360dialog',
        apiKey: creds.apiKey,
        baseUrl: `${creds.url}/cloud`,
        partner: { partnerId: creds.partnerId, wabaAccountId: creds.wabaAccountId, apiKey: creds.partnerKey, baseUrl: `${creds.url}/hub/api/v2` },
      });
      return { messaging: client, flows: client, hostingType: 'cloud' };
    },
  ],
  [
    '360dialog-partner',
    () => ({
      flows: createClient({
        provider: '360dialog-partner',
        partnerId: creds.partnerId,
        wabaAccountId: creds.wabaAccountId,
        username: creds.partnerUser,
        password: creds.partnerKey,
        baseUrl: `${creds.url}/hub/api/v2`,
      }),
      messaging: createClient({ provider: '360dialog', apiKey: creds.apiKey, hostingType: 'on-premise', baseUrl: `${creds.url}/on-premise` }),
      hostingType: 'on-premise',
    }),
  ],
  [
    'meta',
    () => {
      const client = createClient({ provider: 'meta', accessToken: creds.apiKey, wabaId: creds.wabaId, phoneNumberId: creds.phoneNumberId, baseUrl: `${creds.url}/graph` });
      return { messaging: client, flows: client, hostingType: 'cloud' };
    },
  ],
];

describe.each(journeys)("the seed's journey against waflow dev (%s)", (provider, makeClients) => {
  it('key, flow, publish, interactive and template messages, completions as signed webhooks', { timeout: 240_000 }, async () => {
    await withOutput(dev, async () => {
      const { messaging, flows, hostingType } = makeClients();
      const tag = provider.replace(/\W/g, '_');
      const waId = `49151200${String(journeys.findIndex(([p]) => p === provider)).padStart(3, '0')}`;

      await messaging.encryption.setPublicKey(publicKeyPem);
      expect((await messaging.encryption.getPublicKey())?.businessPublicKey.trim()).toBe(publicKeyPem.trim());

      const { id: flowId } = await flows.flows.create({ name: `feedback ${tag}`, categories: ['SURVEY'] });
      const upload = await flows.flows.uploadJson(flowId, feedbackFormSource());
      expect(upload.validationErrors).toEqual([]);
      await flows.flows.publish(flowId);
      expect(await flows.flows.get(flowId, { fields: ['id', 'status'] })).toMatchObject({ id: flowId, status: 'PUBLISHED' });
      expect((await flows.flows.list()).data.map((f) => f.id)).toContain(flowId);

      // 1. As an interactive message.
      const sent = await messaging.messages.sendFlow({
        to: waId,
        body: 'How did we do?',
        flowId,
        flowCta: 'Give feedback',
        flowToken: `${tag}-interactive`,
        flowActionPayload: { screen: 'screen_feedback_one' },
      });
      const interactiveId = sent.messages[0]?.id ?? '';
      const first = await completeFeedback(waId, interactiveId);
      expect(first.completion.response_json).toMatchObject({ flow_token: `${tag}-interactive`, delivery_rating: '4' });

      // 2. Inside a template with a FLOW button, once it is APPROVED (the sandbox approves after a delay).
      const templateName = `feedback_${tag}`.toLowerCase();
      await messaging.templates.create({
        name: templateName,
        language: 'en_US',
        category: 'MARKETING',
        components: [
          { type: 'BODY', text: 'Tell us how we did.' },
          { type: 'BUTTONS', buttons: [{ type: 'FLOW', text: 'Rate us', flowId, navigateScreen: 'screen_feedback_one', flowAction: 'navigate' }] },
        ],
      });
      await waitFor(async () => (await messaging.templates.get(templateName)).status === 'APPROVED', 30_000, 'the template approved');
      const sentTemplate = await messaging.messages.sendTemplate({ to: waId, name: templateName, language: 'en_US', flowButton: { index: 0, flowToken: `${tag}-template` } });
      const templateMessageId = sentTemplate.messages[0]?.id ?? '';
      await completeFeedback(waId, templateMessageId);

      // The business's receiver verified the signature and got each completion, in the hosting type's envelope.
      for (const [messageId, token] of [[interactiveId, `${tag}-interactive`], [templateMessageId, `${tag}-template`]] as const) {
        const events = await waitFor(() => {
          const found = receiver.events.filter((e): e is FlowCompletionEvent => e.kind === 'flow_completion' && e.contextMessageId === messageId);
          return found.length > 0 ? found : undefined;
        }, 30_000, `the completion of ${messageId}`);
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({
          hostingType: hostingType === 'cloud' ? 'cloud' : 'on_premise',
          from: waId,
          flowToken: token,
          response: { flow_token: token, purchase_experience_rating: '5', customer_service_rating: '3' },
        });
      }
    });
  });
});
