// The endpoint health monitor: pings every published flow with an endpoint periodically, and after
// every sample (a ping or a phone's exchange) compares the flow's figures with the documented
// thresholds (alerts.ts), sending a `flows` webhook when one is crossed (ACTIVATED) or recovered
// (DEACTIVATED). It also sends FLOW_VERSION_EXPIRY_WARNING the first time a flow on a frozen Flow
// JSON version is sent (version-expiry.ts). Thresholds and windows are configurable per monitor.
import type { Store } from '../../store/index.js';
import type { SandboxContext } from '../context.js';
import { checkEndpointHealth, flowEndpointUri } from './check.js';
import { ALERT_TYPES, DEFAULT_THRESHOLDS, DEFAULT_WINDOWS, alertFigures, alertKey, alertValue, changesOf, crossed, parseAlertKey, thresholdsOf } from './alerts.js';
import type { AlertType, HealthThresholds } from './alerts.js';
import type { FlowWebhookEvent } from '../webhooks/dispatcher.js';
import { markQueued, queueFlowsWebhook, wakeDispatcher } from '../webhooks/outbox.js';
import { warnVersionExpiry } from './version-expiry.js';

export type { AlertType, HealthThresholds } from './alerts.js';
export { DEFAULT_THRESHOLDS, DEFAULT_WINDOWS } from './alerts.js';

export interface HealthMonitorOptions {
  /** Period of the health-check pings; 0 turns periodic pings off. */
  pingIntervalMs?: number;
  /** One window for every alert, overriding the documented ones (tests). */
  windowMs?: number;
  windows?: Partial<Record<AlertType, number>>;
  thresholds?: Partial<HealthThresholds>;
}

export interface HealthMonitor {
  /** Pings every monitored flow now and evaluates them. */
  pingAll(): Promise<void>;
  /** Re-evaluates one flow's alerts (resolves when any alert webhook is queued). */
  evaluate(flowId: string): Promise<void>;
  /** Alerts currently active for a flow (any of their thresholds crossed). */
  activeAlerts(flowId: string): AlertType[];
  /** The thresholds each active alert has crossed. */
  crossedThresholds(flowId: string): Partial<Record<AlertType, number[]>>;
  readonly thresholds: HealthThresholds;
  readonly windows: Readonly<Record<AlertType, number>>;
  /** The endpoint error-rate window, over which the health report shows the figures. */
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

export function startHealthMonitor(ctx: SandboxContext, options: HealthMonitorOptions = {}): HealthMonitor {
  const thresholds: HealthThresholds = { ...DEFAULT_THRESHOLDS, ...options.thresholds };
  const windows: Record<AlertType, number> = { ...DEFAULT_WINDOWS, ...options.windows };
  if (options.windowMs !== undefined) for (const type of ALERT_TYPES) windows[type] = options.windowMs;
  const pingIntervalMs = options.pingIntervalMs ?? 60_000;
  const active = new Map<string, Partial<Record<AlertType, number[]>>>();
  // One evaluation per flow at a time, so two samples cannot both announce the same change.
  const queues = new Map<string, Promise<void>>();
  let stopped = false;
  let pinging: Promise<void> | undefined;

  async function evaluateNow(flowId: string): Promise<void> {
    const rows = await ctx.store.query<FlowRow>('SELECT id, name, status, endpoint_uri, data_api_version FROM flows WHERE id = $1', [flowId]);
    const flow = rows[0];
    if (flow === undefined) return;
    const now = ctx.clock();
    const figures = await alertFigures(ctx.store, flowId, now, windows, thresholds.minRequests);
    const crossedNow: Partial<Record<AlertType, number[]>> = {};
    for (const type of ALERT_TYPES) {
      const hit = crossed(type, figures[type].value, thresholdsOf(type, thresholds));
      if (hit.length > 0) crossedNow[type] = hit;
    }
    // The crossed thresholds are kept in the store: each change and its webhook row commit in one
    // transaction, so a restart neither forgets an alert (and never deactivates it) nor repeats it.
    const events = await ctx.store.transaction(async (tx) => {
      const stored = await tx.query<{ alert_type: string }>('SELECT alert_type FROM endpoint_health_alerts WHERE flow_id = $1 FOR UPDATE', [flowId]);
      // Per alert: the stored key of each crossed threshold (rows of other kinds are left alone).
      const before = new Map<AlertType, Map<number, string>>();
      for (const { alert_type: key } of stored) {
        const parsed = parseAlertKey(key, thresholds);
        if (parsed === undefined) continue;
        const keys = before.get(parsed.type) ?? new Map<number, string>();
        keys.set(parsed.threshold, key);
        before.set(parsed.type, keys);
      }
      const out: FlowWebhookEvent[] = [];
      for (const type of ALERT_TYPES) {
        const was = before.get(type) ?? new Map<number, string>();
        for (const change of changesOf(type, [...was.keys()], crossedNow[type] ?? [])) {
          for (const threshold of change.thresholds) {
            if (change.state === 'ACTIVATED') {
              await tx.query('INSERT INTO endpoint_health_alerts (flow_id, alert_type, activated_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [flowId, alertKey(type, threshold), now.toISOString()]);
            } else {
              await tx.query('DELETE FROM endpoint_health_alerts WHERE flow_id = $1 AND alert_type = $2', [flowId, was.get(threshold) ?? alertKey(type, threshold)]);
            }
          }
          const event: FlowWebhookEvent = markQueued({ flowId, value: alertValue(change, flowId, flow.name, figures[type], windows[type]), at: now });
          await queueFlowsWebhook(tx, ctx, flowId, event.value, now);
          out.push(event);
        }
      }
      return out;
    });
    active.set(flowId, crossedNow);
    if (events.length > 0) wakeDispatcher(ctx);
    for (const event of events) {
      ctx.log.info('endpoint health alert', { flow: flowId, alert: String(event.value.event), state: String(event.value.alert_state), threshold: Number(event.value.threshold) });
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
  const offExchange = ctx.events.on('endpoint.exchange', (event) => evaluate(event.flowId));
  // Returning the promise here too: the send answers once the warning webhook is queued.
  const offSent = ctx.events.on('message.sent', (event) => (event.flowId === undefined || stopped ? undefined : warnVersionExpiry(ctx, event.flowId, event.flow)));
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
    activeAlerts: (flowId) => ALERT_TYPES.filter((type) => (active.get(flowId)?.[type]?.length ?? 0) > 0),
    crossedThresholds: (flowId) => ({ ...active.get(flowId) }),
    thresholds,
    windows,
    windowMs: windows.ENDPOINT_ERROR_RATE,
    async stop() {
      stopped = true;
      offExchange();
      offSent();
      if (timer !== undefined) clearInterval(timer);
      if (pinging !== undefined) await pinging.catch(() => undefined);
      await Promise.all(queues.values());
      monitors.delete(ctx.store);
    },
  };
  monitors.set(ctx.store, monitor);
  return monitor;
}
