// Sending messages (POST /messages on Cloud, /v1/messages On-Premise): interactive flow messages
// (Cloud `flow`, On-Premise `galaxy_message`), text, and templates with a FLOW button. The message
// is stored in the recipient's chat as it was sent, and `message.sent` tells the simulated phone.
// Flow rules (Meta, "Sending a Flow"): a DRAFT flow is sent only with mode "draft"; DEPRECATED
// flows cannot be sent; BLOCKED flows are refused (132068) and THROTTLED ones allow 10 messages an
// hour (132069). A template's FLOW button must open a PUBLISHED flow.
import type { HostingType } from '../../api/types.js';
import { findSendableFlow, getFlowRecord } from '../data/flows.js';
import { countFlowMessagesSince, ensureUserChat, insertOutboundMessage } from '../data/messages.js';
import { findTemplatesByName } from '../data/templates.js';
import { wamid } from '../ids.js';
import type { MessageSentEvent } from '../events.js';
import { announceStatuses, receiveIn } from '../phone/receiver.js';
import type { FlowRecord } from '../records.js';
import { blockingErrors } from '../flow-validation.js';
import { accountOf, markQueued } from '../webhooks/outbox.js';
import { errorResponse, json } from '../router.js';
import type { ErrorSpec } from '../router.js';
import { onPremiseMeta } from './encryption.js';
import { TEMPLATE_NAMESPACE } from './templates.js';
import type { OperationHandler, OperationRequest } from './operation.js';

type Body = Record<string, unknown>;

const THROTTLED_PER_HOUR = 10;

/** One failure, said in both hosting types' codes. */
interface SendError {
  readonly status?: number;
  readonly cloud: ErrorSpec;
  readonly onPremise: ErrorSpec;
}

function fail(hostingType: HostingType, e: SendError): Response {
  return errorResponse(hostingType, e.status ?? 400, hostingType === 'cloud' ? e.cloud : e.onPremise);
}

function invalidParam(details: string, onPremiseCode = 1009): SendError {
  return {
    cloud: { code: 131009, message: '(#131009) Parameter value is not valid', details },
    onPremise: { code: onPremiseCode, message: onPremiseCode === 1009 ? 'Parameter value is not valid' : 'Invalid flow', details },
  };
}

type FlowCheck = { ok: true; flow: FlowRecord; mode: 'draft' | 'published' } | { ok: false; error: SendError };

async function checkSendableFlow(r: OperationRequest, flow: (FlowRecord & { hasFlowJson: boolean }) | undefined, ref: string, mode: 'draft' | 'published'): Promise<FlowCheck> {
  if (flow === undefined) return { ok: false, error: invalidParam(`Flow ${ref} does not exist in this account.`, 2064) };
  if (flow.status === 'BLOCKED') {
    const details = `Flow ${flow.id} is BLOCKED because its endpoint is unhealthy; fix the endpoint.`;
    return { ok: false, error: { status: 403, cloud: { code: 132068, message: '(#132068) Flow is in blocked state', details }, onPremise: { code: 2068, message: 'Flow is blocked', details } } };
  }
  if (flow.status === 'THROTTLED') {
    const sent = await countFlowMessagesSince(r.ctx.store, r.phone.id, flow, new Date(r.ctx.clock().getTime() - 60 * 60 * 1000));
    if (sent >= THROTTLED_PER_HOUR) {
      const details = `Flow ${flow.id} is THROTTLED: at most ${THROTTLED_PER_HOUR} messages an hour until its endpoint is healthy again.`;
      return { ok: false, error: { status: 429, cloud: { code: 132069, message: '(#132069) Flow is in throttled state', details }, onPremise: { code: 2069, message: 'Flow is throttled', details } } };
    }
  }
  if (flow.status === 'DEPRECATED') return { ok: false, error: invalidParam(`Flow ${flow.id} is DEPRECATED and can no longer be sent.`, 2064) };
  if (flow.status === 'DRAFT' && mode !== 'draft') {
    return { ok: false, error: invalidParam(`Flow ${flow.id} is a DRAFT: send it with mode "draft" to test it, or publish it first.`, 2066) };
  }
  if (!flow.hasFlowJson) return { ok: false, error: invalidParam(`Flow ${flow.id} has no Flow JSON yet; upload flow.json first.`, 2064) };
  const errors = blockingErrors(flow.validationErrors);
  if (errors.length > 0) {
    return { ok: false, error: invalidParam(`Flow ${flow.id} has ${errors.length} Flow JSON validation error(s) and cannot be opened; fix them first.`, 2064) };
  }
  return { ok: true, flow, mode };
}

/** The flow a template's FLOW button opens, if it has one. */
function templateFlowId(components: readonly Record<string, unknown>[]): string | undefined {
  for (const c of components) {
    if (String(c.type).toUpperCase() !== 'BUTTONS' || !Array.isArray(c.buttons)) continue;
    for (const b of c.buttons as Body[]) if (b.type === 'FLOW' && typeof b.flow_id === 'string') return b.flow_id;
  }
  return undefined;
}

export const messageHandlers: Record<string, OperationHandler> = {
  'messages.send': async (r) => {
    const body = r.body as Body;
    const input = String(body.to);
    const waId = input.replace(/[\s()+-]/g, '');
    if (!/^\d{6,15}$/.test(waId)) return fail(r.hostingType, invalidParam(`"to" must be a phone number of 6 to 15 digits (an optional leading "+"); got "${input.slice(0, 32)}".`));
    if (waId === r.phone.number) return fail(r.hostingType, invalidParam('A business number cannot send a message to itself.'));

    let flow: { id: string; mode: 'draft' | 'published'; name?: string; jsonVersion?: string | undefined } | undefined;
    const type = String(body.type);
    if (type === 'interactive') {
      const params = ((body.interactive as Body).action as Body).parameters as Body;
      const mode = params.mode === 'draft' ? 'draft' : 'published';
      const ref = typeof params.flow_id === 'string' ? params.flow_id : `"${String(params.flow_name)}"`;
      const found = await findSendableFlow(r.ctx.store, r.phone.id, typeof params.flow_id === 'string' ? { id: params.flow_id } : { name: String(params.flow_name) });
      const check = await checkSendableFlow(r, found, ref, mode);
      if (!check.ok) return fail(r.hostingType, check.error);
      flow = { id: check.flow.id, mode, name: check.flow.name, jsonVersion: check.flow.jsonVersion };
    } else if (type === 'template') {
      const template = body.template as Body;
      const name = String(template.name);
      const code = String((template.language as Body).code);
      if (r.hostingType === 'on-premise' && template.namespace !== undefined && template.namespace !== TEMPLATE_NAMESPACE) {
        return fail(r.hostingType, invalidParam(`template.namespace must be "${TEMPLATE_NAMESPACE}" (the sandbox account's namespace).`));
      }
      const found = (await findTemplatesByName(r.ctx.store, r.phone.id, name)).find((t) => t.language === code);
      if (found === undefined) {
        const details = `No template "${name}" exists in language ${code}.`;
        return fail(r.hostingType, { status: 404, cloud: { code: 132001, message: '(#132001) Template name does not exist in the translation', details }, onPremise: { code: 2001, message: 'Template missing', details } });
      }
      if (found.status !== 'APPROVED') {
        const details = `Template "${name}" (${code}) is ${found.status}; only an APPROVED template can be sent.`;
        return fail(r.hostingType, { cloud: { code: 132001, message: '(#132001) Template name does not exist in the translation', details }, onPremise: { code: 2001, message: 'Template missing', details } });
      }
      const flowId = templateFlowId(found.components);
      if (flowId !== undefined) {
        const flowRecord = await getFlowRecord(r.ctx.store, r.phone.id, flowId);
        if (flowRecord?.status !== 'PUBLISHED') {
          return fail(r.hostingType, invalidParam(`The template's FLOW button opens flow ${flowId}, which is ${flowRecord?.status ?? 'deleted'}; a template can only send a PUBLISHED flow.`, 2064));
        }
        flow = { id: flowId, mode: 'published' };
      }
    }

    const id = wamid(waId);
    const now = r.ctx.clock();
    // One transaction: the message, its arrival on the (always online) phone, its sent and
    // delivered statuses and their webhook rows. A kill leaves all of it or none of it.
    const done = await r.ctx.store.transaction(async (tx) => {
      const found = await ensureUserChat(tx, r.phone.id, waId);
      if (found === undefined) return undefined;
      const { user, chatId } = found;
      // The wire body exactly as sent; what the send resolved travels in the event.
      await insertOutboundMessage(tx, { id, chatId, type, payload: body, at: now });
      const sent: MessageSentEvent = markQueued({
        messageId: id,
        chatId,
        businessPhoneId: r.phone.id,
        from: r.phone.number,
        to: waId,
        userPhoneId: user.id,
        type,
        payload: body,
        hostingType: r.hostingType,
        ...(flow === undefined ? {} : { flowId: flow.id, flowMode: flow.mode }),
        ...(flow?.name === undefined ? {} : { flow: { name: flow.name, jsonVersion: flow.jsonVersion } }),
        at: now,
      });
      return { sent, statuses: await receiveIn(tx, r.ctx, sent, accountOf(r.phone.id, r.phone.number, r.phone.wabaId)) };
    });
    if (done === undefined) return fail(r.hostingType, invalidParam(`${waId} is a business number in this sandbox, not a customer phone.`));

    await r.ctx.events.emit('message.sent', done.sent);
    await announceStatuses(r.ctx, done.statuses);
    const contacts = [{ input, wa_id: waId }];
    return json(r.hostingType === 'cloud' ? { messaging_product: 'whatsapp', contacts, messages: [{ id }] } : { contacts, messages: [{ id }], ...onPremiseMeta() });
  },
};
