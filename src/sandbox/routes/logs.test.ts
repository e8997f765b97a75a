// GET /_sandbox/logs on a sandbox over PGlite, with rows written as the recorders write them
// (recordSample, insertDelivery + recordAttempt) at chosen times, the dispatcher and monitor off:
// newest entries in time order across both kinds, the cursor sends each entry once (a row written
// late, with an earlier time, too), filters, redaction, long-poll, and bad parameters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFlow } from '../data/flows.js';
import { recordSample } from '../health/samples.js';
import type { HealthSample } from '../health/samples.js';
import { insertDelivery, recordAttempt } from '../webhooks/deliveries.js';
import { startSandbox, tempDir } from '../phone/test-kit.js';
import type { Sandbox } from '../server.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const dir = tempDir('waflow-logs-route-');
let sandbox: Sandbox;
const T0 = Date.parse('2030-01-01T10:00:00.000Z');
const at = (seconds: number): Date => new Date(T0 + seconds * 1000);

beforeAll(async () => {
  sandbox = await startSandbox(dir.path, { listen: false, extensions: { startWebhookDispatcher: undefined, startHealthMonitor: undefined } });
  const accountId = sandbox.businessPhone.id;
  await insertFlow(sandbox.context.store, { id: '700001', accountId, name: 'Booking', categories: ['OTHER'], at: at(0) });
  await insertFlow(sandbox.context.store, { id: '700002', accountId, name: 'Survey', categories: ['SURVEY'], at: at(0) });
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
  dir.remove();
});

async function logs(query: string): Promise<{ status: number; body: Json }> {
  const res = await sandbox.fetch(new Request(`http://127.0.0.1/_sandbox/logs?${query}`));
  return { status: res.status, body: (await res.json()) as Json };
}

function sample(seconds: number, extra: Partial<HealthSample> = {}): Promise<void> {
  return recordSample(sandbox.context.store, { flowId: '700001', endpointUri: 'https://user:pw@shop.test/flow?key=secret', action: 'data_exchange', at: at(seconds), ok: true, latencyMs: 42, httpStatus: 200, ...extra });
}

async function webhook(seconds: number, outcome: { status?: number; error?: string; excerpt?: string } = {}, kind = 'status.delivered', body = '{}'): Promise<void> {
  const store = sandbox.context.store;
  const delivery = await insertDelivery(store, { url: 'http://127.0.0.1:9/hook?token=abc', eventKind: kind, body }, at(seconds + 3600));
  const ok = outcome.error === undefined;
  await recordAttempt(store, delivery, { startedAt: at(seconds), durationMs: 15, responseStatus: outcome.status ?? 200, ...(outcome.excerpt === undefined ? {} : { responseExcerpt: outcome.excerpt }), ...(ok ? {} : { error: outcome.error ?? '' }) }, ok, ok ? undefined : at(seconds + 60));
}

const ids = (body: Json): string[] => (body.data as Json[]).map((e) => `${e.kind}@${e.at}`);

describe('GET /_sandbox/logs', () => {
  it('answers the newest entries of both kinds in time order, redacted, then each later entry once through the cursor', { timeout: 60_000 }, async () => {
    await sample(1, { action: 'INIT' });
    await webhook(2);
    await sample(3, { ok: false, httpStatus: 500, errorCode: 'http-500', latencyMs: 7 });
    await webhook(4, { status: 503, error: 'the receiver answered HTTP 503', excerpt: `down ${'x'.repeat(400)}` });

    const all = await logs('');
    expect(all.status).toBe(200);
    expect(ids(all.body)).toEqual([`endpoint@${at(1).toISOString()}`, `webhook@${at(2.015).toISOString()}`, `endpoint@${at(3).toISOString()}`, `webhook@${at(4.015).toISOString()}`]);
    const [init, delivered, failed, refused] = all.body.data as Json[];
    expect(init).toMatchObject({ action: 'INIT', ok: true, http_status: 200, latency_ms: 42, flow_id: '700001', flow_name: 'Booking', error: null, endpoint_uri: 'https://shop.test/flow?key=***' });
    expect(delivered).toMatchObject({ event: 'status.delivered', attempt: 1, delivery_status: 'delivered', ok: true, http_status: 200, latency_ms: 15, url: 'http://127.0.0.1:9/hook?token=***' });
    expect(failed).toMatchObject({ ok: false, http_status: 500, error: 'http-500', diagnosis: expect.stringContaining('HTTP 500') });
    expect(refused).toMatchObject({ ok: false, delivery_status: 'pending', http_status: 503, error: 'the receiver answered HTTP 503' });
    expect((refused?.response_excerpt as string).length).toBeLessThanOrEqual(120);
    expect(JSON.stringify(all.body)).not.toMatch(/secret|pw@|token=abc/);

    // The newest two, then nothing new.
    const tail = await logs('limit=2');
    expect(ids(tail.body)).toEqual(ids(all.body).slice(2));
    expect((await logs(`after=${tail.body.cursor as string}`)).body.data).toEqual([]);

    // A new entry comes once; a row written late with an earlier time than the newest sent comes too.
    await sample(5);
    const next = await logs(`after=${tail.body.cursor as string}`);
    expect(ids(next.body)).toEqual([`endpoint@${at(5).toISOString()}`]);
    await sample(4.5, { action: 'BACK' });
    const late = await logs(`after=${next.body.cursor as string}`);
    expect((late.body.data as Json[]).map((e) => e.action)).toEqual(['BACK']);
    expect((await logs(`after=${late.body.cursor as string}`)).body.data).toEqual([]);
    // Paging with a small limit from the start: every entry, each once, in time order.
    const seen: string[] = [];
    let page = await logs(`limit=1&after=${startCursor()}`);
    for (let i = 0; i < 10 && page.body.data.length > 0; i++) {
      expect(page.body.more).toBe(i < 5);
      seen.push(...ids(page.body));
      page = await logs(`limit=1&after=${page.body.cursor as string}`);
    }
    const times = [1, 2.015, 3, 4.015, 4.5, 5].map((s) => at(s).toISOString());
    expect(seen).toEqual(times.map((t, i) => `${i === 1 || i === 3 ? 'webhook' : 'endpoint'}@${t}`));
  });

  it('filters by kind and by flow (name or id, webhooks by the flow they are about)', { timeout: 60_000 }, async () => {
    await sample(10, { flowId: '700002' });
    await webhook(11, {}, 'flows.FLOW_STATUS_CHANGE', JSON.stringify({ entry: [{ changes: [{ value: { event: 'FLOW_STATUS_CHANGE', flow_id: '700002' } }] }] }));
    const survey = await logs('flow=Survey');
    expect((survey.body.data as Json[]).map((e) => [e.kind, e.flow_id])).toEqual([['endpoint', '700002'], ['webhook', '700002']]);
    expect(ids((await logs('flow=700002')).body)).toEqual(ids(survey.body));
    expect((await logs('flow=Survey&kind=webhook')).body.data).toHaveLength(1);
    expect(((await logs('kind=endpoint')).body.data as Json[]).every((e) => e.kind === 'endpoint')).toBe(true);
    expect((await logs('flow=Nope')).body.data).toEqual([]);
  });

  it('waits for an entry with wait, and refuses bad parameters', { timeout: 60_000 }, async () => {
    const { cursor } = (await logs('')).body as { cursor: string };
    const waiting = logs(`after=${cursor}&wait=20000`);
    await sample(20, { action: 'ping' });
    await sandbox.context.events.emit('endpoint.exchange', { flowId: '700001', endpointUri: 'https://shop.test/flow', ok: true, at: at(20) });
    expect(((await waiting).body.data as Json[]).map((e) => e.action)).toEqual(['ping']);

    for (const bad of ['kind=other', 'since=yesterday', 'limit=0', 'limit=5000', 'wait=10', 'after=bm9wZQ', 'wait=99999&after=x']) {
      const res = await logs(bad);
      expect([res.status, typeof res.body.error?.message]).toEqual([400, 'string']);
    }
  });
});

/** A cursor before everything: what the route answers for an empty log. */
function startCursor(): string {
  return Buffer.from(JSON.stringify({ t: 0, s: [] })).toString('base64url');
}
