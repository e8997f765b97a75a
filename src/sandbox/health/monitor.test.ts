// The publish-time health check and the health monitor, on a sandbox over real HTTP: a flow whose
// endpoint fails the check is not published (with the diagnosis in the API error); a published
// flow whose endpoint degrades raises ENDPOINT_* alerts as `flows` webhooks the business SDK
// parses, and they are deactivated when it recovers (the failures leave the alert's window).
// Threshold by threshold and the client error rate: alerts.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/index.js';
import type { ApiClient } from '../../api/index.js';
import { generateKeyPair } from '../../data-channel/index.js';
import { createFlowEndpoint } from '../../endpoint/index.js';
import { captureLogger, serveEndpoint } from '../../endpoint/test-kit.js';
import type { RunningServer } from '../../endpoint/test-kit.js';
import type { FlowAlertEvent } from '../../webhooks/index.js';
import { START_TIMEOUT_MS, startApiSandbox } from '../api-test-kit.js';
import type { ApiTestSandbox } from '../api-test-kit.js';
import { createReceiver, waitFor } from '../phone/test-kit.js';
import type { Receiver } from '../phone/test-kit.js';
import { checkEndpointHealth } from './check.js';
import { healthMonitorOf } from './monitor.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Handler = (req: Request) => Promise<Response>;

const APP_SECRET = 'health-test-secret';
const BOOKING_JSON = readFileSync(join(import.meta.dirname, '..', '..', '..', 'examples', 'booking', 'flow.json'), 'utf8');

let t: ApiTestSandbox;
let api: ApiClient;
let receiver: Receiver;
let keys: { privateKeyPem: string; publicKeyPem: string };
let other: { privateKeyPem: string; publicKeyPem: string };
const servers: RunningServer[] = [];
/** How far the sandbox's clock runs ahead of the real one (moved to age samples out of a window). */
let skewMs = 0;

beforeAll(async () => {
  [keys, other] = await Promise.all([generateKeyPair(), generateKeyPair()]);
  receiver = await createReceiver(APP_SECRET);
  await receiver.start();
  t = await startApiSandbox('pglite', { appSecret: APP_SECRET, webhookUrls: [receiver.url], clock: () => new Date(Date.now() + skewMs) });
  api = t.client('cloud');
  await api.encryption.setPublicKey(keys.publicKeyPem);
}, START_TIMEOUT_MS);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await t?.cleanup();
  await receiver?.close();
});

async function switchable(initial: Handler): Promise<{ url: string; use(h: Handler): void }> {
  let current = initial;
  const server = await serveEndpoint((req) => current(req));
  servers.push(server);
  return { url: server.url, use: (h) => (current = h) };
}

const healthy = (): Handler => createFlowEndpoint({ privateKey: keys.privateKeyPem, appSecret: APP_SECRET, handlers: {} });
let n = 0;

async function draftWithEndpoint(url: string): Promise<string> {
  n += 1;
  const { id } = await api.flows.create({ name: `health_${n}`, categories: ['OTHER'], endpointUri: url });
  await api.flows.uploadJson(id, BOOKING_JSON);
  return id;
}

async function publishError(flowId: string): Promise<string> {
  try {
    await api.flows.publish(flowId);
  } catch (error) {
    if (error instanceof ApiError) return error.message + JSON.stringify(error);
    throw error;
  }
  throw new Error('publish unexpectedly succeeded');
}

const alertsFor = (flowId: string): FlowAlertEvent[] => receiver.events.filter((e): e is FlowAlertEvent => e.kind === 'flow_alert' && e.flowId === flowId);

describe('endpoint health', () => {
  it('refuses to publish a flow whose endpoint fails the check, saying why', { timeout: 120_000 }, async () => {
    const logger = captureLogger();
    const wrongKey = await switchable(createFlowEndpoint({ privateKey: other.privateKeyPem, handlers: {}, logger }));
    expect(await publishError(await draftWithEndpoint(wrongKey.url))).toMatch(/421/);
    // The endpoint logs why it answered 421, and nothing else.
    expect(logger.lines).not.toEqual([]);
    for (const line of logger.lines) expect(line).toMatchObject({ level: 'warn', message: expect.stringContaining('could not decrypt a request') });
    const plain = await switchable(async () => Response.json({ data: { status: 'active' } }));
    expect(await publishError(await draftWithEndpoint(plain.url))).toMatch(/not base64/);
    const down = await switchable(async () => new Response('nope', { status: 500 }));
    expect(await publishError(await draftWithEndpoint(down.url))).toMatch(/HTTP 500/);
    const ok = await switchable(healthy());
    const flowId = await draftWithEndpoint(ok.url);
    await api.flows.publish(flowId);
    expect((await api.flows.get(flowId, { fields: ['status'] })).status).toBe('PUBLISHED');
  });

  it('returns a diagnosis with latency from checkEndpointHealth and records it', { timeout: 60_000 }, async () => {
    const ok = await switchable(healthy());
    const flowId = await draftWithEndpoint(ok.url);
    const result = await checkEndpointHealth(t.sandbox.context, { id: flowId, endpointUri: ok.url, dataApiVersion: '3.0' });
    expect(result).toMatchObject({ ok: true, diagnosis: { kind: 'ok', httpStatus: 200 } });
    const report = await (await fetch(`${t.sandbox.url}/_sandbox/flows/${flowId}/health`)).json() as Json;
    expect(report.metrics.requests_count).toBe(1);
    expect(report.last_check).toMatchObject({ ok: true, result: 'ok' });
    expect((await fetch(`${t.sandbox.url}/_sandbox/flows/404404/health`)).status).toBe(404);
  });

  it('raises availability and error-rate alerts as flows webhooks, and clears them on recovery', { timeout: 180_000 }, async () => {
    const endpoint = await switchable(healthy());
    const flowId = await draftWithEndpoint(endpoint.url);
    await api.flows.publish(flowId); // one good ping
    const monitor = healthMonitorOf(t.sandbox.context);
    if (monitor === undefined) throw new Error('no health monitor started');

    endpoint.use(async () => new Response('overloaded', { status: 503 }));
    for (let i = 0; i < 5; i++) await monitor.pingAll();
    expect(monitor.activeAlerts(flowId).sort()).toEqual(['ENDPOINT_AVAILABILITY', 'ENDPOINT_ERROR_RATE']);
    await waitFor(() => alertsFor(flowId).length >= 2, 20_000, 'two alert webhooks');
    const errorRate = alertsFor(flowId).find((a) => a.alert === 'ENDPOINT_ERROR_RATE');
    // 5 %, 10 % and 50 % are crossed at once: one webhook, with the highest.
    expect(errorRate).toMatchObject({ alertState: 'ACTIVATED', threshold: 50, errorRate: 80, requestsCount: 5 });
    // It activates as soon as the window holds minRequests (5): the good publish ping and 4 failures.
    expect(errorRate?.errors).toEqual([{ errorType: 'unexpected_http_status_code', code: 'unexpected_http_status_code', errorCount: 4, errorRate: 80 }]);
    expect(errorRate?.metrics).toMatchObject({ error_rate: 80, requests_count: 5 });
    const availability = alertsFor(flowId).find((a) => a.alert === 'ENDPOINT_AVAILABILITY');
    // Availability needs no minimum: the first failed health check after the good one halves it.
    expect(availability).toMatchObject({ alertState: 'ACTIVATED', threshold: 90, availability: 50, requestsCount: 2 });

    const report = await (await fetch(`${t.sandbox.url}/_sandbox/flows/${flowId}/health`)).json() as Json;
    expect(report.active_alerts.sort()).toEqual(['ENDPOINT_AVAILABILITY', 'ENDPOINT_ERROR_RATE']);
    expect(report.crossed_thresholds).toEqual({ ENDPOINT_ERROR_RATE: [5, 10, 50], ENDPOINT_AVAILABILITY: [90] });
    expect(report.last_check).toMatchObject({ ok: false, result: 'wrong-status', http_status: 503 });

    // Pinging again while still failing does not repeat the alerts.
    await monitor.pingAll();
    expect(alertsFor(flowId)).toHaveLength(2);

    // The endpoint recovers and the failures leave the windows (availability 10 min, error rate 30 min).
    endpoint.use(healthy());
    skewMs += 31 * 60_000;
    await monitor.pingAll();
    expect(monitor.activeAlerts(flowId)).toEqual([]);
    const off = await waitFor(() => {
      const list = alertsFor(flowId).filter((a) => a.alertState === 'DEACTIVATED');
      return list.length === 2 ? list : undefined;
    }, 20_000, 'the deactivations');
    // Each alert reports the lowest threshold it fell back below.
    expect(off.map((a) => [a.alert, a.threshold]).sort()).toEqual([['ENDPOINT_AVAILABILITY', 90], ['ENDPOINT_ERROR_RATE', 5]]);
    expect(off.find((a) => a.alert === 'ENDPOINT_AVAILABILITY')?.availability).toBe(100);
  });

  it('raises a latency alert when the endpoint answers slowly', { timeout: 180_000 }, async () => {
    const endpoint = await switchable(healthy());
    const flowId = await draftWithEndpoint(endpoint.url);
    await api.flows.publish(flowId);
    const slow = healthy();
    // The ping measures latency with performance.now(): the endpoint moves that clock 1.1 s ahead
    // while it answers instead of the test sleeping 1.1 s per ping.
    let aheadMs = 0;
    const realNow = performance.now.bind(performance);
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => realNow() + aheadMs);
    endpoint.use(async (req) => {
      aheadMs += 1100;
      return slow(req);
    });
    const monitor = healthMonitorOf(t.sandbox.context);
    try {
      for (let i = 0; i < 5; i++) await monitor?.pingAll();
    } finally {
      clock.mockRestore();
    }
    expect(monitor?.activeAlerts(flowId)).toEqual(['ENDPOINT_LATENCY']);
    const [alert] = await waitFor(() => (alertsFor(flowId).length > 0 ? alertsFor(flowId) : undefined), 20_000, 'the latency alert');
    expect(alert).toMatchObject({ alert: 'ENDPOINT_LATENCY', alertState: 'ACTIVATED', threshold: 1000 });
    expect(alert?.p90Latency).toBeGreaterThan(1000);
    expect(alert?.p90Latency).toBeLessThan(5000);
    expect(Number.isInteger(alert?.p50Latency)).toBe(true);
  });
});
