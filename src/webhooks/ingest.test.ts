// The ingestion path: a handler with a store and no callback for an event writes the whole
// delivery in one statement, outside a transaction, exactly once under parallel redeliveries;
// it quarantines what the database refuses; waiters hear a completion only once it is committed.
// And the byte-level core and the node:http listener built on it.
import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCompletionStore } from '../store/completions.js';
import type { CompletionStore } from '../store/completions.js';
import { countingStore, openTestStore, STORE_HOOK_TIMEOUT, TEST_BACKENDS } from '../store/test-kit.js';
import type { TestStore } from '../store/test-kit.js';
import { createWebhookProcessor } from './core.js';
import type { WebhookHandlerOptions, WebhookProcessor } from './core.js';
import { cloudMessagesBody, seedCloudMessage, WABA_ID } from './fixtures.js';
import { createWebhookHandler } from './handler.js';
import type { WebhookDeliverySummary } from './handler.js';
import { toNodeWebhookHandler } from './node-http.js';
import { webhookSignatureHeader } from './signature.js';

const SECRET = 'ingest-secret-0b9f1e';

/** A delivery with a completion, a text message, two statuses, a flows alert, a NUL answer and an unreadable part. */
function mixedDelivery(prefix: string): string {
  const body = cloudMessagesBody({
    messages: [
      seedCloudMessage({ id: `${prefix}-done`, response: { flow_token: `${prefix}-token`, rating: '5' } }),
      { id: `${prefix}-text`, from: '491511', timestamp: '1764072000', type: 'text', text: { body: 'hi' } },
      seedCloudMessage({ id: `${prefix}-nul`, response: { flow_token: `${prefix}-nul-token`, comment: 'a\u0000b' } }),
    ],
    statuses: [{ id: `${prefix}-sent`, status: 'delivered', timestamp: '1764072100' }, { id: `${prefix}-sent`, status: 'read', timestamp: '1764072101' }, { bogus: true }],
  });
  body.entry.push({ id: WABA_ID, changes: [{ field: 'flows', value: { event: 'ENDPOINT_AVAILABILITY', flow_id: `${prefix}-flow`, availability: 80, threshold: 90, alert_state: 'ACTIVATED' } }] } as never);
  return JSON.stringify(body);
}

async function post(core: WebhookProcessor, body: string): Promise<{ status: number; summary: WebhookDeliverySummary }> {
  const reply = await core({ method: 'POST', signature: webhookSignatureHeader(body, SECRET), body: new TextEncoder().encode(body) });
  return { status: reply.status, summary: JSON.parse(reply.body) as WebhookDeliverySummary };
}

describe.each(TEST_BACKENDS)('webhook ingestion without callbacks on %s', (kind) => {
  let t: TestStore;
  let spy: ReturnType<typeof countingStore>;
  let completions: CompletionStore;
  let core: WebhookProcessor;
  const logs: string[] = [];

  beforeAll(async () => {
    t = await openTestStore(kind, undefined, { migrated: true });
    spy = countingStore(t.store);
    completions = createCompletionStore(spy.store);
    core = createWebhookProcessor({ appSecret: SECRET, store: completions, logger: { warn: (message) => logs.push(message) } });
  }, STORE_HOOK_TIMEOUT);
  afterAll(async () => t?.cleanup(), STORE_HOOK_TIMEOUT);
  beforeEach(() => {
    spy.statements.length = 0;
    spy.transactions = 0;
    logs.length = 0;
  });

  const count = async (table: string, where: string): Promise<number> => (await t.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`))[0]!.n;

  it('stores a whole delivery in one statement, no transaction, and a redelivery in one more', async () => {
    const body = mixedDelivery('one');
    expect(await post(core, body)).toEqual({ status: 200, summary: { received: 7, processed: 6, duplicates: 0, quarantined: 1, unrecognized: 1 } });
    expect([spy.statements.length, spy.transactions]).toEqual([1, 0]);
    expect(await count('flow_completions', `message_id = 'one-done'`)).toBe(1);
    expect(await count('webhook_events', `event_key IN ('message:one-text', 'status:one-sent:delivered', 'status:one-sent:read') OR event_key LIKE 'flow_alert:one-flow:%'`)).toBe(4);
    expect(await count('webhook_quarantine', `message_id = 'one-nul'`)).toBe(1);
    expect(logs).toEqual([expect.stringContaining('quarantined a flow_completion event (message one-nul)')]);

    logs.length = 0;
    expect(await post(core, body)).toEqual({ status: 200, summary: { received: 7, processed: 1, duplicates: 6, quarantined: 0, unrecognized: 1 } });
    expect([spy.statements.length, spy.transactions]).toEqual([2, 0]);
    expect(logs).toEqual([]);
  });

  it('counts a message repeated inside one delivery once', async () => {
    const message = seedCloudMessage({ id: 'twice-in-one', response: { flow_token: 'twice-token' } });
    const body = JSON.stringify(cloudMessagesBody({ messages: [message, message] }));
    expect((await post(core, body)).summary).toMatchObject({ received: 2, processed: 1, duplicates: 1 });
  });

  it('stores each event once when many identical deliveries arrive in parallel', async () => {
    const body = mixedDelivery('par');
    const replies = await Promise.all(Array.from({ length: 12 }, () => post(core, body)));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    const sum = (key: keyof WebhookDeliverySummary) => replies.reduce((n, r) => n + r.summary[key], 0);
    // 6 recognized events (5 stored, 1 quarantined) exactly once in all; the unreadable part every time.
    expect([sum('processed') - sum('unrecognized'), sum('quarantined'), sum('duplicates')]).toEqual([5, 1, 6 * 11]);
    expect(await count('flow_completions', `message_id = 'par-done'`)).toBe(1);
    expect(await count('webhook_events', `event_key LIKE 'status:par-sent:%'`)).toBe(2);
    expect(await count('webhook_quarantine', `message_id = 'par-nul'`)).toBe(1);
    expect(logs).toHaveLength(1);
  });

  it('quarantines only the event the database refuses, the others stored in the same delivery', async () => {
    const longId = randomBytes(4000).toString('base64'); // incompressible: beyond a btree row
    const body = JSON.stringify(cloudMessagesBody({
      messages: [seedCloudMessage({ id: 'refused-ok', response: { flow_token: 'refused-ok-token' } }), seedCloudMessage({ id: longId, response: { flow_token: 'refused-token' } })],
      statuses: [{ id: 'refused-ok', status: 'read', timestamp: '1' }],
    }));
    expect(await post(core, body)).toEqual({ status: 200, summary: { received: 3, processed: 2, duplicates: 0, quarantined: 1, unrecognized: 0 } });
    const [row] = (await completions.listQuarantined({ limit: 5 })).filter((q) => q.reason.includes('SQLSTATE 54'));
    expect(row).toMatchObject({ code: 'REJECTED_BY_STORE', kind: 'flow_completion' });
    expect(await count('flow_completions', `message_id = 'refused-ok'`)).toBe(1);
    expect((await post(core, body)).summary).toMatchObject({ processed: 0, duplicates: 3, quarantined: 0 });
  });

  it('never answers 500 for hostile text in one statement, and a redelivery is all duplicates', async () => {
    const LONG = randomBytes(3000).toString('base64');
    const text = fc.oneof(
      fc.array(fc.oneof(fc.constantFrom('\u0000', '\ud800', '\udfff', '\ud83d\ude00', '"', '\\', 'a'), fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c))), { maxLength: 6 }).map((u) => u.join('')),
      fc.constantFrom('wamid.ok', '16505551234', '', LONG),
    );
    const completion = fc.record({ id: text, from: text, answer: text, key: text }).map((m) => seedCloudMessage({ id: m.id, from: m.from, response: { flow_token: m.answer, [m.key]: m.answer } }));
    const status = fc.record({ id: text, status: text }).map((x) => ({ id: x.id, status: x.status, timestamp: '1' }));
    const body = fc.record({ messages: fc.array(completion, { minLength: 1, maxLength: 3 }), statuses: fc.array(status, { maxLength: 3 }) }).map((parts) => JSON.stringify(cloudMessagesBody(parts)));
    await fc.assert(fc.asyncProperty(body, async (delivery) => {
      const first = await post(core, delivery);
      expect(first.status).toBe(200);
      const s = first.summary;
      expect(s.processed + s.duplicates + s.quarantined).toBe(s.received);
      const again = await post(core, delivery);
      expect(again).toEqual({ status: 200, summary: { ...s, processed: s.unrecognized, duplicates: s.received - s.unrecognized, quarantined: 0 } });
    }), { numRuns: 40 });
  }, 120_000);

  it('resolves a waiter only once the completion is committed', async () => {
    const waiting = core.waitForCompletion({ flowToken: 'wait-token', timeout: 10_000 }).then(async (result) => ({ result, rows: await count('flow_completions', `message_id = 'wait-1'`) }));
    const body = JSON.stringify(cloudMessagesBody({ messages: [seedCloudMessage({ id: 'wait-1', response: { flow_token: 'wait-token' } })] }));
    expect((await post(core, body)).status).toBe(200);
    const { result, rows } = await waiting;
    expect(result).toMatchObject({ messageId: 'wait-1', source: 'webhook' });
    expect(rows).toBe(1);
  });

  it('answers 500 and stores nothing when the store fails, so the platform retries', async () => {
    const errors: unknown[] = [];
    const broken = createCompletionStore({ ...spy.store, query: () => Promise.reject(new Error('connection lost')) });
    const failing = createWebhookProcessor({ appSecret: SECRET, store: broken, onError: (e) => errors.push(e) });
    const reply = await post(failing, mixedDelivery('broken'));
    expect(reply.status).toBe(500);
    expect(errors).toEqual([new Error('connection lost')]);
    expect(await count('flow_completions', `message_id = 'broken-done'`)).toBe(0);
  });

  it('keeps a listened event in its own transaction while the rest go in one statement', async () => {
    const heard: string[] = [];
    const listening = createWebhookProcessor({ appSecret: SECRET, store: completions, logger: { warn: () => undefined }, onFlowCompletion: (c) => void heard.push(c.messageId) });
    expect((await post(listening, mixedDelivery('mix'))).summary).toMatchObject({ processed: 6, quarantined: 1 });
    expect(heard).toEqual(['mix-done']);
    // The completion's transaction (INSERT inside it) and one statement for the rest.
    expect(spy.transactions).toBe(1);
    expect(await count('webhook_events', `event_key LIKE 'status:mix-sent:%'`)).toBe(2);
  });
});

describe('the byte-level core', () => {
  const core = createWebhookProcessor({ appSecret: SECRET, verifyToken: 'vt', maxBodyBytes: 2048, logger: { warn: () => undefined } });

  it('answers from bytes, a signature and a query, with no Request or Response', async () => {
    const body = JSON.stringify(cloudMessagesBody({ messages: [seedCloudMessage({ id: 'core-1' })] }));
    const ok = await core({ method: 'POST', signature: webhookSignatureHeader(body, SECRET), body: Buffer.from(body) });
    expect(ok).toEqual({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"received":1,"processed":1,"duplicates":0,"quarantined":0,"unrecognized":0}' });
    expect((await core({ method: 'POST', signature: webhookSignatureHeader(`${body} `, SECRET), body: Buffer.from(body) })).status).toBe(401);
    expect((await core({ method: 'POST', signature: webhookSignatureHeader('x'.repeat(3000), SECRET), body: Buffer.from('x'.repeat(3000)) })).status).toBe(413);
    expect(await core({ method: 'GET', query: 'hub.mode=subscribe&hub.verify_token=vt&hub.challenge=42' })).toMatchObject({ status: 200, body: '42' });
    expect((await core({ method: 'GET', query: '?hub.mode=subscribe&hub.verify_token=no&hub.challenge=42' })).status).toBe(403);
    expect(await core({ method: 'DELETE' })).toMatchObject({ status: 405, headers: { allow: 'GET, POST' } });
  });

  it('answers 500 rather than rejecting when the body reader throws', async () => {
    const reply = await core({ method: 'POST', body: () => Promise.reject(new Error('socket exploded')) });
    expect(reply.status).toBe(500);
    expect(reply.body).not.toContain('socket exploded');
  });
});

describe('the node:http listener on the core', () => {
  let url: string;
  let close: () => Promise<void>;
  const seen: string[] = [];
  beforeAll(async () => {
    const options: WebhookHandlerOptions = { appSecret: SECRET, verifyToken: 'vt', maxBodyBytes: 4096, onFlowCompletion: (c) => void seen.push(c.messageId) };
    const server = createServer(toNodeWebhookHandler(createWebhookHandler(options)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(async () => close?.());

  /** A POST with a chunked body (no content-length), so the limit applies while streaming. */
  function chunked(body: string, signature: string): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(url, { method: 'POST', headers: { 'x-hub-signature-256': signature } }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      for (let i = 0; i < body.length; i += 1000) req.write(body.slice(i, i + 1000));
      req.end();
    });
  }

  it('verifies the signature on the exact bytes, whether sent with a length or chunked', async () => {
    const body = JSON.stringify(cloudMessagesBody({ messages: [seedCloudMessage({ id: 'node-1', response: { flow_token: 'é ✓' } })] }));
    const signature = webhookSignatureHeader(body, SECRET);
    const sized = await fetch(url, { method: 'POST', headers: { 'x-hub-signature-256': signature, 'content-type': 'application/json' }, body });
    expect(sized.status).toBe(200);
    expect(sized.headers.get('content-length')).toBe(String((await sized.clone().arrayBuffer()).byteLength));
    expect((await chunked(body, signature)).text).toContain('"duplicates":1');
    expect((await chunked(body, webhookSignatureHeader(`${body}\n`, SECRET))).status).toBe(401);
    expect(seen).toEqual(['node-1']);
  });

  it('refuses an oversized body with 413, declared or streamed, and serves the GET challenge', async () => {
    const big = JSON.stringify({ object: 'whatsapp_business_account', entry: [], pad: 'x'.repeat(5000) });
    const declared = await fetch(url, { method: 'POST', body: big });
    expect(declared.status).toBe(413);
    expect((await chunked(big, webhookSignatureHeader(big, SECRET))).status).toBe(413);
    const challenge = await fetch(`${url}?hub.mode=subscribe&hub.verify_token=vt&hub.challenge=abc`);
    expect([challenge.status, await challenge.text()]).toEqual([200, 'abc']);
    expect((await fetch(url, { method: 'PUT', body: '{}' })).status).toBe(405);
  });

  it('serves a core from createWebhookProcessor as well', async () => {
    const server = createServer(toNodeWebhookHandler(createWebhookProcessor({ appSecret: SECRET, logger: { warn: () => undefined } })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const at = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const body = JSON.stringify(cloudMessagesBody({ messages: [seedCloudMessage({ id: 'core-node-1' })] }));
      const reply = await fetch(at, { method: 'POST', headers: { 'x-hub-signature-256': webhookSignatureHeader(body, SECRET) }, body });
      expect([reply.status, await reply.json()]).toEqual([200, { received: 1, processed: 1, duplicates: 0, quarantined: 0, unrecognized: 0 }]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('serves any other web handler (a wrapper around one) through the web route, same answers', async () => {
    const handler = createWebhookHandler({ appSecret: SECRET });
    const server = createServer(toNodeWebhookHandler(async (request) => handler(request)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const wrapped = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const body = JSON.stringify(cloudMessagesBody({ messages: [seedCloudMessage({ id: 'wrapped-1' })] }));
      const reply = await fetch(wrapped, { method: 'POST', headers: { 'x-hub-signature-256': webhookSignatureHeader(body, SECRET) }, body });
      expect(await reply.json()).toEqual({ received: 1, processed: 1, duplicates: 0, quarantined: 0, unrecognized: 0 });
      expect((await fetch(wrapped, { method: 'POST', body })).status).toBe(401);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
