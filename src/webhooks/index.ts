// waflow/webhooks: verify and parse WhatsApp's webhooks (Cloud API and On-Premise, as 360dialog
// delivers them) into typed events, and handle them idempotently.
export { verifyWebhookSignature, signWebhookBody, webhookSignatureHeader } from './signature.js';
export { parseWebhook } from './parse.js';
export { CLIENT_ERROR_TYPES, ENDPOINT_ERROR_TYPES, normalizeFlowErrorType } from './flow-errors.js';
export { eventKey } from './keys.js';
export { createWebhookHandler, DEFAULT_WEBHOOK_MAX_BODY_BYTES } from './handler.js';
export { createWebhookProcessor } from './core.js';
export type { WebhookInput, WebhookProcessor, WebhookReply } from './core.js';
export type { CompletionWebhookHandler, WebhookCallbackContext, WebhookCallbacks, WebhookDeliverySummary, WebhookHandler, WebhookHandlerOptions, WebhookLogger } from './handler.js';
export { FlowCompletionTimeoutError } from './wait.js';
export type { FlowCompletionResult, WaitForCompletionOptions } from './wait.js';
export { MAX_EVENT_DEPTH } from './storable.js';
export { toNodeWebhookHandler } from './node-http.js';
export { downloadFlowCompletionMedia, flowResponseMedia } from './media.js';
export type { DownloadedFlowResponseMedia, FlowResponseMedia } from './media.js';
export type { NodeRequestListener } from './node-http.js';
export type {
  CloudOrigin,
  FlowAlertError,
  FlowAlertEvent,
  FlowAlertType,
  FlowCompletionEvent,
  FlowErrorType,
  FlowStatus,
  FlowStatusChangeEvent,
  HostingType,
  MessageEvent,
  MessageStatus,
  QuarantineCode,
  QuarantinedWebhookEvent,
  RecognizedEvent,
  StatusError,
  StatusEvent,
  UnrecognizedEvent,
  WebhookEvent,
} from './types.js';
