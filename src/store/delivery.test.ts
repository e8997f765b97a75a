// recordDelivery: one statement per delivery, each row once, flags in the caller's order.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompletionStore } from './completions.js';
import type { CompletionInput, CompletionStore, QuarantineInput, WebhookEventInput } from './completions.js';
import { DELIVERY_ROWS_PER_STATEMENT } from './delivery.js';
import { countingStore, openTestStore, STORE_HOOK_TIMEOUT, TEST_BACKENDS } from './test-kit.js';
import type { TestStore } from './test-kit.js';

function completion(messageId: string, rating = '5'): CompletionInput {
  const response = { flow_token: `tok-${messageId}`, rating };
  return { messageId, from: '16505551234', flowToken: response.flow_token, response, responseJsonRaw: JSON.stringify(response), timestamp: '1764072000', hostingType: 'cloud' };
}
const event = (key: string): WebhookEventInput => ({ key, kind: 'status', payload: { key } });
const quarantined = (key: string): QuarantineInput => ({ key, kind: 'message', code: 'NUL_CHARACTER', reason: 'a NUL', eventJson: '{"a":"\\u0000"}' });

describe.each(TEST_BACKENDS)('recordDelivery on %s', (kind) => {
  let t: TestStore;
  let spy: ReturnType<typeof countingStore>;
  let store: CompletionStore;
  beforeAll(async () => {
    t = await openTestStore(kind, undefined, { migrated: true });
    spy = countingStore(t.store);
    store = createCompletionStore(spy.store);
  }, STORE_HOOK_TIMEOUT);
  afterAll(async () => t?.cleanup(), STORE_HOOK_TIMEOUT);

  const count = async (table: string, where = 'TRUE'): Promise<number> => (await t.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`))[0]!.n;

  it('writes rows of three tables in one statement and no transaction, and flags each in the order given', async () => {
    spy.statements.length = 0;
    spy.transactions = 0;
    const first = await store.recordDelivery({
      completions: [completion('d-2'), completion('d-1')],
      events: [event('status:d-9:read'), event('status:d-9:read'), event('status:d-8:sent')],
      quarantined: [quarantined('q-1')],
    });
    expect(first).toEqual({ completions: [true, true], events: [true, false, true], quarantined: [true] });
    expect(spy.statements).toHaveLength(1);
    expect(spy.transactions).toBe(0);
    expect(await count('flow_completions', `message_id IN ('d-1', 'd-2')`)).toBe(2);
    expect(await count('webhook_events', `event_key LIKE 'status:d-%'`)).toBe(2);
    expect(await count('webhook_quarantine', `quarantine_key = 'q-1'`)).toBe(1);
    // A redelivery with one new row: only that one is stored and flagged.
    const again = await store.recordDelivery({ completions: [completion('d-1', '1'), completion('d-3')], events: [event('status:d-8:sent')] });
    expect(again).toEqual({ completions: [false, true], events: [false], quarantined: [] });
    expect((await store.list({ flowToken: 'tok-d-1' })).items[0]?.response).toEqual({ flow_token: 'tok-d-1', rating: '5' });
  });

  it('writes nothing for an empty delivery', async () => {
    spy.statements.length = 0;
    expect(await store.recordDelivery({})).toEqual({ completions: [], events: [], quarantined: [] });
    expect(spy.statements).toHaveLength(0);
  });

  it(`splits more than ${DELIVERY_ROWS_PER_STATEMENT} rows into statements of at most that many`, async () => {
    spy.statements.length = 0;
    const events = Array.from({ length: DELIVERY_ROWS_PER_STATEMENT + 5 }, (_, i) => event(`status:big-${i}:read`));
    const result = await store.recordDelivery({ completions: [completion('big-c')], events });
    expect(result.events.every(Boolean)).toBe(true);
    expect(result.completions).toEqual([true]);
    expect(spy.statements).toHaveLength(2);
    expect(await count('webhook_events', `event_key LIKE 'status:big-%'`)).toBe(DELIVERY_ROWS_PER_STATEMENT + 5);
  });

  it('stores each row once when parallel calls share keys in opposite orders (no deadlock, no double write)', async () => {
    const ids = Array.from({ length: 300 }, (_, i) => `par-${i}`);
    const calls = Array.from({ length: 16 }, (_, n) => {
      const order = n % 2 === 0 ? ids : [...ids].reverse();
      return store.recordDelivery({ completions: order.map((id) => completion(id)), events: order.map((id) => event(`status:${id}:read`)) });
    });
    const results = await Promise.all(calls);
    const newCompletions = results.reduce((n, r) => n + r.completions.filter(Boolean).length, 0);
    const newEvents = results.reduce((n, r) => n + r.events.filter(Boolean).length, 0);
    expect([newCompletions, newEvents]).toEqual([ids.length, ids.length]);
    expect(await count('flow_completions', `message_id LIKE 'par-%'`)).toBe(ids.length);
  });

  it('writes nothing when the database refuses one row, and says so with its SQLSTATE', async () => {
    const long = randomBytes(4000).toString('base64'); // incompressible: beyond a btree row
    const error = await store.recordDelivery({ completions: [completion('ok-before-refusal')], events: [event(long)] }).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toMatch(/^54/);
    expect(await count('flow_completions', `message_id = 'ok-before-refusal'`)).toBe(0);
  });
});
