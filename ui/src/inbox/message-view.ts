// What a chat bubble shows for a stored message, as WhatsApp shows it: the text, an interactive
// flow message's header/body/footer and CTA, a template filled with its parameters, a flow reply.
import type { TemplateWire } from '../api.js';

export interface ChatMessageWire {
  id: string;
  direction: 'inbound' | 'outbound';
  type: string;
  status: string;
  created_at: string;
  context_message_id: string | null;
  payload: Record<string, unknown>;
  cta?: { text: string; enabled: boolean; disabled_reason?: string };
}

export interface BubbleView {
  header?: string;
  body: string;
  footer?: string;
  /** The flow button; absent for messages without one. */
  cta?: { text: string; enabled: boolean; reason?: string };
  /** Other buttons (quick replies, URLs) shown disabled. */
  buttons: string[];
  /** A flow completion: response_json parsed. */
  reply?: Record<string, unknown>;
  tag?: string;
}

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** {{1}} / {{name}} placeholders replaced by the send call's parameters. */
export function fillPlaceholders(text: string, params: readonly unknown[]): string {
  const named = new Map<string, string>();
  const positional: string[] = [];
  for (const p of params) {
    const o = obj(p);
    const value = str(o.text) ?? str(obj(o.currency).fallback_value) ?? str(obj(o.date_time).fallback_value) ?? '';
    positional.push(value);
    const name = str(o.parameter_name);
    if (name !== undefined) named.set(name, value);
  }
  return text.replace(/\{\{\s*([\w]+)\s*\}\}/g, (whole, key: string) => (/^\d+$/.test(key) ? (positional[Number(key) - 1] ?? whole) : (named.get(key) ?? whole)));
}

function templateView(payload: Record<string, unknown>, templates: readonly TemplateWire[]): Omit<BubbleView, 'cta'> {
  const t = obj(payload.template);
  const name = str(t.name) ?? 'template';
  const language = str(obj(t.language).code) ?? str(t.language) ?? '';
  const def = templates.find((x) => x.name === name && (language === '' || x.language === language)) ?? templates.find((x) => x.name === name);
  const sent = Array.isArray(t.components) ? t.components.map(obj) : [];
  const paramsOf = (type: string): unknown[] => {
    const c = sent.find((s) => str(s.type)?.toLowerCase() === type);
    return Array.isArray(c?.parameters) ? c.parameters : [];
  };
  if (def === undefined) return { body: `Template "${name}"`, buttons: [], tag: 'template (not found in the sandbox)' };
  const part = (type: string): Record<string, unknown> | undefined => def.components.find((c) => str(c.type)?.toUpperCase() === type);
  const header = part('HEADER');
  const body = part('BODY');
  const footer = part('FOOTER');
  const buttons = Array.isArray(part('BUTTONS')?.buttons) ? (part('BUTTONS')?.buttons as unknown[]).map(obj) : [];
  const headerText = str(header?.text);
  return {
    ...(headerText === undefined ? {} : { header: fillPlaceholders(headerText, paramsOf('header')) }),
    body: fillPlaceholders(str(body?.text) ?? '', paramsOf('body')),
    ...(str(footer?.text) === undefined ? {} : { footer: str(footer?.text) as string }),
    buttons: buttons.filter((b) => str(b.type)?.toUpperCase() !== 'FLOW').map((b) => str(b.text) ?? ''),
    tag: 'template',
  };
}

export function bubbleOf(m: ChatMessageWire, templates: readonly TemplateWire[]): BubbleView {
  const p = m.payload;
  const cta = m.cta === undefined ? undefined : { text: m.cta.text, enabled: m.cta.enabled, ...(m.cta.disabled_reason === undefined ? {} : { reason: m.cta.disabled_reason }) };
  const withCta = (v: Omit<BubbleView, 'cta'>): BubbleView => (cta === undefined ? v : { ...v, cta });
  if (m.type === 'text') return withCta({ body: str(obj(p.text).body) ?? '', buttons: [] });
  if (m.type === 'template') return withCta(templateView(p, templates));
  if (m.type === 'interactive') {
    const i = obj(p.interactive);
    const kind = str(i.type);
    if (kind === 'nfm_reply') {
      const reply = obj(i.nfm_reply);
      let parsed: Record<string, unknown> = {};
      try {
        parsed = obj(JSON.parse(str(reply.response_json) ?? '{}'));
      } catch {
        parsed = {};
      }
      return { body: str(reply.body) ?? 'Sent', buttons: [], reply: parsed, tag: 'flow reply' };
    }
    const header = obj(i.header);
    const headerText = str(header.text);
    return withCta({
      ...(headerText === undefined ? {} : { header: headerText }),
      body: str(obj(i.body).text) ?? '',
      ...(str(obj(i.footer).text) === undefined ? {} : { footer: str(obj(i.footer).text) as string }),
      buttons: [],
      ...(kind === 'flow' ? {} : { tag: kind ?? 'interactive' }),
    });
  }
  return { body: `(${m.type} message)`, buttons: [] };
}
