// The typed client of the WhatsApp Flows APIs waflow speaks: 360dialog's Messaging API (Cloud and
// On-Premise), 360dialog's Partner API (flow management) and Meta's Graph API. The pieces, one job
// each, live in ./client/: options (what createClient accepts), routing (which surface serves a
// call), auth (the credential of each surface), pipeline (validate, encode, send, decode),
// transport (timeout, abort, retries), retry (backoff, Retry-After), and one file per method group.
export { createClient, DEFAULT_BASE_URLS, API_KEY_HEADER } from './client/create.js';
export { DEFAULT_RETRIES, DEFAULT_TIMEOUT_MS } from './client/options.js';
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
export type { ApiClient, CreateFlowInput, RequestOptions, SendFlowInput, SendTemplateInput, SendTextInput } from './client/types.js';
