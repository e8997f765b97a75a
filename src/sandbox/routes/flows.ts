// Flows management, on the surfaces that have it: Graph (/graph/{version}/{waba-id}/flows,
// /{flow-id}) and the Partner API (/hub/api/v2/partners/{id}/waba_accounts/{id}/flows); the
// handlers act on the account the path named (OperationRequest.phone) and answer Graph's form,
// which the operation pipeline turns into the Partner API's where it differs. Lifecycle, from
// Meta's Flows API: a flow starts DRAFT; only a DRAFT changes (metadata, Flow JSON), is published
// (when its Flow JSON has no validation errors, its version is publishable (5.1+) and, with an
// endpoint, the endpoint answers the health-check ping) or is deleted; only a PUBLISHED flow is
// deprecated. THROTTLED and BLOCKED come from endpoint health (set by the sandbox's health monitor
// or /_sandbox).
import type { HostingType } from '../../api/types.js';
import { DEFAULT_FLOW_FIELDS, PARTNER_FLOW_FIELDS } from '../../api/contract/index.js';
import { findAccountByWabaAccountId, findAccountByWabaId } from '../account.js';
import type { SandboxContext } from '../context.js';
import {
  deleteDraftFlow,
  findFlowByName,
  getFlowJson,
  getFlowRecord,
  insertFlow,
  listFlowRecords,
  putFlowJson,
  transitionFlow,
  updateFlowMetadata,
} from '../data/flows.js';
import type { FlowStatus, FlowStatusEvent } from '../events.js';
import type { EndpointHealthCheck, SandboxExtensions } from '../extensions.js';
import { blockingErrors, unpublishableVersion, validateFlowSource } from '../flow-validation.js';
import { numericId } from '../ids.js';
import type { FlowRecord } from '../records.js';
import { errorResponse, json } from '../router.js';
import { markQueued, queueFlowStatusWebhook, wakeDispatcher } from '../webhooks/outbox.js';
import type { Queryable } from '../../store/index.js';
import { flowNotFound, flowStateError, nameNotUnique } from './flow-errors.js';
import type { OperationHandler, OperationRequest } from './operation.js';
import { flowMetricsHandler } from './flow-metrics.js';
import { previewOf } from './preview.js';

type Body = Record<string, unknown>;

const NAME_LOCK = `SELECT pg_advisory_xact_lock(hashtext('waflow_sandbox_flow_names:' || current_schema()))`;

/**
 * Writes the FLOW_STATUS_CHANGE webhook of a status change on `tx`, the transaction that made the
 * change; returns the event to announce once it has committed.
 */
export async function queueFlowStatus(tx: Queryable, ctx: SandboxContext, accountId: string | undefined, change: Omit<FlowStatusEvent, 'at'>): Promise<FlowStatusEvent> {
  const event: FlowStatusEvent = markQueued({ ...change, at: ctx.clock() });
  await queueFlowStatusWebhook(tx, ctx, event, accountId);
  return event;
}

/** After the commit: send the queued webhook now and tell the listeners (phone UI). */
export async function announceFlowStatus(ctx: SandboxContext, event: FlowStatusEvent): Promise<void> {
  wakeDispatcher(ctx);
  await ctx.events.emit('flow.status', event);
}

/** Moves a flow from one status to another together with its webhook; false when it was not in `from`. */
async function transitionWithWebhook(ctx: SandboxContext, accountId: string, flow: FlowRecord, from: FlowStatus, to: FlowStatus): Promise<boolean> {
  const event = await ctx.store.transaction(async (tx) => {
    if (!(await transitionFlow(tx, accountId, flow.id, from, to, ctx.clock()))) return undefined;
    return queueFlowStatus(tx, ctx, accountId, { flowId: flow.id, flowName: flow.name, oldStatus: from, newStatus: to });
  });
  if (event === undefined) return false;
  await announceFlowStatus(ctx, event);
  return true;
}

async function loadFlow(r: OperationRequest): Promise<FlowRecord | Response> {
  const id = r.params.flowId ?? '';
  const flow = await getFlowRecord(r.ctx.store, r.phone.id, id);
  return flow ?? flowNotFound(r.hostingType, id);
}

/** Publishes a DRAFT flow after the checks; answers the error to send, or undefined on success. */
async function publish(ctx: SandboxContext, accountId: string, hostingType: HostingType, flow: FlowRecord, check: EndpointHealthCheck | undefined): Promise<Response | undefined> {
  const title = 'Publishing Flow failed';
  if (flow.status !== 'DRAFT') {
    return flowStateError(hostingType, 139002, title, `Only a DRAFT flow can be published; flow ${flow.id} is ${flow.status}.`);
  }
  const asset = await getFlowJson(ctx.store, flow.id);
  if (asset === undefined) return flowStateError(hostingType, 139002, title, 'The flow has no Flow JSON yet; upload flow.json before publishing.');
  const errors = blockingErrors(flow.validationErrors);
  if (errors.length > 0) {
    return flowStateError(hostingType, 139002, title, `The Flow JSON has ${errors.length} validation error(s); fix them and upload it again before publishing.`);
  }
  const frozen = unpublishableVersion(flow.jsonVersion);
  if (frozen !== undefined) return flowStateError(hostingType, 139002, title, frozen);
  // A flow that exchanges data (data_api_version) needs an endpoint, and an endpoint must answer
  // the encrypted health-check ping before the flow goes live.
  const usesEndpoint = flow.endpointUri !== undefined || flow.dataApiVersion !== undefined;
  if (usesEndpoint) {
    if (check === undefined) {
      return flowStateError(hostingType, 139002, title, 'This flow has an endpoint, and this sandbox build has no endpoint health check (src/sandbox/health/), so it cannot be published.');
    }
    const health = await check(ctx, flow);
    if (!health.ok) return flowStateError(hostingType, 139002, title, `The endpoint health check failed: ${health.message ?? 'no healthy answer to the ping'}.`);
  }
  if (!(await transitionWithWebhook(ctx, accountId, flow, 'DRAFT', 'PUBLISHED'))) {
    return flowStateError(hostingType, 139002, title, `Flow ${flow.id} changed status while it was being published; read it again.`);
  }
  ctx.log.info('flow published', { flow: flow.id });
  return undefined;
}

async function describe(r: OperationRequest, flow: FlowRecord, fields: readonly string[]): Promise<Body> {
  const out: Body = { id: flow.id };
  for (const field of fields) {
    switch (field) {
      case 'name': out.name = flow.name; break;
      case 'status': out.status = flow.status; break;
      case 'categories': out.categories = flow.categories; break;
      case 'validation_errors': out.validation_errors = flow.validationErrors; break;
      case 'json_version': if (flow.jsonVersion !== undefined) out.json_version = flow.jsonVersion; break;
      case 'data_api_version': if (flow.dataApiVersion !== undefined) out.data_api_version = flow.dataApiVersion; break;
      case 'endpoint_uri': if (flow.endpointUri !== undefined) out.endpoint_uri = flow.endpointUri; break;
      case 'data_channel_uri': {
        const asset = await getFlowJson(r.ctx.store, flow.id);
        const uri = asset === undefined ? undefined : dataChannelUri(asset.content);
        if (uri !== undefined) out.data_channel_uri = uri;
        break;
      }
      case 'preview': out.preview = await previewOf(r.ctx, flow.id, false); break;
      case 'whatsapp_business_account': out.whatsapp_business_account = { id: r.phone.wabaId ?? r.phone.id, name: 'waflow sandbox', currency: 'USD', timezone_id: '0', message_template_namespace: 'waflow_sandbox' }; break;
      case 'application': out.application = { id: 'waflow-sandbox', name: 'waflow sandbox', link: r.ctx.config.publicBaseUrl }; break;
      case 'health_status': out.health_status = healthStatus(r, flow); break;
    }
  }
  return out;
}

function dataChannelUri(content: string): string | undefined {
  try {
    const uri = (JSON.parse(content) as Body).data_channel_uri;
    return typeof uri === 'string' ? uri : undefined;
  } catch {
    return undefined;
  }
}

// Meta's health_status: whether messages with this flow can be sent, per entity on the path.
function healthStatus(r: OperationRequest, flow: FlowRecord): Body {
  const can = flow.status === 'BLOCKED' ? 'BLOCKED' : flow.status === 'THROTTLED' ? 'LIMITED' : 'AVAILABLE';
  return {
    can_send_message: can,
    entities: [
      { entity_type: 'FLOW', id: flow.id, can_send_message: can },
      { entity_type: 'WABA', id: r.phone.wabaId ?? r.phone.id, can_send_message: 'AVAILABLE' },
      { entity_type: 'PHONE_NUMBER', id: r.phone.id, can_send_message: 'AVAILABLE' },
    ],
  };
}

export function flowHandlers(extensions: SandboxExtensions): Record<string, OperationHandler> {
  return {
    'flows.create': async (r) => {
      const body = r.body as Body;
      const name = String(body.name);
      const categories = body.categories as string[];
      let endpointUri = typeof body.endpoint_uri === 'string' ? body.endpoint_uri : undefined;
      let source = typeof body.flow_json === 'string' ? body.flow_json : undefined;
      const cloneId = typeof body.clone_flow_id === 'string' ? body.clone_flow_id : undefined;
      if (cloneId !== undefined) {
        const original = await getFlowRecord(r.ctx.store, r.phone.id, cloneId);
        if (original === undefined) return flowNotFound(r.hostingType, cloneId);
        source ??= (await getFlowJson(r.ctx.store, original.id))?.content;
        endpointUri ??= original.endpointUri;
      }
      const id = numericId();
      const now = r.ctx.clock();
      const summary = source === undefined ? undefined : validateFlowSource(source);
      // The new flow, its Flow JSON and its DRAFT status webhook commit together.
      const created = await r.ctx.store.transaction(async (tx) => {
        await tx.query(NAME_LOCK);
        if ((await findFlowByName(tx, r.phone.id, name)) !== undefined) return undefined;
        await insertFlow(tx, { id, accountId: r.phone.id, name, categories, endpointUri, at: now });
        if (source !== undefined && summary !== undefined) await putFlowJson(tx, id, source, summary, now);
        return queueFlowStatus(tx, r.ctx, r.phone.id, { flowId: id, flowName: name, oldStatus: undefined, newStatus: 'DRAFT' });
      });
      if (created === undefined) return nameNotUnique(r.hostingType, name);
      await announceFlowStatus(r.ctx, created);
      const flow = (await getFlowRecord(r.ctx.store, r.phone.id, id)) as FlowRecord;
      if (summary === undefined) return json({ id });
      if (body.publish === true) {
        const failed = await publish(r.ctx, r.phone.id, r.hostingType, flow, extensions.checkEndpointHealth);
        if (failed !== undefined && blockingErrors(summary.validationErrors).length === 0) return failed;
        return json({ id, success: failed === undefined, validation_errors: summary.validationErrors });
      }
      return json({ id, success: true, validation_errors: summary.validationErrors });
    },

    'flows.list': async (r) => {
      // Pages when asked (`limit`, then `after` on Graph or `offset` on the Partner API: contract's
      // checkPage); without a limit the whole list comes in one answer, as before. Reading: Graph
      // pages every list, with a default size it does not document; one answer keeps scripts that
      // never page working here, and the client's listAll pages either way.
      const flows = await listFlowRecords(r.ctx.store, r.phone.id);
      const cursor = (id: string): string => Buffer.from(id).toString('base64url');
      let start = 0;
      if (r.dialect === 'partner') start = Number(r.query.offset ?? '0');
      else if (r.query.after !== undefined) {
        const at = flows.findIndex((f) => cursor(f.id) === r.query.after);
        start = at < 0 ? flows.length : at + 1;
      }
      const limit = r.query.limit === undefined ? flows.length : Number(r.query.limit);
      const page = flows.slice(start, start + limit);
      const data = page.map((f) => ({ id: f.id, name: f.name, status: f.status, categories: f.categories, validation_errors: f.validationErrors }));
      const more = start + page.length < flows.length;
      const after = cursor(page[page.length - 1]?.id ?? '');
      const next = more ? { next: `${r.ctx.config.publicBaseUrl}${new URL(r.req.url).pathname}?limit=${limit}&after=${after}` } : {};
      return json({
        data,
        paging: { cursors: { before: cursor(page[0]?.id ?? ''), after }, ...next },
        ...(r.dialect === 'partner' ? { total: flows.length } : {}),
      });
    },

    'flows.get': async (r) => {
      const flow = await loadFlow(r);
      if (flow instanceof Response) return flow;
      // The Partner API's flow has no application or health_status (its field list says so).
      const defaults = r.dialect === 'partner' ? DEFAULT_FLOW_FIELDS.filter((f) => PARTNER_FLOW_FIELDS.includes(f)) : DEFAULT_FLOW_FIELDS;
      const fields = r.query.fields === undefined ? defaults : r.query.fields.split(',').map((f) => f.trim());
      return json(await describe(r, flow, fields));
    },

    'flows.update': async (r) => {
      const flow = await loadFlow(r);
      if (flow instanceof Response) return flow;
      const body = r.body as Body;
      if (flow.status !== 'DRAFT') {
        return flowStateError(r.hostingType, 139006, 'Updating Flow failed', `Only a DRAFT flow can be changed; flow ${flow.id} is ${flow.status}. Clone it to make a new draft.`);
      }
      const name = typeof body.name === 'string' ? body.name : undefined;
      const changes = { name, categories: Array.isArray(body.categories) ? (body.categories as string[]) : undefined, endpointUri: typeof body.endpoint_uri === 'string' ? body.endpoint_uri : undefined };
      const ok = await r.ctx.store.transaction(async (tx) => {
        await tx.query(NAME_LOCK);
        if (name !== undefined && name !== flow.name && (await findFlowByName(tx, r.phone.id, name)) !== undefined) return false;
        await updateFlowMetadata(tx, r.phone.id, flow.id, changes, r.ctx.clock());
        return true;
      });
      if (!ok) return nameNotUnique(r.hostingType, name ?? '');
      return json({ success: true });
    },

    'flows.uploadJson': async (r) => {
      const flow = await loadFlow(r);
      if (flow instanceof Response) return flow;
      if (flow.status !== 'DRAFT') {
        return flowStateError(r.hostingType, 139006, 'Updating Flow failed', `Only the Flow JSON of a DRAFT flow can be replaced; flow ${flow.id} is ${flow.status}.`);
      }
      const source = String((r.body as Body).file);
      const summary = validateFlowSource(source);
      await putFlowJson(r.ctx.store, flow.id, source, summary, r.ctx.clock());
      return json({ success: true, validation_errors: summary.validationErrors });
    },

    'flows.listAssets': async (r) => {
      const flow = await loadFlow(r);
      if (flow instanceof Response) return flow;
      const asset = await getFlowJson(r.ctx.store, flow.id);
      const data = asset === undefined ? [] : [{ name: 'flow.json', asset_type: 'FLOW_JSON', download_url: `${r.ctx.config.publicBaseUrl}/_sandbox/flows/${encodeURIComponent(flow.id)}/flow.json` }];
      return json({ data, paging: { cursors: { before: '', after: '' } } });
    },

    'flows.publish': async (r) => {
      const flow = await loadFlow(r);
      if (flow instanceof Response) return flow;
      return (await publish(r.ctx, r.phone.id, r.hostingType, flow, extensions.checkEndpointHealth)) ?? json({ success: true });
    },

    'flows.deprecate': async (r) => {
      const flow = await loadFlow(r);
      if (flow instanceof Response) return flow;
      const title = 'Flow deprecation failed';
      if (flow.status !== 'PUBLISHED' || !(await transitionWithWebhook(r.ctx, r.phone.id, flow, 'PUBLISHED', 'DEPRECATED'))) {
        return flowStateError(r.hostingType, 139003, title, `Only a PUBLISHED flow can be deprecated; flow ${flow.id} is ${flow.status}.`);
      }
      return json({ success: true });
    },

    'flows.delete': async (r) => {
      const flow = await loadFlow(r);
      if (flow instanceof Response) return flow;
      if (flow.status !== 'DRAFT' || !(await deleteDraftFlow(r.ctx.store, r.phone.id, flow.id))) {
        return flowStateError(r.hostingType, 139004, 'Flow deletion failed', `Only a DRAFT flow can be deleted; flow ${flow.id} is ${flow.status}. Deprecate a published flow instead.`);
      }
      return json({ success: true });
    },

    'flows.preview': async (r) => {
      const flow = await loadFlow(r);
      if (flow instanceof Response) return flow;
      const invalidate = r.query.fields === 'preview.invalidate(true)';
      return json({ id: flow.id, preview: await previewOf(r.ctx, flow.id, invalidate) });
    },

    'flows.metrics': async (r) => {
      const flow = await loadFlow(r);
      if (flow instanceof Response) return flow;
      return flowMetricsHandler(r, flow);
    },

    'flows.migrate': migrateFlows,
  };
}

/** Meta's answer code for a flow skipped because the destination has one of that name (Flows error codes). */
export const MIGRATE_NAME_EXISTS = '4233041';
/** At most this many flows per migration request (Flows API, "Migrate Flows"). */
const MIGRATE_MAX = 100;

/**
 * Copies flows by name from another WABA of the same business into this account: each keeps its
 * status, categories, endpoint and Flow JSON, and gets a new id; a name the destination already
 * has is skipped (4233041). The source is Meta's WABA id on Graph, 360dialog's WABA account id on
 * the Partner API; the business is the partner both numbers are onboarded under. Error codes are
 * strings, as in Meta's sample answer.
 */
const migrateFlows: OperationHandler = async (r) => {
  const body = r.body as Body;
  const sourceId = String(body.source_waba_id);
  const source = r.dialect === 'partner' ? await findAccountByWabaAccountId(r.ctx.store, sourceId) : await findAccountByWabaId(r.ctx.store, sourceId);
  if (source === undefined || source.partnerId !== r.phone.partnerId) {
    return errorResponse(r.hostingType, 400, { code: 100, message: '(#100) Invalid parameter', details: `source_waba_id ${sourceId} is not a WhatsApp Business Account of this business.` });
  }
  if (source.id === r.phone.id) {
    return errorResponse(r.hostingType, 400, { code: 100, message: '(#100) Invalid parameter', details: 'source_waba_id names the destination WABA itself; migrate from another WABA.' });
  }
  const requested = Array.isArray(body.source_flow_names) ? [...new Set(body.source_flow_names.map(String))] : undefined;
  const names = (requested ?? (await listFlowRecords(r.ctx.store, source.id)).reverse().map((f) => f.name)).filter((n, i, all) => all.indexOf(n) === i).slice(0, MIGRATE_MAX);

  const migrated: { source_name: string; source_id: string; migrated_id: string }[] = [];
  const failed: { source_name: string; error_code: string; error_message: string }[] = [];
  const now = r.ctx.clock();
  const events = await r.ctx.store.transaction(async (tx) => {
    await tx.query(NAME_LOCK);
    const queued: FlowStatusEvent[] = [];
    for (const name of names) {
      const original = await findFlowByName(tx, source.id, name);
      if (original === undefined) {
        failed.push({ source_name: name, error_code: '100', error_message: 'No flow with this name exists in the source WABA.' });
        continue;
      }
      if ((await findFlowByName(tx, r.phone.id, name)) !== undefined) {
        failed.push({ source_name: name, error_code: MIGRATE_NAME_EXISTS, error_message: 'Flow with the same name exists in destination WABA.' });
        continue;
      }
      const id = numericId();
      await insertFlow(tx, { id, accountId: r.phone.id, name, categories: original.categories, endpointUri: original.endpointUri, status: original.status, at: now });
      const asset = await getFlowJson(tx, original.id);
      if (asset !== undefined) {
        await putFlowJson(tx, id, asset.content, { jsonVersion: original.jsonVersion, dataApiVersion: original.dataApiVersion, validationErrors: original.validationErrors }, now);
      }
      queued.push(await queueFlowStatus(tx, r.ctx, r.phone.id, { flowId: id, flowName: name, oldStatus: undefined, newStatus: original.status }));
      migrated.push({ source_name: name, source_id: original.id, migrated_id: id });
    }
    return queued;
  });
  for (const event of events) await announceFlowStatus(r.ctx, event);
  if (migrated.length > 0) r.ctx.log.info('flows migrated', { from: source.id, to: r.phone.id, count: migrated.length });
  return json({ migrated_flows: migrated, failed_flows: failed });
};
