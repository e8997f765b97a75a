// node:http adapter: `http.createServer(toNodeWebhookHandler(createWebhookHandler(...)))`.
// The endpoint's adapter already turns any `(Request) => Promise<Response>` into a listener that
// streams the raw body (so the signature sees the exact bytes), so it is reused as is.
import { toNodeHandler } from '../endpoint/adapters/node-http.js';
import type { NodeRequestListener } from '../endpoint/adapters/node-http.js';
import type { WebhookHandler } from './handler.js';

export type { NodeRequestListener };

export function toNodeWebhookHandler(handler: WebhookHandler): NodeRequestListener {
  return toNodeHandler(handler);
}
