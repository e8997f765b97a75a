export { serveFlowEndpoint, DEFAULT_ENDPOINT_REQUEST_TIMEOUT_MS } from './serve.js';
export type { ServeFlowEndpointOptions, ServingFlowEndpoint } from './serve.js';
export { createFlowRequestListener } from './listener.js';
export type { FlowRequestListener } from './listener.js';
export { readNodeBody } from './node-body.js';
export { listenerFor } from './listener.js';
