// Endpoint health samples (table endpoint_health_samples): one row per data_exchange/INIT/BACK
// call a phone made and per health-check ping, and the metrics Meta's health monitoring computes
// from them: error rate, latency percentiles and availability over a window.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../store/index.js';

/** One call to a flow endpoint was recorded (a phone's exchange or a health-check ping). */
export interface EndpointExchangeEvent {
  readonly flowId: string;
  readonly endpointUri: string;
  readonly ok: boolean;
  readonly at: Date;
}

declare module '../events.js' {
  interface SandboxEventMap {
    'endpoint.exchange': EndpointExchangeEvent;
  }
}

export interface HealthSample {
  flowId: string | undefined;
  endpointUri: string;
  /** ping, INIT, BACK, data_exchange. */
  action: string;
  at: Date;
  ok: boolean;
  latencyMs?: number;
  httpStatus?: number;
  /** Why it failed: a diagnosis kind (unreachable, wrong-key...) or the HTTP status class. */
  errorCode?: string;
}

export async function recordSample(db: Queryable, sample: HealthSample): Promise<void> {
  await db.query(
    `INSERT INTO endpoint_health_samples (id, flow_id, endpoint_uri, action, sampled_at, ok, latency_ms, http_status, error_code)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      `ehs_${randomUUID()}`,
      sample.flowId ?? null,
      sample.endpointUri,
      sample.action,
      sample.at.toISOString(),
      sample.ok,
      sample.latencyMs === undefined ? null : Math.round(sample.latencyMs),
      sample.httpStatus ?? null,
      sample.errorCode ?? null,
    ],
  );
}

export interface HealthMetrics {
  /** Samples in the window. */
  requests: number;
  errors: number;
  /** Percent of requests that failed (0–100), 0 without requests. */
  errorRate: number;
  /** Percent of health-check pings that got a 200 (0–100); undefined without pings. */
  availability: number | undefined;
  p50LatencyMs: number | undefined;
  p90LatencyMs: number | undefined;
  /** Failed samples by error code. */
  errorsByType: { errorType: string; count: number; rate: number }[];
  windowStart: string;
  windowEnd: string;
}

function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

const round = (n: number): number => Math.round(n * 100) / 100;

/** Metrics of one flow's endpoint over `[since, until]`. */
export async function flowMetrics(db: Queryable, flowId: string, since: Date, until: Date): Promise<HealthMetrics> {
  const rows = await db.query<{ action: string; ok: boolean; latency_ms: number | null; error_code: string | null; http_status: number | null }>(
    'SELECT action, ok, latency_ms, error_code, http_status FROM endpoint_health_samples WHERE flow_id = $1 AND sampled_at >= $2 AND sampled_at <= $3',
    [flowId, since.toISOString(), until.toISOString()],
  );
  const latencies = rows
    .filter((r) => r.latency_ms !== null && r.http_status !== null)
    .map((r) => Number(r.latency_ms))
    .sort((a, b) => a - b);
  const errors = rows.filter((r) => !r.ok);
  const byType = new Map<string, number>();
  for (const r of errors) {
    const type = r.error_code ?? (r.http_status === null ? 'unreachable' : `http-${r.http_status}`);
    byType.set(type, (byType.get(type) ?? 0) + 1);
  }
  const pings = rows.filter((r) => r.action === 'ping');
  return {
    requests: rows.length,
    errors: errors.length,
    errorRate: rows.length === 0 ? 0 : round((errors.length / rows.length) * 100),
    availability: pings.length === 0 ? undefined : round((pings.filter((r) => r.ok).length / pings.length) * 100),
    p50LatencyMs: percentile(latencies, 50),
    p90LatencyMs: percentile(latencies, 90),
    errorsByType: [...byType].map(([errorType, count]) => ({ errorType, count, rate: round((count / rows.length) * 100) })),
    windowStart: since.toISOString(),
    windowEnd: until.toISOString(),
  };
}

/** The most recent samples of a flow, newest first. */
export async function recentSamples(db: Queryable, flowId: string, limit = 20): Promise<HealthSample[]> {
  const rows = await db.query<{ endpoint_uri: string; action: string; sampled_at: Date | string; ok: boolean; latency_ms: number | null; http_status: number | null; error_code: string | null }>(
    'SELECT endpoint_uri, action, sampled_at, ok, latency_ms, http_status, error_code FROM endpoint_health_samples WHERE flow_id = $1 ORDER BY sampled_at DESC LIMIT $2',
    [flowId, limit],
  );
  return rows.map((r) => ({
    flowId,
    endpointUri: r.endpoint_uri,
    action: r.action,
    at: new Date(r.sampled_at),
    ok: r.ok,
    ...(r.latency_ms === null ? {} : { latencyMs: Number(r.latency_ms) }),
    ...(r.http_status === null ? {} : { httpStatus: Number(r.http_status) }),
    ...(r.error_code === null ? {} : { errorCode: r.error_code }),
  }));
}
