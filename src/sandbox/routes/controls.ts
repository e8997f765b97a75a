// Sandbox controls for flows: set a flow THROTTLED, BLOCKED or back to PUBLISHED, as the
// platform's endpoint health monitoring would, so a test can try those paths.
import type { SandboxContext } from '../context.js';
import { ANY_ACCOUNT, getFlowRecord, setFlowStatus } from '../data/flows.js';
import type { FlowStatus } from '../events.js';
import { json, readJson } from '../router.js';
import type { Router } from '../router.js';
import { announceFlowStatus, queueFlowStatus } from './flows.js';

const HEALTH_STATUSES: readonly FlowStatus[] = ['PUBLISHED', 'THROTTLED', 'BLOCKED'];

export function registerFlowControls(router: Router): void {
  router.add('POST', '/_sandbox/flows/:flowId/status', async (req: Request, params: Record<string, string>, ctx: SandboxContext) => {
    // A sandbox control (no API key): it acts on the flow of whichever account owns it.
    const flow = await getFlowRecord(ctx.store, ANY_ACCOUNT, params.flowId ?? '');
    if (flow === undefined) return json({ error: { message: `No flow with id ${params.flowId ?? ''}.`, code: 100 } }, 404);
    const read = await readJson(req, 'cloud');
    if (!read.ok) return read.response;
    const status = (read.value as { status?: unknown } | undefined)?.status;
    if (typeof status !== 'string' || !(HEALTH_STATUSES as readonly string[]).includes(status)) {
      return json({ error: { message: `status must be one of ${HEALTH_STATUSES.join(', ')}.`, code: 100 } }, 400);
    }
    if (!(HEALTH_STATUSES as readonly string[]).includes(flow.status)) {
      return json({ error: { message: `Flow ${flow.id} is ${flow.status}; only a published flow's health status can change.`, code: 100 } }, 409);
    }
    // The status and its webhook commit together; the status read under the row lock is the old one.
    const event = await ctx.store.transaction(async (tx) => {
      const old = await setFlowStatus(tx, ANY_ACCOUNT, flow.id, status as FlowStatus, ctx.clock());
      if (old === undefined || old === status) return undefined;
      return queueFlowStatus(tx, ctx, undefined, { flowId: flow.id, flowName: flow.name, oldStatus: old, newStatus: status as FlowStatus });
    });
    if (event !== undefined) await announceFlowStatus(ctx, event);
    return json({ success: true, id: flow.id, status });
  });
}
