// waflow/api: the HTTP contract of 360dialog's WhatsApp API (Cloud and On-Premise) for Flows, and
// the typed client built on it. The sandbox serves the same contract, so both agree by construction.
export { createClient, DEFAULT_BASE_URLS, API_KEY_HEADER } from './client.js';
export type { ApiClient, ClientOptions, CreateFlowInput, FetchLike, SendFlowInput, SendTemplateInput, SendTextInput } from './client.js';
export {
  ApiError,
  ApiClientError,
  CLOUD_ERROR_CODES,
  ON_PREMISE_ERROR_CODES,
  parseApiError,
  statusForCode,
  cloudErrorBody,
  onPremiseErrorBody,
  validationErrorBody,
} from './errors.js';
export type { ApiClientErrorCode, CloudErrorBody, OnPremiseErrorBody } from './errors.js';
export { toWire, fromWire, camelToSnake, snakeToCamel } from './wire.js';
export type { ToWire, FromWire } from './wire.js';
export { HOSTING_TYPES, pathFor } from './types.js';
export type { BodyKind, HostingType, HttpMethod, Operation, RequestValidator, ValidationIssue, WireRequest } from './types.js';
export * from './contract/index.js';
