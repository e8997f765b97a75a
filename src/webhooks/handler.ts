// createWebhookHandler: the business's messages/flows webhook as a web-standard
// `(Request) => Promise<Response>`.
//   GET  subscription check: hub.mode=subscribe + hub.verify_token → echo hub.challenge.
//   POST 401 bad X-Hub-Signature-256 (when appSecret is set), 413 too large, 400 not JSON,
//        200 once every event is stored (or quarantined) and its callbacks returned, 500 if a
//        callback threw (the platform then retries the delivery; the events that went through
//        are duplicates on the retry, so their callbacks do not run again).
// Each event of a delivery is handled on its own (process.ts): an event whose content the
// database cannot hold is quarantined with its reason and does not fail the others.
// The handler also has `waitForCompletion({ flowToken, timeout })`: it resolves when this handler
// processes the nfm_reply of that flow token, or at once when it was already stored (wait.ts).
import { createHash, timingSafeEqual } from 'node:crypto';
import { readBody } from '../endpoint/read-body.js';
import type { CompletionStore } from '../store/completions.js';
import { parseWebhook } from './parse.js';
import { createDeliveryProcessor } from './process.js';
import type { WebhookCallbacks, WebhookDeliverySummary, WebhookLogger } from './process.js';
import { verifyWebhookSignature } from './signature.js';
import { createCompletionWaiter } from './wait.js';
import type { FlowCompletionResult, WaitForCompletionOptions } from './wait.js';

export type { WebhookCallbackContext, WebhookCallbacks, WebhookDeliverySummary, WebhookLogger } from './process.js';

export const DEFAULT_WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;

export interface WebhookHandlerOptions extends WebhookCallbacks {
  /** Meta app secret; when set, POSTs without a valid X-Hub-Signature-256 get 401. */
  appSecret?: string;
  /** When set, GET answers Meta's subscription challenge for this token. */
  verifyToken?: string;
  /** Durable idempotency and storage; without it, a bounded in-memory set deduplicates. */
  store?: CompletionStore;
  /** Default 1 MiB. */
  maxBodyBytes?: number;
  /** Sees each error when a callback or the store fails (the reply is a bare 500). */
  onError?: (error: unknown) => void;
  /** Where quarantined events are reported (default: console.warn). */
  logger?: WebhookLogger;
}

const consoleLogger: WebhookLogger = {
  warn: (message, meta) => console.warn(`[waflow webhooks] ${message}`, meta ?? ''),
};

export type WebhookHandler = (request: Request) => Promise<Response>;

/** What createWebhookHandler returns: the handler, and a way to await one flow token's answer. */
export interface CompletionWebhookHandler extends WebhookHandler {
  /**
   * Resolves with the completion (nfm_reply) whose response_json carries `flowToken`, once this
   * handler has processed it (after the store's write), or at once when the store (or this
   * handler, recently) already has it. Rejects with FlowCompletionTimeoutError after `timeout` ms,
   * or with the signal's reason when it aborts. Await it outside the handler's callbacks: inside
   * one, the store's look-up would wait for that callback's own transaction (PGlite).
   */
  waitForCompletion(options: WaitForCompletionOptions): Promise<FlowCompletionResult>;
}

const JSON_TYPE = 'application/json; charset=utf-8';

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': JSON_TYPE, ...headers } });
}

function error(status: number, code: string, message: string, headers?: Record<string, string>): Response {
  return json(status, { error: { code, message } }, headers);
}

function sameSecret(a: string, b: string): boolean {
  // Digests have equal length, so the comparison time does not depend on where they differ.
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}

export function createWebhookHandler(options: WebhookHandlerOptions = {}): CompletionWebhookHandler {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_WEBHOOK_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) throw new TypeError('maxBodyBytes must be a positive integer');
  if (options.appSecret !== undefined && options.appSecret === '') throw new TypeError('appSecret must not be empty when given');
  const waiter = createCompletionWaiter(options.store === undefined ? {} : { store: options.store });
  const processDelivery = createDeliveryProcessor(options, options.store, options.logger ?? consoleLogger, (completion) => waiter.completed(completion));

  const handler: WebhookHandler = async (request) => {
    if (request.method === 'GET') return verifySubscription(request, options.verifyToken);
    if (request.method !== 'POST') return error(405, 'METHOD_NOT_ALLOWED', 'use POST (or GET for the subscription check)', { allow: 'GET, POST' });

    const body = await readBody(request, maxBodyBytes);
    if (!body.ok) {
      return body.reason === 'too-large'
        ? error(413, 'BODY_TOO_LARGE', `the body exceeds ${maxBodyBytes} bytes`)
        : error(400, 'BODY_UNREADABLE', 'the request body could not be read');
    }
    if (options.appSecret !== undefined && !verifyWebhookSignature(body.bytes, request.headers.get('x-hub-signature-256'), options.appSecret)) {
      return error(401, 'INVALID_SIGNATURE', 'X-Hub-Signature-256 is missing or does not match the body');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body.bytes));
    } catch {
      return error(400, 'INVALID_JSON', 'the body is not valid UTF-8 JSON');
    }

    const events = parseWebhook(parsed);
    const summary: WebhookDeliverySummary = {
      received: events.length,
      processed: 0,
      duplicates: 0,
      quarantined: 0,
      unrecognized: events.filter((e) => e.kind === 'unrecognized').length,
    };
    const failures = await processDelivery(events, summary);
    if (failures.length > 0) {
      for (const failure of failures) {
        try {
          options.onError?.(failure);
        } catch {
          // a failing logger must not turn a 500 into a crash
        }
      }
      // The cause stays out of the reply: it may quote the user's data or the store's details.
      return error(500, 'PROCESSING_FAILED', 'the delivery could not be processed; it will be retried');
    }
    return json(200, summary);
  };
  return Object.assign(handler, { waitForCompletion: (wait: WaitForCompletionOptions) => waiter.waitForCompletion(wait) });
}

function verifySubscription(request: Request, verifyToken: string | undefined): Response {
  if (verifyToken === undefined) return error(405, 'METHOD_NOT_ALLOWED', 'no verifyToken is configured, so GET is not served', { allow: 'POST' });
  const params = new URL(request.url).searchParams;
  const mode = params.get('hub.mode');
  const token = params.get('hub.verify_token');
  const challenge = params.get('hub.challenge');
  if (mode !== 'subscribe' || token === null || challenge === null) {
    return error(400, 'INVALID_VERIFICATION', 'expected hub.mode=subscribe, hub.verify_token and hub.challenge');
  }
  if (!sameSecret(token, verifyToken)) return error(403, 'VERIFY_TOKEN_MISMATCH', 'hub.verify_token does not match');
  return new Response(challenge, { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
