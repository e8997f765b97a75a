// Per-event isolation: an event whose content the database cannot hold is quarantined with its
// reason; the other events of the delivery are stored and acknowledged, exactly once.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCompletionStore } from '../store/completions.js';
import type { CompletionStore } from '../store/completions.js';
import { openTestStore, STORE_HOOK_TIMEOUT, TEST_BACKENDS } from '../store/test-kit.js';
import type { TestStore } from '../store/test-kit.js';
import { cloudFlowsBody, cloudMessagesBody, seedCloudMessage } from './fixtures.js';
import { createWebhookHandler } from './handler.js';
import type { WebhookDeliverySummary, WebhookHandler, WebhookHandlerOptions } from './handler.js';
import type { FlowCompletionEvent, QuarantinedWebhookEvent, WebhookEvent } from './types.js';

/** What the callbacks and the logger saw. */
class Seen {
  completions: FlowCompletionEvent[] = [];
  events: WebhookEvent[] = [];
  quarantined: QuarantinedWebhookEvent[] = [];
  logs: { message: string; meta: string }[] = [];
  errors: unknown[] = [];
  failQuarantineOnce = false;

  options(store?: CompletionStore): WebhookHandlerOptions {
    return {
      ...(store === undefined ? {} : { store }),
      onFlowCompletion: (c) => {
        this.completions.push(c);
      },
      onEvent: (e) => {
        this.events.push(e);
      },
      onQuarantine: (q) => {
        if (this.failQuarantineOnce) {
          this.failQuarantineOnce = false;
          throw new Error('quarantine hook failed');
        }
        this.quarantined.push(q);
      },
      onError: (e) => {
        this.errors.push(e);
      },
      logger: { warn: (message, meta) => this.logs.push({ message, meta: JSON.stringify(meta) }) },
    };
  }

  reset(): void {
    this.completions = [];
    this.events = [];
    this.quarantined = [];
    this.logs = [];
    this.errors = [];
  }
}

/**
 * Whether every string in `value` is text PostgreSQL stores unchanged, decided independently of
 * storable.ts: no NUL, and UTF-8 encoding loses nothing (a lone surrogate becomes U+FFFD).
 */
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true }); // a leading U+FEFF is text here, not a BOM

function storableByPostgres(value: unknown): boolean {
  const intact = (s: string) => !s.includes('\u0000') && UTF8.decode(new TextEncoder().encode(s)) === s;
  if (typeof value === 'string') return intact(value);
  if (typeof value !== 'object' || value === null) return true;
  return Object.entries(value).every(([k, v]) => intact(k) && storableByPostgres(v));
}

async function deliver(handler: WebhookHandler, body: string): Promise<{ status: number; summary: WebhookDeliverySummary }> {
  const reply = await handler(new Request('http://127.0.0.1/hook', { method: 'POST', body }));
  const json = (await reply.json()) as WebhookDeliverySummary;
  return { status: reply.status, summary: json };
}

/** Three completions in one delivery; the middle one's answer is `middle`. */
function threeCompletions(prefix: string, middle: Record<string, unknown> | string): string {
  const ids = [`${prefix}-1`, `${prefix}-2`, `${prefix}-3`];
  const message = (id: string, i: number) =>
    i === 1
      ? seedCloudMessage({ id, ...(typeof middle === 'string' ? { responseJson: middle } : { response: middle }) })
      : seedCloudMessage({ id, response: { flow_token: `${id}-token`, rating: String(i) } });
  return JSON.stringify(cloudMessagesBody({ messages: ids.map(message) }));
}

describe.each(TEST_BACKENDS)('webhook quarantine with %s', (kind) => {
  let t: TestStore;
  let completions: CompletionStore;
  let handler: WebhookHandler;
  const seen = new Seen();

  beforeAll(async () => {
    t = await openTestStore(kind, undefined, { migrated: true });
    completions = createCompletionStore(t.store);
    handler = createWebhookHandler(seen.options(completions));
  }, STORE_HOOK_TIMEOUT);
  afterAll(async () => t?.cleanup(), STORE_HOOK_TIMEOUT);
  beforeEach(() => seen.reset());

  const stored = async (messageId: string) =>
    (await t.store.query<{ raw: string }>('SELECT response_json_raw AS raw FROM flow_completions WHERE message_id = $1', [messageId]))[0]?.raw;

  it.each([
    ['a NUL character', 'nul', { flow_token: 'tok-nul', comment: 'secret-answer-42\u0000 after the NUL' }, 'NUL_CHARACTER', '/response/comment'],
    ['an unpaired surrogate', 'lone', { flow_token: 'tok-lone', comment: 'secret-answer-42 half an emoji \ud83d' }, 'LONE_SURROGATE', '/response/comment'],
    // Property names are the flow's payload keys, chosen by its author: the reason may name them.
    ['an unpaired surrogate in a property name', 'lonekey', { flow_token: 'tok-lk', ['note\udc00']: 'secret-answer-42' }, 'LONE_SURROGATE', '/response/note\\udc00'],
  ] as const)('stores the good events of a delivery whose middle event holds %s, and quarantines that one', async (_what, prefix, middle, code, where) => {
    const body = threeCompletions(prefix, middle);
    const first = await deliver(handler, body);
    expect(first).toEqual({ status: 200, summary: { received: 3, processed: 2, duplicates: 0, quarantined: 1, unrecognized: 0 } });
    expect(seen.completions.map((c) => c.messageId)).toEqual([`${prefix}-1`, `${prefix}-3`]);
    expect(await stored(`${prefix}-1`)).toBe(JSON.stringify({ flow_token: `${prefix}-1-token`, rating: '0' }));
    expect(await stored(`${prefix}-3`)).toBe(JSON.stringify({ flow_token: `${prefix}-3-token`, rating: '2' }));
    expect(await stored(`${prefix}-2`)).toBeUndefined();

    // Quarantined with its reason, and the content kept exactly (JSON.parse gives it back).
    const [row] = (await completions.listQuarantined()).filter((q) => q.messageId === `${prefix}-2`);
    expect(row).toMatchObject({ kind: 'flow_completion', code });
    expect(row?.reason).toContain(where);
    const kept = JSON.parse(row!.eventJson) as FlowCompletionEvent;
    expect(kept.response).toEqual(middle);
    expect(kept.responseJsonRaw).toBe(JSON.stringify(middle));
    // Reported once, to the hook and to the logger, and the log says where but not what.
    expect(seen.quarantined.map((q) => [q.code, q.event.kind === 'flow_completion' && q.event.messageId])).toEqual([[code, `${prefix}-2`]]);
    expect(seen.logs).toHaveLength(1);
    expect(seen.logs[0]?.message).toContain(`message ${prefix}-2`);
    expect(JSON.stringify(seen.logs)).not.toContain('secret-answer');

    // The platform redelivers (e.g. its own retry): nothing runs or is stored again.
    seen.reset();
    const again = await deliver(handler, body);
    expect(again).toEqual({ status: 200, summary: { received: 3, processed: 0, duplicates: 3, quarantined: 0, unrecognized: 0 } });
    expect([seen.completions, seen.events, seen.quarantined, seen.logs]).toEqual([[], [], [], []]);
    expect((await completions.listQuarantined()).filter((q) => q.messageId === `${prefix}-2`)).toHaveLength(1);
  });

  it('quarantines a lone surrogate sent raw in response_json instead of letting the driver turn it into U+FFFD', async () => {
    // The body escapes it (\ud83d), so response_json itself holds the unpaired code unit.
    const body = threeCompletions('raw', '{"flow_token":"tok-raw","comment":"\ud83d"}');
    expect(body).toContain('\\ud83d');
    expect(await deliver(handler, body)).toMatchObject({ status: 200, summary: { processed: 2, quarantined: 1 } });
    expect(await stored('raw-2')).toBeUndefined();
    const row = (await completions.listQuarantined()).find((q) => q.messageId === 'raw-2');
    expect((JSON.parse(row!.eventJson) as FlowCompletionEvent).responseJsonRaw).toBe('{"flow_token":"tok-raw","comment":"\ud83d"}');
  });

  it('quarantines hostile ids and names in statuses, messages and flows events, not only answers', async () => {
    const body = JSON.stringify(cloudMessagesBody({
      contacts: [{ profile: { name: 'Ana\u0000' }, wa_id: '491511' }],
      messages: [{ id: 'text-1', from: '491511', timestamp: '1764072000', type: 'text', text: { body: 'hi' } }, { id: 'text-2\ud800', from: '491512', timestamp: '1', type: 'text', text: { body: 'ok' } }],
      statuses: [{ id: 'st-1', status: 'read', timestamp: '1', recipient_id: '491511' }],
    }));
    const first = await deliver(handler, body);
    expect(first.summary).toEqual({ received: 3, processed: 1, duplicates: 0, quarantined: 2, unrecognized: 0 });
    // The message from Ana carries her profile name, which holds the NUL; the status is fine.
    expect(seen.events.map((e) => e.kind)).toEqual(['status']);
    expect(seen.quarantined.map((q) => q.code).sort()).toEqual(['LONE_SURROGATE', 'NUL_CHARACTER']);
    expect((await completions.listQuarantined()).map((q) => q.messageId)).toContain('text-2\\ud800');
    const flows = JSON.stringify(cloudFlowsBody({ event: 'FLOW_STATUS_CHANGE', flow_id: 'f-1', old_status: 'DRAFT', new_status: 'PUBLISHED\u0000' }));
    expect((await deliver(handler, flows)).summary).toMatchObject({ quarantined: 1 });
  });

  it('quarantines what PostgreSQL refuses for another reason, such as an id too long for its index', async () => {
    const longId = randomBytes(4000).toString('base64'); // incompressible: beyond a btree row
    const body = JSON.stringify(cloudMessagesBody({
      messages: [seedCloudMessage({ id: 'long-ok', response: { flow_token: 'tok-long-ok' } }), seedCloudMessage({ id: longId, response: { flow_token: 'tok-long' } })],
      statuses: [{ id: longId, status: 'read', timestamp: '1' }],
    }));
    const first = await deliver(handler, body);
    expect(first).toEqual({ status: 200, summary: { received: 3, processed: 1, duplicates: 0, quarantined: 2, unrecognized: 0 } });
    expect(seen.quarantined.map((q) => [q.code, q.reason])).toEqual([
      ['REJECTED_BY_STORE', 'the database refused its content (SQLSTATE 54000)'],
      ['REJECTED_BY_STORE', 'the database refused its content (SQLSTATE 54000)'],
    ]);
    expect((await deliver(handler, body)).summary).toMatchObject({ processed: 0, duplicates: 3, quarantined: 0 });
    expect(seen.completions.map((c) => c.messageId)).toEqual(['long-ok']);
  });

  it('quarantines an answer nested too deep to serialise safely', async () => {
    // Written as text: JSON.stringify itself overflows the stack on such a value.
    const body = threeCompletions('deep', `{"flow_token":"tok-deep","nested":${'['.repeat(5000)}"leaf"${']'.repeat(5000)}}`);
    expect((await deliver(handler, body)).summary).toMatchObject({ processed: 2, quarantined: 1 });
    expect(seen.quarantined[0]?.code).toBe('TOO_DEEP');
    expect(seen.quarantined[0]?.eventJson).toContain('nested deeper than 100 levels: not kept');
  });

  it('answers 500 when onQuarantine throws, and runs only that hook again on the retry', async () => {
    const body = threeCompletions('qfail', { flow_token: 'tok-qfail', comment: '\u0000' });
    seen.failQuarantineOnce = true;
    const failed = await deliver(handler, body);
    expect(failed.status).toBe(500);
    expect(seen.errors).toHaveLength(1);
    expect(seen.completions.map((c) => c.messageId)).toEqual(['qfail-1', 'qfail-3']);
    expect((await completions.listQuarantined()).filter((q) => q.messageId === 'qfail-2')).toEqual([]); // rolled back with the hook
    seen.reset();
    expect(await deliver(handler, body)).toEqual({ status: 200, summary: { received: 3, processed: 0, duplicates: 2, quarantined: 1, unrecognized: 0 } });
    expect(seen.completions).toEqual([]);
    expect(seen.quarantined).toHaveLength(1);
  });

  describe('hostile text in every field of both envelopes', () => {
    // Code units that break storage or parsing, mixed with ordinary ones; an id long enough to
    // overflow an index row; and JSON that is not a string where a string belongs.
    const LONG = randomBytes(3000).toString('base64');
    const unit = fc.oneof(
      fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d\ude00', '\ufffd', '\uffff', '\ufeff', '"', '\\', '\n', '\u2028', 'é', 'a', '1'),
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    );
    const text = fc.oneof(
      { weight: 3, arbitrary: fc.array(unit, { maxLength: 10 }).map((u) => u.join('')) },
      { weight: 4, arbitrary: fc.constantFrom('wamid.ok', '16505551234', '') },
      { weight: 1, arbitrary: fc.constant(LONG) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    );
    const completion = fc.record({ id: text, from: text, context: text, timestamp: text, name: text, body: text, token: text, key: text, answer: text, raw: text, asText: fc.boolean() }).map((m) => ({
      id: m.id, from: m.from, context: { id: m.context }, timestamp: m.timestamp, type: 'interactive',
      interactive: { type: 'nfm_reply', nfm_reply: { name: m.name, body: m.body, response_json: m.asText ? m.raw : JSON.stringify({ flow_token: m.token, [String(m.key)]: m.answer }) } },
    }));
    const textMessage = fc.record({ id: text, from: text, timestamp: text, body: text }).map((m) => ({ id: m.id, from: m.from, timestamp: m.timestamp, type: 'text', text: { body: m.body } }));
    const status = fc.record({ id: text, status: text, recipient: text, timestamp: text, title: text, details: text }).map((s) => ({
      id: s.id, status: s.status, recipient_id: s.recipient, timestamp: s.timestamp, errors: [{ code: 131000, title: s.title, error_data: { details: s.details } }],
    }));
    const contact = fc.record({ name: text, waId: text }).map((c) => ({ profile: { name: c.name }, wa_id: c.waId }));
    const parts = fc.record({
      contacts: fc.array(contact, { maxLength: 2 }),
      messages: fc.array(fc.oneof(completion, textMessage), { minLength: 1, maxLength: 3 }),
      statuses: fc.array(status, { maxLength: 2 }),
    });
    const flows = fc.record({ event: text, flowId: text, message: text, state: text, newStatus: text }).map((f) => ({
      field: 'flows', value: { event: f.event, flow_id: f.flowId, message: f.message, alert_state: f.state, new_status: f.newStatus, old_status: 'DRAFT' },
    }));
    const cloud = fc.record({ waba: text, phone: text, display: text, parts, flows }).map((c) => ({
      object: 'whatsapp_business_account',
      entry: [{ id: c.waba, time: 1764072000, changes: [
        { field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: c.display, phone_number_id: c.phone }, ...c.parts } },
        c.flows,
      ] }],
    }));
    const onPremise = parts; // contacts, messages and statuses at the top level

    async function check(body: unknown): Promise<void> {
      seen.reset();
      const text = JSON.stringify(body);
      const first = await deliver(handler, text);
      expect(first.status).toBe(200);
      const s = first.summary;
      expect(s.processed + s.duplicates + s.quarantined).toBe(s.received);
      expect(seen.quarantined).toHaveLength(s.quarantined);
      // Callbacks only ever see text the database can hold, and each event at most once.
      for (const e of seen.events) expect(storableByPostgres(e)).toBe(true);
      const ranFirst = seen.events.filter((e) => e.kind !== 'unrecognized').length;
      expect(ranFirst).toBe(s.processed - s.unrecognized);
      // What was stored is exactly what was sent: nothing replaced by U+FFFD on the way.
      for (const c of seen.completions) expect(await stored(c.messageId)).toBe(c.responseJsonRaw);

      seen.reset();
      const again = await deliver(handler, text);
      expect(again.status).toBe(200);
      expect(again.summary).toMatchObject({ received: s.received, processed: s.unrecognized, quarantined: 0, duplicates: s.received - s.unrecognized });
      expect(seen.events.filter((e) => e.kind !== 'unrecognized')).toEqual([]);
      expect(seen.quarantined).toEqual([]);
    }

    it('never answers 500 or throws for the Cloud envelope, and redelivery runs nothing again', async () => {
      await fc.assert(fc.asyncProperty(cloud, check), { numRuns: 60 });
    }, 120_000);

    it('never answers 500 or throws for the On-Premise envelope, and redelivery runs nothing again', async () => {
      await fc.assert(fc.asyncProperty(onPremise, check), { numRuns: 60 });
    }, 120_000);

    it('answers arbitrary bytes with 200 or 400, never 500', async () => {
      await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), async (bytes) => {
        const reply = await handler(new Request('http://127.0.0.1/hook', { method: 'POST', body: new Uint8Array(bytes) }));
        expect([200, 400]).toContain(reply.status);
      }), { numRuns: 100 });
    }, 120_000);
  });
});

describe('webhook quarantine without a store', () => {
  const seen = new Seen();
  const handler = createWebhookHandler(seen.options());
  beforeEach(() => seen.reset());

  it('reports a bad event once, runs the good ones once, and keeps them apart on redelivery', async () => {
    const body = threeCompletions('mem', { flow_token: 'tok-mem', comment: 'x\u0000' });
    expect(await deliver(handler, body)).toEqual({ status: 200, summary: { received: 3, processed: 2, duplicates: 0, quarantined: 1, unrecognized: 0 } });
    expect(seen.completions.map((c) => c.messageId)).toEqual(['mem-1', 'mem-3']);
    expect(seen.quarantined.map((q) => q.code)).toEqual(['NUL_CHARACTER']);
    expect(seen.logs).toHaveLength(1);
    seen.reset();
    expect((await deliver(handler, body)).summary).toEqual({ received: 3, processed: 0, duplicates: 3, quarantined: 0, unrecognized: 0 });
    expect([seen.completions, seen.quarantined, seen.logs]).toEqual([[], [], []]);
  });
});
