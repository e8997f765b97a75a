import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompletionStore } from './completions.js';
import type { CompletionInput, CompletionStore } from './completions.js';
import { openTestStore, TEST_BACKENDS, STORE_HOOK_TIMEOUT } from './test-kit.js';
import type { TestStore } from './test-kit.js';

function completion(messageId: string, response: Record<string, unknown>, extra: Partial<CompletionInput> = {}): CompletionInput {
  return {
    messageId,
    from: '16505551234',
    flowToken: typeof response.flow_token === 'string' ? response.flow_token : undefined,
    response,
    responseJsonRaw: JSON.stringify(response),
    timestamp: '1764072000',
    hostingType: 'cloud',
    ...extra,
  };
}

/** Minimal RFC 4180 reader for checking exports (quoted fields, doubled quotes, CRLF). */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; } else field += ch;
  }
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

describe.each(TEST_BACKENDS)('CompletionStore on %s', (kind) => {
  let t: TestStore;
  let store: CompletionStore;
  beforeAll(async () => {
    t = await openTestStore(kind, undefined, { migrated: true });
    store = createCompletionStore(t.store);
  }, STORE_HOOK_TIMEOUT);
  afterAll(async () => t.cleanup(), STORE_HOOK_TIMEOUT);

  it('records a completion once: the second record of a message id is not new', async () => {
    expect(await store.record(completion('m-1', { flow_token: 'tok-1', rating: '5' }, { flowId: 'flow-a', contextMessageId: 'ctx-1', phoneNumberId: 'pn-1' }))).toBe(true);
    expect(await store.record(completion('m-1', { flow_token: 'tok-1', rating: '1' }))).toBe(false);
    const page = await store.list({ flowToken: 'tok-1' });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      messageId: 'm-1', flowId: 'flow-a', flowToken: 'tok-1', from: '16505551234', contextMessageId: 'ctx-1', phoneNumberId: 'pn-1',
      response: { flow_token: 'tok-1', rating: '5' }, responseJsonRaw: '{"flow_token":"tok-1","rating":"5"}', hostingType: 'cloud',
    });
    expect(page.items[0]?.sentAt?.toISOString()).toBe(new Date(1764072000 * 1000).toISOString());
    expect(page.items[0]?.receivedAt).toBeInstanceOf(Date);
  });

  it('leaves sentAt out when the timestamp is not Unix seconds', async () => {
    await store.record(completion('m-ts', { flow_token: 'tok-ts' }, { timestamp: '<MESSAGE_SEND_TIMESTAMP>' }));
    expect((await store.list({ flowToken: 'tok-ts' })).items[0]?.sentAt).toBeUndefined();
  });

  it('records events once by key', async () => {
    expect(await store.recordEvent({ key: 'status:w1:read', kind: 'status', payload: { a: 1 } })).toBe(true);
    expect(await store.recordEvent({ key: 'status:w1:read', kind: 'status', payload: { a: 2 } })).toBe(false);
    expect(await store.recordEvent({ key: 'status:w1:delivered', kind: 'status', payload: null })).toBe(true);
  });

  it('pages newest first with a cursor, without gaps or repeats', async () => {
    // Earlier tests used seq 1–3, so these rows cross from 9 to 10: ordering must be numeric.
    for (let i = 0; i < 7; i++) await store.record(completion(`page-${i}`, { flow_token: `pt-${i}`, n: i }, { flowId: 'flow-page' }));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.list({ flowId: 'flow-page', limit: 3, ...(cursor === undefined ? {} : { cursor }) });
      seen.push(...page.items.map((c) => c.messageId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== undefined);
    expect(pages).toBe(3);
    expect(seen).toEqual(['page-6', 'page-5', 'page-4', 'page-3', 'page-2', 'page-1', 'page-0']);
  });

  it('filters by flow, token and time, and counts the same way', async () => {
    expect(await store.count({ flowId: 'flow-page' })).toBe(7);
    expect(await store.count({ flowToken: 'pt-3' })).toBe(1);
    expect(await store.count({ flowId: 'no-such-flow' })).toBe(0);
    expect(await store.count({ since: new Date(Date.now() + 60_000) })).toBe(0);
    expect(await store.count({ flowId: 'flow-page', since: new Date(Date.now() - 3_600_000) })).toBe(7);
    expect(await store.count()).toBeGreaterThanOrEqual(9);
  });

  it('refuses a cursor it did not issue and an out-of-range limit', async () => {
    await expect(store.list({ cursor: 'bm9wZQ' })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await expect(store.list({ limit: 0 })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await expect(store.list({ limit: 1001 })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await expect(store.count({ since: new Date('nope') })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
  });

  it('summarises answers per question, counting each element of array answers', async () => {
    const answers = [
      { flow_token: 'q1', rating: '5', toppings: ['cheese', 'ham'], comment: 'great' },
      { flow_token: 'q2', rating: '5', toppings: ['cheese'], opt_in: true },
      { flow_token: 'q3', rating: '3', toppings: [] },
      { flow_token: 'q4', rating: 4 },
    ];
    for (const [i, r] of answers.entries()) await store.record(completion(`q-${i}`, r, { flowId: 'flow-q' }));
    const stats = await store.byQuestion('flow-q');
    expect(stats.map((s) => s.field)).toEqual(['comment', 'opt_in', 'rating', 'toppings']);
    const byField = Object.fromEntries(stats.map((s) => [s.field, s]));
    expect(byField.rating).toEqual({ field: 'rating', answered: 4, values: [{ value: '5', count: 2 }, { value: '3', count: 1 }, { value: '4', count: 1 }], otherCount: 0 });
    expect(byField.toppings?.values).toEqual([{ value: 'cheese', count: 2 }, { value: 'ham', count: 1 }]);
    expect(byField.toppings?.answered).toBe(3);
    expect(byField.opt_in?.values).toEqual([{ value: 'true', count: 1 }]);
    const capped = await store.byQuestion('flow-q', { maxValues: 1 });
    expect(capped.find((s) => s.field === 'rating')).toMatchObject({ values: [{ value: '5', count: 2 }], otherCount: 2 });
  });

  it('exports CSV: one column per answer field, oldest first, quoted and formula-safe', async () => {
    await store.record(completion('csv-1', { flow_token: 'c1', name: 'Ana, "the boss"', note: '=HYPERLINK("http://evil")' }, { flowId: 'flow-csv' }));
    await store.record(completion('csv-2', { flow_token: 'c2', name: 'Bo', amount: -5, tags: ['a', 'b'], message_id: 'clash' }, { flowId: 'flow-csv' }));
    await store.record(completion('csv-3', { flow_token: 'c3', note: 'two\nlines', '@field': '+1' }, { flowId: 'flow-csv' }));
    const csv = await store.exportCsv({ flowId: 'flow-csv' });
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = readCsv(csv);
    expect(rows[0]).toEqual(['message_id', 'flow_id', 'flow_token', 'from', 'context_message_id', 'sent_at', 'received_at', "'@field", 'amount', 'response.message_id', 'name', 'note', 'tags']);
    expect(rows.slice(1).map((r) => r.slice(0, 3))).toEqual([['csv-1', 'flow-csv', 'c1'], ['csv-2', 'flow-csv', 'c2'], ['csv-3', 'flow-csv', 'c3']]);
    expect(rows[1]?.slice(7)).toEqual(['', '', '', 'Ana, "the boss"', `'=HYPERLINK("http://evil")`, '']);
    expect(rows[2]?.slice(7)).toEqual(['', "'-5", 'clash', 'Bo', '', '["a","b"]']);
    expect(rows[3]?.slice(7)).toEqual(["'+1", '', '', '', 'two\nlines', '']);
    expect(rows[1]?.[5]).toBe('2025-11-25T12:00:00.000Z');
  });

  it('exports answers named like Object.prototype members as the plain data they are', async () => {
    // JSON.parse makes "__proto__" an own key, as a webhook's response_json arrives.
    const odd = JSON.parse('{"flow_token": "p1", "__proto__": "proto answer", "constructor": "built", "toString": {"n": 1}}') as Record<string, unknown>;
    await store.record(completion('proto-1', odd, { flowId: 'flow-proto' }));
    await store.record(completion('proto-2', { flow_token: 'p2', rating: '4' }, { flowId: 'flow-proto' }));
    const rows = readCsv(await store.exportCsv({ flowId: 'flow-proto' }));
    expect(rows[0]?.slice(7)).toEqual(['__proto__', 'constructor', 'rating', 'toString']);
    expect(rows[1]?.slice(7)).toEqual(['proto answer', 'built', '', '{"n":1}']);
    // The row without those answers has empty cells, not `{}` or a function's text.
    expect(rows[2]?.slice(7)).toEqual(['', '', '4', '']);
    const stored = (await store.list({ flowToken: 'p1' })).items[0];
    expect(Object.getOwnPropertyDescriptor(stored?.response, '__proto__')?.value).toBe('proto answer');
  });

  it('exports only a header for an empty selection, and honours limit', async () => {
    expect(await store.exportCsv({ flowId: 'nothing-here' })).toBe('message_id,flow_id,flow_token,from,context_message_id,sent_at,received_at\r\n');
    expect(readCsv(await store.exportCsv({ flowId: 'flow-page', limit: 2 })).map((r) => r[0])).toEqual(['message_id', 'page-5', 'page-6']);
  });

  it('keeps a quarantined event once per key, newest first, its escaped JSON text intact', async () => {
    const eventJson = JSON.stringify({ kind: 'flow_completion', response: { comment: 'nul\u0000 lone\ud800' } });
    expect(eventJson).toContain('\\u0000'); // escaped by JSON.stringify: storable text
    const entry = { key: 'flow_completion:abc', kind: 'flow_completion', messageId: 'wamid.q1', code: 'NUL_CHARACTER', reason: 'a NUL character in /response/comment', eventJson };
    expect(await store.quarantine(entry)).toBe(true);
    expect(await store.quarantine({ ...entry, reason: 'again' })).toBe(false);
    expect(await store.quarantine({ ...entry, key: 'status:def', kind: 'status', messageId: undefined, code: 'REJECTED_BY_STORE' })).toBe(true);
    const [newest, older] = await store.listQuarantined();
    expect(newest).toMatchObject({ key: 'status:def', kind: 'status', code: 'REJECTED_BY_STORE' });
    expect(newest).not.toHaveProperty('messageId');
    expect(older).toMatchObject({ key: 'flow_completion:abc', messageId: 'wamid.q1', reason: 'a NUL character in /response/comment', eventJson });
    expect((JSON.parse(older!.eventJson) as { response: { comment: string } }).response.comment).toBe('nul\u0000 lone\ud800');
    expect(older?.quarantinedAt).toBeInstanceOf(Date);
    expect(await store.listQuarantined({ limit: 1 })).toHaveLength(1);
    await expect(store.listQuarantined({ limit: 0 })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
  });

  it('writes through transaction() atomically', async () => {
    await expect(store.transaction(async (tx) => {
      expect(await tx.record(completion('tx-1', { flow_token: 'tx' }))).toBe(true);
      expect(await tx.count({ flowToken: 'tx' })).toBe(1);
      throw new Error('abort');
    })).rejects.toThrow('abort');
    expect(await store.count({ flowToken: 'tx' })).toBe(0);
    await store.transaction(async (tx) => tx.transaction(async (same) => same.record(completion('tx-2', { flow_token: 'tx' }))));
    expect(await store.count({ flowToken: 'tx' })).toBe(1);
  });
});
