// flows.*: flow management on the Graph API (provider meta) or 360dialog's Partner API (provider
// 360dialog-partner, or 360dialog with partner credentials). Where the Partner API lacks a piece of
// Graph's, the client composes it (create = create + upload + publish) or refuses it before any
// request (health, preview invalidation, Graph-only fields).
import { ApiClientError, ApiError } from '../errors.js';
import {
  DEFAULT_FLOW_FIELDS,
  PARTNER_FLOW_FIELDS,
  createFlow,
  deleteFlow,
  deprecateFlow,
  flowMetrics,
  isBlockingValidationError,
  getFlow,
  listFlowAssets,
  listFlows,
  metricFields,
  migrateFlows,
  previewFields,
  previewFlow,
  publishFlow,
  updateFlow,
  uploadFlowJson,
} from '../contract/index.js';
import type {
  CreateFlowResponse,
  FlowDetails,
  FlowField,
  FlowMetricsResponse,
  FlowPreviewResponse,
  FlowSummary,
  FlowValidationError,
  ListFlowAssetsResponse,
  ListFlowsResponse,
  MigrateFlowsResponse,
  SuccessResponse,
  UploadFlowJsonResponse,
} from '../contract/index.js';
import type { Caller, CallInput } from './pipeline.js';
import type { ResolvedOptions } from './options.js';
import type { ApiClient, FlowListPage, RequestOptions } from './types.js';
import { flowJsonText } from './util.js';

/** The most pages listAll reads. */
const MAX_PAGES = 1000;

export function flowsApi(resolved: ResolvedOptions, caller: Caller): ApiClient['flows'] {
  const on = (label: string, request: RequestOptions | undefined, retries?: number) => ({
    label,
    signal: request?.signal,
    ...(retries === undefined ? {} : { retries }),
  });

  /** The fields flows.get asks for when none are given: the useful ones this dialect has. */
  function defaultFields(): readonly FlowField[] {
    const dialect = resolved.dialects.flows;
    const known = (dialect === undefined ? undefined : getFlow.wire?.[dialect]?.fields) ?? (dialect === 'partner' ? PARTNER_FLOW_FIELDS : undefined);
    return known === undefined ? DEFAULT_FLOW_FIELDS : DEFAULT_FLOW_FIELDS.filter((f) => known.includes(f));
  }

  async function details(flowId: string, fields: readonly string[], label: string, request: RequestOptions | undefined, retries?: number): Promise<FlowDetails> {
    return (await caller.call(getFlow, { params: { flowId }, query: { fields: fields.join(',') } }, on(label, request, retries))) as unknown as FlowDetails;
  }

  function uploadInput(flowId: string, text: string): CallInput {
    return {
      params: { flowId },
      multipart: {
        fields: { name: 'flow.json', asset_type: 'FLOW_JSON' },
        file: { field: 'file', name: 'flow.json', type: 'application/json', content: text },
      },
    };
  }

  async function upload(flowId: string, json: string | object, label: string, request: RequestOptions | undefined): Promise<UploadFlowJsonResponse> {
    return (await caller.call(uploadFlowJson, uploadInput(flowId, flowJsonText(json)), on(label, request))) as unknown as UploadFlowJsonResponse;
  }

  async function publish(flowId: string, label: string, request: RequestOptions | undefined): Promise<SuccessResponse> {
    try {
      return (await caller.call(publishFlow, { params: { flowId } }, on(label, request))) as unknown as SuccessResponse;
    } catch (error) {
      // 139002 "publishing failed" mostly means Flow JSON errors: fetch them once, so the error
      // says what to fix. Best effort: one attempt, and its own failure is dropped.
      if (error instanceof ApiError && error.code === 139002 && request?.signal?.aborted !== true) {
        try {
          const found = await details(flowId, ['validation_errors'], label, request, 0);
          if (Array.isArray(found.validationErrors)) error.validationErrors = found.validationErrors;
        } catch {
          // the publish error is what the caller needs
        }
      }
      throw error;
    }
  }

  /** Partner API: create (no Flow JSON there), then upload, then publish; every step checked first. */
  async function createInSteps(input: Parameters<ApiClient['flows']['create']>[0], request: RequestOptions | undefined): Promise<CreateFlowResponse> {
    const label = 'flows.create';
    const { flowJson, publish: publishNow, ...fields } = input;
    const text = flowJson === undefined ? undefined : flowJsonText(flowJson);
    // The common rules (publish needs flow_json) and the upload's, before the flow exists.
    caller.check(createFlow, { json: { ...fields, flowJson: text, publish: publishNow } }, undefined);
    if (text !== undefined) caller.check(uploadFlowJson, uploadInput('0', text), 'partner');

    const created = await caller.call(createFlow, { json: fields }, on(label, request));
    const id = created.id;
    if (typeof id !== 'string' || id === '') throw new ApiClientError('BAD_RESPONSE', `${label}: the Partner API created a flow but answered without its id.`);
    let success = true;
    let validationErrors: FlowValidationError[] = [];
    try {
      if (text !== undefined) {
        const uploaded = await upload(id, text, label, request);
        validationErrors = uploaded.validationErrors ?? [];
        success = uploaded.success !== false;
      }
      if (publishNow === true) {
        // With validation errors publishing fails (139002); the flow stays a DRAFT and the caller
        // reads the errors from the answer, as Graph's create-and-publish reports them.
        if (validationErrors.some(isBlockingValidationError)) success = false;
        else success = (await publish(id, label, request)).success !== false && success;
      }
    } catch (error) {
      throw createdAnyway(error, id);
    }
    return { id, success, validationErrors };
  }

  /**
   * One page of the list. The Partner API answers `count` and `total` and pages by offset: its
   * answer gets the same `paging` as Graph's (the cursor is the next offset), so callers page one way.
   */
  async function listPage(page: FlowListPage | undefined, label: string, request: RequestOptions | undefined): Promise<ListFlowsResponse> {
    const partner = caller.dialectOf(listFlows, label) === 'partner';
    const query: Record<string, string> = {};
    if (page?.limit !== undefined) query.limit = String(page.limit);
    if (page?.after !== undefined) query[partner ? 'offset' : 'after'] = page.after;
    const answer = (await caller.call(listFlows, { query }, on(label, request))) as unknown as ListFlowsResponse;
    if (!partner || answer.paging !== undefined) return answer;
    const offset = Number(page?.after ?? '0');
    const next = offset + answer.data.length;
    const more = typeof answer.total === 'number' && next < answer.total;
    return { ...answer, paging: { cursors: { before: String(offset), after: String(next) }, ...(more ? { next: `offset=${next}` } : {}) } };
  }

  return {
    async create(input, request) {
      if (caller.dialectOf(createFlow, 'flows.create') === 'partner') return createInSteps(input, request);
      const { flowJson, ...rest } = input;
      const json = flowJson === undefined ? rest : { ...rest, flowJson: flowJsonText(flowJson) };
      return (await caller.call(createFlow, { json }, on('flows.create', request))) as unknown as CreateFlowResponse;
    },
    list(page, request) {
      return listPage(page, 'flows.list', request);
    },
    async listAll(request) {
      // Follows the pages until the platform says there are no more (MAX_PAGES guards a platform
      // that keeps answering a cursor: a bug there must not become an endless loop here).
      const all: FlowSummary[] = [];
      let page: FlowListPage = {};
      for (let i = 0; i < MAX_PAGES; i++) {
        const answer = await listPage(page, 'flows.listAll', request);
        all.push(...answer.data);
        const after = answer.paging?.next === undefined ? undefined : answer.paging.cursors.after;
        if (after === undefined || after === '' || answer.data.length === 0) return all;
        page = { after };
      }
      throw new ApiClientError('BAD_RESPONSE', `flows.listAll: the platform answered more than ${MAX_PAGES} pages; stopped.`);
    },
    async get(flowId, options, request) {
      return details(flowId, options?.fields ?? defaultFields(), 'flows.get', request);
    },
    async update(flowId, input, request) {
      return (await caller.call(updateFlow, { params: { flowId }, json: input }, on('flows.update', request))) as unknown as SuccessResponse;
    },
    async uploadJson(flowId, json, request) {
      return upload(flowId, json, 'flows.uploadJson', request);
    },
    async listAssets(flowId, request) {
      return (await caller.call(listFlowAssets, { params: { flowId } }, on('flows.listAssets', request))) as unknown as ListFlowAssetsResponse;
    },
    async publish(flowId, request) {
      return publish(flowId, 'flows.publish', request);
    },
    async deprecate(flowId, request) {
      return (await caller.call(deprecateFlow, { params: { flowId } }, on('flows.deprecate', request))) as unknown as SuccessResponse;
    },
    async delete(flowId, request) {
      return (await caller.call(deleteFlow, { params: { flowId } }, on('flows.delete', request))) as unknown as SuccessResponse;
    },
    async preview(flowId, options, request) {
      const query = { fields: previewFields(options?.invalidate ?? false) };
      return (await caller.call(previewFlow, { params: { flowId }, query }, on('flows.preview', request))) as unknown as FlowPreviewResponse;
    },
    async metrics(flowId, query, request) {
      return (await caller.call(flowMetrics, { params: { flowId }, query: { fields: metricFields(query) } }, on('flows.metrics', request))) as unknown as FlowMetricsResponse;
    },
    async migrate(input, request) {
      return (await caller.call(migrateFlows, { json: input }, on('flows.migrate', request))) as unknown as MigrateFlowsResponse;
    },
    async health(flowId, request) {
      const label = 'flows.health';
      const dialect = resolved.dialects.flows;
      if (dialect !== 'meta') {
        const where =
          dialect === 'partner'
            ? "on the 360dialog Partner API, whose flow fields have no health_status"
            : `on 360dialog's ${resolved.hostingType === 'cloud' ? 'Messaging API (waba-v2)' : 'On-Premise API (legacy)'}`;
        throw new ApiClientError('UNSUPPORTED_OPERATION', `${label} is not ${where}; a flow's health_status is served by Meta's Graph API only: use provider 'meta'.`);
      }
      const found = await details(flowId, ['health_status'], label, request);
      if (found.healthStatus === undefined) throw new ApiClientError('BAD_RESPONSE', `${label}: the answer holds no health_status.`);
      return found.healthStatus;
    },
  };
}

/** A failure after the flow was created: say so, with its id, so the caller does not create it again. */
function createdAnyway(error: unknown, id: string): unknown {
  const note = `; the flow was created as a DRAFT with id ${id}: fix the cause, then call flows.uploadJson('${id}', ...) and flows.publish('${id}') instead of creating it again`;
  if (error instanceof ApiError) {
    const copy = new ApiError({
      status: error.status,
      dialect: error.dialect,
      operation: error.operation,
      hint: error.hint,
      message: `${error.message}${note}`,
      code: error.code,
      subcode: error.subcode,
      type: error.type,
      details: error.details,
      fbtraceId: error.fbtraceId,
      errors: error.errors,
    });
    copy.validationErrors = error.validationErrors;
    return copy;
  }
  if (error instanceof ApiClientError) return new ApiClientError(error.code, `${error.message}${note}`, error.issues);
  return error;
}
