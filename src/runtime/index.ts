// The headless WhatsApp Flows runtime: the client's behaviour written once as a pure interpreter.
// Browser-safe: imports only from ../flow-json/.
export type * from './types.js';
export { EndpointError, RuntimeError } from './errors.js';
export { startFlow } from './session.js';
