// Message templates with a FLOW button: create one (it starts PENDING and is usable once APPROVED),
// list them, read one (with its status), delete one. 360dialog serves template management at
// /v1/configs/templates on both hosting types (docs.360dialog.com, "Create and manage Template
// Messages"). 360dialog documents list and delete-by-name on that resource ("The Delete API call
// allows you to delete all translations of a message template you specify by name"); reading one
// template by name at /v1/configs/templates/{templateName} is our decision, mirrored by the sandbox.
// Graph: `/{waba-id}/message_templates` (POST to create, GET to list as `{ data, paging }`, GET with
// `?name=` to read one, DELETE with `?name=` for every language of a name or `?name=&hsm_id=` for one
// template). The common wire form is 360dialog's: a list as `{ waba_templates, count, total }`, one
// template as its record, the name of a read or delete as the path parameter `templateName`.
// On-Premise lacks `flow_name` and `flow_json` on FLOW buttons (platform-protocols.md §9.2, §11.2).
import type { DialectWire, HostingType, Operation, WireRequest } from '../types.js';
import type { Issues } from './check.js';
import { invalid, isRecord, join, maxLength, missing, oneOf, optionalString, requireArray, requireObjectBody, requireString } from './check.js';
import type { FlowAction } from './messages.js';

export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];
export type TemplateStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'PAUSED' | 'DISABLED' | 'IN_APPEAL' | 'PENDING_DELETION' | 'DELETED';

// Name limit: 360dialog's template docs (512); button text 25 and body 1024 are Meta's template limits.
const NAME_MAX = 512;
const BODY_MAX = 1024;
const BUTTON_TEXT_MAX = 25;

export interface FlowTemplateButton {
  type: 'FLOW';
  text: string;
  flowId?: string;
  flowName?: string;
  /** A Flow JSON document as a string, instead of an existing flow. */
  flowJson?: string;
  /** Required when flowAction is navigate (the default). */
  navigateScreen?: string;
  flowAction?: FlowAction;
}

export interface OtherTemplateButton {
  type: 'QUICK_REPLY' | 'URL' | 'PHONE_NUMBER';
  text: string;
  url?: string;
  phoneNumber?: string;
}

export type TemplateButton = FlowTemplateButton | OtherTemplateButton;

export type TemplateComponent =
  | { type: 'BODY' | 'body'; text: string; example?: Record<string, unknown> }
  | { type: 'HEADER' | 'header'; format: 'TEXT' | 'IMAGE' | 'VIDEO' | 'DOCUMENT'; text?: string; example?: Record<string, unknown> }
  | { type: 'FOOTER' | 'footer'; text: string }
  | { type: 'BUTTONS' | 'buttons'; buttons: TemplateButton[] };

export interface CreateTemplateRequest {
  name: string;
  language: string;
  category: TemplateCategory;
  components: TemplateComponent[];
  allowCategoryChange?: boolean;
}

export interface CreateTemplateResponse {
  id: string;
  status: TemplateStatus;
  category: TemplateCategory;
}

export interface TemplateRecord {
  id?: string;
  name: string;
  language: string;
  category: TemplateCategory;
  status: TemplateStatus;
  components: TemplateComponent[];
  namespace?: string;
  rejectedReason?: string;
}

export interface ListTemplatesResponse {
  wabaTemplates: TemplateRecord[];
  count?: number;
  total?: number;
  offset?: number;
  limit?: number;
}

const noInput = (): Issues => [];

const GRAPH_TEMPLATES = '/{wabaId}/message_templates';

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

const graphList: DialectWire['response'] = {
  encode: (body) => ({ data: Array.isArray(record(body).waba_templates) ? record(body).waba_templates : [], paging: { cursors: { before: '', after: '' } } }),
  decode: (body) => {
    const data = record(body).data;
    const items = Array.isArray(data) ? data : [];
    return { waba_templates: items, count: items.length, total: items.length };
  },
};

/** Graph names the template of a delete in the query (`?name=`), next to the optional `hsm_id`. */
const graphNameInQuery: NonNullable<DialectWire['request']> = {
  encode: ({ params: { templateName, ...params }, query, body }) => ({ params, query: { ...query, name: templateName ?? '' }, body }),
  decode: ({ params, query: { name, ...query }, body }) => ({ params: { ...params, templateName: name ?? '' }, query, body }),
};

/** Graph reads one template as a list filtered by `name`; an empty list decodes to `{}` (not found). */
const graphOne: DialectWire = {
  whenQuery: 'name',
  request: graphNameInQuery,
  response: {
    encode: (body) => ({ data: [body], paging: { cursors: { before: '', after: '' } } }),
    decode: (body) => {
      const data = record(body).data;
      return Array.isArray(data) && data[0] !== undefined ? record(data[0]) : {};
    },
  },
};

export const createTemplate: Operation = {
  id: 'templates.create',
  method: 'POST',
  path: { cloud: '/v1/configs/templates', onPremise: '/v1/configs/templates', meta: GRAPH_TEMPLATES },
  summary: 'Create a message template (it starts PENDING until Meta approves it).',
  body: 'json',
  validate: validateCreateTemplate,
};

export const listTemplates: Operation = {
  id: 'templates.list',
  method: 'GET',
  path: { cloud: '/v1/configs/templates', onPremise: '/v1/configs/templates', meta: GRAPH_TEMPLATES },
  wire: { meta: { response: graphList } },
  summary: 'List the message templates of the WhatsApp Business Account.',
  body: 'none',
  validate: noInput,
};

export const getTemplate: Operation = {
  id: 'templates.get',
  method: 'GET',
  path: { cloud: '/v1/configs/templates/{templateName}', onPremise: '/v1/configs/templates/{templateName}', meta: GRAPH_TEMPLATES },
  wire: { meta: graphOne },
  summary: 'Read one message template by name, with its status.',
  body: 'none',
  validate: (request: WireRequest) => {
    const issues: Issues = [];
    if ((request.params.templateName ?? '') === '') missing(issues, 'params.templateName', 'The template name is required.');
    return issues;
  },
};

/**
 * Delete a template: every language of a name, or (Graph only) the one template whose id is
 * `hsm_id` (Graph wants the name with it). 360dialog documents delete-by-name only, so `hsm_id` is
 * refused on its surfaces rather than silently widened to every language. A deleted APPROVED
 * template's name and language cannot be used again for 30 days (Meta's template docs).
 * Answer: `{ "success": true }` (Graph; 360dialog's answer body is unconfirmed, we give the same).
 */
export const deleteTemplate: Operation = {
  id: 'templates.delete',
  method: 'DELETE',
  path: { cloud: '/v1/configs/templates/{templateName}', onPremise: '/v1/configs/templates/{templateName}', meta: GRAPH_TEMPLATES },
  wire: { meta: { whenQuery: 'name', request: graphNameInQuery } },
  summary: 'Delete a message template: every language of a name, or one template by id (Graph hsm_id).',
  body: 'none',
  validate: (request: WireRequest, _hosting, dialect) => {
    const issues: Issues = [];
    if ((request.params.templateName ?? '') === '') missing(issues, 'params.templateName', 'The template name is required (Graph wants it even with hsm_id).');
    const id = request.query.hsm_id;
    if (id !== undefined) {
      if (dialect !== undefined && dialect !== 'meta') {
        invalid(issues, 'query.hsm_id', "Deleting one language by template id (hsm_id) is a Graph API feature; 360dialog deletes every language of a name: leave the id out.");
      } else if (!/^\d{1,32}$/.test(id)) invalid(issues, 'query.hsm_id', 'query.hsm_id must be the numeric template id that templates.create answered.');
    }
    return issues;
  },
};

export const templateOperations = [createTemplate, listTemplates, getTemplate, deleteTemplate] as const;

function validateCreateTemplate(request: WireRequest, hostingType: HostingType): Issues {
  const issues: Issues = [];
  const body = request.body;
  if (!requireObjectBody(issues, body)) return issues;

  const name = requireString(issues, body, 'name', '');
  if (name !== undefined) {
    if (!/^[a-z0-9_]+$/.test(name)) invalid(issues, 'name', 'name may hold only lower-case letters, digits and underscores.');
    maxLength(issues, name, NAME_MAX, 'name');
  }
  requireString(issues, body, 'language', '');
  const category = requireString(issues, body, 'category', '');
  if (category !== undefined) oneOf(issues, category, TEMPLATE_CATEGORIES, 'category');
  if (body.allow_category_change !== undefined && typeof body.allow_category_change !== 'boolean') {
    invalid(issues, 'allow_category_change', 'allow_category_change must be a boolean.');
  }

  const components = requireArray(issues, body, 'components', '');
  if (components === undefined) return issues;
  let bodies = 0;
  let flowButtons = 0;
  components.forEach((component, i) => {
    const at = join('components', i);
    if (!isRecord(component)) {
      invalid(issues, at, `${at} must be an object.`);
      return;
    }
    const type = requireString(issues, component, 'type', at);
    if (type === undefined) return;
    const kind = type.toUpperCase();
    if (!oneOf(issues, kind, ['HEADER', 'BODY', 'FOOTER', 'BUTTONS'], join(at, 'type'))) return;
    if (kind === 'BODY') {
      bodies += 1;
      const text = requireString(issues, component, 'text', at);
      if (text !== undefined) maxLength(issues, text, BODY_MAX, join(at, 'text'));
    } else if (kind === 'FOOTER') {
      requireString(issues, component, 'text', at);
    } else if (kind === 'HEADER') {
      const format = requireString(issues, component, 'format', at);
      if (format !== undefined) oneOf(issues, format.toUpperCase(), ['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'], join(at, 'format'));
    } else {
      const buttons = requireArray(issues, component, 'buttons', at);
      if (buttons === undefined) return;
      if (buttons.length === 0) invalid(issues, join(at, 'buttons'), `${join(at, 'buttons')} must hold at least one button.`);
      buttons.forEach((button, j) => {
        if (validateButton(issues, button, join(join(at, 'buttons'), j), hostingType)) flowButtons += 1;
      });
    }
  });
  if (bodies !== 1) {
    if (bodies === 0) missing(issues, 'components', 'components must include a body component.');
    else invalid(issues, 'components', 'components must include exactly one body component.');
  }
  if (flowButtons > 1) invalid(issues, 'components', 'A template may have only one FLOW button.');
  return issues;
}

/** Returns true when the button is a FLOW button. */
function validateButton(issues: Issues, button: unknown, at: string, hostingType: HostingType): boolean {
  if (!isRecord(button)) {
    invalid(issues, at, `${at} must be an object.`);
    return false;
  }
  const type = requireString(issues, button, 'type', at);
  const text = requireString(issues, button, 'text', at);
  if (text !== undefined) maxLength(issues, text, BUTTON_TEXT_MAX, join(at, 'text'));
  if (type === undefined || !oneOf(issues, type, ['FLOW', 'QUICK_REPLY', 'URL', 'PHONE_NUMBER'], join(at, 'type'))) return false;
  if (type !== 'FLOW') return false;

  const sources = ['flow_id', 'flow_name', 'flow_json'].filter((key) => button[key] !== undefined);
  if (sources.length === 0) missing(issues, join(at, 'flow_id'), `${join(at, 'flow_id')} is required (or flow_name, or flow_json).`);
  else if (sources.length > 1) invalid(issues, join(at, 'flow_id'), `Give only one of flow_id, flow_name and flow_json in ${at}.`);
  else if (hostingType === 'on-premise' && sources[0] !== 'flow_id') {
    invalid(issues, join(at, sources[0] as string), `${join(at, sources[0] as string)} is a Cloud API feature the On-Premise API does not support: name the flow by flow_id (or move the number to the Cloud API).`);
  } else requireString(issues, button, sources[0] as string, at);

  const action = optionalString(issues, button, 'flow_action', at);
  if (action !== undefined && !oneOf(issues, action, ['navigate', 'data_exchange'], join(at, 'flow_action'))) return true;
  // flow_action defaults to navigate, and navigate needs the screen to open (seed).
  if ((action ?? 'navigate') === 'navigate') requireString(issues, button, 'navigate_screen', at);
  else optionalString(issues, button, 'navigate_screen', at);
  return true;
}
