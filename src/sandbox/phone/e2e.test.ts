// THE end-to-end test: the production API client sets the business public key, creates the
// seed's feedback form, publishes it and sends it as an interactive message and as an approved
// template; a simulated phone opens each over the phone HTTP API and completes it; the business's
// webhook receiver (the webhooks SDK over real HTTP, storing into PostgreSQL) gets, verifies and
// stores each completion exactly once, although it was down for the first attempts and one
// webhook is delivered twice. Then the booking example's endpoint runs a flow with real
// encryption. Everything over HTTP on 127.0.0.1; the sandbox on PGlite in a temp folder.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTING_TYPES } from '../../api/index.js';
import type { HostingType } from '../../api/index.js';
import { generateKeyPair } from '../../data-channel/index.js';
import type { FlowCompletionEvent } from '../../webhooks/index.js';
import { startServer } from '../../../examples/booking/server.js';
import { START_TIMEOUT_MS, feedbackFormSource, startApiSandbox } from '../api-test-kit.js';
import type { ApiTestSandbox } from '../api-test-kit.js';
import { listDeliveries } from '../webhooks/deliveries.js';
import { createReceiver, tempDir, waitFor } from './test-kit.js';
import type { Receiver } from './test-kit.js';

const APP_SECRET = 'e2e-app-secret';

let t: ApiTestSandbox;
let receiver: Receiver;
let keys: { privateKeyPem: string; publicKeyPem: string };
let booking: { server: Server; url: string };
const dir = tempDir('waflow-e2e-');

beforeAll(async () => {
  keys = await generateKeyPair();
  receiver = await createReceiver(APP_SECRET);
  t = await startApiSandbox('pglite', { appSecret: APP_SECRET, webhookUrls: [receiver.url] });
  const keyPath = join(dir.path, 'private.pem');
  writeFileSync(keyPath, keys.privateKeyPem, { mode: 0o600 });
  booking = await startServer({ port: 0, host: '127.0.0.1', privateKeyPath: keyPath, passphrase: undefined, appSecret: APP_SECRET });
}, START_TIMEOUT_MS);

afterAll(async () => {
  await t?.cleanup();
  await receiver?.close();
  await new Promise<void>((resolve) => {
    if (booking === undefined) return resolve();
    booking.server.closeAllConnections();
    booking.server.close(() => resolve());
  });
  dir.remove();
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${t.sandbox.url}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

async function act(sessionId: string, action: string, body?: unknown): Promise<Json> {
  const res = await call('POST', `/_sandbox/sessions/${sessionId}/${action}`, body ?? {});
  if (res.status !== 200) throw new Error(`${action} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 600)}`);
  return res.body.session as Json;
}

/** Opens a flow message on the phone and fills the seed's feedback form to completion. */
async function completeFeedback(waId: string, messageId: string): Promise<Json> {
  const opened = await call('POST', `/_sandbox/phones/${waId}/messages/${encodeURIComponent(messageId)}/open`);
  expect(opened.status).toBe(201);
  const id = opened.body.session_id as string;
  expect(opened.body.session.screen.id).toBe('screen_feedback_one');
  // The footer is disabled until the required radio group is answered, and says so.
  expect(opened.body.session.errors.footer).toMatch(/would_recommend|Choose one/);
  await act(id, 'select', { name: 'would_recommend', option_id: '1' });
  await act(id, 'fill', { name: 'how_to_do_better_comment', value: 'Faster delivery, please' });
  const second = await act(id, 'submit');
  expect(second.screen.id).toBe('screen_feedback_two');
  await act(id, 'select', { name: 'purchase_experience_dropdown', option_id: '5' });
  await act(id, 'select', { name: 'delivery_dropdown', option_id: '4' });
  await act(id, 'select', { name: 'customer_service_dropdown', option_id: '3' });
  const done = await act(id, 'submit');
  expect(done.status).toBe('completed');
  const polled = await call('GET', `/_sandbox/sessions/${id}`);
  expect(polled.body.session.completion.reply_message_id).toBe(done.completion.reply_message_id);
  return done;
}

const completionsFor = (messageId: string): FlowCompletionEvent[] =>
  receiver.events.filter((e): e is FlowCompletionEvent => e.kind === 'flow_completion' && e.contextMessageId === messageId);

describe.each(HOSTING_TYPES)('end to end (%s)', (hostingType: HostingType) => {
  const waId = hostingType === 'cloud' ? '4915110000001' : '4915110000002';
  const tag = hostingType === 'cloud' ? 'cloud' : 'onprem';

  it('feedback form: interactive message and template, completed on a phone, each completion stored once', { timeout: 180_000 }, async () => {
    const api = t.client(hostingType);
    // Flows are WABA-level and only have Cloud API paths; keys, templates and messages go through the hosting type's own API.
    const flowsApi = t.client('cloud');
    await receiver.stop(); // the business's webhook receiver is down for the first attempts

    await api.encryption.setPublicKey(keys.publicKeyPem);
    const { id: flowId } = await flowsApi.flows.create({ name: `feedback_${tag}`, categories: ['SURVEY'] });
    const upload = await flowsApi.flows.uploadJson(flowId, feedbackFormSource());
    expect(upload.validationErrors ?? []).toEqual([]);
    await flowsApi.flows.publish(flowId);

    expect((await call('POST', '/_sandbox/phones', { wa_id: waId, name: `Ana ${tag}` })).status).toBe(201);

    // 1. as an interactive flow message
    const sent = await api.messages.sendFlow({
      to: waId,
      body: 'How did we do?',
      flowId,
      flowCta: 'Give feedback',
      flowToken: `fb-${tag}-interactive`,
      flowAction: 'navigate',
      flowActionPayload: { screen: 'screen_feedback_one' },
    });
    const interactiveId = sent.messages[0]?.id as string;
    const chat = await call('GET', `/_sandbox/phones/${waId}/chat`);
    const shown = (chat.body.messages as Json[]).find((m) => m.id === interactiveId);
    expect(shown).toMatchObject({ direction: 'outbound', type: 'interactive', status: 'read', cta: { text: 'Give feedback', enabled: true } });
    const first = await completeFeedback(waId, interactiveId);
    expect(first.completion.response_json).toMatchObject({
      flow_token: `fb-${tag}-interactive`,
      purchase_experience_rating: '5',
      delivery_rating: '4',
      customer_service_rating: '3',
    });

    // 2. as a template with a FLOW button: create, approve, send
    const templateName = `feedback_tpl_${tag}`;
    const template = await api.templates.create({
      name: templateName,
      language: 'en_US',
      category: 'MARKETING',
      components: [
        { type: 'BODY', text: 'Tell us how we did.' },
        { type: 'BUTTONS', buttons: [{ type: 'FLOW', text: 'Rate us', flowId, navigateScreen: 'screen_feedback_one', flowAction: 'navigate' }] },
      ],
    });
    expect((await fetch(`${t.sandbox.url}/_sandbox/templates/${template.id}/approve`, { method: 'POST' })).status).toBe(200);
    const sentTemplate = await api.messages.sendTemplate({ to: waId, name: templateName, language: 'en_US', flowButton: { index: 0, flowToken: `fb-${tag}-template` } });
    const templateMessageId = sentTemplate.messages[0]?.id as string;
    const second = await completeFeedback(waId, templateMessageId);
    expect(second.completion.response_json).toMatchObject({ flow_token: `fb-${tag}-template`, purchase_experience_rating: '5' });

    // The phone's chat shows both replies, threaded to their flow messages.
    const after = await call('GET', `/_sandbox/phones/${waId}/chat`);
    const replies = (after.body.messages as Json[]).filter((m) => m.direction === 'inbound');
    expect(replies.map((m) => m.context_message_id)).toEqual([interactiveId, templateMessageId]);
    expect(replies[0]?.payload.interactive.nfm_reply.name).toBe(hostingType === 'cloud' ? 'flow' : 'galaxy_message');
    expect(typeof replies[0]?.payload.interactive.nfm_reply.response_json).toBe('string');

    // The receiver was down: the completion webhooks failed at least once, then it comes up.
    const replyId = first.completion.reply_message_id as string;
    await waitFor(async () => ((await listDeliveries(t.sandbox.context.store, { messageId: replyId }))[0]?.attempts.length ?? 0) >= 1, 20_000, 'a failed attempt');
    await receiver.start();
    for (const messageId of [interactiveId, templateMessageId]) {
      await waitFor(() => completionsFor(messageId).length > 0, 30_000, `the completion of ${messageId}`);
    }
    // The receiver may have stored it a moment before the sandbox logged the attempt.
    const [delivery] = await waitFor(async () => {
      const list = await listDeliveries(t.sandbox.context.store, { messageId: replyId });
      return list[0]?.status === 'delivered' ? list : undefined;
    }, 20_000, 'the delivery logged as delivered');
    expect(delivery?.attempts[0]?.error).toMatch(/could not be reached/);

    // WhatsApp can deliver a webhook twice: the same bytes again are stored only once.
    const again = await call('POST', `/_sandbox/webhooks/deliveries/${delivery?.id ?? ''}/redeliver`);
    expect(again.status).toBe(202);
    await waitFor(async () => (await listDeliveries(t.sandbox.context.store, { messageId: replyId })).every((d) => d.status === 'delivered' && d.attempts.length > 0), 20_000, 'the redelivery');
    expect(await listDeliveries(t.sandbox.context.store, { messageId: replyId })).toHaveLength(2);

    for (const [messageId, token] of [[interactiveId, `fb-${tag}-interactive`], [templateMessageId, `fb-${tag}-template`]] as const) {
      const events = completionsFor(messageId);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        hostingType: hostingType === 'cloud' ? 'cloud' : 'on_premise',
        from: waId,
        flowToken: token,
        replyName: hostingType === 'cloud' ? 'flow' : 'galaxy_message',
        response: { flow_token: token, delivery_rating: '4' },
      });
      const stored = (await receiver.completions.list({ limit: 1000 })).items.filter((c) => c.contextMessageId === messageId);
      expect(stored).toHaveLength(1);
      expect(stored[0]?.flowToken).toBe(token);
    }

    // Delivery receipts of the business messages reached the business too.
    await waitFor(() => ['sent', 'delivered', 'read'].every((s) => receiver.events.some((e) => e.kind === 'status' && e.messageId === interactiveId && e.status === s)), 30_000, 'the statuses');
  });

  it('appointment booking through the example endpoint, with real encryption', { timeout: 180_000 }, async () => {
    const api = t.client(hostingType);
    await receiver.start();
    await api.encryption.setPublicKey(keys.publicKeyPem);
    const flowsApi = t.client('cloud');
    const { id: flowId } = await flowsApi.flows.create({ name: `booking_${tag}`, categories: ['APPOINTMENT_BOOKING'], endpointUri: booking.url });
    const { readFileSync } = await import('node:fs');
    await flowsApi.flows.uploadJson(flowId, readFileSync(join(import.meta.dirname, '..', '..', '..', 'examples', 'booking', 'flow.json'), 'utf8'));
    await flowsApi.flows.publish(flowId); // runs the encrypted health check against the endpoint
    await call('POST', '/_sandbox/phones', { wa_id: waId });

    const sent = await api.messages.sendFlow({ to: waId, body: 'Book your visit', flowId, flowCta: 'Book now', flowToken: `booking-${tag}`, flowAction: 'data_exchange' });
    const messageId = sent.messages[0]?.id as string;
    const opened = await call('POST', `/_sandbox/phones/${waId}/messages/${encodeURIComponent(messageId)}/open`);
    expect(opened.status).toBe(201);
    const id = opened.body.session_id as string;
    const first = opened.body.session as Json;
    expect(first.screen.id).toBe('APPOINTMENT');
    expect(first.exchanges[0]).toMatchObject({ action: 'INIT', status: 200 });
    // The last day offered is in the future, so all its times are free whatever the hour of the run
    // (today's first date loses its times as the day goes on, and both hosting types book here).
    const day = (first.screen.data.dates as { id: string }[]).at(-1)?.id as string;
    await act(id, 'select', { name: 'service', option_id: 'haircut' });
    const withTimes = await act(id, 'select', { name: 'date', option_id: day });
    const time = (withTimes.screen.data.times as { id: string }[])[0]?.id as string;
    expect(time).toBeDefined();
    await act(id, 'select', { name: 'time', option_id: time });
    const details = await act(id, 'submit');
    expect(details.screen.id).toBe('DETAILS');
    await act(id, 'fill', { name: 'name', value: 'Ana Lima' });
    await act(id, 'fill', { name: 'email', value: 'ana@example.com' });
    const summary = await act(id, 'submit');
    expect(summary.screen.id).toBe('SUMMARY');
    const done = await act(id, 'submit');
    expect(done.status).toBe('completed');
    expect(done.completion.response_json).toMatchObject({ flow_token: `booking-${tag}`, service: 'haircut', date: day, time, name: 'Ana Lima' });
    const bookingId = done.completion.response_json.booking_id as string;
    expect(bookingId).toEqual(expect.any(String));

    const [event] = await waitFor(() => (completionsFor(messageId).length > 0 ? completionsFor(messageId) : undefined), 30_000, 'the booking completion');
    expect(event?.response).toMatchObject({ booking_id: bookingId, flow_token: `booking-${tag}` });

    // Every exchange was sampled for the health monitor, the publish ping included.
    const health = await call('GET', `/_sandbox/flows/${flowId}/health`);
    expect(health.status).toBe(200);
    expect(health.body.metrics.requests_count).toBeGreaterThanOrEqual(6);
    expect(health.body.metrics.error_count).toBe(0);
    expect(health.body.last_check).toMatchObject({ ok: true, result: 'ok' });
  });
});
