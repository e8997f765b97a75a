// waflow/api: the HTTP contract of the WhatsApp Flows APIs (360dialog's Messaging API on Cloud and
// On-Premise, 360dialog's Partner API, Meta's Graph API) and the typed client built on it. The
// sandbox serves the same contract, so both agree by construction.
export { createClient, DEFAULT_BASE_URLS, API_KEY_HEADER, DEFAULT_FLOW_TOKEN_TTL_SECONDS, DEFAULT_RETRIES, DEFAULT_TIMEOUT_MS, ON_PREMISE_SUNSET } from './client.js';
export type {
  ApiClient,
  ClientDialects,
  ClientWarning,
  ClientWarningCode,
  ClientOptions,
  CreateFlowInput,
  D360ClientOptions,
  FlowListPage,
  FetchLike,
  MetaClientOptions,
  PartnerClientOptions,
  PartnerCredentials,
  RequestOptions,
  SendFlowInput,
  SendFlowOptions,
  SendFlowResponse,
  SendTemplateInput,
  SendTextInput,
  TransportOptions,
} from './client.js';
export type { DownloadedMedia, DownloadMediaOptions, MediaApi } from './client.js';
export { DEFAULT_MAX_MEDIA_DOWNLOAD_BYTES } from './client.js';
export {
  ApiError,
  ApiClientError,
  CLOUD_ERROR_CODES,
  ON_PREMISE_ERROR_CODES,
  parseApiError,
  hintFor,
  redact,
  statusForCode,
  cloudErrorBody,
  partnerErrorBody,
  onPremiseErrorBody,
  validationErrorBody,
} from './errors.js';
export type { ApiClientErrorCode, CloudErrorBody, OnPremiseErrorBody, PartnerErrorBody } from './errors.js';
export { toWire, fromWire, camelToSnake, snakeToCamel } from './wire.js';
export type { ToWire, FromWire } from './wire.js';
export { DIALECTS, HOSTING_TYPES, bodyFor, hostingOf, pathFor } from './types.js';
export type { BodyKind, Dialect, DialectWire, HostingType, HttpMethod, Operation, RequestValidator, ValidationIssue, WireRequest } from './types.js';
export * from './contract/index.js';
