import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCompletionStore } from '../store/completions.js';
import type { CompletionStore } from '../store/completions.js';
import { openTestStore, STORE_HOOK_TIMEOUT, TEST_BACKENDS } from '../store/test-kit.js';
import type { TestStore } from '../store/test-kit.js';
import { cloudFlowsBody, cloudMessagesBody, seedCloudMessage } from './fixtures.js';
import { createWebhookHandler } from './handler.js';
import type { WebhookHandlerOptions } from './handler.js';
import { toNodeWebhookHandler } from './node-http.js';
import { webhookSignatureHeader } from './signature.js';
import type { FlowCompletionEvent, WebhookEvent } from './types.js';

const SECRET = 'test-app-secret-5d41402abc4b2a76';
const VERIFY = 'verify-me-please';

interface Served {
  url: string;
  close(): Promise<void>;
}

async function serve(options: WebhookHandlerOptions): Promise<Served> {
  const server = createServer(toNodeWebhookHandler(createWebhookHandler(options)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/whatsapp`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function post(url: string, body: string, signature: string | null = webhookSignatureHeader(body, SECRET)): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  return fetch(url, { method: 'POST', headers, body });
}

/** Records what the callbacks saw; `failOnce` makes the next callback for that message throw. */
class Recorder {
  completions: FlowCompletionEvent[] = [];
  events: WebhookEvent[] = [];
  failOnce = new Set<string>();
  countsInside: number[] = [];
  errors: unknown[] = [];

  options(store?: CompletionStore): WebhookHandlerOptions {
    return {
      appSecret: SECRET,
      verifyToken: VERIFY,
      ...(store === undefined ? {} : { store }),
      resolveFlowId: (c) => (c.flowToken?.startsWith('fb-') ? 'flow-feedback' : undefined),
      onFlowCompletion: async (c, ctx) => {
        if (this.failOnce.delete(c.messageId)) throw new Error(`downstream failed for ${c.messageId}`);
        if (ctx.completions !== undefined && c.flowToken !== undefined) this.countsInside.push(await ctx.completions.count({ flowToken: c.flowToken }));
        this.completions.push(c);
      },
      onEvent: (e) => {
        this.events.push(e);
      },
      onError: (e) => {
        this.errors.push(e);
      },
    };
  }

  reset(): void {
    this.completions = [];
    this.events = [];
    this.countsInside = [];
    this.errors = [];
  }
}

function completionBody(id: string, response: Record<string, unknown>): string {
  return JSON.stringify(cloudMessagesBody({ messages: [seedCloudMessage({ id, response })] }));
}

describe.each(TEST_BACKENDS)('webhook handler over node:http with %s', (kind) => {
  let t: TestStore;
  let completions: CompletionStore;
  let served: Served;
  const rec = new Recorder();

  beforeAll(async () => {
    t = await openTestStore(kind, undefined, { migrated: true });
    completions = createCompletionStore(t.store);
    served = await serve(rec.options(completions));
  }, STORE_HOOK_TIMEOUT);
  afterAll(async () => {
    await served?.close();
    await t?.cleanup();
  }, STORE_HOOK_TIMEOUT);
  beforeEach(() => rec.reset());

  it('answers the GET subscription challenge only for the right token', async () => {
    const ok = await fetch(`${served.url}?hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    expect((await fetch(`${served.url}?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`)).status).toBe(403);
    expect((await fetch(`${served.url}?hub.mode=unsubscribe&hub.verify_token=${VERIFY}&hub.challenge=1`)).status).toBe(400);
    expect((await fetch(served.url)).status).toBe(400);
  });

  it('stores a completion exactly once when the platform delivers it twice', async () => {
    const body = completionBody('wamid.twice', { flow_token: 'fb-1', rating: '5' });
    const first = await post(served.url, body);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: 1, processed: 1, duplicates: 0, quarantined: 0, unrecognized: 0 });
    const second = await post(served.url, body);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ received: 1, processed: 0, duplicates: 1, quarantined: 0, unrecognized: 0 });
    expect(rec.completions.map((c) => c.messageId)).toEqual(['wamid.twice']);
    expect(rec.events).toHaveLength(1);
    expect(await completions.count({ flowToken: 'fb-1' })).toBe(1);
    const stored = (await completions.list({ flowToken: 'fb-1' })).items[0];
    expect(stored).toMatchObject({ messageId: 'wamid.twice', flowId: 'flow-feedback', response: { rating: '5' }, hostingType: 'cloud', phoneNumberId: '106540352242922' });
    // The callback ran inside the delivery's transaction and could already see its own row.
    expect(rec.countsInside).toEqual([1]);
  });

  it('stores concurrent duplicate deliveries once and calls back once', async () => {
    const body = completionBody('wamid.concurrent', { flow_token: 'fb-2', rating: '3' });
    const replies = await Promise.all(Array.from({ length: 6 }, () => post(served.url, body)));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const summaries = (await Promise.all(replies.map((r) => r.json()))) as { processed: number; duplicates: number }[];
    expect(summaries.reduce((n, s) => n + s.processed, 0)).toBe(1);
    expect(summaries.reduce((n, s) => n + s.duplicates, 0)).toBe(5);
    expect(rec.completions.map((c) => c.messageId)).toEqual(['wamid.concurrent']);
    expect(await completions.count({ flowToken: 'fb-2' })).toBe(1);
  });

  it('answers 401 to a missing, wrong or foreign signature and stores nothing', async () => {
    const body = completionBody('wamid.unsigned', { flow_token: 'fb-401' });
    const other = completionBody('wamid.other', { flow_token: 'fb-401' });
    for (const signature of [null, 'sha256=00', webhookSignatureHeader(body, 'not-the-secret'), webhookSignatureHeader(other, SECRET)]) {
      const reply = await post(served.url, body, signature);
      expect(reply.status).toBe(401);
      const text = await reply.text();
      expect(text).toContain('INVALID_SIGNATURE');
      expect(text).not.toContain(SECRET);
    }
    expect(await completions.count({ flowToken: 'fb-401' })).toBe(0);
    expect(rec.completions).toEqual([]);
  });

  it('answers 400 to a signed body that is not JSON', async () => {
    const reply = await post(served.url, '{"object": "whatsapp_business_account", ');
    expect(reply.status).toBe(400);
    expect(await reply.json()).toMatchObject({ error: { code: 'INVALID_JSON' } });
  });

  it('answers 500 when a callback fails, keeps the events that went through, and retries only the failed one', async () => {
    const status = { id: 'wamid.sent-1', status: 'delivered', timestamp: '1764072100', recipient_id: '16505551234' };
    const body = JSON.stringify(cloudMessagesBody({ statuses: [status], messages: [seedCloudMessage({ id: 'wamid.fails', response: { flow_token: 'fb-500', rating: '1' } })] }));
    rec.failOnce.add('wamid.fails');
    const failed = await post(served.url, body);
    expect(failed.status).toBe(500);
    const text = await failed.text();
    expect(text).toContain('PROCESSING_FAILED');
    expect(text).not.toContain('downstream failed'); // the cause goes to onError, not to the platform
    expect(rec.errors).toHaveLength(1);
    expect(await completions.count({ flowToken: 'fb-500' })).toBe(0); // its transaction rolled back
    const statusRows = async () => (await t.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_events WHERE event_key = 'status:wamid.sent-1:delivered'`))[0]?.n;
    expect(await statusRows()).toBe(1); // the status is its own event: stored, its callback done
    expect(rec.events.map((e) => e.kind)).toEqual(['status']);

    const retried = await post(served.url, body);
    expect(retried.status).toBe(200);
    expect(await retried.json()).toEqual({ received: 2, processed: 1, duplicates: 1, quarantined: 0, unrecognized: 0 });
    expect(rec.completions.map((c) => c.messageId)).toEqual(['wamid.fails']);
    expect(rec.events.map((e) => e.kind)).toEqual(['status', 'flow_completion']); // the status's callback did not run again
    expect(await completions.count({ flowToken: 'fb-500' })).toBe(1);
    expect(await statusRows()).toBe(1);
  });

  it('passes statuses and flows events to onEvent once each, and unrecognized parts every time', async () => {
    const statuses = JSON.stringify(cloudMessagesBody({ statuses: [{ id: 'wamid.s2', status: 'read', timestamp: '1764072200' }, { bogus: true }] }));
    const flows = JSON.stringify(cloudFlowsBody({ event: 'ENDPOINT_LATENCY', flow_id: 'f-9', p90_latency: 9000, threshold: 7000, alert_state: 'ACTIVATED' }));
    for (const body of [statuses, flows, statuses, flows]) expect((await post(served.url, body)).status).toBe(200);
    expect(rec.events.map((e) => e.kind)).toEqual(['status', 'unrecognized', 'flow_alert', 'unrecognized']);
    const kinds = await t.store.query<{ kind: string }>(`SELECT kind FROM webhook_events WHERE event_key LIKE 'flow_alert:f-9:%' OR event_key = 'status:wamid.s2:read' ORDER BY kind`);
    expect(kinds.map((k) => k.kind)).toEqual(['flow_alert', 'status']);
  });

  it('exports the stored completions as CSV with formula-safe cells', async () => {
    for (const [id, response] of [
      ['wamid.csv1', { flow_token: 'fb-csv-1', comment: '=1+2', rating: '5' }],
      ['wamid.csv2', { flow_token: 'fb-csv-2', comment: 'fine, "thanks"', rating: '4' }],
    ] as const) {
      expect((await post(served.url, completionBody(id, response))).status).toBe(200);
    }
    const csv = await completions.exportCsv({ flowId: 'flow-feedback', since: new Date(Date.now() - 60_000) });
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('message_id,flow_id,flow_token,from,context_message_id,sent_at,received_at,comment,rating');
    const csvLines = lines.filter((l) => l.startsWith('wamid.csv'));
    expect(csvLines).toHaveLength(2);
    expect(csvLines[0]).toMatch(/^wamid\.csv1,flow-feedback,fb-csv-1,16505551234,gBGGEiRVVgBPAgm7FUgc73noXjo,2025-11-25T12:00:00\.000Z,[^,]+,'=1\+2,5$/);
    expect(csvLines[1]).toMatch(/,"fine, ""thanks""",4$/);
  });
});

describe('webhook handler without a store', () => {
  const rec = new Recorder();
  const handler = createWebhookHandler(rec.options());
  beforeEach(() => rec.reset());

  function request(body: string, signature: string | null = webhookSignatureHeader(body, SECRET)): Request {
    return new Request('http://127.0.0.1/hook', { method: 'POST', body, headers: signature === null ? {} : { 'x-hub-signature-256': signature } });
  }

  it('deduplicates sequential and concurrent redeliveries in memory', async () => {
    const body = completionBody('wamid.mem', { flow_token: 'm-1' });
    const replies = await Promise.all([handler(request(body)), handler(request(body)), handler(request(body))]);
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect((await handler(request(body))).status).toBe(200);
    expect(rec.completions.map((c) => c.messageId)).toEqual(['wamid.mem']);
  });

  it('lets a retry through after a failed delivery', async () => {
    const body = completionBody('wamid.mem-fail', { flow_token: 'm-2' });
    rec.failOnce.add('wamid.mem-fail');
    expect((await handler(request(body))).status).toBe(500);
    expect((await handler(request(body))).status).toBe(200);
    expect((await handler(request(body))).status).toBe(200);
    expect(rec.completions.map((c) => c.messageId)).toEqual(['wamid.mem-fail']);
  });

  it('refuses oversized bodies (413), other methods (405) and GET when no verify token is set', async () => {
    const small = createWebhookHandler({ maxBodyBytes: 64 });
    const big = JSON.stringify({ messages: [], pad: 'x'.repeat(200) });
    expect((await small(new Request('http://127.0.0.1/', { method: 'POST', body: big }))).status).toBe(413);
    expect((await small(new Request('http://127.0.0.1/', { method: 'PUT', body: '{}' }))).status).toBe(405);
    expect((await small(new Request('http://127.0.0.1/?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1'))).status).toBe(405);
  });

  it('accepts unsigned bodies only when no app secret is configured', async () => {
    const open = createWebhookHandler({});
    const body = completionBody('wamid.open', { flow_token: 'o' });
    expect((await open(request(body, null))).status).toBe(200);
    expect((await handler(request(body, null))).status).toBe(401);
  });

  it('refuses an empty app secret at construction', () => {
    expect(() => createWebhookHandler({ appSecret: '' })).toThrow(/appSecret/);
  });
});
