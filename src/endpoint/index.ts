// waflow/endpoint: the business side of WhatsApp Flows' encrypted data channel.
export { createFlowEndpoint, DEFAULT_MAX_BODY_BYTES, DEFAULT_TOKEN_LEASE_MS } from './handler.js';
export { nextScreen, showError, complete, invalidFlowToken } from './results.js';
export { EndpointResponseError } from './errors.js';
export type { EndpointResponseErrorCode, ResponseIssue } from './errors.js';
export type {
  AnyNextScreen,
  CompleteResult,
  EndpointLogger,
  ErrorNotification,
  ExchangeContext,
  ExchangeScreens,
  FlowAction,
  FlowContext,
  FlowEndpoint,
  FlowEndpointOptions,
  FlowExchangeHandlers,
  FlowHandler,
  FlowHandlers,
  FlowSession,
  FlowTokenMessages,
  HandlerResult,
  InvalidFlowTokenResult,
  NextScreenResult,
  ScreenDataMap,
  ScreenDataOf,
  ScreenExchangeHandler,
  ShowErrorResult,
} from './types.js';
export type { FlowTypes } from '../flow-json/typegen/types.js';
export * from './token-store/index.js';
export * from '../media/index.js';
// Transports live on subpaths of their own, so importing this module loads no node: module and
// no framework's types: waflow/endpoint/node (node:http, cluster), waflow/endpoint/express,
// waflow/endpoint/fastify. Hono, Bun, Deno, workerd and fetch-style route handlers take the
// endpoint as it is: `(request: Request) => Promise<Response>`.
