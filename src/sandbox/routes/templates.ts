// Message templates at /v1/configs/templates (both hosting types) and Graph's message_templates
// (see src/api/contract/templates.ts). A new template is PENDING; the sandbox approves it after
// `templateApprovalDelayMs`, or at once via POST /_sandbox/templates/{id}/approve (and /reject, to
// try the unhappy path); POST /_sandbox/templates/{id}/status moves it along the rest of Meta's
// review lifecycle (paused, disabled, appealed). A FLOW button must name an existing flow (flow_id
// or flow_name); flow_json creates one from the document. Deleting follows data/templates.ts.
import type { HostingType } from '../../api/types.js';
import type { SandboxContext } from '../context.js';
import { findFlowByName, getFlowRecord, insertFlow, putFlowJson } from '../data/flows.js';
import { deletedNameHold, deleteTemplates, findTemplatesByName, getTemplateRecord, insertTemplate, listTemplateRecords, transitionTemplate } from '../data/templates.js';
import type { TemplateStatus } from '../events.js';
import { blockingErrors, unpublishableVersion, validateFlowSource } from '../flow-validation.js';
import { numericId } from '../ids.js';
import type { TemplateRecord } from '../records.js';
import { errorResponse, json, readJson } from '../router.js';
import type { Router } from '../router.js';
import { onPremiseMeta } from './encryption.js';
import type { OperationHandler } from './operation.js';

export const TEMPLATE_NAMESPACE = 'waflow_sandbox';

type Body = Record<string, unknown>;

function invalid(hostingType: HostingType, details: string, status = 400): Response {
  return hostingType === 'cloud'
    ? errorResponse('cloud', status, { code: 100, message: 'Invalid parameter', details })
    : errorResponse('on-premise', status, { code: 1009, message: 'Parameter value is not valid', details });
}

export function templateWire(t: TemplateRecord): Body {
  return {
    id: t.id,
    name: t.name,
    language: t.language,
    category: t.category,
    status: t.status,
    components: t.components,
    namespace: TEMPLATE_NAMESPACE,
    ...(t.rejectedReason === undefined ? {} : { rejected_reason: t.rejectedReason }),
  };
}

/** Changes a template's status and announces it; false when it was not in one of `from`. */
export async function setTemplateStatus(ctx: SandboxContext, accountId: string | undefined, id: string, from: readonly TemplateStatus[], to: TemplateStatus, reason?: string): Promise<boolean> {
  const before = await getTemplateRecord(ctx.store, accountId, id);
  if (before === undefined) return false;
  if (!(await transitionTemplate(ctx.store, id, from, to, ctx.clock(), reason))) return false;
  await ctx.events.emit('template.status', {
    templateId: id,
    name: before.name,
    language: before.language,
    oldStatus: before.status,
    newStatus: to,
    ...(reason === undefined ? {} : { reason }),
    at: ctx.clock(),
  });
  ctx.log.info('template status', { template: before.name, language: before.language, status: to });
  return true;
}

type Resolved = { ok: true; components: unknown[] } | { ok: false; response: Response };

/** Resolves each FLOW button to an existing flow id (creating a flow for flow_json). */
async function resolveFlowButtons(ctx: SandboxContext, accountId: string, hostingType: HostingType, templateName: string, components: unknown[]): Promise<Resolved> {
  const out: unknown[] = [];
  for (const component of components) {
    const c = component as Body;
    if (String(c.type).toUpperCase() !== 'BUTTONS' || !Array.isArray(c.buttons)) {
      out.push(component);
      continue;
    }
    const buttons: unknown[] = [];
    for (const button of c.buttons as Body[]) {
      if (button.type !== 'FLOW') {
        buttons.push(button);
        continue;
      }
      let flowId: string | undefined;
      if (typeof button.flow_id === 'string') {
        flowId = (await getFlowRecord(ctx.store, accountId, button.flow_id))?.id;
        if (flowId === undefined) return { ok: false, response: invalid(hostingType, `The FLOW button names flow_id ${button.flow_id}, which does not exist.`) };
      } else if (typeof button.flow_name === 'string') {
        flowId = (await findFlowByName(ctx.store, accountId, button.flow_name))?.id;
        if (flowId === undefined) return { ok: false, response: invalid(hostingType, `The FLOW button names flow_name "${button.flow_name}", which does not exist.`) };
      } else {
        const source = String(button.flow_json);
        const summary = validateFlowSource(source);
        const errors = blockingErrors(summary.validationErrors);
        if (errors.length > 0) {
          return { ok: false, response: invalid(hostingType, `The FLOW button's flow_json has ${errors.length} validation error(s); the first: ${String(errors[0]?.message)}`) };
        }
        // Published with the template, so it must be a version that can still be published.
        const frozen = unpublishableVersion(summary.jsonVersion);
        if (frozen !== undefined) return { ok: false, response: invalid(hostingType, `The FLOW button's flow_json cannot be published: ${frozen}`) };
        // A flow made from a template's flow_json is published with it, as the platform does.
        const id = numericId();
        flowId = id;
        const now = ctx.clock();
        await ctx.store.transaction(async (tx) => {
          await insertFlow(tx, { id, accountId, name: `${templateName}_flow_${id.slice(-6)}`, categories: ['OTHER'], status: 'PUBLISHED', at: now });
          await putFlowJson(tx, id, source, summary, now);
        });
      }
      const { flow_json: _json, flow_name: _name, ...rest } = button;
      buttons.push({ ...rest, flow_id: flowId });
    }
    out.push({ ...c, buttons });
  }
  return { ok: true, components: out };
}

export const templateHandlers: Record<string, OperationHandler> = {
  'templates.create': async (r) => {
    const body = r.body as Body;
    const name = String(body.name);
    const language = String(body.language);
    const category = String(body.category);
    const resolved = await resolveFlowButtons(r.ctx, r.phone.id, r.hostingType, name, body.components as unknown[]);
    if (!resolved.ok) return resolved.response;
    const id = numericId();
    const heldUntil = await deletedNameHold(r.ctx.store, r.phone.id, name, language, r.ctx.clock());
    if (heldUntil !== undefined) {
      return invalid(r.hostingType, `New ${language} content can't be added while the existing ${language} content of "${name}" is being deleted: a deleted approved template's name and language can be used again from ${heldUntil.toISOString()} (30 days). Use another name.`);
    }
    const inserted = await insertTemplate(r.ctx.store, { id, accountId: r.phone.id, name, language, category, components: resolved.components, at: r.ctx.clock() });
    if (!inserted) {
      // Graph's answer to a second template of the same name and language.
      return invalid(r.hostingType, `Content in this language already exists: a template "${name}" in ${language} exists. Use another name or language.`);
    }
    await r.ctx.events.emit('template.status', { templateId: id, name, language, oldStatus: undefined, newStatus: 'PENDING', at: r.ctx.clock() });
    const delay = r.ctx.config.templateApprovalDelayMs;
    if (delay >= 0) {
      r.ctx.background.later(delay, async () => {
        await setTemplateStatus(r.ctx, r.phone.id, id, ['PENDING'], 'APPROVED');
      });
    }
    return json({ id, status: 'PENDING', category, ...(r.hostingType === 'on-premise' ? onPremiseMeta() : {}) });
  },

  'templates.list': async (r) => {
    const all = await listTemplateRecords(r.ctx.store, r.phone.id);
    // 360dialog's list envelope.
    return json({ count: all.length, filters: {}, limit: 1000, offset: 0, sort: ['id'], total: all.length, waba_templates: all.map(templateWire) });
  },

  'templates.get': async (r) => {
    const name = r.params.templateName ?? '';
    const found = await findTemplatesByName(r.ctx.store, r.phone.id, name);
    const first = found[0];
    if (first === undefined) return notFound(r.hostingType, `No template called "${name}" exists.`);
    return json(templateWire(first));
  },

  'templates.delete': async (r) => {
    const name = r.params.templateName ?? '';
    const id = r.query.hsm_id;
    const deleted = await r.ctx.store.transaction((tx) => deleteTemplates(tx, r.phone.id, name, r.ctx.clock(), id));
    if (deleted.length === 0) {
      return notFound(r.hostingType, id === undefined ? `No template called "${name}" exists.` : `No template with id ${id} called "${name}" exists.`);
    }
    for (const t of deleted) {
      await r.ctx.events.emit('template.status', { templateId: t.id, name: t.name, language: t.language, oldStatus: t.status, newStatus: 'DELETED', at: r.ctx.clock() });
    }
    r.ctx.log.info('templates deleted', { template: name, languages: deleted.map((t) => t.language).join(',') });
    return json({ success: true, ...(r.hostingType === 'on-premise' ? onPremiseMeta() : {}) });
  },
};

function notFound(hostingType: HostingType, details: string): Response {
  return hostingType === 'cloud'
    ? errorResponse('cloud', 404, { code: 100, message: 'Invalid parameter', details })
    : errorResponse('on-premise', 404, { code: 1006, message: 'Resource not found', details });
}

/**
 * Where each status may be reached from, as Meta's template review works: a PENDING template is
 * approved or rejected; an approved one may be paused (low quality) and unpaused, or disabled; a
 * rejected one may be appealed, and the appeal approves or rejects it.
 */
export const TEMPLATE_STATUS_FROM: Readonly<Partial<Record<TemplateStatus, readonly TemplateStatus[]>>> = {
  APPROVED: ['PENDING', 'PAUSED', 'IN_APPEAL'],
  REJECTED: ['PENDING', 'IN_APPEAL'],
  PAUSED: ['APPROVED'],
  DISABLED: ['APPROVED', 'PAUSED'],
  IN_APPEAL: ['REJECTED'],
};

/** Sandbox controls: approve or reject a PENDING template now. */
export function registerTemplateControls(router: Router): void {
  const control = (to: 'APPROVED' | 'REJECTED') => async (req: Request, params: Record<string, string>, ctx: SandboxContext): Promise<Response> => {
    const id = params.id ?? '';
    // A sandbox control (no API key): it acts on the template of whichever account owns it.
    const template = await getTemplateRecord(ctx.store, undefined, id);
    if (template === undefined) return json({ error: { message: `No template with id ${id}.`, code: 100 } }, 404);
    let reason: string | undefined;
    if (to === 'REJECTED') {
      const read = await readJson(req, 'cloud');
      if (!read.ok) return read.response;
      const body = read.value as Body | undefined;
      reason = typeof body?.reason === 'string' ? body.reason : 'INVALID_FORMAT';
    }
    if (!(await setTemplateStatus(ctx, undefined, id, ['PENDING'], to, reason))) {
      return json({ error: { message: `Template ${id} is ${template.status}; only a PENDING template can be ${to.toLowerCase()}.`, code: 100 } }, 409);
    }
    return json({ success: true, id, status: to });
  };
  router.add('POST', '/_sandbox/templates/:id/approve', control('APPROVED'));
  router.add('POST', '/_sandbox/templates/:id/reject', control('REJECTED'));
  // { "status": "PAUSED" | "DISABLED" | "APPROVED" | "REJECTED" | "IN_APPEAL", "reason"?: "..." }
  router.add('POST', '/_sandbox/templates/:id/status', async (req, params, ctx) => {
    const id = params.id ?? '';
    const template = await getTemplateRecord(ctx.store, undefined, id);
    if (template === undefined) return json({ error: { message: `No template with id ${id}.`, code: 100 } }, 404);
    const read = await readJson(req, 'cloud');
    if (!read.ok) return read.response;
    const body = read.value as Body | undefined;
    const to = body?.status;
    const targets = Object.keys(TEMPLATE_STATUS_FROM) as TemplateStatus[];
    if (typeof to !== 'string' || !(targets as string[]).includes(to)) {
      return json({ error: { message: `status must be one of ${targets.join(', ')}.`, code: 100 } }, 400);
    }
    const from = TEMPLATE_STATUS_FROM[to as TemplateStatus] ?? [];
    // Only a rejection carries a reason on the template (rejected_reason).
    const reason = to !== 'REJECTED' ? undefined : typeof body?.reason === 'string' ? body.reason : 'INVALID_FORMAT';
    if (!(await setTemplateStatus(ctx, undefined, id, from, to as TemplateStatus, reason))) {
      return json({ error: { message: `Template ${id} is ${template.status}; it can become ${to} only from ${from.join(' or ')}.`, code: 100 } }, 409);
    }
    return json({ success: true, id, status: to });
  });
}
