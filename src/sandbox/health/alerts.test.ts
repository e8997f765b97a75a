// The `flows` alerts at the documented thresholds (platform-protocols.md §6.2), driven by recorded
// health samples on a sandbox whose clock the test moves: the error rate crosses 5, 10 and 50 % one
// by one and falls back, the p90 latency crosses 1 and 5 s, the client error rate counts only the
// errors a client reports, and the first send of a flow on a frozen Flow JSON version warns once.
// Every webhook goes through the business SDK (signature, parseWebhook) to a receiver.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../api/index.js';
import type { FlowAlertEvent } from '../../webhooks/index.js';
import { START_TIMEOUT_MS, feedbackFormSource, seedFeedbackFormSource, startApiSandbox } from '../api-test-kit.js';
import type { ApiTestSandbox } from '../api-test-kit.js';
import { createReceiver, waitFor } from '../phone/test-kit.js';
import type { Receiver } from '../phone/test-kit.js';
import { changesOf, crossed, errorTypeOf } from './alerts.js';
import { recordSample } from './samples.js';

const APP_SECRET = 'alerts-test-secret';
const ENDPOINT = 'https://endpoint.example/flow';

let t: ApiTestSandbox;
let api: ApiClient;
let receiver: Receiver;
let skewMs = 0;

beforeAll(async () => {
  receiver = await createReceiver(APP_SECRET);
  await receiver.start();
  // No periodic pings: only the samples the tests record count.
  t = await startApiSandbox('pglite', { appSecret: APP_SECRET, webhookUrls: [receiver.url], clock: () => new Date(Date.now() + skewMs) });
  api = t.client('cloud');
}, START_TIMEOUT_MS);

afterAll(async () => {
  await t?.cleanup();
  await receiver?.close();
});

let n = 0;
async function newFlow(source = feedbackFormSource()): Promise<string> {
  n += 1;
  return (await api.flows.create({ name: `alerts_${n}`, categories: ['OTHER'], flowJson: source })).id;
}

/** Records `count` phone exchanges (or pings) and lets the monitor evaluate, as a real exchange does. */
async function record(flowId: string, count: number, sample: { ok: boolean; errorCode?: string; latencyMs?: number; action?: string; httpStatus?: number }): Promise<void> {
  const ctx = t.sandbox.context;
  for (let i = 0; i < count; i++) {
    const at = ctx.clock();
    await recordSample(ctx.store, {
      flowId,
      endpointUri: ENDPOINT,
      action: sample.action ?? 'data_exchange',
      at,
      ok: sample.ok,
      latencyMs: sample.latencyMs ?? 120,
      ...(sample.httpStatus === undefined && sample.errorCode === undefined ? { httpStatus: 200 } : sample.httpStatus === undefined ? {} : { httpStatus: sample.httpStatus }),
      ...(sample.errorCode === undefined ? {} : { errorCode: sample.errorCode }),
    });
  }
  await ctx.events.emit('endpoint.exchange', { flowId, endpointUri: ENDPOINT, ok: sample.ok, at: ctx.clock() });
}

const alerts = (flowId: string, alert?: string): FlowAlertEvent[] =>
  receiver.events.filter((e): e is FlowAlertEvent => e.kind === 'flow_alert' && e.flowId === flowId && (alert === undefined || e.alert === alert));

async function nth(flowId: string, alert: string, count: number): Promise<FlowAlertEvent[]> {
  return waitFor(() => (alerts(flowId, alert).length >= count ? alerts(flowId, alert) : undefined), 20_000, `${count} ${alert} webhook(s)`);
}

describe('ENDPOINT_ERROR_RATE at 5, 10 and 50 %', () => {
  it('activates each threshold as it is crossed, and deactivates on the way back down', { timeout: 60_000 }, async () => {
    const flowId = await newFlow();
    await record(flowId, 20, { ok: true });
    await record(flowId, 2, { ok: false, errorCode: 'http-500', httpStatus: 500 }); // 2 / 22 = 9.09 %
    let seen = await nth(flowId, 'ENDPOINT_ERROR_RATE', 1);
    expect(seen[0]).toMatchObject({ alertState: 'ACTIVATED', threshold: 5, errorRate: 9.09, requestsCount: 22 });
    expect(seen[0]?.errors).toEqual([{ errorType: 'unexpected_http_status_code', code: 'unexpected_http_status_code', errorRate: 9.09, errorCount: 2 }]);

    await record(flowId, 3, { ok: false, errorCode: 'unreachable' }); // 5 / 25 = 20 %
    seen = await nth(flowId, 'ENDPOINT_ERROR_RATE', 2);
    expect(seen[1]).toMatchObject({ alertState: 'ACTIVATED', threshold: 10, errorRate: 20 });
    expect(seen[1]?.errors?.map((e) => [e.code, e.errorCount])).toEqual([['unexpected_http_status_code', 2], ['no_http_response_error', 3]]);

    await record(flowId, 20, { ok: false, errorCode: 'http-503', httpStatus: 503 }); // 25 / 45 = 55.56 %
    seen = await nth(flowId, 'ENDPOINT_ERROR_RATE', 3);
    expect(seen[2]).toMatchObject({ alertState: 'ACTIVATED', threshold: 50, errorRate: 55.56, requestsCount: 45 });
    expect(seen[2]?.message).toMatch(/endpoint error rate crossed 50%: 55\.56% over the last 30 min \(45 requests\)/);

    await record(flowId, 30, { ok: true }); // 25 / 75 = 33.33 %: below 50, still above 10
    seen = await nth(flowId, 'ENDPOINT_ERROR_RATE', 4);
    expect(seen[3]).toMatchObject({ alertState: 'DEACTIVATED', threshold: 50, errorRate: 33.33 });

    // 31 minutes later the failures are out of the 30-minute window.
    skewMs += 31 * 60_000;
    await record(flowId, 10, { ok: true });
    seen = await nth(flowId, 'ENDPOINT_ERROR_RATE', 5);
    expect(seen[4]).toMatchObject({ alertState: 'DEACTIVATED', threshold: 5, errorRate: 0, requestsCount: 10 });
    // Nothing else was sent for this flow, and a quiet evaluation sends nothing.
    await record(flowId, 1, { ok: true });
    expect(alerts(flowId).map((a) => `${a.alert} ${a.alertState} ${a.threshold}`)).toEqual([
      'ENDPOINT_ERROR_RATE ACTIVATED 5',
      'ENDPOINT_ERROR_RATE ACTIVATED 10',
      'ENDPOINT_ERROR_RATE ACTIVATED 50',
      'ENDPOINT_ERROR_RATE DEACTIVATED 50',
      'ENDPOINT_ERROR_RATE DEACTIVATED 5',
    ]);
  });
});

describe('ENDPOINT_LATENCY at p90 1, 5 and 7 s', () => {
  it('reports the highest threshold crossed, with p50 and p90 in ms', { timeout: 60_000 }, async () => {
    const flowId = await newFlow();
    await record(flowId, 5, { ok: true, latencyMs: 300 });
    await record(flowId, 2, { ok: true, latencyMs: 5600 }); // p90 of 7 samples: the 7th, 5600 ms
    const [alert] = await nth(flowId, 'ENDPOINT_LATENCY', 1);
    expect(alert).toMatchObject({ alertState: 'ACTIVATED', threshold: 5000, p50Latency: 300, p90Latency: 5600, requestsCount: 7 });
    expect(alerts(flowId, 'ENDPOINT_ERROR_RATE')).toEqual([]);
  });
});

describe('CLIENT_ERROR_RATE', () => {
  it("counts the errors a client reports on the phones' requests, not the endpoint's nor the health checks'", { timeout: 60_000 }, async () => {
    const flowId = await newFlow();
    await record(flowId, 18, { ok: true });
    // Health checks the platform makes are not client requests.
    await record(flowId, 3, { ok: false, action: 'ping', errorCode: 'decrypt-failed', httpStatus: 200 });
    await record(flowId, 2, { ok: false, errorCode: 'decrypt-failed', httpStatus: 200 }); // 2 / 20 phone requests = 10 %
    const [alert] = await nth(flowId, 'CLIENT_ERROR_RATE', 1);
    expect(alert).toMatchObject({ alertState: 'ACTIVATED', threshold: 10, errorRate: 10, requestsCount: 20 });
    expect(alert?.errors).toEqual([{ errorType: 'response-decryption-error', code: 'response-decryption-error', errorRate: 10, errorCount: 2 }]);
    // A response the client cannot decrypt is the client's error, not an endpoint error.
    expect(alerts(flowId, 'ENDPOINT_ERROR_RATE')).toEqual([]);
  });
});

describe('FLOW_VERSION_EXPIRY_WARNING', () => {
  it('warns once per flow the first time a flow on a frozen version is sent', { timeout: 60_000 }, async () => {
    const frozen = await newFlow(seedFeedbackFormSource()); // Flow JSON 2.1: frozen, sendable as a draft
    const current = await newFlow(); // 7.3
    const send = (flowId: string) =>
      api.messages.sendFlow({ to: '4915110000042', body: 'Feedback?', flowCta: 'Open', flowId, mode: 'draft', flowAction: 'navigate', flowActionPayload: { screen: 'screen_feedback_one' } });
    await send(frozen);
    await send(frozen);
    await send(current);
    const [warning] = await nth(frozen, 'FLOW_VERSION_EXPIRY_WARNING', 1);
    expect(warning?.warning).toMatch(/^Flow JSON version 2\.1 is frozen: once it expires, messages of this flow can no longer be sent or opened\. Move the flow to version 5\.1 or later/);
    expect(warning?.message).toContain('version 2.1');
    // The second send queued nothing: every delivery row of the sandbox for it is the one warning.
    const rows = await t.sandbox.context.store.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE event_kind = 'flows.FLOW_VERSION_EXPIRY_WARNING' AND body LIKE $1`, [`%${frozen}%`]);
    expect(rows[0]?.n).toBe(1);
    expect(alerts(current, 'FLOW_VERSION_EXPIRY_WARNING')).toEqual([]);
  });
});

describe('the rules', () => {
  it('map the sandbox failure codes to the documented error types', () => {
    expect(errorTypeOf('unreachable', null, 10_000)).toBe('timeout_error');
    expect(errorTypeOf('unreachable', null, 300)).toBe('no_http_response_error');
    expect(errorTypeOf('wrong-key', 421, 20)).toBe('business-decryption-error');
    expect(errorTypeOf('http-421', 421, 20)).toBe('business-decryption-error');
    expect(errorTypeOf('wrong-status', 503, 20)).toBe('unexpected_http_status_code');
    expect(errorTypeOf('not-encrypted', 200, 20)).toBe('response-decryption-error');
    expect(errorTypeOf('wrong-payload', 200, 20)).toBe('payload-schema-error');
  });

  it('cross above for rates and latency, below for availability, and report one change each way', () => {
    expect(crossed('ENDPOINT_ERROR_RATE', 10, [5, 10, 50])).toEqual([5, 10]);
    expect(crossed('ENDPOINT_LATENCY', undefined, [1000])).toEqual([]);
    expect(crossed('ENDPOINT_AVAILABILITY', 89.9, [90])).toEqual([90]);
    expect(crossed('ENDPOINT_AVAILABILITY', 90, [90])).toEqual([]);
    expect(changesOf('ENDPOINT_ERROR_RATE', [], [5, 10, 50])).toEqual([{ type: 'ENDPOINT_ERROR_RATE', state: 'ACTIVATED', threshold: 50, thresholds: [5, 10, 50] }]);
    expect(changesOf('ENDPOINT_ERROR_RATE', [5, 10, 50], [5])).toEqual([{ type: 'ENDPOINT_ERROR_RATE', state: 'DEACTIVATED', threshold: 10, thresholds: [10, 50] }]);
    expect(changesOf('ENDPOINT_ERROR_RATE', [5], [5])).toEqual([]);
  });
});
