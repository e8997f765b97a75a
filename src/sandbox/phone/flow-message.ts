// What tapping a business message's flow button opens: the flow, its token and how it starts.
// Interactive flow messages carry it in `interactive.action.parameters` (flow_action navigate with
// flow_action_payload { screen, data }, or data_exchange, which starts with INIT through the
// endpoint); templates carry it split between the approved template's FLOW button (flow_id,
// navigate_screen, flow_action) and the send's button component (flow_token, default "unused", and
// flow_action_data). Source: the seed (360dialog Flows guide, "Send Flow as Message" and
// "Send Flow Template Message").
import type { Queryable } from '../../store/index.js';

export interface FlowCta {
  flowId: string;
  flowToken: string;
  /** Button text. */
  cta: string;
  action: 'navigate' | 'data_exchange';
  /** navigate: the first screen (default: the flow's entry screen) and its data. */
  screen?: string;
  data?: Record<string, unknown>;
  mode: 'draft' | 'published';
}

export type CtaResult = { ok: true; cta: FlowCta } | { ok: false; reason: string };

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

async function flowIdByName(db: Queryable, accountId: string, name: string): Promise<string | undefined> {
  const rows = await db.query<{ id: string }>('SELECT id FROM flows WHERE account_id = $1 AND name = $2 ORDER BY created_at DESC LIMIT 1', [accountId, name]);
  return rows[0]?.id;
}

async function fromInteractive(db: Queryable, accountId: string, interactive: Record<string, unknown>): Promise<CtaResult> {
  const type = interactive.type;
  if (type !== 'flow' && type !== 'galaxy_message') return { ok: false, reason: `this interactive message is of type "${String(type)}", not a flow message` };
  const params = record(record(interactive.action)?.parameters);
  if (params === undefined) return { ok: false, reason: 'the flow message has no action.parameters' };
  const flowName = str(params.flow_name);
  const flowId = str(params.flow_id) ?? (flowName === undefined ? undefined : await flowIdByName(db, accountId, flowName));
  if (flowId === undefined) return { ok: false, reason: flowName === undefined ? 'the flow message names no flow_id' : `no flow is named "${flowName}"` };
  const action = params.flow_action === 'data_exchange' ? 'data_exchange' : 'navigate';
  const payload = record(params.flow_action_payload);
  const cta: FlowCta = {
    flowId,
    flowToken: str(params.flow_token) ?? 'unused',
    cta: str(params.flow_cta) ?? 'Open',
    action,
    mode: params.mode === 'draft' ? 'draft' : 'published',
  };
  if (action === 'navigate') {
    const screen = str(payload?.screen);
    if (screen !== undefined) cta.screen = screen;
    const data = record(payload?.data);
    if (data !== undefined) cta.data = data;
  }
  return { ok: true, cta };
}

interface TemplateRow {
  components: unknown;
}

async function fromTemplate(db: Queryable, accountId: string, template: Record<string, unknown>): Promise<CtaResult> {
  const name = str(template.name);
  const language = str(record(template.language)?.code) ?? str(template.language);
  if (name === undefined) return { ok: false, reason: 'the template message names no template' };
  const rows = await db.query<TemplateRow>(
    language === undefined
      ? 'SELECT components FROM templates WHERE account_id = $1 AND name = $2 ORDER BY created_at LIMIT 1'
      : 'SELECT components FROM templates WHERE account_id = $1 AND name = $2 AND language = $3',
    language === undefined ? [accountId, name] : [accountId, name, language],
  );
  const row = rows[0];
  if (row === undefined) return { ok: false, reason: `no template "${name}"${language === undefined ? '' : ` (${language})`} exists` };
  const components = Array.isArray(row.components) ? row.components : [];
  const buttons: Record<string, unknown>[] = [];
  for (const c of components) {
    const comp = record(c);
    if (comp !== undefined && String(comp.type).toUpperCase() === 'BUTTONS' && Array.isArray(comp.buttons)) {
      for (const b of comp.buttons) buttons.push(record(b) ?? {});
    }
  }
  // The send's button component says which button (index) and gives token and data.
  const sendButton = (Array.isArray(template.components) ? template.components : [])
    .map(record)
    .find((c) => c !== undefined && String(c.type).toLowerCase() === 'button' && String(c.sub_type).toLowerCase() === 'flow');
  const index = sendButton === undefined ? undefined : Number(sendButton.index ?? 0);
  const flowButtons = buttons.map((b, i) => ({ b, i })).filter(({ b }) => String(b.type).toUpperCase() === 'FLOW');
  const chosen = (index === undefined ? undefined : flowButtons.find(({ i }) => i === index)) ?? flowButtons[0];
  if (chosen === undefined) return { ok: false, reason: `template "${name}" has no FLOW button` };
  const button = chosen.b;
  const flowName = str(button.flow_name);
  const flowId = str(button.flow_id) ?? (flowName === undefined ? undefined : await flowIdByName(db, accountId, flowName));
  if (flowId === undefined) return { ok: false, reason: `the FLOW button of template "${name}" names no flow this sandbox knows` };
  const params = Array.isArray(sendButton?.parameters) ? sendButton.parameters : [];
  const action = record(params.map(record).find((p) => p?.type === 'action')?.action);
  const flowAction = button.flow_action === 'data_exchange' ? 'data_exchange' : 'navigate';
  const cta: FlowCta = {
    flowId,
    flowToken: str(action?.flow_token) ?? 'unused',
    cta: str(button.text) ?? 'Open',
    action: flowAction,
    mode: 'published',
  };
  if (flowAction === 'navigate') {
    const screen = str(button.navigate_screen);
    if (screen !== undefined) cta.screen = screen;
    const data = record(action?.flow_action_data);
    if (data !== undefined) cta.data = data;
  }
  return { ok: true, cta };
}

/** Reads the flow button of a stored business message (its wire payload), sent by account `accountId`. */
export async function flowCtaOf(db: Queryable, accountId: string, payload: Record<string, unknown>): Promise<CtaResult> {
  const interactive = record(payload.interactive);
  if (interactive !== undefined) return fromInteractive(db, accountId, interactive);
  const template = record(payload.template);
  if (template !== undefined) return fromTemplate(db, accountId, template);
  return { ok: false, reason: `a ${String(payload.type ?? 'plain')} message has no flow button` };
}
