// handler.waitForCompletion: resolves with the nfm_reply of one flow token once the handler has
// processed (and stored) it, or at once when the store already holds it; times out with a typed
// error; aborts; several waiters on one token all get it; other tokens do not resolve it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompletionStore } from '../store/completions.js';
import type { CompletionStore } from '../store/completions.js';
import { openTestStore, STORE_HOOK_TIMEOUT } from '../store/test-kit.js';
import type { TestStore } from '../store/test-kit.js';
import { cloudMessagesBody, seedCloudMessage } from './fixtures.js';
import { createWebhookHandler } from './handler.js';
import type { CompletionWebhookHandler } from './handler.js';
import { FlowCompletionTimeoutError } from './wait.js';

function deliver(handler: CompletionWebhookHandler, id: string, response: Record<string, unknown>): Promise<Response> {
  const body = JSON.stringify(cloudMessagesBody({ messages: [seedCloudMessage({ id, response })] }));
  return handler(new Request('http://localhost/webhook', { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
}

describe('waitForCompletion without a store', () => {
  it('resolves with the parsed nfm_reply of its token, not of another token', async () => {
    const handler = createWebhookHandler();
    const waiting = handler.waitForCompletion({ flowToken: 'tok-a', timeout: 5000 });
    // Another token's answer first: had it resolved the waiter, the result below would be its.
    expect((await deliver(handler, 'wamid.other', { flow_token: 'tok-b', rating: '1' })).status).toBe(200);
    expect((await deliver(handler, 'wamid.a', { flow_token: 'tok-a', rating: '4', comment: 'ok' })).status).toBe(200);
    await expect(waiting).resolves.toEqual({
      flowToken: 'tok-a',
      messageId: 'wamid.a',
      from: '16505551234',
      contextMessageId: 'gBGGEiRVVgBPAgm7FUgc73noXjo',
      response: { flow_token: 'tok-a', rating: '4', comment: 'ok' },
      responseJsonRaw: JSON.stringify({ flow_token: 'tok-a', rating: '4', comment: 'ok' }),
      hostingType: 'cloud',
      source: 'webhook',
    });
  });

  it('resolves every waiter of the same token, and a late waiter from what the handler saw', async () => {
    const handler = createWebhookHandler();
    const first = handler.waitForCompletion({ flowToken: 'shared', timeout: 5000 });
    const second = handler.waitForCompletion({ flowToken: 'shared', timeout: 5000 });
    await deliver(handler, 'wamid.shared', { flow_token: 'shared', n: 1 });
    const [a, b] = await Promise.all([first, second]);
    expect(a.response).toEqual({ flow_token: 'shared', n: 1 });
    expect(b).toEqual(a);
    // A redelivery is a duplicate: it changes nothing for a waiter that comes later.
    await deliver(handler, 'wamid.shared', { flow_token: 'shared', n: 1 });
    await expect(handler.waitForCompletion({ flowToken: 'shared', timeout: 50 })).resolves.toMatchObject({ messageId: 'wamid.shared', source: 'webhook' });
  });

  it('rejects with FlowCompletionTimeoutError naming the token and the timeout', async () => {
    const handler = createWebhookHandler();
    const error = await handler.waitForCompletion({ flowToken: 'never', timeout: 30 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FlowCompletionTimeoutError);
    expect(error).toMatchObject({ code: 'FLOW_COMPLETION_TIMEOUT', flowToken: 'never', timeoutMs: 30 });
    expect((error as Error).message).toBe('no flow completion with flow token "never" arrived within 30 ms');
    // A completion after the timeout resolves nobody and breaks nothing.
    expect((await deliver(handler, 'wamid.late', { flow_token: 'never' })).status).toBe(200);
  });

  it('rejects with the reason of an abort, before or while waiting', async () => {
    const handler = createWebhookHandler();
    const controller = new AbortController();
    const waiting = handler.waitForCompletion({ flowToken: 'tok', timeout: Infinity, signal: controller.signal });
    controller.abort(new Error('user pressed Ctrl-C'));
    await expect(waiting).rejects.toThrow('user pressed Ctrl-C');
    await expect(handler.waitForCompletion({ flowToken: 'tok', timeout: 1000, signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    // The aborted waiter is gone; another one still resolves.
    const other = handler.waitForCompletion({ flowToken: 'tok', timeout: 5000 });
    await deliver(handler, 'wamid.tok', { flow_token: 'tok' });
    await expect(other).resolves.toMatchObject({ messageId: 'wamid.tok' });
  });

  it('refuses an empty token and a timeout setTimeout cannot hold', () => {
    const handler = createWebhookHandler();
    expect(() => handler.waitForCompletion({ flowToken: '', timeout: 10 })).toThrow(TypeError);
    expect(() => handler.waitForCompletion({ flowToken: 't', timeout: 0 })).toThrow(/timeout must be/);
    expect(() => handler.waitForCompletion({ flowToken: 't', timeout: 2 ** 31 })).toThrow(/timeout must be/);
  });
});

describe('waitForCompletion with a CompletionStore (PGlite)', () => {
  let db: TestStore;
  let store: CompletionStore;

  beforeAll(async () => {
    db = await openTestStore('pglite', undefined, { migrated: true });
    store = createCompletionStore(db.store);
  }, STORE_HOOK_TIMEOUT);

  afterAll(async () => {
    await db?.cleanup();
  });

  it('resolves after the exactly-once write: the store holds the completion when the waiter wakes', async () => {
    const handler = createWebhookHandler({ store });
    const waiting = handler.waitForCompletion({ flowToken: 'stored-live', timeout: 10_000 }).then(async (result) => ({ result, count: await store.count({ flowToken: 'stored-live' }) }));
    await deliver(handler, 'wamid.live', { flow_token: 'stored-live', rating: '5' });
    const { result, count } = await waiting;
    expect(result).toMatchObject({ messageId: 'wamid.live', response: { rating: '5' }, source: 'webhook' });
    expect(count).toBe(1);
  });

  it('resolves at once from the store for a completion processed before the wait (another handler, a restart)', async () => {
    await deliver(createWebhookHandler({ store }), 'wamid.before', { flow_token: 'stored-before', rating: '2' });
    const fresh = createWebhookHandler({ store });
    await expect(fresh.waitForCompletion({ flowToken: 'stored-before', timeout: 5000 })).resolves.toEqual({
      flowToken: 'stored-before',
      messageId: 'wamid.before',
      from: '16505551234',
      contextMessageId: 'gBGGEiRVVgBPAgm7FUgc73noXjo',
      response: { flow_token: 'stored-before', rating: '2' },
      responseJsonRaw: JSON.stringify({ flow_token: 'stored-before', rating: '2' }),
      hostingType: 'cloud',
      source: 'store',
    });
    await expect(fresh.waitForCompletion({ flowToken: 'stored-nothing', timeout: 50 })).rejects.toBeInstanceOf(FlowCompletionTimeoutError);
  });
});
