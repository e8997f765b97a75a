// createWebhookHandler: the business's messages/flows webhook as a web-standard
// `(Request) => Promise<Response>`, a thin shell around createWebhookProcessor (core.ts), which
// holds the behaviour: signature check, subscription check, parsing, exactly-once storage,
// quarantine. toNodeWebhookHandler serves a handler made here from the core directly, without
// Request/Response.
// The handler also has `waitForCompletion({ flowToken, timeout })`: it resolves when this handler
// processes the nfm_reply of that flow token, or at once when it was already stored (wait.ts).
import { readBody } from '../endpoint/read-body.js';
import { createWebhookProcessor } from './core.js';
import type { WebhookHandlerOptions, WebhookProcessor } from './core.js';
import type { FlowCompletionResult, WaitForCompletionOptions } from './wait.js';

export { DEFAULT_WEBHOOK_MAX_BODY_BYTES } from './core.js';
export type { WebhookHandlerOptions } from './core.js';
export type { WebhookCallbackContext, WebhookCallbacks, WebhookDeliverySummary, WebhookLogger } from './process.js';

export type WebhookHandler = (request: Request) => Promise<Response>;

/** What createWebhookHandler returns: the handler, and a way to await one flow token's answer. */
export interface CompletionWebhookHandler extends WebhookHandler {
  /** See WebhookProcessor.waitForCompletion. */
  waitForCompletion<C = Record<string, unknown>>(options: WaitForCompletionOptions): Promise<FlowCompletionResult<C>>;
}

const processors = new WeakMap<WebhookHandler, WebhookProcessor>();

/** The core behind a handler from createWebhookHandler, for adapters that can skip Request/Response. */
export function webhookProcessorOf(handler: WebhookHandler): WebhookProcessor | undefined {
  return processors.get(handler);
}

export function createWebhookHandler(options: WebhookHandlerOptions = {}): CompletionWebhookHandler {
  const core = createWebhookProcessor(options);
  const handler: WebhookHandler = async (request) => {
    const { method } = request;
    const reply = await core({
      method,
      ...(method === 'GET' ? { query: new URL(request.url).search } : {}),
      signature: request.headers.get('x-hub-signature-256'),
      body: (maxBytes) => readBody(request, maxBytes),
    });
    return new Response(reply.body, { status: reply.status, headers: reply.headers });
  };
  processors.set(handler, core);
  return Object.assign(handler, { waitForCompletion: core.waitForCompletion });
}
