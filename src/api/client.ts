// The typed client of the WhatsApp Flows APIs waflow speaks: 360dialog's Messaging API (Cloud and
// On-Premise), 360dialog's Partner API (flow management) and Meta's Graph API. The pieces, one job
// each, live in ./client/: options (what createClient accepts), routing (which surface serves a
// call), auth (the credential of each surface), pipeline (validate, encode, send, decode),
// transport (timeout, abort, retries), retry (backoff, Retry-After), and one file per method group.
export { createClient, DEFAULT_BASE_URLS, API_KEY_HEADER } from './client/create.js';
export { DEFAULT_RETRIES, DEFAULT_TIMEOUT_MS } from './client/options.js';
export { DEFAULT_FLOW_TOKEN_TTL_SECONDS } from './client/messages.js';
export { ON_PREMISE_SUNSET } from './client/warnings.js';
export type { ClientWarning, ClientWarningCode } from './client/warnings.js';
export type {
  ClientDialects,
  ClientOptions,
  D360ClientOptions,
  FetchLike,
  MetaClientOptions,
  PartnerClientOptions,
  PartnerCredentials,
  TransportOptions,
} from './client/options.js';
export type { ApiClient, CreateFlowInput, FlowListPage, RequestOptions, SendFlowInput, SendFlowOptions, SendFlowResponse, SendTemplateInput, SendTextInput } from './client/types.js';
export type { DownloadedMedia, DownloadMediaOptions, MediaApi } from './client/types.js';
export { DEFAULT_MAX_MEDIA_DOWNLOAD_BYTES } from './client/media.js';
