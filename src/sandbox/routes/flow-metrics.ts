// Flow endpoint metrics from the stored health samples (Flows metrics API:
// developers.facebook.com/docs/whatsapp/flows/reference/metrics_api): one data point per DAY or
// HOUR that has samples, or one for the LIFETIME, computed by the health folder's flowMetrics.
import { parseMetricFields } from '../../api/contract/index.js';
import { flowMetrics } from '../health/samples.js';
import type { HealthMetrics } from '../health/samples.js';
import type { FlowRecord } from '../records.js';
import { json } from '../router.js';
import type { OperationRequest } from './operation.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** Bounds the work of one call: 90 days of hourly points. */
const MAX_BUCKETS = 90 * 24;

function graphTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+0000');
}

function points(name: string, m: HealthMetrics): { key: string; value: number }[] {
  switch (name) {
    case 'ENDPOINT_REQUEST_COUNT':
      return [{ key: 'value', value: m.requests }];
    case 'ENDPOINT_REQUEST_ERROR':
      return m.errorsByType.map((e) => ({ key: e.errorType, value: e.count }));
    case 'ENDPOINT_REQUEST_ERROR_RATE':
      return [{ key: 'value', value: m.errorRate }];
    case 'ENDPOINT_REQUEST_LATENCY_SECONDS_CEIL': {
      const out: { key: string; value: number }[] = [];
      if (m.p50LatencyMs !== undefined) out.push({ key: 'p50', value: Math.ceil(m.p50LatencyMs / 1000) });
      if (m.p90LatencyMs !== undefined) out.push({ key: 'p90', value: Math.ceil(m.p90LatencyMs / 1000) });
      return out;
    }
    default:
      return m.availability === undefined ? [] : [{ key: 'availability', value: m.availability }];
  }
}

export async function flowMetricsHandler(r: OperationRequest, flow: FlowRecord): Promise<Response> {
  // The contract's validator has already checked the syntax, names and dates.
  const query = parseMetricFields(r.query.fields ?? '') ?? {};
  const name = query.name ?? 'ENDPOINT_REQUEST_COUNT';
  const granularity = query.granularity ?? 'LIFETIME';
  const now = r.ctx.clock();
  const until = query.until === undefined ? now : new Date(`${query.until}T23:59:59.999Z`);
  const since = query.since === undefined ? (granularity === 'LIFETIME' ? flow.createdAt : new Date(until.getTime() - 7 * DAY)) : new Date(`${query.since}T00:00:00Z`);

  const dataPoints: { timestamp: string; data: { key: string; value: number }[] }[] = [];
  if (granularity === 'LIFETIME') {
    dataPoints.push({ timestamp: graphTime(since), data: points(name, await flowMetrics(r.ctx.store, flow.id, since, until)) });
  } else {
    const step = granularity === 'DAY' ? DAY : HOUR;
    const start = Math.floor(since.getTime() / step) * step;
    const count = Math.min(MAX_BUCKETS, Math.ceil((until.getTime() - start) / step));
    for (let i = 0; i < count; i++) {
      const from = new Date(start + i * step);
      const to = new Date(start + (i + 1) * step - 1);
      const m = await flowMetrics(r.ctx.store, flow.id, from, to);
      if (m.requests > 0) dataPoints.push({ timestamp: graphTime(from), data: points(name, m) });
    }
  }
  return json({ id: flow.id, metric: { name, granularity, data_points: dataPoints } });
}
