// Messages: send an interactive flow message, a text, or a template whose FLOW button carries a
// flow token and data. Shapes and rules from the seed (360dialog's Flows guide, "Send Flow as
// Message" and "Send Flow Template Message"), which matches Meta's interactive flow message reference.
import type { HostingType, Operation, WireRequest } from '../types.js';
import type { Issues } from './check.js';
import {
  charLength,
  hasEmoji,
  invalid,
  isRecord,
  join,
  maxLength,
  missing,
  oneOf,
  optionalObject,
  optionalString,
  requireArray,
  requireObject,
  requireObjectBody,
  requireString,
} from './check.js';

export const FLOW_MESSAGE_VERSION = '3';
export const FLOW_CTA_MAX_LENGTH = 20;
/** What the platform uses when a template's flow button is sent without a flow_token (seed). */
export const DEFAULT_TEMPLATE_FLOW_TOKEN = 'unused';
// Meta's interactive message limits (header and footer 60, body 1024) and text body limit (4096).
const HEADER_TEXT_MAX = 60;
const BODY_TEXT_MAX = 1024;
const FOOTER_TEXT_MAX = 60;
const TEXT_BODY_MAX = 4096;

export type FlowMode = 'draft' | 'published';
export type FlowAction = 'navigate' | 'data_exchange';

export interface FlowActionPayload {
  /** ID of the first screen. */
  screen: string;
  /** Input for the first screen; when given, a non-empty object. Keys are sent as written. */
  data?: Record<string, unknown>;
}

export interface FlowParameters {
  mode?: FlowMode;
  flowMessageVersion: typeof FLOW_MESSAGE_VERSION;
  flowToken?: string;
  flowId?: string;
  flowName?: string;
  flowCta: string;
  flowAction?: FlowAction;
  flowActionPayload?: FlowActionPayload;
}

export type InteractiveHeader =
  | { type: 'text'; text: string }
  | { type: 'image'; image: { link?: string; id?: string } }
  | { type: 'video'; video: { link?: string; id?: string } }
  | { type: 'document'; document: { link?: string; id?: string; filename?: string } };

export interface InteractiveFlowMessage {
  /** Cloud API only. */
  messagingProduct?: 'whatsapp';
  recipientType?: 'individual';
  to: string;
  type: 'interactive';
  interactive: {
    /** `flow` on Cloud; On-Premise uses `galaxy_message` (seed). */
    type: 'flow' | 'galaxy_message';
    header?: InteractiveHeader;
    body: { text: string };
    footer?: { text: string };
    /** `name` is "flow" on Cloud; the seed's On-Premise sample sends "". */
    action: { name: 'flow' | ''; parameters: FlowParameters };
  };
}

export interface TextMessage {
  messagingProduct?: 'whatsapp';
  recipientType?: 'individual';
  to: string;
  type: 'text';
  text: { body: string; previewUrl?: boolean };
}

export interface TemplateFlowButtonComponent {
  type: 'button';
  subType: 'flow';
  index: string;
  parameters: { type: 'action'; action: { flowToken?: string; flowActionData?: Record<string, unknown> } }[];
}

export interface TemplateOtherComponent {
  type: 'header' | 'body' | 'button';
  subType?: string;
  index?: string;
  parameters?: Record<string, unknown>[];
}

export interface TemplateMessage {
  messagingProduct?: 'whatsapp';
  recipientType?: 'individual';
  to: string;
  type: 'template';
  template: {
    /** On-Premise only, optional. */
    namespace?: string;
    name: string;
    language: { code: string; policy?: 'deterministic' };
    components?: (TemplateFlowButtonComponent | TemplateOtherComponent)[];
  };
}

export type SendMessageRequest = InteractiveFlowMessage | TextMessage | TemplateMessage;

export interface SendMessageResponse {
  /** Cloud only. */
  messagingProduct?: 'whatsapp';
  contacts: { input: string; waId: string }[];
  messages: { id: string }[];
  /** On-Premise only. */
  meta?: { apiStatus: string; version: string };
}

export const sendMessage: Operation = {
  id: 'messages.send',
  method: 'POST',
  // 360dialog adds the phone number to waba-v2 paths itself (adding it errors); Graph needs it.
  path: { cloud: '/messages', onPremise: '/v1/messages', meta: '/{phoneNumberId}/messages' },
  summary: 'Send a message (interactive flow, text or template with a FLOW button).',
  body: 'json',
  opaque: {
    request: ['interactive.action.parameters.flow_action_payload.data', 'template.components[].parameters[].action.flow_action_data'],
  },
  validate: validateSendMessage,
};

export const messageOperations = [sendMessage] as const;

function validateSendMessage(request: WireRequest, hostingType: HostingType): Issues {
  const issues: Issues = [];
  const body = request.body;
  if (!requireObjectBody(issues, body)) return issues;

  if (hostingType === 'cloud') {
    const product = requireString(issues, body, 'messaging_product', '');
    if (product !== undefined && product !== 'whatsapp') invalid(issues, 'messaging_product', 'messaging_product must be "whatsapp".');
  } else if (body.messaging_product !== undefined && body.messaging_product !== 'whatsapp') {
    invalid(issues, 'messaging_product', 'messaging_product must be "whatsapp" when given.');
  }
  const recipientType = optionalString(issues, body, 'recipient_type', '');
  if (recipientType !== undefined && recipientType !== 'individual') invalid(issues, 'recipient_type', 'recipient_type must be "individual".');
  requireString(issues, body, 'to', '');

  const type = requireString(issues, body, 'type', '');
  if (type === undefined || !oneOf(issues, type, ['interactive', 'text', 'template'], 'type')) return issues;
  if (type === 'interactive') validateInteractive(issues, body, hostingType);
  else if (type === 'text') validateText(issues, body);
  else validateTemplate(issues, body);
  return issues;
}

function validateText(issues: Issues, body: Record<string, unknown>): void {
  const text = requireObject(issues, body, 'text', '');
  if (text === undefined) return;
  const value = requireString(issues, text, 'body', 'text');
  if (value !== undefined) maxLength(issues, value, TEXT_BODY_MAX, 'text.body');
  if (text.preview_url !== undefined && typeof text.preview_url !== 'boolean') invalid(issues, 'text.preview_url', 'text.preview_url must be a boolean.');
}

function validateInteractive(issues: Issues, body: Record<string, unknown>, hostingType: HostingType): void {
  const interactive = requireObject(issues, body, 'interactive', '');
  if (interactive === undefined) return;
  const kind = requireString(issues, interactive, 'type', 'interactive');
  const kinds = hostingType === 'cloud' ? (['flow'] as const) : (['galaxy_message', 'flow'] as const);
  if (kind === undefined) return;
  if (!(kinds as readonly string[]).includes(kind)) {
    invalid(issues, 'interactive.type', `interactive.type must be ${kinds.map((k) => `"${k}"`).join(' or ')} on the ${hostingType} API; waflow models flow messages only.`);
    return;
  }

  const header = optionalObject(issues, interactive, 'header', 'interactive');
  if (header !== undefined) validateHeader(issues, header);
  const messageBody = requireObject(issues, interactive, 'body', 'interactive');
  if (messageBody !== undefined) {
    const text = requireString(issues, messageBody, 'text', 'interactive.body');
    if (text !== undefined) maxLength(issues, text, BODY_TEXT_MAX, 'interactive.body.text');
  }
  const footer = optionalObject(issues, interactive, 'footer', 'interactive');
  if (footer !== undefined) {
    const text = requireString(issues, footer, 'text', 'interactive.footer');
    if (text !== undefined) maxLength(issues, text, FOOTER_TEXT_MAX, 'interactive.footer.text');
  }

  const action = requireObject(issues, interactive, 'action', 'interactive');
  if (action === undefined) return;
  const names = hostingType === 'cloud' ? ['flow'] : ['flow', ''];
  if (action.name === undefined) missing(issues, 'interactive.action.name');
  else if (typeof action.name !== 'string' || !names.includes(action.name)) {
    invalid(issues, 'interactive.action.name', hostingType === 'cloud' ? 'interactive.action.name must be "flow".' : 'interactive.action.name must be "flow" or "".');
  }
  const parameters = requireObject(issues, action, 'parameters', 'interactive.action');
  if (parameters !== undefined) validateFlowParameters(issues, parameters, 'interactive.action.parameters', hostingType);
}

function validateHeader(issues: Issues, header: Record<string, unknown>): void {
  const type = requireString(issues, header, 'type', 'interactive.header');
  if (type === undefined || !oneOf(issues, type, ['text', 'image', 'video', 'document'], 'interactive.header.type')) return;
  if (type === 'text') {
    const text = requireString(issues, header, 'text', 'interactive.header');
    if (text !== undefined) maxLength(issues, text, HEADER_TEXT_MAX, 'interactive.header.text');
    return;
  }
  const media = requireObject(issues, header, type, 'interactive.header');
  if (media !== undefined && typeof media.link !== 'string' && typeof media.id !== 'string') {
    missing(issues, `interactive.header.${type}`, `interactive.header.${type} needs a link or an id.`);
  }
}

/** The flow parameters of an interactive message; exported for the sandbox, which runs them too. */
export function validateFlowParameters(issues: Issues, parameters: Record<string, unknown>, path: string, hostingType: HostingType = 'cloud'): void {
  const version = parameters.flow_message_version;
  if (version === undefined) missing(issues, join(path, 'flow_message_version'));
  else if (version !== FLOW_MESSAGE_VERSION) invalid(issues, join(path, 'flow_message_version'), `${join(path, 'flow_message_version')} must be "${FLOW_MESSAGE_VERSION}".`);

  const mode = optionalString(issues, parameters, 'mode', path);
  if (mode !== undefined) oneOf(issues, mode, ['draft', 'published'], join(path, 'mode'));

  optionalString(issues, parameters, 'flow_token', path);

  const hasId = parameters.flow_id !== undefined;
  const hasName = parameters.flow_name !== undefined;
  if (!hasId && !hasName) missing(issues, join(path, 'flow_id'), `${join(path, 'flow_id')} is required (or flow_name).`);
  else if (hasId && hasName) invalid(issues, join(path, 'flow_id'), `Give ${join(path, 'flow_id')} or flow_name, not both.`);
  else if (hasId) requireString(issues, parameters, 'flow_id', path);
  // flow_name is Cloud API only (platform-protocols.md §9.1, §11.2).
  else if (hostingType === 'on-premise') invalid(issues, join(path, 'flow_name'), `${join(path, 'flow_name')} is a Cloud API feature the On-Premise API does not support: name the flow by flow_id.`);
  else requireString(issues, parameters, 'flow_name', path);

  const cta = requireString(issues, parameters, 'flow_cta', path);
  if (cta !== undefined) {
    const at = join(path, 'flow_cta');
    if (charLength(cta) > FLOW_CTA_MAX_LENGTH) invalid(issues, at, `${at} must be at most ${FLOW_CTA_MAX_LENGTH} characters; "${cta}" has ${charLength(cta)}.`);
    if (hasEmoji(cta)) invalid(issues, at, `${at} must not contain emoji.`);
  }

  const action = optionalString(issues, parameters, 'flow_action', path);
  if (action !== undefined && !oneOf(issues, action, ['navigate', 'data_exchange'], join(path, 'flow_action'))) return;
  const payloadPath = join(path, 'flow_action_payload');
  if (action === 'data_exchange') {
    if (parameters.flow_action_payload !== undefined) {
      invalid(issues, payloadPath, `${payloadPath} must be omitted when flow_action is "data_exchange": the endpoint supplies the first screen.`);
    }
    return;
  }
  // An explicit "navigate" needs the payload. When flow_action is left out (it defaults to navigate),
  // the seed's On-Premise sample sends no payload and the first screen comes from the flow itself.
  if (action === 'navigate' && parameters.flow_action_payload === undefined) {
    missing(issues, payloadPath, `${payloadPath} is required when flow_action is "navigate".`);
    return;
  }
  const payload = optionalObject(issues, parameters, 'flow_action_payload', path);
  if (payload === undefined) return;
  requireString(issues, payload, 'screen', payloadPath);
  if (payload.data !== undefined) {
    const dataPath = join(payloadPath, 'data');
    if (!isRecord(payload.data)) invalid(issues, dataPath, `${dataPath} must be an object.`);
    else if (Object.keys(payload.data).length === 0) invalid(issues, dataPath, `${dataPath} must be a non-empty object when given; leave it out instead.`);
  }
}

function validateTemplate(issues: Issues, body: Record<string, unknown>): void {
  const template = requireObject(issues, body, 'template', '');
  if (template === undefined) return;
  requireString(issues, template, 'name', 'template');
  optionalString(issues, template, 'namespace', 'template');
  const language = requireObject(issues, template, 'language', 'template');
  if (language !== undefined) {
    requireString(issues, language, 'code', 'template.language');
    const policy = optionalString(issues, language, 'policy', 'template.language');
    if (policy !== undefined) oneOf(issues, policy, ['deterministic'], 'template.language.policy');
  }
  if (template.components === undefined) return;
  const components = requireArray(issues, template, 'components', 'template');
  if (components === undefined) return;
  components.forEach((component, i) => {
    const at = join('template.components', i);
    if (!isRecord(component)) {
      invalid(issues, at, `${at} must be an object.`);
      return;
    }
    const type = requireString(issues, component, 'type', at);
    if (type === undefined || !oneOf(issues, type.toLowerCase(), ['header', 'body', 'button'], join(at, 'type'))) return;
    if (type.toLowerCase() === 'button' && component.sub_type === 'flow') validateFlowButtonComponent(issues, component, at);
  });
}

function validateFlowButtonComponent(issues: Issues, component: Record<string, unknown>, at: string): void {
  const index = component.index;
  if (index === undefined) missing(issues, join(at, 'index'));
  else if (!(typeof index === 'string' && /^\d+$/.test(index)) && !(typeof index === 'number' && Number.isInteger(index) && index >= 0)) {
    invalid(issues, join(at, 'index'), `${join(at, 'index')} must be the button's position, a whole number such as "0".`);
  }
  const parameters = requireArray(issues, component, 'parameters', at);
  if (parameters === undefined) return;
  if (parameters.length !== 1) {
    invalid(issues, join(at, 'parameters'), `${join(at, 'parameters')} must hold exactly one parameter of type "action".`);
    return;
  }
  const parameter = parameters[0];
  const pAt = join(join(at, 'parameters'), 0);
  if (!isRecord(parameter)) {
    invalid(issues, pAt, `${pAt} must be an object.`);
    return;
  }
  const type = requireString(issues, parameter, 'type', pAt);
  if (type !== undefined && type !== 'action') invalid(issues, join(pAt, 'type'), `${join(pAt, 'type')} must be "action".`);
  const action = requireObject(issues, parameter, 'action', pAt);
  if (action === undefined) return;
  optionalString(issues, action, 'flow_token', join(pAt, 'action'));
  const data = action.flow_action_data;
  if (data !== undefined && !isRecord(data)) invalid(issues, join(pAt, 'action.flow_action_data'), `${join(pAt, 'action.flow_action_data')} must be an object.`);
}
