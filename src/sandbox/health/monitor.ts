// The endpoint health monitor: pings every published flow with an endpoint periodically, and after
// every sample (a ping or a phone's exchange) compares the flow's metrics over a rolling window
// with thresholds, sending a `flows` webhook when an alert turns on (ACTIVATED) or off
// (DEACTIVATED). Meta, "Flow Health and Monitoring": alerts cover endpoint error rate, latency and
// availability. The thresholds and window are the sandbox's defaults, configurable per monitor.
import type { Store } from '../../store/index.js';
import type { SandboxContext } from '../context.js';
import { checkEndpointHealth, flowEndpointUri } from './check.js';
import { flowMetrics } from './samples.js';
import type { FlowWebhookEvent } from '../webhooks/dispatcher.js';
import { markQueued, queueFlowsWebhook, wakeDispatcher } from '../webhooks/outbox.js';
import type { HealthMetrics } from './samples.js';

export type AlertType = 'ENDPOINT_ERROR_RATE' | 'ENDPOINT_LATENCY' | 'ENDPOINT_AVAILABILITY';

export interface HealthThresholds {
  /** Percent of failed requests above which ENDPOINT_ERROR_RATE activates. */
  errorRatePercent: number;
  /** p90 latency (ms) above which ENDPOINT_LATENCY activates. */
  p90LatencyMs: number;
  /** Percent of successful pings below which ENDPOINT_AVAILABILITY activates. */
  availabilityPercent: number;
  /** Requests needed in the window before rates mean anything. */
  minRequests: number;
}

export interface HealthMonitorOptions {
  /** Period of the health-check pings; 0 turns periodic pings off. */
  pingIntervalMs?: number;
  windowMs?: number;
  thresholds?: Partial<HealthThresholds>;
}

export const DEFAULT_THRESHOLDS: HealthThresholds = { errorRatePercent: 10, p90LatencyMs: 1000, availabilityPercent: 90, minRequests: 5 };

export interface HealthMonitor {
  /** Pings every monitored flow now and evaluates them. */
  pingAll(): Promise<void>;
  /** Re-evaluates one flow's alerts (resolves when any alert webhook is queued). */
  evaluate(flowId: string): Promise<void>;
  /** Alerts currently active for a flow. */
  activeAlerts(flowId: string): AlertType[];
  readonly thresholds: HealthThresholds;
  readonly windowMs: number;
  stop(): Promise<void>;
}

const monitors = new WeakMap<Store, HealthMonitor>();

export function healthMonitorOf(ctx: SandboxContext): HealthMonitor | undefined {
  return monitors.get(ctx.store);
}

interface FlowRow {
  id: string;
  name: string;
  status: string;
  endpoint_uri: string | null;
  data_api_version: string | null;
}

function alertValue(type: AlertType, state: 'ACTIVATED' | 'DEACTIVATED', flowId: string, flowName: string, m: HealthMetrics, t: HealthThresholds): Record<string, unknown> {
  const verb = state === 'ACTIVATED' ? 'crossed' : 'recovered below';
  const value: Record<string, unknown> = { event: type, flow_id: flowId, alert_state: state, requests_count: m.requests };
  switch (type) {
    case 'ENDPOINT_ERROR_RATE':
      value.threshold = t.errorRatePercent;
      value.error_rate = m.errorRate;
      value.errors = m.errorsByType.map((e) => ({ error_type: e.errorType, error_count: e.count, error_rate: e.rate }));
      value.message = `Flow ${flowName}'s endpoint error rate ${verb} the threshold of ${t.errorRatePercent}%: ${m.errorRate}% of ${m.requests} requests failed`;
      break;
    case 'ENDPOINT_LATENCY':
      value.threshold = t.p90LatencyMs;
      value.p50_latency = m.p50LatencyMs ?? null;
      value.p90_latency = m.p90LatencyMs ?? null;
      value.message = `Flow ${flowName}'s endpoint p90 latency ${verb} the threshold of ${t.p90LatencyMs} ms: ${m.p90LatencyMs ?? 0} ms`;
      break;
    case 'ENDPOINT_AVAILABILITY':
      value.threshold = t.availabilityPercent;
      value.availability = m.availability ?? null;
      value.message = `Flow ${flowName}'s endpoint availability ${state === 'ACTIVATED' ? 'fell below' : 'recovered above'} ${t.availabilityPercent}%: ${m.availability ?? 0}%`;
      break;
  }
  return value;
}

/** Which alerts the metrics call for. */
export function alertsFor(m: HealthMetrics, t: HealthThresholds): Set<AlertType> {
  const on = new Set<AlertType>();
  if (m.requests >= t.minRequests && m.errorRate > t.errorRatePercent) on.add('ENDPOINT_ERROR_RATE');
  if (m.requests >= t.minRequests && m.p90LatencyMs !== undefined && m.p90LatencyMs > t.p90LatencyMs) on.add('ENDPOINT_LATENCY');
  if (m.availability !== undefined && m.availability < t.availabilityPercent) on.add('ENDPOINT_AVAILABILITY');
  return on;
}

export function startHealthMonitor(ctx: SandboxContext, options: HealthMonitorOptions = {}): HealthMonitor {
  const thresholds: HealthThresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const windowMs = options.windowMs ?? 10 * 60_000;
  const pingIntervalMs = options.pingIntervalMs ?? 60_000;
  const active = new Map<string, Set<AlertType>>();
  // One evaluation per flow at a time, so two samples cannot both announce the same change.
  const queues = new Map<string, Promise<void>>();
  let stopped = false;
  let pinging: Promise<void> | undefined;

  async function evaluateNow(flowId: string): Promise<void> {
    const rows = await ctx.store.query<FlowRow>('SELECT id, name, status, endpoint_uri, data_api_version FROM flows WHERE id = $1', [flowId]);
    const flow = rows[0];
    if (flow === undefined) return;
    const now = ctx.clock();
    const metrics = await flowMetrics(ctx.store, flowId, new Date(now.getTime() - windowMs), now);
    const on = alertsFor(metrics, thresholds);
    // The active alerts are kept in the store: each change and its webhook row commit in one
    // transaction, so a restart neither forgets an alert (and never deactivates it) nor repeats it.
    const events = await ctx.store.transaction(async (tx) => {
      const rows = await tx.query<{ alert_type: AlertType }>('SELECT alert_type FROM endpoint_health_alerts WHERE flow_id = $1 FOR UPDATE', [flowId]);
      const was = new Set(rows.map((r) => r.alert_type));
      const out: FlowWebhookEvent[] = [];
      for (const [type, state] of [...[...on].filter((t) => !was.has(t)).map((t) => [t, 'ACTIVATED'] as const), ...[...was].filter((t) => !on.has(t)).map((t) => [t, 'DEACTIVATED'] as const)]) {
        if (state === 'ACTIVATED') await tx.query('INSERT INTO endpoint_health_alerts (flow_id, alert_type, activated_at) VALUES ($1, $2, $3)', [flowId, type, now.toISOString()]);
        else await tx.query('DELETE FROM endpoint_health_alerts WHERE flow_id = $1 AND alert_type = $2', [flowId, type]);
        const event: FlowWebhookEvent = markQueued({ flowId, value: alertValue(type, state, flowId, flow.name, metrics, thresholds), at: now });
        await queueFlowsWebhook(tx, ctx, flowId, event.value, now);
        out.push(event);
      }
      return out;
    });
    active.set(flowId, on);
    if (events.length > 0) wakeDispatcher(ctx);
    for (const event of events) {
      ctx.log.info('endpoint health alert', { flow: flowId, alert: String(event.value.event), state: String(event.value.alert_state) });
      await ctx.events.emit('flow.webhook', event);
    }
  }

  function evaluate(flowId: string): Promise<void> {
    const next = (queues.get(flowId) ?? Promise.resolve()).then(() => (stopped ? undefined : evaluateNow(flowId)));
    const settled = next.catch((error: unknown) => ctx.log.error('health evaluation failed', { flow: flowId, error: error instanceof Error ? error.message : String(error) }));
    queues.set(flowId, settled);
    return settled;
  }

  async function pingAllNow(): Promise<void> {
    const flows = await ctx.store.query<FlowRow>(`SELECT id, name, status, endpoint_uri, data_api_version FROM flows WHERE status IN ('PUBLISHED', 'THROTTLED', 'BLOCKED')`);
    for (const flow of flows) {
      if (stopped) return;
      const uri = await flowEndpointUri(ctx, flow.id, flow.endpoint_uri);
      if (uri === undefined) continue;
      // The check records a sample and announces it; the listener below evaluates the flow.
      await checkEndpointHealth(ctx, { id: flow.id, endpointUri: uri, dataApiVersion: flow.data_api_version ?? undefined });
    }
  }

  function pingAll(): Promise<void> {
    pinging ??= pingAllNow().finally(() => {
      pinging = undefined;
    });
    return pinging;
  }

  // Returning the promise makes emit() wait for the evaluation, so a caller that recorded a
  // sample knows any alert webhook is queued when it resumes.
  const off = ctx.events.on('endpoint.exchange', (event) => evaluate(event.flowId));
  let timer: NodeJS.Timeout | undefined;
  if (pingIntervalMs > 0) {
    timer = setInterval(() => {
      if (!stopped) ctx.background.track(pingAll());
    }, pingIntervalMs);
    timer.unref();
  }

  const monitor: HealthMonitor = {
    pingAll,
    evaluate,
    activeAlerts: (flowId) => [...(active.get(flowId) ?? [])],
    thresholds,
    windowMs,
    async stop() {
      stopped = true;
      off();
      if (timer !== undefined) clearInterval(timer);
      if (pinging !== undefined) await pinging.catch(() => undefined);
      await Promise.all(queues.values());
      monitors.delete(ctx.store);
    },
  };
  monitors.set(ctx.store, monitor);
  return monitor;
}
