// waflow's public API. Subpath exports (waflow/flow-json, waflow/data-channel, waflow/endpoint)
// give the same pieces without loading the others.
export * from './flow-json/index.js';
export * as dataChannel from './data-channel/index.js';
export * as endpoint from './endpoint/index.js';
export * as runtime from './runtime/index.js';
export * as api from './api/index.js';
export * as testing from './testing/index.js';
export * as webhooks from './webhooks/index.js';
export * as store from './store/index.js';
