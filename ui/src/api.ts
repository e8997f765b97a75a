// The app's only way to the sandbox: JSON over HTTP on the same origin. Sandbox routes
// (/_sandbox/...) need no key; the real API routes are let in by the HttpOnly, SameSite=Strict
// session cookie the sandbox set on this page (the browser sends it on same-origin requests; the
// sandbox turns it into the number's D360-API-KEY on /cloud paths and its Graph bearer token on
// /graph paths): the app never holds an API key. Flows are managed on Meta's Graph paths
// (/graph/{version}/{waba_id}/flows, /graph/{version}/{flow_id}...), the WABA id coming from
// /_sandbox/ui/config; templates and messages stay on the 360dialog Cloud paths (/cloud/...).

export class SandboxError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
    this.name = 'SandboxError';
  }
}

export interface UiConfig {
  business_number: string;
  hosting_type: 'cloud' | 'on-premise';
  base_url: string;
  /** `${base_url}/graph/v24.0`: where the sandbox serves Meta's Graph API. */
  graph_base_url: string;
  /** The business number's WABA id (the `{waba_id}` of Graph's flow paths); null before the account exists. */
  waba_id: string | null;
  phone_number_id: string | null;
}

let config: Promise<UiConfig> | undefined;

export function uiConfig(): Promise<UiConfig> {
  config ??= getJson<UiConfig>('/_sandbox/ui/config').catch((error: unknown) => {
    config = undefined;
    throw error;
  });
  return config;
}

const nonEmpty = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/**
 * The message an error answer carries, in any of the shapes the sandbox uses: Graph's
 * `{ error: { message, code, error_subcode, error_user_msg, error_data: { details } } }` (Cloud
 * and Graph paths; the Partner API relays it beside its `meta`), the Partner API's own
 * `{ meta: { developer_message } }`, On-Premise `{ errors: [{ title, details }] }`, and the
 * sandbox's `{ error: { code, message } }` and `{ reason }`.
 */
export function messageOf(body: unknown, status: number): string {
  if (typeof body === 'object' && body !== null) {
    const b = body as Record<string, unknown>;
    const err = b.error as Record<string, unknown> | undefined;
    if (err !== undefined && typeof err === 'object' && err !== null) {
      const message = nonEmpty(err.message);
      const details = nonEmpty((err.error_data as Record<string, unknown> | undefined)?.details) ?? nonEmpty(err.error_user_msg);
      const code = typeof err.code === 'number' ? err.code : undefined;
      const subcode = typeof err.error_subcode === 'number' ? err.error_subcode : undefined;
      // Graph messages often start with "(#131009)" already; add the code only when they do not.
      const tag = code === undefined || message?.startsWith('(#') === true ? '' : ` (#${code}${subcode === undefined ? '' : `/${subcode}`})`;
      const head = message === undefined ? undefined : `${message}${tag}`;
      const parts = [head, details !== undefined && details !== message ? details : undefined].filter((s): s is string => s !== undefined);
      if (parts.length > 0) return parts.join(': ');
    }
    const meta = b.meta as Record<string, unknown> | undefined;
    if (typeof meta === 'object' && meta !== null && nonEmpty(meta.developer_message) !== undefined) return nonEmpty(meta.developer_message) as string;
    const errors = b.errors as { title?: string; details?: string }[] | undefined;
    if (Array.isArray(errors) && errors[0] !== undefined) {
      const first = [nonEmpty(errors[0].title), nonEmpty(errors[0].details)].filter(Boolean).join(': ');
      if (first !== '') return first;
    }
    if (nonEmpty(b.reason) !== undefined) return nonEmpty(b.reason) as string;
  }
  if (typeof body === 'string' && body.trim() !== '' && body.length <= 300 && !body.trimStart().startsWith('<')) return `HTTP ${status}: ${body.trim()}`;
  return `HTTP ${status}`;
}

async function request<T>(method: string, path: string, init: { body?: unknown; form?: FormData; accept?: number[] } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  let body: BodyInit | undefined;
  if (init.form !== undefined) body = init.form;
  else if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  // The session cookie goes with every same-origin request; the sandbox turns it into the key.
  const res = await fetch(path, { method, headers, credentials: 'same-origin', ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text !== '') {
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      parsed = text;
    }
  }
  if (!res.ok && !(init.accept ?? []).includes(res.status)) throw new SandboxError(res.status, messageOf(parsed, res.status), parsed);
  return parsed as T;
}

export const getJson = <T>(path: string): Promise<T> => request<T>('GET', path);
export const postJson = <T>(path: string, body?: unknown, accept?: number[]): Promise<T> => request<T>('POST', path, { body: body ?? {}, ...(accept === undefined ? {} : { accept }) });
/** A multipart/form-data POST (files from the page's file chooser); the browser sets the boundary. */
export const postForm = <T>(path: string, form: FormData, accept?: number[]): Promise<T> => request<T>('POST', path, { form, ...(accept === undefined ? {} : { accept }) });

// --- the real API: flows on the Graph paths, templates and messages on the Cloud paths ----------

/**
 * The Graph prefix on this page's origin (`/graph/v24.0`) and the WABA id, from the UI config.
 * The path of graph_base_url is used, not its origin: the sandbox's public URL may be a tunnel,
 * and the session cookie goes only to this origin.
 */
async function graph(): Promise<{ prefix: string; wabaId: string }> {
  const c = await uiConfig();
  if (c.waba_id === null || c.waba_id === '') throw new SandboxError(0, 'The sandbox reports no WhatsApp Business Account id (waba_id) for its business number; flows cannot be managed.', c);
  let prefix: string;
  try {
    prefix = new URL(c.graph_base_url, location.origin).pathname.replace(/\/+$/, '');
  } catch {
    prefix = '/graph/v24.0';
  }
  return { prefix, wabaId: c.waba_id };
}

const seg = encodeURIComponent;

export interface ValidationError {
  error: string;
  error_type: string;
  message: string;
  line_start?: number;
  line_end?: number;
  column_start?: number;
  column_end?: number;
  pointers?: unknown[];
}

export interface FlowSummary {
  id: string;
  name: string;
  status: string;
  categories?: string[];
  validation_errors?: ValidationError[];
  endpoint_uri?: string;
  json_version?: string;
}

export interface TemplateWire {
  id: string;
  name: string;
  language: string;
  status: string;
  components: Record<string, unknown>[];
}

export const api = {
  listFlows: async () => {
    const g = await graph();
    return request<{ data: FlowSummary[] }>('GET', `${g.prefix}/${seg(g.wabaId)}/flows`);
  },
  getFlow: async (id: string) => {
    const g = await graph();
    return request<FlowSummary>('GET', `${g.prefix}/${seg(id)}`);
  },
  createFlow: async (body: { name: string; categories: string[]; endpoint_uri?: string }) => {
    const g = await graph();
    return request<{ id: string }>('POST', `${g.prefix}/${seg(g.wabaId)}/flows`, { body });
  },
  updateFlow: async (id: string, body: Record<string, unknown>) => {
    const g = await graph();
    return request<{ success: boolean }>('POST', `${g.prefix}/${seg(id)}`, { body });
  },
  uploadFlowJson: async (id: string, json: string) => {
    const g = await graph();
    const form = new FormData();
    form.set('name', 'flow.json');
    form.set('asset_type', 'FLOW_JSON');
    form.set('file', new Blob([json], { type: 'application/json' }), 'flow.json');
    return request<{ success: boolean; validation_errors: ValidationError[] }>('POST', `${g.prefix}/${seg(id)}/assets`, { form });
  },
  publishFlow: async (id: string) => {
    const g = await graph();
    return request<{ success: boolean }>('POST', `${g.prefix}/${seg(id)}/publish`);
  },
  flowJson: (id: string) => request<unknown>('GET', `/_sandbox/flows/${seg(id)}/flow.json`),
  listTemplates: () => request<{ waba_templates: TemplateWire[] }>('GET', '/cloud/v1/configs/templates'),
  sendMessage: (body: Record<string, unknown>) => request<{ messages: { id: string }[] }>('POST', '/cloud/messages', { body }),
};
