// The Flows health alerts as platform-protocols.md §6.2 documents them: which figure each watches,
// over which window, and the thresholds whose crossing (up: ACTIVATED, back down: DEACTIVATED)
// sends a `flows` webhook, with the documented payload fields. Figures come from the health samples
// (pings and the phones' exchanges), each failure classified by the documented error types (§6.3).
import type { Queryable } from '../../store/index.js';
import { ENDPOINT_TIMEOUT_MS } from '../../data-channel/status.js';
import { CLIENT_ERROR_TYPES } from '../../webhooks/flow-errors.js';
import type { FlowErrorType } from '../../webhooks/types.js';

export type AlertType = 'ENDPOINT_ERROR_RATE' | 'ENDPOINT_LATENCY' | 'ENDPOINT_AVAILABILITY' | 'CLIENT_ERROR_RATE';

export const ALERT_TYPES: readonly AlertType[] = ['ENDPOINT_ERROR_RATE', 'ENDPOINT_LATENCY', 'ENDPOINT_AVAILABILITY', 'CLIENT_ERROR_RATE'];

export interface HealthThresholds {
  /** ENDPOINT_ERROR_RATE: percent of failed endpoint requests. */
  endpointErrorRatePercent: readonly number[];
  /** CLIENT_ERROR_RATE: percent of the phones' requests whose client reported an error. */
  clientErrorRatePercent: readonly number[];
  /** ENDPOINT_LATENCY: p90 in ms. */
  p90LatencyMs: readonly number[];
  /** ENDPOINT_AVAILABILITY: alert below this percent of health checks answered well. */
  availabilityPercent: readonly number[];
  /** Requests a window needs before a rate or a latency means anything (the platform's is undocumented). */
  minRequests: number;
}

/** §6.2: error rates 5/10/50 %, p90 latency 1/5/7 s, availability below 90 %. */
export const DEFAULT_THRESHOLDS: HealthThresholds = {
  endpointErrorRatePercent: [5, 10, 50],
  clientErrorRatePercent: [5, 10, 50],
  p90LatencyMs: [1000, 5000, 7000],
  availabilityPercent: [90],
  minRequests: 5,
};

const MINUTE = 60_000;

/** §6.2 windows: endpoint error rate and latency 30 min, availability 10 min, client error rate 60 min. */
export const DEFAULT_WINDOWS: Readonly<Record<AlertType, number>> = {
  ENDPOINT_ERROR_RATE: 30 * MINUTE,
  ENDPOINT_LATENCY: 30 * MINUTE,
  ENDPOINT_AVAILABILITY: 10 * MINUTE,
  CLIENT_ERROR_RATE: 60 * MINUTE,
};

/** Whether the figure alerts above its thresholds (rates, latency) or below them (availability). */
const BELOW: ReadonlySet<AlertType> = new Set(['ENDPOINT_AVAILABILITY']);

export function thresholdsOf(type: AlertType, t: HealthThresholds): readonly number[] {
  switch (type) {
    case 'ENDPOINT_ERROR_RATE':
      return t.endpointErrorRatePercent;
    case 'CLIENT_ERROR_RATE':
      return t.clientErrorRatePercent;
    case 'ENDPOINT_LATENCY':
      return t.p90LatencyMs;
    case 'ENDPOINT_AVAILABILITY':
      return t.availabilityPercent;
  }
}

interface SampleRow {
  action: string;
  ok: boolean;
  latency_ms: number | null;
  error_code: string | null;
  http_status: number | null;
  sampled_at: Date | string;
}

/**
 * The documented error type of a failed sample. The sandbox's own codes (a health check's diagnosis,
 * a phone exchange's outcome) map as the platform would report them; a 421 is the client's
 * business-decryption-error (the endpoint could not decrypt even after the key refresh).
 */
export function errorTypeOf(code: string | null, httpStatus: number | null, latencyMs: number | null): FlowErrorType | string {
  switch (code) {
    case null:
      return httpStatus === null ? 'no_http_response_error' : 'unexpected_http_status_code';
    case 'unreachable':
      return latencyMs !== null && latencyMs >= ENDPOINT_TIMEOUT_MS ? 'timeout_error' : 'no_http_response_error';
    case 'wrong-key':
    case 'http-421':
      return 'business-decryption-error';
    case 'wrong-status':
      return httpStatus === 421 ? 'business-decryption-error' : 'unexpected_http_status_code';
    case 'not-encrypted':
    case 'decrypt-failed':
      return 'response-decryption-error';
    case 'wrong-payload':
      return 'payload-schema-error';
    default:
      return /^http-\d+$/.test(code) ? 'unexpected_http_status_code' : code;
  }
}

const isClientError = (type: string): boolean => (CLIENT_ERROR_TYPES as readonly string[]).includes(type);

export interface ErrorBreakdown {
  errorType: string;
  count: number;
  rate: number;
}

/** The figure one alert watches, over its window. */
export interface AlertFigures {
  /** Requests in the window: samples (error rate, latency), phone requests (client), health checks (availability). */
  requests: number;
  /** The watched value: a percent, or the p90 in ms; undefined when the window has too little. */
  value: number | undefined;
  errorRate?: number;
  errors?: ErrorBreakdown[];
  p50LatencyMs?: number;
  p90LatencyMs?: number;
  availability?: number;
}

const round = (n: number): number => Math.round(n * 100) / 100;

function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

function errorRate(rows: readonly SampleRow[], counts: (type: string) => boolean, minRequests: number): AlertFigures {
  const byType = new Map<string, number>();
  for (const r of rows) {
    if (r.ok) continue;
    const type = errorTypeOf(r.error_code, r.http_status, r.latency_ms === null ? null : Number(r.latency_ms));
    if (counts(type)) byType.set(type, (byType.get(type) ?? 0) + 1);
  }
  const failed = [...byType.values()].reduce((a, b) => a + b, 0);
  const rate = rows.length === 0 ? 0 : round((failed / rows.length) * 100);
  return {
    requests: rows.length,
    value: rows.length >= minRequests ? rate : undefined,
    errorRate: rate,
    errors: [...byType].map(([errorType, count]) => ({ errorType, count, rate: round((count / rows.length) * 100) })),
  };
}

/** Every alert's figures for one flow at `now`, each over its own window. */
export async function alertFigures(db: Queryable, flowId: string, now: Date, windows: Readonly<Record<AlertType, number>>, minRequests: number): Promise<Record<AlertType, AlertFigures>> {
  const widest = Math.max(...Object.values(windows));
  const rows = await db.query<SampleRow>(
    'SELECT action, ok, latency_ms, error_code, http_status, sampled_at FROM endpoint_health_samples WHERE flow_id = $1 AND sampled_at >= $2 AND sampled_at <= $3',
    [flowId, new Date(now.getTime() - widest).toISOString(), now.toISOString()],
  );
  const within = (type: AlertType): SampleRow[] => {
    const since = now.getTime() - windows[type];
    return rows.filter((r) => new Date(r.sampled_at).getTime() >= since);
  };

  // Endpoint errors: every failure the client did not report as its own.
  const endpointErrors = errorRate(within('ENDPOINT_ERROR_RATE'), (type) => !isClientError(type), minRequests);
  // Client errors: only the phones' requests (health checks come from the platform, not a client).
  const clientErrors = errorRate(
    within('CLIENT_ERROR_RATE').filter((r) => r.action !== 'ping'),
    isClientError,
    minRequests,
  );

  const timed = within('ENDPOINT_LATENCY');
  const latencies = timed
    .filter((r) => r.latency_ms !== null && r.http_status !== null)
    .map((r) => Number(r.latency_ms))
    .sort((a, b) => a - b);
  const p90 = percentile(latencies, 90);
  const p50 = percentile(latencies, 50);
  const latency: AlertFigures = {
    requests: timed.length,
    value: timed.length >= minRequests ? p90 : undefined,
    ...(p50 === undefined ? {} : { p50LatencyMs: Math.round(p50) }),
    ...(p90 === undefined ? {} : { p90LatencyMs: Math.round(p90) }),
  };

  const pings = within('ENDPOINT_AVAILABILITY').filter((r) => r.action === 'ping');
  const availability = pings.length === 0 ? undefined : round((pings.filter((r) => r.ok).length / pings.length) * 100);
  return {
    ENDPOINT_ERROR_RATE: endpointErrors,
    CLIENT_ERROR_RATE: clientErrors,
    ENDPOINT_LATENCY: latency,
    ENDPOINT_AVAILABILITY: { requests: pings.length, value: availability, ...(availability === undefined ? {} : { availability }) },
  };
}

/** The thresholds the value has crossed. */
export function crossed(type: AlertType, value: number | undefined, thresholds: readonly number[]): number[] {
  if (value === undefined) return [];
  return thresholds.filter((t) => (BELOW.has(type) ? value < t : value >= t));
}

/** Whether threshold `a` is more severe than `b` for this alert. */
const moreSevere = (type: AlertType, a: number, b: number): boolean => (BELOW.has(type) ? a < b : a > b);

export interface AlertChange {
  type: AlertType;
  state: 'ACTIVATED' | 'DEACTIVATED';
  /** The threshold the webhook reports: the most severe one newly crossed, or the least severe one recovered. */
  threshold: number;
  /** The thresholds newly crossed (ACTIVATED) or recovered (DEACTIVATED). */
  thresholds: number[];
}

/** What changed for one alert between the thresholds crossed before and now: at most one change each way. */
export function changesOf(type: AlertType, before: readonly number[], now: readonly number[]): AlertChange[] {
  const out: AlertChange[] = [];
  const down = before.filter((t) => !now.includes(t));
  const up = now.filter((t) => !before.includes(t));
  if (down.length > 0) {
    const least = down.reduce((a, b) => (moreSevere(type, a, b) ? b : a));
    out.push({ type, state: 'DEACTIVATED', threshold: least, thresholds: down });
  }
  if (up.length > 0) {
    const most = up.reduce((a, b) => (moreSevere(type, a, b) ? a : b));
    out.push({ type, state: 'ACTIVATED', threshold: most, thresholds: up });
  }
  return out;
}

/** endpoint_health_alerts.alert_type of one crossed threshold: `ENDPOINT_ERROR_RATE@10`. */
export function alertKey(type: AlertType, threshold: number): string {
  return `${type}@${threshold}`;
}

/** The alert and threshold of a stored key; a key of an older sandbox (no threshold) is its first one. */
export function parseAlertKey(key: string, t: HealthThresholds): { type: AlertType; threshold: number } | undefined {
  const [type, level] = key.split('@');
  if (!(ALERT_TYPES as readonly string[]).includes(type ?? '')) return undefined;
  const alert = type as AlertType;
  const threshold = level === undefined ? thresholdsOf(alert, t)[0] : Number(level);
  return threshold === undefined || !Number.isFinite(threshold) ? undefined : { type: alert, threshold };
}

const WHAT: Readonly<Record<AlertType, string>> = {
  ENDPOINT_ERROR_RATE: 'endpoint error rate',
  CLIENT_ERROR_RATE: 'client error rate',
  ENDPOINT_LATENCY: 'endpoint p90 latency',
  ENDPOINT_AVAILABILITY: 'endpoint availability',
};

function minutes(ms: number): string {
  return `${Math.round(ms / MINUTE)} min`;
}

/** The `flows` webhook value of one change, with the §6.2 fields of its alert. */
export function alertValue(change: AlertChange, flowId: string, flowName: string, f: AlertFigures, windowMs: number): Record<string, unknown> {
  const { type, state, threshold } = change;
  const value: Record<string, unknown> = { event: type, flow_id: flowId, alert_state: state, threshold, requests_count: f.requests };
  const unit = type === 'ENDPOINT_LATENCY' ? ' ms' : '%';
  const now = type === 'ENDPOINT_LATENCY' ? `${f.p90LatencyMs ?? 0} ms` : `${f.value ?? 0}%`;
  const verb = BELOW.has(type) ? (state === 'ACTIVATED' ? 'fell below' : 'recovered above') : state === 'ACTIVATED' ? 'crossed' : 'fell back below';
  value.message = `Flow ${flowName}'s ${WHAT[type]} ${verb} ${threshold}${unit}: ${now} over the last ${minutes(windowMs)} (${f.requests} ${type === 'ENDPOINT_AVAILABILITY' ? 'health checks' : 'requests'}).`;
  switch (type) {
    case 'ENDPOINT_ERROR_RATE':
    case 'CLIENT_ERROR_RATE':
      value.error_rate = f.errorRate ?? 0;
      value.errors = (f.errors ?? []).map((e) => ({ error_type: e.errorType, error_rate: e.rate, error_count: e.count }));
      break;
    case 'ENDPOINT_LATENCY':
      value.p50_latency = f.p50LatencyMs ?? null;
      value.p90_latency = f.p90LatencyMs ?? null;
      break;
    case 'ENDPOINT_AVAILABILITY':
      value.availability = f.availability ?? null;
      break;
  }
  return value;
}
