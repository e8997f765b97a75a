// GET /_sandbox/flows/:id/health: a flow's endpoint metrics over the monitor's endpoint window, its
// active alerts and the thresholds they crossed, the last health-check diagnosis and the most
// recent samples; `?check=true` pings first.
import type { SandboxContext } from '../context.js';
import { PhoneError } from '../phone/chat.js';
import { checkEndpointHealth, flowEndpointUri, lastDiagnosis } from './check.js';
import { DEFAULT_THRESHOLDS, healthMonitorOf } from './monitor.js';
import { flowMetrics, recentSamples } from './samples.js';

export async function flowHealthReport(ctx: SandboxContext, flowId: string, options: { check?: boolean } = {}): Promise<Record<string, unknown>> {
  const rows = await ctx.store.query<{ id: string; status: string; endpoint_uri: string | null; data_api_version: string | null }>(
    'SELECT id, status, endpoint_uri, data_api_version FROM flows WHERE id = $1',
    [flowId],
  );
  const flow = rows[0];
  if (flow === undefined) throw new PhoneError('NOT_FOUND', `no flow ${flowId}`);
  const uri = await flowEndpointUri(ctx, flow.id, flow.endpoint_uri);
  if (options.check === true && uri !== undefined) {
    await checkEndpointHealth(ctx, { id: flow.id, endpointUri: uri, dataApiVersion: flow.data_api_version ?? undefined });
  }
  const monitor = healthMonitorOf(ctx);
  const windowMs = monitor?.windowMs ?? 10 * 60_000;
  const now = ctx.clock();
  const m = await flowMetrics(ctx.store, flow.id, new Date(now.getTime() - windowMs), now);
  const last = lastDiagnosis(ctx, flow.id);
  return {
    flow_id: flow.id,
    status: flow.status,
    endpoint_uri: uri ?? null,
    window: { start: m.windowStart, end: m.windowEnd },
    metrics: {
      requests_count: m.requests,
      error_count: m.errors,
      error_rate: m.errorRate,
      availability: m.availability ?? null,
      p50_latency: m.p50LatencyMs ?? null,
      p90_latency: m.p90LatencyMs ?? null,
      errors: m.errorsByType.map((e) => ({ error_type: e.errorType, error_count: e.count, error_rate: e.rate })),
    },
    thresholds: monitor?.thresholds ?? DEFAULT_THRESHOLDS,
    active_alerts: monitor?.activeAlerts(flow.id) ?? [],
    // The thresholds each active alert has crossed, e.g. { ENDPOINT_ERROR_RATE: [5, 10] }.
    crossed_thresholds: monitor?.crossedThresholds(flow.id) ?? {},
    last_check:
      last === undefined
        ? null
        : { ok: last.ok, result: last.kind, message: last.message, http_status: last.httpStatus ?? null, latency_ms: last.latencyMs ?? null, checked_at: last.checkedAt },
    samples: (await recentSamples(ctx.store, flow.id)).map((s) => ({
      action: s.action,
      at: s.at.toISOString(),
      ok: s.ok,
      latency_ms: s.latencyMs ?? null,
      http_status: s.httpStatus ?? null,
      error: s.errorCode ?? null,
    })),
  };
}
