// Flows management, on the two surfaces that document it:
// - Meta's Flows API (developers.facebook.com/docs/whatsapp/flows/reference/flowsapi): `/{waba-id}/flows`,
//   `/{flow-id}`, with `fields` choosing what a GET returns (preview and metrics included);
// - 360dialog's Partner API (docs.360dialog.com/partner, "WhatsApp Flows"):
//   `/partners/{partner_id}/waba_accounts/{waba_account_id}/flows…`, lists wrapped as
//   `{ flows | assets, count, total }`, the preview on its own `/preview` path.
// 360dialog's Messaging API (waba-v2, D360-API-KEY) documents no Flows management and On-Premise
// never had any, so neither has a path here: the client sends flow calls of a `360dialog` client to
// the Partner API when it has partner credentials, and refuses them before any request otherwise.
// Partner API facts the docs leave open are decided here, each marked "unconfirmed" with the reason.
import type { DialectWire, Operation, WireRequest } from '../types.js';
import type { Issues } from './check.js';
import { invalid, join, missing, oneOf, requireArray, requireObjectBody, requireString } from './check.js';

export const FLOW_CATEGORIES = [
  'SIGN_UP',
  'SIGN_IN',
  'APPOINTMENT_BOOKING',
  'LEAD_GENERATION',
  'CONTACT_US',
  'CUSTOMER_SUPPORT',
  'SURVEY',
  'OTHER',
] as const;
export type FlowCategory = (typeof FLOW_CATEGORIES)[number];
export type FlowStatus = 'DRAFT' | 'PUBLISHED' | 'DEPRECATED' | 'BLOCKED' | 'THROTTLED';

/** The Partner API's path prefix of one WABA account's flows. */
const PARTNER = '/partners/{partnerId}/waba_accounts/{wabaAccountId}/flows';

/** Fields `GET /flows/{flowId}` can return (Flows API, "Retrieve Flow details"). */
export const FLOW_FIELDS = [
  'id',
  'name',
  'status',
  'categories',
  'validation_errors',
  'json_version',
  'data_api_version',
  'data_channel_uri',
  'endpoint_uri',
  'preview',
  'whatsapp_business_account',
  'application',
  'health_status',
] as const;
export type FlowField = (typeof FLOW_FIELDS)[number];
/** The Partner API's field list (its OpenAPI `fields` enum): no application, no health_status. */
export const PARTNER_FLOW_FIELDS: readonly FlowField[] = FLOW_FIELDS.filter((f) => f !== 'application' && f !== 'health_status');
export const DEFAULT_FLOW_FIELDS: readonly FlowField[] = [
  'id',
  'name',
  'status',
  'categories',
  'validation_errors',
  'json_version',
  'data_api_version',
  'endpoint_uri',
  'preview',
  'health_status',
];

/** Flows metrics (developers.facebook.com/docs/whatsapp/flows/reference/metrics_api). */
export const FLOW_METRIC_NAMES = [
  'ENDPOINT_REQUEST_COUNT',
  'ENDPOINT_REQUEST_ERROR',
  'ENDPOINT_REQUEST_ERROR_RATE',
  'ENDPOINT_REQUEST_LATENCY_SECONDS_CEIL',
  'ENDPOINT_AVAILABILITY',
] as const;
export type FlowMetricName = (typeof FLOW_METRIC_NAMES)[number];
export const FLOW_METRIC_GRANULARITIES = ['DAY', 'HOUR', 'LIFETIME'] as const;
export type FlowMetricGranularity = (typeof FLOW_METRIC_GRANULARITIES)[number];

/** Flow JSON size limit of the asset upload (10 MB). */
export const FLOW_JSON_MAX_BYTES = 10 * 1024 * 1024;

export interface FlowValidationPointer {
  lineStart: number;
  lineEnd: number;
  columnStart: number;
  columnEnd: number;
  path: string;
}

/**
 * `error_type` of a `validation_errors` entry that does not block publishing. Meta documents entries
 * of type FLOW_JSON_ERROR (and JSON_SYNTAX_ERROR for a document that does not parse) and no warning
 * entry; its Flow Builder shows warnings next to errors. waflow's sandbox returns the validator's
 * warnings from Meta's documented rules (character limits, a frozen version, http:// links) in the
 * same list with this type, so an API client sees what the builder shows (reading, unconfirmed:
 * the name is ours). Count only blocking entries when deciding whether a flow can be published.
 */
export const FLOW_JSON_WARNING = 'FLOW_JSON_WARNING';

/** Whether a validation entry blocks publishing and sending (anything but a FLOW_JSON_WARNING). */
export function isBlockingValidationError(entry: { errorType?: unknown; error_type?: unknown }): boolean {
  return (entry.errorType ?? entry.error_type) !== FLOW_JSON_WARNING;
}

export interface FlowValidationError {
  error: string;
  /** FLOW_JSON_ERROR, JSON_SYNTAX_ERROR, or FLOW_JSON_WARNING (see FLOW_JSON_WARNING). */
  errorType: string;
  message: string;
  lineStart: number;
  lineEnd: number;
  columnStart: number;
  columnEnd: number;
  pointers?: FlowValidationPointer[];
}

export interface CreateFlowRequest {
  name: string;
  categories: FlowCategory[];
  cloneFlowId?: string;
  endpointUri?: string;
  /** A Flow JSON document as a string. */
  flowJson?: string;
  /** Publish at once; needs flowJson. */
  publish?: boolean;
}

export interface CreateFlowResponse {
  id: string;
  success?: boolean;
  validationErrors?: FlowValidationError[];
}

export interface Paging {
  cursors: { before: string; after: string };
  next?: string;
  previous?: string;
}

export interface FlowSummary {
  id: string;
  name: string;
  status: FlowStatus;
  categories: FlowCategory[];
  validationErrors: FlowValidationError[];
}

/** One shape for every provider: Graph's `data` (+ `paging`), the Partner API's `count`/`total`. */
export interface ListFlowsResponse {
  data: FlowSummary[];
  paging?: Paging;
  /** Partner API: flows in this answer. */
  count?: number;
  /** Partner API: flows in the account. */
  total?: number;
}

export interface FlowPreview {
  previewUrl: string;
  expiresAt: string;
}

export interface FlowHealthStatus {
  canSendMessage: 'AVAILABLE' | 'LIMITED' | 'BLOCKED';
  entities: {
    entityType: string;
    id: string;
    canSendMessage: 'AVAILABLE' | 'LIMITED' | 'BLOCKED';
    errors?: { errorCode: number; errorDescription: string; possibleSolution: string }[];
  }[];
}

export interface FlowDetails {
  id: string;
  name?: string;
  status?: FlowStatus;
  categories?: FlowCategory[];
  validationErrors?: FlowValidationError[];
  jsonVersion?: string;
  dataApiVersion?: string;
  dataChannelUri?: string;
  endpointUri?: string;
  preview?: FlowPreview;
  healthStatus?: FlowHealthStatus;
  whatsappBusinessAccount?: { id: string; name?: string; currency?: string; timezoneId?: string; messageTemplateNamespace?: string };
  application?: { id: string; name?: string; link?: string };
}

export interface UpdateFlowRequest {
  name?: string;
  categories?: FlowCategory[];
  endpointUri?: string;
  applicationId?: string;
}

export interface SuccessResponse {
  success: boolean;
}

export interface UploadFlowJsonResponse {
  success: boolean;
  validationErrors: FlowValidationError[];
}

export interface FlowAsset {
  name: string;
  assetType: 'FLOW_JSON';
  downloadUrl: string;
}

export interface ListFlowAssetsResponse {
  data: FlowAsset[];
  paging?: Paging;
  count?: number;
  total?: number;
}

export interface MigrateFlowsRequest {
  /** The WABA the flows come from (Meta's WABA id; on the Partner API, 360dialog's WABA account id). */
  sourceWabaId: string;
  /** At most 100; all flows of the source when left out. */
  sourceFlowNames?: string[];
}

export interface MigrateFlowsResponse {
  migratedFlows: { sourceName: string; sourceId: string; migratedId: string }[];
  failedFlows: { sourceName: string; errorCode: string | number; errorMessage: string }[];
}

export interface FlowPreviewResponse {
  id: string;
  preview: FlowPreview;
}

export interface FlowMetricsQuery {
  name: FlowMetricName;
  granularity: FlowMetricGranularity;
  /** YYYY-MM-DD */
  since?: string;
  /** YYYY-MM-DD */
  until?: string;
}

export interface FlowMetricsResponse {
  id: string;
  metric: {
    name: FlowMetricName;
    granularity: FlowMetricGranularity;
    dataPoints: { timestamp: string; data: { key: string; value: number }[] }[];
  };
}

/** The `fields` value that asks for a preview link; `invalidate` forces a new link. */
export function previewFields(invalidate = false): string {
  return `preview.invalidate(${invalidate})`;
}

/** The `fields` value that asks for a metric (Graph field expansion syntax). */
export function metricFields(query: FlowMetricsQuery): string {
  let fields = `metric.name(${query.name}).granularity(${query.granularity})`;
  if (query.since !== undefined) fields += `.since(${query.since})`;
  if (query.until !== undefined) fields += `.until(${query.until})`;
  return fields;
}

/** Parse `metric.name(X).granularity(Y)[.since(D)][.until(D)]`; undefined when the syntax is wrong. */
export function parseMetricFields(fields: string): Partial<Record<'name' | 'granularity' | 'since' | 'until', string>> | undefined {
  const match = /^metric((?:\.[a-z_]+\([^()]*\))+)$/.exec(fields);
  if (match === null || match[1] === undefined) return undefined;
  const out: Partial<Record<'name' | 'granularity' | 'since' | 'until', string>> = {};
  for (const part of match[1].matchAll(/\.([a-z_]+)\(([^()]*)\)/g)) {
    const key = part[1];
    if (key !== 'name' && key !== 'granularity' && key !== 'since' && key !== 'until') return undefined;
    out[key] = part[2] ?? '';
  }
  return out;
}

function requireFlowId(request: WireRequest, issues: Issues): void {
  const id = request.params.flowId ?? '';
  if (id === '') missing(issues, 'params.flowId', 'The flow id is required.');
  else if (!/^[A-Za-z0-9_-]+$/.test(id)) invalid(issues, 'params.flowId', 'The flow id may hold only letters, digits, "_" and "-".');
}

const flowIdOnly = (request: WireRequest): Issues => {
  const issues: Issues = [];
  requireFlowId(request, issues);
  return issues;
};

/**
 * A list the Partner API wraps as `{ <key>: [...], count, total }` and Graph as `{ data, paging }`;
 * the common form is Graph's with the Partner API's counts kept.
 */
function partnerList(key: string): DialectWire['response'] {
  return {
    encode: (body) => {
      const { data, paging: _paging, ...rest } = asRecord(body);
      const items = Array.isArray(data) ? data : [];
      return { [key]: items, count: items.length, total: typeof rest.total === 'number' ? rest.total : items.length };
    },
    decode: (body) => {
      const { [key]: items, ...rest } = asRecord(body);
      return { ...rest, data: Array.isArray(items) ? items : [] };
    },
  };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export const createFlow: Operation = {
  id: 'flows.create',
  method: 'POST',
  // Partner API: the OpenAPI body has name, categories, clone_flow_id and endpoint_uri, and the
  // answer is `{ id }` (HTTP 201). It documents no flow_json or publish on create, so the client
  // uploads the JSON and publishes in separate calls there (client.ts).
  path: { partner: PARTNER, meta: '/{wabaId}/flows' },
  summary: 'Create a flow (DRAFT unless created with flow_json and publish).',
  body: 'json',
  validate: (request, _hosting, dialect) => {
    const issues: Issues = [];
    const body = request.body;
    if (!requireObjectBody(issues, body)) return issues;
    requireString(issues, body, 'name', '');
    validateCategories(issues, body, true);
    if (body.clone_flow_id !== undefined) requireString(issues, body, 'clone_flow_id', '');
    if (body.endpoint_uri !== undefined) validateEndpointUri(issues, body.endpoint_uri);
    if (body.flow_json !== undefined) validateFlowJsonText(issues, body.flow_json, 'flow_json');
    if (body.publish !== undefined) {
      if (typeof body.publish !== 'boolean') invalid(issues, 'publish', 'publish must be a boolean.');
      else if (body.publish && body.flow_json === undefined) missing(issues, 'flow_json', 'flow_json is required to publish a flow when creating it.');
    }
    if (dialect === 'partner') {
      for (const key of ['flow_json', 'publish'] as const) {
        if (body[key] !== undefined) invalid(issues, key, `${key} is not a field of the Partner API's create; upload the Flow JSON (assets) and publish in separate calls.`);
      }
    }
    return issues;
  },
};

export const listFlows: Operation = {
  id: 'flows.list',
  method: 'GET',
  path: { partner: PARTNER, meta: '/{wabaId}/flows' },
  wire: { partner: { response: partnerList('flows') } },
  summary: 'List the flows of the WhatsApp Business Account (a page: `limit`, then `after` on Graph, `offset` on the Partner API).',
  body: 'none',
  validate: (request, _hosting, dialect) => {
    const issues: Issues = [];
    checkFields(issues, request, dialect === 'partner' ? PARTNER_FLOW_FIELDS : FLOW_FIELDS);
    checkPage(issues, request, dialect === 'partner' ? 'offset' : 'after');
    return issues;
  },
};

/**
 * Paging of a list. Graph pages with `limit` and the `after` cursor of the previous answer's
 * `paging.cursors` (with `paging.next` while more remain). The Partner API's flow list answers
 * `count` and `total`; its paging parameters are not documented, and waflow sends `limit` and
 * `offset`, the pair 360dialog's own template list uses (reading, unconfirmed).
 */
function checkPage(issues: Issues, request: WireRequest, cursor: 'after' | 'offset'): void {
  const { limit } = request.query;
  if (limit !== undefined && !/^[1-9]\d{0,3}$/.test(limit)) invalid(issues, 'query.limit', `query.limit must be a whole number from 1 to 9999, not "${limit.slice(0, 20)}".`);
  const offset = request.query.offset;
  if (cursor === 'offset' && offset !== undefined && !/^\d{1,9}$/.test(offset)) invalid(issues, 'query.offset', `query.offset must be a whole number, not "${offset.slice(0, 20)}".`);
  const other = cursor === 'offset' ? 'after' : 'offset';
  if (request.query[other] !== undefined) invalid(issues, `query.${other}`, `query.${other} is not a paging parameter here; this API pages with limit and ${cursor}.`);
}

export const getFlow: Operation = {
  id: 'flows.get',
  method: 'GET',
  path: { partner: `${PARTNER}/{flowId}`, meta: '/{flowId}' },
  summary: 'Read a flow: status, categories, validation errors, versions, endpoint, preview, health.',
  body: 'none',
  validate: (request, _hosting, dialect) => {
    const issues = flowIdOnly(request);
    checkFields(issues, request, dialect === 'partner' ? PARTNER_FLOW_FIELDS : FLOW_FIELDS);
    return issues;
  },
};

function checkFields(issues: Issues, request: WireRequest, known: readonly string[]): void {
  const fields = request.query.fields;
  if (fields === undefined) return;
  for (const field of fields.split(',')) {
    const name = field.trim();
    // `health_status.phone_number(<id>)` narrows the health report to one number (Graph field expansion).
    const base = name.replace(/\.phone_number\(\d+\)$/, '');
    if (!known.includes(base)) invalid(issues, 'query.fields', `query.fields holds "${name}"; known fields here are ${known.join(', ')}.`);
  }
}

export const updateFlow: Operation = {
  id: 'flows.update',
  method: 'POST',
  // Partner API: POST on the flow's own path, as Graph does (unconfirmed: the reference lists the
  // operation without a sample; the Graph form is what 360dialog proxies everywhere else).
  path: { partner: `${PARTNER}/{flowId}`, meta: '/{flowId}' },
  summary: "Update a flow's metadata: name, categories, endpoint URI, application.",
  body: 'json',
  validate: (request) => {
    const issues = flowIdOnly(request);
    const body = request.body;
    if (!requireObjectBody(issues, body)) return issues;
    const known = ['name', 'categories', 'endpoint_uri', 'application_id'];
    if (!known.some((key) => body[key] !== undefined)) {
      missing(issues, 'body', `Give at least one of ${known.join(', ')}.`);
      return issues;
    }
    if (body.name !== undefined) requireString(issues, body, 'name', '');
    if (body.categories !== undefined) validateCategories(issues, body, true);
    if (body.endpoint_uri !== undefined) validateEndpointUri(issues, body.endpoint_uri);
    if (body.application_id !== undefined) requireString(issues, body, 'application_id', '');
    return issues;
  },
};

/**
 * Upload the Flow JSON asset. The body is multipart/form-data: `file` (the JSON, file name
 * flow.json), `name` = "flow.json", `asset_type` = "FLOW_JSON". The validator sees the text fields
 * and the file's content as `{ name, asset_type, file }`.
 */
export const uploadFlowJson: Operation = {
  id: 'flows.uploadJson',
  method: 'POST',
  // Partner API: multipart like Graph (unconfirmed: its docs give no encoding; multipart is what
  // Meta takes and what the Partner API forwards). To switch, set `wire: { partner: { body: 'json' } }`.
  path: { partner: `${PARTNER}/{flowId}/assets`, meta: '/{flowId}/assets' },
  summary: 'Upload the Flow JSON of a flow; answers with its validation errors.',
  body: 'multipart',
  validate: (request) => {
    const issues = flowIdOnly(request);
    const body = request.body;
    if (!requireObjectBody(issues, body)) return issues;
    const name = requireString(issues, body, 'name', '');
    if (name !== undefined && name !== 'flow.json') invalid(issues, 'name', 'name must be "flow.json".');
    const assetType = requireString(issues, body, 'asset_type', '');
    if (assetType !== undefined && assetType !== 'FLOW_JSON') invalid(issues, 'asset_type', 'asset_type must be "FLOW_JSON".');
    if (body.file === undefined) missing(issues, 'file', 'file is required: the Flow JSON document.');
    else validateFlowJsonText(issues, body.file, 'file');
    return issues;
  },
};

export const listFlowAssets: Operation = {
  id: 'flows.listAssets',
  method: 'GET',
  path: { partner: `${PARTNER}/{flowId}/assets`, meta: '/{flowId}/assets' },
  wire: { partner: { response: partnerList('assets') } },
  summary: "List a flow's assets (its Flow JSON, with a download URL).",
  body: 'none',
  validate: flowIdOnly,
};

export const publishFlow: Operation = {
  id: 'flows.publish',
  method: 'POST',
  path: { partner: `${PARTNER}/{flowId}/publish`, meta: '/{flowId}/publish' },
  summary: 'Publish a draft flow; it can no longer be changed.',
  body: 'none',
  validate: flowIdOnly,
};

export const deprecateFlow: Operation = {
  id: 'flows.deprecate',
  method: 'POST',
  path: { partner: `${PARTNER}/{flowId}/deprecate`, meta: '/{flowId}/deprecate' },
  summary: 'Deprecate a published flow; it can no longer be sent.',
  body: 'none',
  validate: flowIdOnly,
};

export const deleteFlow: Operation = {
  id: 'flows.delete',
  method: 'DELETE',
  path: { partner: `${PARTNER}/{flowId}`, meta: '/{flowId}' },
  summary: 'Delete a flow; only DRAFT flows can be deleted.',
  body: 'none',
  validate: flowIdOnly,
};

export const previewFlow: Operation = {
  id: 'flows.preview',
  method: 'GET',
  path: { partner: `${PARTNER}/{flowId}/preview`, meta: '/{flowId}' },
  fieldsPrefix: 'preview.',
  // The Partner API serves the preview on its own path with no `fields` and documents no way to
  // force a new link; the common form keeps Graph's `fields` and the partner wire drops it.
  wire: {
    partner: {
      request: {
        encode: ({ params, query: { fields: _fields, ...query }, body }) => ({ params, query, body }),
        decode: ({ params, query, body }) => ({ params, query: { ...query, fields: previewFields(false) }, body }),
      },
    },
  },
  summary: 'Get a web preview link of a flow (fields=preview.invalidate(true|false)).',
  body: 'none',
  validate: (request, _hosting, dialect) => {
    const issues = flowIdOnly(request);
    const fields = request.query.fields;
    if (fields === undefined) missing(issues, 'query.fields', 'query.fields is required: preview.invalidate(true|false).');
    else if (!/^preview\.invalidate\((true|false)\)$/.test(fields)) {
      invalid(issues, 'query.fields', 'query.fields must be preview.invalidate(true) or preview.invalidate(false).');
    } else if (dialect === 'partner' && fields === previewFields(true)) {
      invalid(issues, 'query.fields', "The Partner API's preview has no invalidate option; the Graph API (provider meta) has.");
    }
    return issues;
  },
};

export const flowMetrics: Operation = {
  id: 'flows.metrics',
  method: 'GET',
  // Partner API: its `fields` list names `metric`, with Graph's expansion syntax (unconfirmed).
  path: { partner: `${PARTNER}/{flowId}`, meta: '/{flowId}' },
  fieldsPrefix: 'metric.',
  summary: "Read one endpoint metric of a flow (fields=metric.name(...).granularity(...)).",
  body: 'none',
  validate: (request) => {
    const issues = flowIdOnly(request);
    const fields = request.query.fields;
    if (fields === undefined) {
      missing(issues, 'query.fields', 'query.fields is required: metric.name(NAME).granularity(DAY|HOUR|LIFETIME).');
      return issues;
    }
    const parsed = parseMetricFields(fields);
    if (parsed === undefined) {
      invalid(issues, 'query.fields', 'query.fields must read metric.name(NAME).granularity(GRANULARITY)[.since(YYYY-MM-DD)][.until(YYYY-MM-DD)].');
      return issues;
    }
    if (parsed.name === undefined) missing(issues, 'query.fields.name', 'The metric name is required.');
    else oneOf(issues, parsed.name, FLOW_METRIC_NAMES, 'query.fields.name');
    if (parsed.granularity === undefined) missing(issues, 'query.fields.granularity', 'The metric granularity is required.');
    else oneOf(issues, parsed.granularity, FLOW_METRIC_GRANULARITIES, 'query.fields.granularity');
    for (const key of ['since', 'until'] as const) {
      const value = parsed[key];
      if (value !== undefined && !isIsoDate(value)) invalid(issues, `query.fields.${key}`, `${key} must be a date written YYYY-MM-DD; got "${value}".`);
    }
    if (parsed.since !== undefined && parsed.until !== undefined && isIsoDate(parsed.since) && isIsoDate(parsed.until) && parsed.since > parsed.until) {
      invalid(issues, 'query.fields.since', 'since must not be after until.');
    }
    return issues;
  },
};

/**
 * Copy flows from another WABA of the same business into this one. Graph takes the source in the
 * query (`source_waba_id`, `source_flow_names` as a JSON array); the Partner API documents the same
 * two inputs without a path or encoding (unconfirmed): we use `…/flows/migrate` with a JSON body,
 * the shape of its other writes. The common form is the JSON body.
 */
export const migrateFlows: Operation = {
  id: 'flows.migrate',
  method: 'POST',
  path: { partner: `${PARTNER}/migrate`, meta: '/{wabaId}/migrate_flows' },
  wire: {
    meta: {
      body: 'none',
      request: {
        encode: ({ params, query, body }) => {
          const b = asRecord(body);
          const names = b.source_flow_names;
          return {
            params,
            query: { ...query, source_waba_id: String(b.source_waba_id ?? ''), ...(names === undefined ? {} : { source_flow_names: JSON.stringify(names) }) },
            body: undefined,
          };
        },
        decode: ({ params, query: { source_waba_id, source_flow_names, ...query }, body: _body }) => {
          let names: unknown = source_flow_names;
          if (source_flow_names !== undefined) {
            try {
              names = JSON.parse(source_flow_names) as unknown;
            } catch {
              names = source_flow_names; // the validator names the problem
            }
          }
          return { params, query, body: { ...(source_waba_id === undefined ? {} : { source_waba_id }), ...(names === undefined ? {} : { source_flow_names: names }) } };
        },
      },
    },
  },
  summary: 'Migrate flows from another WABA of the same business (at most 100 per request).',
  body: 'json',
  validate: (request) => {
    const issues: Issues = [];
    const body = request.body;
    if (!requireObjectBody(issues, body)) return issues;
    requireString(issues, body, 'source_waba_id', '');
    if (body.source_flow_names !== undefined) {
      const names = requireArray(issues, body, 'source_flow_names', '');
      if (names !== undefined) {
        if (names.length === 0) invalid(issues, 'source_flow_names', 'source_flow_names must name at least one flow, or be left out to migrate all.');
        if (names.length > 100) invalid(issues, 'source_flow_names', `source_flow_names holds ${names.length} names; at most 100 per request.`);
        names.forEach((name, i) => {
          if (typeof name !== 'string' || name === '') invalid(issues, join('source_flow_names', i), `${join('source_flow_names', i)} must be a flow name.`);
        });
      }
    }
    return issues;
  },
};

export const flowOperations = [
  createFlow,
  listFlows,
  getFlow,
  updateFlow,
  uploadFlowJson,
  listFlowAssets,
  publishFlow,
  deprecateFlow,
  deleteFlow,
  previewFlow,
  flowMetrics,
  migrateFlows,
] as const;

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function validateCategories(issues: Issues, body: Record<string, unknown>, required: boolean): void {
  if (!required && body.categories === undefined) return;
  const categories = requireArray(issues, body, 'categories', '');
  if (categories === undefined) return;
  if (categories.length === 0) {
    missing(issues, 'categories', 'categories must hold at least one category.');
    return;
  }
  const seen = new Set<string>();
  categories.forEach((category, i) => {
    const at = join('categories', i);
    if (typeof category !== 'string') invalid(issues, at, `${at} must be a string.`);
    else if (oneOf(issues, category, FLOW_CATEGORIES, at) && seen.has(category)) invalid(issues, at, `${at} repeats "${category}".`);
    else seen.add(String(category));
  });
}

// Meta requires an HTTPS endpoint; plain HTTP is allowed on loopback only, for the local sandbox.
function validateEndpointUri(issues: Issues, value: unknown): void {
  if (typeof value !== 'string' || value === '') {
    invalid(issues, 'endpoint_uri', 'endpoint_uri must be a URL.');
    return;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    invalid(issues, 'endpoint_uri', `endpoint_uri is not a valid URL: "${value}".`);
    return;
  }
  const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    invalid(issues, 'endpoint_uri', 'endpoint_uri must use https (http is accepted for localhost only).');
  }
}

function validateFlowJsonText(issues: Issues, value: unknown, path: string): void {
  if (typeof value !== 'string') {
    invalid(issues, path, `${path} must be the Flow JSON as a string.`);
    return;
  }
  if (value.trim() === '') {
    missing(issues, path, `${path} must not be empty.`);
    return;
  }
  if (new TextEncoder().encode(value).length > FLOW_JSON_MAX_BYTES) {
    invalid(issues, path, `${path} is larger than the 10 MB limit.`);
    return;
  }
  // Text that is not a Flow JSON object is still accepted: like WhatsApp, the platform saves the
  // asset and reports the problem in validation_errors (INVALID_FLOW_JSON with line and column).
}
