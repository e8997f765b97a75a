// The typed client of 360dialog's WhatsApp API for Flows. Every call goes through one pipeline:
// look up the operation's path for the hosting type, convert the camelCase input to the wire format
// (wire.ts), run the contract's validator — the same one the sandbox answers 400s with — and only
// then send, with the D360-API-KEY header. Error answers become ApiError; the key never appears in
// any message.
import type { HostingType, Operation } from './types.js';
import { HOSTING_TYPES, pathFor } from './types.js';
import { ApiClientError, parseApiError, redact } from './errors.js';
import { fromWire, toWire } from './wire.js';
import {
  DEFAULT_FLOW_FIELDS,
  FLOW_MESSAGE_VERSION,
  createFlow,
  createTemplate,
  deleteFlow,
  deprecateFlow,
  fillPath,
  flowMetrics,
  getFlow,
  getPublicKey,
  getTemplate,
  listFlowAssets,
  listFlows,
  listTemplates,
  metricFields,
  previewFields,
  previewFlow,
  publishFlow,
  sendMessage,
  setPublicKey,
  updateFlow,
  uploadFlowJson,
} from './contract/index.js';
import type {
  CreateFlowRequest,
  CreateFlowResponse,
  CreateTemplateRequest,
  CreateTemplateResponse,
  FlowAction,
  FlowActionPayload,
  FlowDetails,
  FlowField,
  FlowMetricsQuery,
  FlowMetricsResponse,
  FlowMode,
  FlowPreviewResponse,
  InteractiveFlowMessage,
  InteractiveHeader,
  ListFlowAssetsResponse,
  ListFlowsResponse,
  ListTemplatesResponse,
  PublicKeyRecord,
  SendMessageResponse,
  SuccessResponse,
  TemplateMessage,
  TemplateOtherComponent,
  TemplateRecord,
  TextMessage,
  UpdateFlowRequest,
  UploadFlowJsonResponse,
} from './contract/index.js';

/** 360dialog's base URL for each hosting type (seed). */
export const DEFAULT_BASE_URLS: Readonly<Record<HostingType, string>> = {
  cloud: 'https://waba-v2.360dialog.io',
  'on-premise': 'https://waba.360dialog.io',
};

export const API_KEY_HEADER = 'D360-API-KEY';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface ClientOptions {
  apiKey: string;
  hostingType: HostingType;
  /** Defaults to 360dialog's base URL for the hosting type. */
  baseUrl?: string;
  /** Defaults to the global fetch. */
  fetch?: FetchLike;
}

export interface SendFlowInput {
  to: string;
  /** Body text of the message. */
  body: string;
  /** A text header, or a media header. */
  header?: string | InteractiveHeader;
  footer?: string;
  flowId?: string;
  flowName?: string;
  /** The button text: at most 20 characters, no emoji. */
  flowCta: string;
  flowToken?: string;
  mode?: FlowMode;
  flowAction?: FlowAction;
  /** Required for navigate; leave out for data_exchange. `data` keys are sent exactly as written. */
  flowActionPayload?: FlowActionPayload;
}

export interface SendTextInput {
  to: string;
  body: string;
  previewUrl?: boolean;
}

export interface SendTemplateInput {
  to: string;
  name: string;
  /** A language code such as en_US, or the full language object. */
  language: string | { code: string; policy?: 'deterministic' };
  /** On-Premise only. */
  namespace?: string;
  /** The FLOW button: its index among the buttons, the token and the first screen's data. */
  flowButton?: { index: number | string; flowToken?: string; flowActionData?: Record<string, unknown> };
  /** Other components (body parameters and the like), sent before the flow button. */
  components?: TemplateOtherComponent[];
}

export interface CreateFlowInput extends Omit<CreateFlowRequest, 'flowJson'> {
  /** A Flow JSON document, as text or as an object. */
  flowJson?: string | object;
}

export interface ApiClient {
  readonly hostingType: HostingType;
  readonly baseUrl: string;
  readonly messages: {
    sendFlow(input: SendFlowInput): Promise<SendMessageResponse>;
    sendText(input: SendTextInput): Promise<SendMessageResponse>;
    sendTemplate(input: SendTemplateInput): Promise<SendMessageResponse>;
  };
  readonly templates: {
    create(input: CreateTemplateRequest): Promise<CreateTemplateResponse>;
    list(): Promise<ListTemplatesResponse>;
    get(name: string): Promise<TemplateRecord>;
  };
  readonly flows: {
    create(input: CreateFlowInput): Promise<CreateFlowResponse>;
    list(): Promise<ListFlowsResponse>;
    get(flowId: string, options?: { fields?: readonly FlowField[] }): Promise<FlowDetails>;
    update(flowId: string, input: UpdateFlowRequest): Promise<SuccessResponse>;
    uploadJson(flowId: string, json: string | object): Promise<UploadFlowJsonResponse>;
    listAssets(flowId: string): Promise<ListFlowAssetsResponse>;
    publish(flowId: string): Promise<SuccessResponse>;
    deprecate(flowId: string): Promise<SuccessResponse>;
    delete(flowId: string): Promise<SuccessResponse>;
    preview(flowId: string, options?: { invalidate?: boolean }): Promise<FlowPreviewResponse>;
    metrics(flowId: string, query: FlowMetricsQuery): Promise<FlowMetricsResponse>;
  };
  readonly encryption: {
    setPublicKey(pem: string): Promise<SuccessResponse>;
    /** The key and its signature status; null when no key is set. */
    getPublicKey(): Promise<PublicKeyRecord | null>;
  };
}

interface CallInput {
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** camelCase JSON body, converted to the wire format here. */
  json?: unknown;
  /** Multipart text fields and one file, sent as form data. */
  multipart?: { fields: Record<string, string>; file: { field: string; name: string; type: string; content: string } };
}

export function createClient(options: ClientOptions): ApiClient {
  const { apiKey, hostingType } = checkOptions(options);
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URLS[hostingType]).replace(/\/+$/, '');
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));

  async function call(operation: Operation, input: CallInput = {}): Promise<unknown> {
    const template = pathFor(operation, hostingType);
    if (template === undefined) {
      const other = HOSTING_TYPES.find((h) => h !== hostingType) as HostingType;
      throw new ApiClientError(
        'UNSUPPORTED_OPERATION',
        `${operation.id} is not available on the ${hostingType} API${pathFor(operation, other) === undefined ? '' : ` (only on ${other})`}.`,
      );
    }
    const params = input.params ?? {};
    const query = input.query ?? {};
    const wireBody =
      input.multipart !== undefined
        ? { ...input.multipart.fields, [input.multipart.file.field]: input.multipart.file.content }
        : input.json === undefined
          ? undefined
          : toWire(input.json, operation.opaque?.request);
    const issues = operation.validate({ params, query, body: wireBody }, hostingType);
    if (issues.length > 0) {
      throw new ApiClientError('INVALID_REQUEST', `${operation.id}: ${issues.map((i) => `${i.path}: ${i.message}`).join(' ')}`, issues);
    }

    let url: string;
    try {
      url = baseUrl + fillPath(template, params);
    } catch (error) {
      throw new ApiClientError('INVALID_REQUEST', `${operation.id}: ${error instanceof Error ? error.message : 'bad path'}`);
    }
    const search = new URLSearchParams(query).toString();
    if (search !== '') url += `?${search}`;

    const headers: Record<string, string> = { [API_KEY_HEADER]: apiKey, Accept: 'application/json' };
    let body: BodyInit | undefined;
    if (input.multipart !== undefined) {
      const form = new FormData();
      const { file, fields } = input.multipart;
      form.append(file.field, new Blob([file.content], { type: file.type }), file.name);
      for (const [key, value] of Object.entries(fields)) form.append(key, value);
      body = form; // fetch sets the multipart boundary itself
    } else if (wireBody !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(wireBody);
    }

    let response: Response;
    try {
      response = await doFetch(url, { method: operation.method, headers, ...(body === undefined ? {} : { body }) });
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'unknown error';
      throw new ApiClientError('NETWORK', `${operation.id}: the request to ${redact(url, [apiKey])} failed: ${redact(reason, [apiKey])}`);
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) throw parseApiError(response.status, text, hostingType, [apiKey]);
    if (text.trim() === '') return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      throw new ApiClientError('BAD_RESPONSE', `${operation.id}: HTTP ${response.status} answered with a body that is not JSON.`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ApiClientError('BAD_RESPONSE', `${operation.id}: HTTP ${response.status} answered with JSON that is not an object.`);
    }
    return fromWire(parsed, operation.opaque?.response);
  }

  const product = hostingType === 'cloud' ? { messagingProduct: 'whatsapp' as const } : {};

  const messages: ApiClient['messages'] = {
    async sendFlow(input) {
      const message: InteractiveFlowMessage = {
        ...product,
        recipientType: 'individual',
        to: input.to,
        type: 'interactive',
        interactive: {
          // The seed's On-Premise form: interactive type galaxy_message, action name "".
          type: hostingType === 'cloud' ? 'flow' : 'galaxy_message',
          ...(input.header === undefined ? {} : { header: typeof input.header === 'string' ? { type: 'text', text: input.header } : input.header }),
          body: { text: input.body },
          ...(input.footer === undefined ? {} : { footer: { text: input.footer } }),
          action: {
            name: hostingType === 'cloud' ? 'flow' : '',
            parameters: {
              flowMessageVersion: FLOW_MESSAGE_VERSION,
              ...pick(input, ['mode', 'flowToken', 'flowId', 'flowName']),
              flowCta: input.flowCta,
              ...pick(input, ['flowAction', 'flowActionPayload']),
            },
          },
        },
      };
      return (await call(sendMessage, { json: message })) as SendMessageResponse;
    },
    async sendText(input) {
      const message: TextMessage = {
        ...product,
        recipientType: 'individual',
        to: input.to,
        type: 'text',
        text: { body: input.body, ...pick(input, ['previewUrl']) },
      };
      return (await call(sendMessage, { json: message })) as SendMessageResponse;
    },
    async sendTemplate(input) {
      const language =
        typeof input.language === 'string'
          ? { code: input.language, ...(hostingType === 'on-premise' ? { policy: 'deterministic' as const } : {}) }
          : input.language;
      const components: NonNullable<TemplateMessage['template']['components']> = [...(input.components ?? [])];
      if (input.flowButton !== undefined) {
        const { index, flowToken, flowActionData } = input.flowButton;
        components.push({
          type: 'button',
          subType: 'flow',
          index: String(index),
          parameters: [
            {
              type: 'action',
              action: { ...(flowToken === undefined ? {} : { flowToken }), ...(flowActionData === undefined ? {} : { flowActionData }) },
            },
          ],
        });
      }
      const message: TemplateMessage = {
        ...product,
        recipientType: 'individual',
        to: input.to,
        type: 'template',
        template: {
          ...pick(input, ['namespace']),
          name: input.name,
          language,
          ...(components.length === 0 ? {} : { components }),
        },
      };
      return (await call(sendMessage, { json: message })) as SendMessageResponse;
    },
  };

  const templates: ApiClient['templates'] = {
    async create(input) {
      return (await call(createTemplate, { json: input })) as CreateTemplateResponse;
    },
    async list() {
      return (await call(listTemplates)) as ListTemplatesResponse;
    },
    async get(name) {
      return (await call(getTemplate, { params: { templateName: name } })) as TemplateRecord;
    },
  };

  const flows: ApiClient['flows'] = {
    async create(input) {
      const { flowJson, ...rest } = input;
      const json = flowJson === undefined ? rest : { ...rest, flowJson: flowJsonText(flowJson) };
      return (await call(createFlow, { json })) as CreateFlowResponse;
    },
    async list() {
      return (await call(listFlows)) as ListFlowsResponse;
    },
    async get(flowId, options) {
      const fields = (options?.fields ?? DEFAULT_FLOW_FIELDS).join(',');
      return (await call(getFlow, { params: { flowId }, query: { fields } })) as FlowDetails;
    },
    async update(flowId, input) {
      return (await call(updateFlow, { params: { flowId }, json: input })) as SuccessResponse;
    },
    async uploadJson(flowId, json) {
      return (await call(uploadFlowJson, {
        params: { flowId },
        multipart: {
          fields: { name: 'flow.json', asset_type: 'FLOW_JSON' },
          file: { field: 'file', name: 'flow.json', type: 'application/json', content: flowJsonText(json) },
        },
      })) as UploadFlowJsonResponse;
    },
    async listAssets(flowId) {
      return (await call(listFlowAssets, { params: { flowId } })) as ListFlowAssetsResponse;
    },
    async publish(flowId) {
      return (await call(publishFlow, { params: { flowId } })) as SuccessResponse;
    },
    async deprecate(flowId) {
      return (await call(deprecateFlow, { params: { flowId } })) as SuccessResponse;
    },
    async delete(flowId) {
      return (await call(deleteFlow, { params: { flowId } })) as SuccessResponse;
    },
    async preview(flowId, options) {
      return (await call(previewFlow, { params: { flowId }, query: { fields: previewFields(options?.invalidate ?? false) } })) as FlowPreviewResponse;
    },
    async metrics(flowId, query) {
      return (await call(flowMetrics, { params: { flowId }, query: { fields: metricFields(query) } })) as FlowMetricsResponse;
    },
  };

  const encryption: ApiClient['encryption'] = {
    async setPublicKey(pem) {
      const result = (await call(setPublicKey, { json: { publicKey: pem } })) as Partial<SuccessResponse>;
      // On-Premise answers with `meta` only; a 2xx is the success.
      return { success: result.success ?? true };
    },
    async getPublicKey() {
      const result = (await call(getPublicKey)) as { data?: unknown } & Partial<PublicKeyRecord>;
      const record: Partial<PublicKeyRecord> | undefined = Array.isArray(result.data) ? (result.data[0] as Partial<PublicKeyRecord> | undefined) : result;
      if (record === undefined || typeof record.businessPublicKey !== 'string' || record.businessPublicKey === '') return null;
      return {
        businessPublicKey: record.businessPublicKey,
        businessPublicKeySignatureStatus: record.businessPublicKeySignatureStatus ?? 'MISMATCH',
      };
    },
  };

  return { hostingType, baseUrl, messages, templates, flows, encryption };
}

function checkOptions(options: ClientOptions): { apiKey: string; hostingType: HostingType } {
  if (typeof options !== 'object' || options === null) throw new ApiClientError('INVALID_OPTIONS', 'createClient needs an options object.');
  const { apiKey, hostingType, baseUrl } = options;
  if (typeof apiKey !== 'string' || apiKey === '') throw new ApiClientError('INVALID_OPTIONS', 'apiKey is required: the D360-API-KEY of the number.');
  // Checked without echoing the key: a header value must be visible ASCII.
  if (!/^[\x21-\x7e]+$/.test(apiKey)) throw new ApiClientError('INVALID_OPTIONS', 'apiKey holds characters an HTTP header cannot carry (spaces, line breaks or non-ASCII).');
  if (!HOSTING_TYPES.includes(hostingType)) {
    throw new ApiClientError('INVALID_OPTIONS', `hostingType must be "cloud" or "on-premise"; got ${JSON.stringify(String(hostingType))}.`);
  }
  if (baseUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(baseUrl);
    } catch {
      url = undefined;
    }
    if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      throw new ApiClientError('INVALID_OPTIONS', 'baseUrl must be an http(s) URL.');
    }
    if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
      throw new ApiClientError('INVALID_OPTIONS', 'baseUrl must not carry credentials, a query or a fragment.');
    }
  }
  return { apiKey, hostingType };
}

function flowJsonText(json: string | object): string {
  // Pretty-printed, so the line and column numbers of validation errors point at readable text.
  return typeof json === 'string' ? json : JSON.stringify(json, null, 2);
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) {
    if (source[key] !== undefined) out[key] = source[key];
  }
  return out;
}
