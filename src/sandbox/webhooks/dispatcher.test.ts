import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../webhooks/index.js';
import type { HostingType } from '../../api/types.js';
import type { CreateSandboxOptions, Sandbox } from '../server.js';
import { createReceiver, startSandbox, tempDir, waitFor } from '../phone/test-kit.js';
import type { Receiver } from '../phone/test-kit.js';
import { listDeliveries } from './deliveries.js';
import { dispatcherOf } from './dispatcher.js';
import { startWebhookDispatcher } from './index.js';

const APP_SECRET = 'dispatcher-test-secret';

// A shorter schedule than the default (500 ms, doubling): the retries the tests wait for come in
// under a second, and each wait is still three times the one before (the backoff test checks it).
const FAST_RETRY = { initialDelayMs: 200, factor: 3, maxDelayMs: 600 };
const options = (webhookUrl: string): CreateSandboxOptions => ({
  appSecret: APP_SECRET,
  webhookUrls: [webhookUrl],
  extensions: { startWebhookDispatcher: (ctx) => startWebhookDispatcher(ctx, { retry: FAST_RETRY }) },
});

// One sandbox and one receiver for the file (opening PGlite is the slow part); each test tells
// its webhooks apart by message id and leaves every delivery it caused delivered.
let dir: ReturnType<typeof tempDir>;
let receiver: Receiver;
let shared: Sandbox;

beforeAll(async () => {
  dir = tempDir();
  receiver = await createReceiver(APP_SECRET);
  shared = await startSandbox(dir.path, options(receiver.url));
}, 180_000);

afterAll(async () => {
  await shared?.close();
  await receiver?.close();
  dir?.remove();
});

beforeEach(async () => {
  receiver.failNext = 0;
  await receiver.start();
});

async function sandbox(): Promise<Sandbox> {
  return shared;
}

async function delivered(s: Sandbox, messageId: string): Promise<Awaited<ReturnType<typeof listDeliveries>>> {
  return waitFor(async () => {
    const list = await listDeliveries(s.context.store, { messageId });
    return list.length > 0 && list.every((d) => d.status === 'delivered') ? list : undefined;
  }, 20_000, 'delivery');
}

const completionsOf = (messageId: string) => receiver.events.filter((e) => e.kind === 'flow_completion' && e.messageId === messageId);

let counter = 0;

/** What a phone emits when it completes a flow (phone/sessions.ts builds the same shape). */
async function emitCompletion(s: Sandbox, hostingType: HostingType, responseJson: Record<string, unknown>): Promise<string> {
  counter += 1;
  const messageId = `wamid.TEST${counter}${Date.now()}`;
  const payload = {
    context: { from: s.context.config.businessNumber, id: 'wamid.FLOWMESSAGE' },
    from: '4915100000001',
    id: messageId,
    timestamp: String(Math.floor(Date.now() / 1000)),
    type: 'interactive',
    interactive: { type: 'nfm_reply', nfm_reply: { name: hostingType === 'cloud' ? 'flow' : 'galaxy_message', body: 'Sent', response_json: JSON.stringify(responseJson) } },
  };
  await s.context.events.emit('message.received', {
    messageId,
    chatId: 'chat-1',
    businessPhoneId: s.businessPhone.id,
    from: '4915100000001',
    to: s.context.config.businessNumber,
    type: 'interactive',
    payload,
    hostingType,
    at: new Date(),
  });
  return messageId;
}

describe('webhook dispatcher', () => {
  it.each<HostingType>(['cloud', 'on-premise'])('delivers a %s completion in its envelope, signed, and the SDK parses it', async (hostingType) => {
    const s = await sandbox();
    const messageId = await emitCompletion(s, hostingType, { flow_token: 'tok-1', rating: '5' });
    const [delivery] = await delivered(s, messageId);
    expect(completionsOf(messageId)).toEqual([
      expect.objectContaining({ kind: 'flow_completion', messageId, flowToken: 'tok-1', response: { flow_token: 'tok-1', rating: '5' }, replyName: hostingType === 'cloud' ? 'flow' : 'galaxy_message' }),
    ]);
    const body = JSON.parse(delivery?.body ?? '{}') as Record<string, unknown>;
    if (hostingType === 'cloud') {
      expect(body.object).toBe('whatsapp_business_account');
      expect(body).toMatchObject({ entry: [{ changes: [{ field: 'messages', value: { metadata: { phone_number_id: s.businessPhone.id } } }] }] });
    } else {
      expect(Object.keys(body).sort()).toEqual(['contacts', 'messages']);
    }
  });

  it('persists the delivery before the first attempt, retries with backoff while the receiver is down, and logs every attempt', async () => {
    const s = await sandbox();
    await receiver.stop();
    const messageId = await emitCompletion(s, 'cloud', { flow_token: 'late' });
    // Written before anything was sent: the row is there at once.
    const [first] = await listDeliveries(s.context.store, { messageId });
    expect(first?.status).toBe('pending');
    await waitFor(async () => ((await listDeliveries(s.context.store, { messageId }))[0]?.attempts.length ?? 0) >= 2, 10_000, 'two failed attempts');
    await receiver.start();
    const [done] = await delivered(s, messageId);
    if (done === undefined) throw new Error('no delivery');
    const failed = done.attempts.slice(0, -1);
    expect(failed.length).toBeGreaterThanOrEqual(2);
    for (const a of failed) {
      expect(a.responseStatus).toBeNull();
      expect(a.error).toMatch(/could not be reached/);
    }
    // Exponential: each wait at least as long as the one before.
    const starts = done.attempts.map((a) => Date.parse(a.startedAt));
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] ?? 0));
    expect(gaps[1] ?? 0).toBeGreaterThanOrEqual((gaps[0] ?? 0) * 1.2);
    expect(done.attempts.at(-1)).toMatchObject({ responseStatus: 200, error: null });
    expect(done.attempts.at(-1)?.durationMs).toBeGreaterThanOrEqual(0);
    expect(completionsOf(messageId)).toHaveLength(1);
  });

  it('retries a receiver that answers non-2xx until it accepts', async () => {
    const s = await sandbox();
    receiver.failNext = 2;
    const messageId = await emitCompletion(s, 'cloud', { flow_token: 'x' });
    const [done] = await delivered(s, messageId);
    expect(done?.attempts.map((a) => a.responseStatus)).toEqual([503, 503, 200]);
    expect(done?.attempts[0]?.error).toContain('503');
    expect(done?.attempts[0]?.responseExcerpt).toBe('down for maintenance');
  });

  it('signs with X-Hub-Signature-256 over the exact stored body', async () => {
    const s = await sandbox();
    const messageId = await emitCompletion(s, 'cloud', { flow_token: 'sig' });
    const [d] = await delivered(s, messageId);
    // The receiver's check (the SDK's) accepts it, and a body changed by one byte would not pass.
    const { signRequestBody } = await import('../../data-channel/index.js');
    const header = await signRequestBody(d?.body ?? '', APP_SECRET);
    expect(verifyWebhookSignature(d?.body ?? '', header, APP_SECRET)).toBe(true);
    expect(verifyWebhookSignature(`${d?.body ?? ''} `, header, APP_SECRET)).toBe(false);
  });

  it('resumes pending deliveries after a sandbox restart, delivering each once', { timeout: 240_000 }, async () => {
    const own = tempDir();
    const late = await createReceiver(APP_SECRET);
    try {
      const s1 = await startSandbox(own.path, options(late.url));
      const messageId = await emitCompletion(s1, 'cloud', { flow_token: 'restart' });
      await waitFor(async () => ((await listDeliveries(s1.context.store, { messageId }))[0]?.attempts.length ?? 0) >= 1, 10_000, 'a failed attempt');
      await s1.close();
      await late.start();
      const s2 = await startSandbox(own.path, options(late.url));
      try {
        const [done] = await delivered(s2, messageId);
        expect(done?.attempts.length).toBeGreaterThanOrEqual(2);
        expect(late.events.filter((e) => e.kind === 'flow_completion')).toHaveLength(1);
        expect(await late.completions.count()).toBe(1);
      } finally {
        await s2.close();
      }
    } finally {
      await late.close();
      own.remove();
    }
  });

  it('redelivers the same bytes on request, and the SDK stores the completion once', async () => {
    const s = await sandbox();
    const messageId = await emitCompletion(s, 'cloud', { flow_token: 'twice' });
    const [d] = await delivered(s, messageId);
    const res = await fetch(`${s.url}/_sandbox/webhooks/deliveries/${d?.id ?? ''}/redeliver`, { method: 'POST' });
    expect(res.status).toBe(202);
    const all = await waitFor(async () => {
      const list = await listDeliveries(s.context.store, { messageId });
      return list.length === 2 && list.every((x) => x.status === 'delivered') ? list : undefined;
    });
    expect(all[0]?.body).toBe(all[1]?.body);
    expect(all.map((x) => x.attempts.at(-1)?.responseStatus)).toEqual([200, 200]);
    expect((await receiver.completions.list({ limit: 100 })).items.filter((c) => c.messageId === messageId)).toHaveLength(1);
    expect(completionsOf(messageId)).toHaveLength(1);
    expect((await fetch(`${s.url}/_sandbox/webhooks/deliveries/nope/redeliver`, { method: 'POST' })).status).toBe(404);
  });

  it('sends flow status changes and alerts as `flows` webhooks', async () => {
    const s = await sandbox();
    await s.context.events.emit('flow.status', { flowId: '123', flowName: 'feedback', oldStatus: 'DRAFT', newStatus: 'PUBLISHED', at: new Date() });
    await s.context.events.emit('flow.webhook', {
      flowId: '123',
      at: new Date(),
      value: { event: 'ENDPOINT_LATENCY', flow_id: '123', alert_state: 'ACTIVATED', threshold: 1000, p90_latency: 2500, p50_latency: 900, requests_count: 10, message: 'slow' },
    });
    const change = await waitFor(() => receiver.events.find((e) => e.kind === 'flow_status_change'));
    expect(change).toMatchObject({ flowId: '123', oldStatus: 'DRAFT', newStatus: 'PUBLISHED' });
    const alert = await waitFor(() => receiver.events.find((e) => e.kind === 'flow_alert'));
    expect(alert).toMatchObject({ flowId: '123', alert: 'ENDPOINT_LATENCY', alertState: 'ACTIVATED', threshold: 1000 });
  });

  it('lists deliveries with their attempts over HTTP, and refuses a bad filter', async () => {
    const s = await sandbox();
    const messageId = await emitCompletion(s, 'cloud', { flow_token: 'list' });
    await delivered(s, messageId);
    const res = await fetch(`${s.url}/_sandbox/webhooks/deliveries?message_id=${encodeURIComponent(messageId)}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { status: string; attempts: { status: number; latency_ms: number }[]; body: { object: string } }[] };
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({ status: 'delivered', body: { object: 'whatsapp_business_account' } });
    expect(body.data[0]?.attempts[0]?.status).toBe(200);
    expect((await fetch(`${s.url}/_sandbox/webhooks/deliveries?status=bogus`)).status).toBe(400);
  });

  it('is reachable from the sandbox it started with', async () => {
    const s = await sandbox();
    expect(dispatcherOf(s.context)).toBeDefined();
  });
});
