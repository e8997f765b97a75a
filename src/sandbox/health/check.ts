// checkEndpointHealth: the encrypted ping the platform sends before a flow with an endpoint is
// published (Meta, "Implementing Endpoint for Flows": publishing runs a health check), with the
// business public key the sandbox holds, recorded as a health sample.
import type { SandboxContext } from '../context.js';
import type { EndpointHealthResult } from '../extensions.js';
import type { FlowRecord } from '../records.js';
import { pingEndpoint } from './diagnose.js';
import type { HealthDiagnosis } from './diagnose.js';
import { recordSample } from './samples.js';

const lastChecks = new WeakMap<object, Map<string, HealthDiagnosis>>();

/** The diagnosis of the flow's most recent health check in this sandbox run. */
export function lastDiagnosis(ctx: SandboxContext, flowId: string): HealthDiagnosis | undefined {
  return lastChecks.get(ctx.store)?.get(flowId);
}

export interface EndpointHealthCheckResult extends EndpointHealthResult {
  readonly diagnosis: HealthDiagnosis;
}

/** The endpoint a flow uses: endpoint_uri, or `data_channel_uri` in Flow JSON before 3.0. */
export async function flowEndpointUri(ctx: SandboxContext, flowId: string, endpointUri: string | undefined | null): Promise<string | undefined> {
  if (typeof endpointUri === 'string' && endpointUri !== '') return endpointUri;
  const rows = await ctx.store.query<{ content: string }>(`SELECT content FROM flow_assets WHERE flow_id = $1 AND asset_type = 'FLOW_JSON' ORDER BY updated_at DESC LIMIT 1`, [flowId]);
  const content = rows[0]?.content;
  if (content === undefined) return undefined;
  try {
    const uri = (JSON.parse(content) as { data_channel_uri?: unknown }).data_channel_uri;
    return typeof uri === 'string' && uri !== '' ? uri : undefined;
  } catch {
    return undefined;
  }
}

/** The business public key PEM the sandbox account uploaded, if any. */
export async function accountPublicKey(ctx: SandboxContext): Promise<string | undefined> {
  const rows = await ctx.store.query<{ public_key_pem: string }>(
    `SELECT k.public_key_pem FROM business_public_keys k JOIN phones p ON p.id = k.phone_id WHERE p.role = 'business' AND p.number = $1`,
    [ctx.config.businessNumber],
  );
  return rows[0]?.public_key_pem;
}

/** Pings the flow's endpoint and records the sample; `ok` tells publish whether to go on. */
export async function checkEndpointHealth(ctx: SandboxContext, flow: Pick<FlowRecord, 'id' | 'endpointUri' | 'dataApiVersion'>): Promise<EndpointHealthCheckResult> {
  const uri = await flowEndpointUri(ctx, flow.id, flow.endpointUri);
  if (uri === undefined) {
    const diagnosis: HealthDiagnosis = { ok: false, kind: 'not-configured', message: 'the flow has no endpoint_uri to check', endpointUri: '', checkedAt: ctx.clock().toISOString() };
    return { ok: false, message: diagnosis.message, diagnosis };
  }
  const diagnosis = await pingEndpoint({
    endpointUri: uri,
    publicKeyPem: await accountPublicKey(ctx),
    ...(ctx.config.appSecret === undefined ? {} : { appSecret: ctx.config.appSecret }),
    ...(flow.dataApiVersion === '4.0' ? { version: '4.0' as const } : {}),
    now: ctx.clock,
  });
  let checks = lastChecks.get(ctx.store);
  if (checks === undefined) {
    checks = new Map();
    lastChecks.set(ctx.store, checks);
  }
  checks.set(flow.id, diagnosis);
  if (diagnosis.kind !== 'not-configured') {
    await recordSample(ctx.store, {
      flowId: flow.id,
      endpointUri: uri,
      action: 'ping',
      at: new Date(diagnosis.checkedAt),
      ok: diagnosis.ok,
      ...(diagnosis.latencyMs === undefined ? {} : { latencyMs: diagnosis.latencyMs }),
      ...(diagnosis.httpStatus === undefined ? {} : { httpStatus: diagnosis.httpStatus }),
      ...(diagnosis.ok ? {} : { errorCode: diagnosis.kind }),
    });
    await ctx.events.emit('endpoint.exchange', { flowId: flow.id, endpointUri: uri, ok: diagnosis.ok, at: new Date(diagnosis.checkedAt) });
  }
  ctx.log[diagnosis.ok ? 'debug' : 'warn']('endpoint health check', { flow: flow.id, result: diagnosis.kind, status: diagnosis.httpStatus, latency_ms: diagnosis.latencyMs });
  return { ok: diagnosis.ok, message: diagnosis.message, diagnosis };
}
