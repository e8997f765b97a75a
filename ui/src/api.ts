// The app's only way to the sandbox: JSON over HTTP on the same origin. Sandbox routes
// (/_sandbox/...) need no key; the real API routes (flows, templates, messages) are let in by the
// HttpOnly, SameSite=Strict session cookie the sandbox set on this page (the browser sends it on
// same-origin requests): the app never holds an API key.

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
}

let config: Promise<UiConfig> | undefined;

export function uiConfig(): Promise<UiConfig> {
  config ??= getJson<UiConfig>('/_sandbox/ui/config').catch((error: unknown) => {
    config = undefined;
    throw error;
  });
  return config;
}

/** The message an error answer carries, in any of the shapes the sandbox uses. */
export function messageOf(body: unknown, status: number): string {
  if (typeof body === 'object' && body !== null) {
    const b = body as Record<string, unknown>;
    const err = b.error as Record<string, unknown> | undefined;
    if (err !== undefined && typeof err === 'object') {
      const details = (err.error_data as Record<string, unknown> | undefined)?.details;
      return [err.message, typeof details === 'string' ? details : undefined].filter((s) => typeof s === 'string' && s !== '').join(': ') || `HTTP ${status}`;
    }
    const errors = b.errors as { title?: string; details?: string }[] | undefined;
    if (Array.isArray(errors) && errors[0] !== undefined) return [errors[0].title, errors[0].details].filter(Boolean).join(': ');
    if (typeof b.reason === 'string') return b.reason;
  }
  return `HTTP ${status}`;
}

async function request<T>(method: string, path: string, init: { body?: unknown; form?: FormData; api?: boolean; accept?: number[] } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  let body: BodyInit | undefined;
  if (init.form !== undefined) body = init.form;
  else if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  // `api` marks the real API routes; the session cookie goes with every same-origin request.
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

// --- the real API (Cloud paths, D360-API-KEY) --------------------------------------------------

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
  listFlows: () => request<{ data: FlowSummary[] }>('GET', '/cloud/flows', { api: true }),
  getFlow: (id: string) => request<FlowSummary>('GET', `/cloud/flows/${encodeURIComponent(id)}`, { api: true }),
  createFlow: (body: { name: string; categories: string[]; endpoint_uri?: string }) => request<{ id: string }>('POST', '/cloud/flows', { api: true, body }),
  updateFlow: (id: string, body: Record<string, unknown>) => request<{ success: boolean }>('POST', `/cloud/flows/${encodeURIComponent(id)}`, { api: true, body }),
  uploadFlowJson: (id: string, json: string) => {
    const form = new FormData();
    form.set('name', 'flow.json');
    form.set('asset_type', 'FLOW_JSON');
    form.set('file', new Blob([json], { type: 'application/json' }), 'flow.json');
    return request<{ success: boolean; validation_errors: ValidationError[] }>('POST', `/cloud/flows/${encodeURIComponent(id)}/assets`, { api: true, form });
  },
  publishFlow: (id: string) => request<{ success: boolean }>('POST', `/cloud/flows/${encodeURIComponent(id)}/publish`, { api: true }),
  flowJson: (id: string) => request<unknown>('GET', `/_sandbox/flows/${encodeURIComponent(id)}/flow.json`),
  listTemplates: () => request<{ waba_templates: TemplateWire[] }>('GET', '/cloud/v1/configs/templates', { api: true }),
  sendMessage: (body: Record<string, unknown>) => request<{ messages: { id: string }[] }>('POST', '/cloud/messages', { api: true, body }),
};
