// waflow/endpoint/node: serve a flow endpoint with node:http, in one process or on every core.
// A subpath of its own so that waflow/endpoint loads no node: module (workerd, Deno, browsers).
export { toNodeHandler } from './adapters/node-http.js';
export type { NodeRequestListener } from './adapters/node-http.js';
export { serveFlowEndpoint, createFlowRequestListener, DEFAULT_ENDPOINT_REQUEST_TIMEOUT_MS } from './serve/index.js';
export type { ServeFlowEndpointOptions, ServingFlowEndpoint, FlowRequestListener } from './serve/index.js';
