// FLOW_VERSION_EXPIRY_WARNING (platform-protocols.md §6.2: "sending a Flow whose version is about to
// expire (once per Flow)"). Meta freezes a Flow JSON version before it expires (flow-json.md,
// "Versioning": frozen versions still send and open, expired ones do not; notice normally 90 days);
// the docs give no expiry dates, so the sandbox reads "about to expire" as frozen: every version
// below MIN_PUBLISHABLE_VERSION. The first send of such a flow queues the warning, once per flow
// (a row of endpoint_health_alerts, written in the webhook's transaction, remembers it).
import { LATEST_FLOW_JSON_VERSION, MIN_PUBLISHABLE_VERSION, compareVersions, isFlowJsonVersion } from '../../flow-json/index.js';
import type { SandboxContext } from '../context.js';
import type { FlowWebhookEvent } from '../webhooks/dispatcher.js';
import { markQueued, queueFlowsWebhook, wakeDispatcher } from '../webhooks/outbox.js';

export const VERSION_EXPIRY_EVENT = 'FLOW_VERSION_EXPIRY_WARNING';

/** Whether flows on this Flow JSON version are on their way to expiry (frozen). */
export function expiringVersion(version: string | null | undefined): boolean {
  return isFlowJsonVersion(version) && compareVersions(version, MIN_PUBLISHABLE_VERSION) < 0;
}

export function versionExpiryValue(flowId: string, flowName: string, version: string): Record<string, unknown> {
  return {
    event: VERSION_EXPIRY_EVENT,
    flow_id: flowId,
    message: `Flow ${flowName} was sent on Flow JSON version ${version}, which is frozen and will expire.`,
    warning:
      `Flow JSON version ${version} is frozen: once it expires, messages of this flow can no longer be sent or opened. ` +
      `Move the flow to version ${MIN_PUBLISHABLE_VERSION} or later (latest ${LATEST_FLOW_JSON_VERSION}) and publish it again.`,
  };
}

/** After a message of `flowId` was sent: the warning, the first time for a flow on an expiring version. */
export async function warnVersionExpiry(ctx: SandboxContext, flowId: string, known?: { name: string; jsonVersion: string | undefined }): Promise<void> {
  const rows = known !== undefined ? [{ name: known.name, json_version: known.jsonVersion ?? null }] : await ctx.store.query<{ name: string; json_version: string | null }>('SELECT name, json_version FROM flows WHERE id = $1', [flowId]);
  const flow = rows[0];
  if (flow === undefined || !expiringVersion(flow.json_version)) return;
  const version = flow.json_version ?? '';
  const now = ctx.clock();
  const event = await ctx.store.transaction(async (tx) => {
    const fresh = await tx.query<{ flow_id: string }>(
      'INSERT INTO endpoint_health_alerts (flow_id, alert_type, activated_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING flow_id',
      [flowId, VERSION_EXPIRY_EVENT, now.toISOString()],
    );
    if (fresh.length === 0) return undefined;
    const queued: FlowWebhookEvent = markQueued({ flowId, value: versionExpiryValue(flowId, flow.name, version), at: now });
    await queueFlowsWebhook(tx, ctx, flowId, queued.value, now);
    return queued;
  });
  if (event === undefined) return;
  wakeDispatcher(ctx);
  ctx.log.info('flow version expiry warning', { flow: flowId, version });
  await ctx.events.emit('flow.webhook', event);
}
