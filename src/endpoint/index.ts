// waflow/endpoint: the business side of WhatsApp Flows' encrypted data channel.
export { createFlowEndpoint, DEFAULT_MAX_BODY_BYTES } from './handler.js';
export { nextScreen, showError, complete } from './results.js';
export { EndpointResponseError } from './errors.js';
export type { EndpointResponseErrorCode, ResponseIssue } from './errors.js';
export type {
  AnyNextScreen,
  CompleteResult,
  EndpointLogger,
  ErrorNotification,
  FlowAction,
  FlowContext,
  FlowEndpoint,
  FlowEndpointOptions,
  FlowHandler,
  FlowHandlers,
  FlowSession,
  HandlerResult,
  NextScreenResult,
  ScreenDataMap,
  ShowErrorResult,
} from './types.js';
export * from './token-store/index.js';
export { toNodeHandler } from './adapters/node-http.js';
export type { NodeRequestListener } from './adapters/node-http.js';
export { toExpressHandler } from './adapters/express.js';
export { registerFlowEndpoint } from './adapters/fastify.js';
export type { FastifyFlowEndpointOptions } from './adapters/fastify.js';
export { serveFlowEndpoint, createFlowRequestListener } from './serve/index.js';
export type { ServeFlowEndpointOptions, ServingFlowEndpoint, FlowRequestListener } from './serve/index.js';
