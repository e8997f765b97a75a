// createWebhookProcessor: the webhook handler on bytes. It takes the method, the query string,
// the X-Hub-Signature-256 header and the raw body, and answers { status, headers, body }: no web
// Request or Response, no streams. The web-standard handler (handler.ts) and the node:http
// listener (node-http.ts) are thin around it; on node:http, building Request and Response
// objects and their streams cost more CPU than everything the handler does with a delivery
// (bench/webhook-ingest.ts).
//   GET  subscription check: hub.mode=subscribe + hub.verify_token → echo hub.challenge.
//   POST 401 bad X-Hub-Signature-256 (when appSecret is set), 413 too large, 400 not JSON,
//        200 once every event is stored (or quarantined) and its callbacks returned, 500 if a
//        callback or the store failed (the platform then retries the delivery; the events that
//        went through are duplicates on the retry, so their callbacks do not run again).
// Each event of a delivery is handled on its own (process.ts): an event whose content the
// database cannot hold is quarantined with its reason and does not fail the others.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ReadBodyResult } from '../endpoint/read-body.js';
import type { CompletionStore } from '../store/completions.js';
import { parseWebhook } from './parse.js';
import { createDeliveryProcessor } from './process.js';
import type { WebhookCallbacks, WebhookDeliverySummary, WebhookLogger } from './process.js';
import { webhookVerifier } from './signature.js';
import { createCompletionWaiter } from './wait.js';
import type { FlowCompletionResult, WaitForCompletionOptions } from './wait.js';

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

/** A request as any transport sees it. */
export interface WebhookInput {
  /** GET (subscription check) or POST (a delivery); anything else is 405. */
  readonly method: string;
  /** The query string, with or without its leading `?`; read only for GET. */
  readonly query?: string;
  /** The X-Hub-Signature-256 header as received. */
  readonly signature?: string | null;
  /**
   * The raw body exactly as received (the signature covers these bytes), or a reader that
   * stops once the body grows past `maxBytes` (node:http and web streams use one). Read for POST only.
   */
  readonly body?: Uint8Array | ((maxBytes: number) => Promise<ReadBodyResult>);
}

/** What the handler answers, before it becomes a web Response or a node:http reply. */
export interface WebhookReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The handler on bytes; it never rejects. */
export interface WebhookProcessor {
  (input: WebhookInput): Promise<WebhookReply>;
  /**
   * Resolves with the completion (nfm_reply) whose response_json carries `flowToken`, once this
   * handler has processed it (after the store's write), or at once when the store (or this
   * handler, recently) already has it. Rejects with FlowCompletionTimeoutError after `timeout` ms,
   * or with the signal's reason when it aborts. Await it outside the handler's callbacks: inside
   * one, the store's look-up would wait for that callback's own transaction (PGlite).
   */
  waitForCompletion<C = Record<string, unknown>>(options: WaitForCompletionOptions): Promise<FlowCompletionResult<C>>;
  /** The body size limit (bytes) a transport's reader should apply. */
  readonly maxBodyBytes: number;
}

const consoleLogger: WebhookLogger = {
  warn: (message, meta) => console.warn(`[waflow webhooks] ${message}`, meta ?? ''),
};

const JSON_TYPE = 'application/json; charset=utf-8';
const EMPTY = new Uint8Array(0);
// One decoder for every delivery: decode() without { stream } keeps no state between calls.
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function error(status: number, code: string, message: string, headers?: Record<string, string>): WebhookReply {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify({ error: { code, message } }) };
}

function sameSecret(a: string, b: string): boolean {
  // Digests have equal length, so the comparison time does not depend on where they differ.
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}

function verifySubscription(query: string | undefined, verifyToken: string | undefined): WebhookReply {
  if (verifyToken === undefined) return error(405, 'METHOD_NOT_ALLOWED', 'no verifyToken is configured, so GET is not served', { allow: 'POST' });
  const params = new URLSearchParams(query ?? '');
  const mode = params.get('hub.mode');
  const token = params.get('hub.verify_token');
  const challenge = params.get('hub.challenge');
  if (mode !== 'subscribe' || token === null || challenge === null) {
    return error(400, 'INVALID_VERIFICATION', 'expected hub.mode=subscribe, hub.verify_token and hub.challenge');
  }
  if (!sameSecret(token, verifyToken)) return error(403, 'VERIFY_TOKEN_MISMATCH', 'hub.verify_token does not match');
  return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: challenge };
}

export function createWebhookProcessor(options: WebhookHandlerOptions = {}): WebhookProcessor {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_WEBHOOK_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) throw new TypeError('maxBodyBytes must be a positive integer');
  if (options.appSecret !== undefined && options.appSecret === '') throw new TypeError('appSecret must not be empty when given');
  const { appSecret, onError } = options;
  const verify = appSecret === undefined ? undefined : webhookVerifier(appSecret);
  const waiter = createCompletionWaiter(options.store === undefined ? {} : { store: options.store });
  const processDelivery = createDeliveryProcessor(options, options.store, options.logger ?? consoleLogger, (completion) => waiter.completed(completion));
  const tooLarge = (): WebhookReply => error(413, 'BODY_TOO_LARGE', `the body exceeds ${maxBodyBytes} bytes`);

  const reportFailure = (failure: unknown): void => {
    try {
      onError?.(failure);
    } catch {
      // a failing logger must not turn a 500 into a crash
    }
  };

  // One async function for the whole request (each extra promise layer costs the node:http path
  // about a microsecond); its catch is the last line of defence (a bug, a reader that threw):
  // never a rejection, never a detail leaked.
  async function handle(input: WebhookInput): Promise<WebhookReply> {
    try {
      if (input.method === 'GET') return verifySubscription(input.query, options.verifyToken);
      if (input.method !== 'POST') return error(405, 'METHOD_NOT_ALLOWED', 'use POST (or GET for the subscription check)', { allow: 'GET, POST' });

      let bytes: Uint8Array;
      if (typeof input.body === 'function') {
        const read = await input.body(maxBodyBytes);
        if (!read.ok) return read.reason === 'too-large' ? tooLarge() : error(400, 'BODY_UNREADABLE', 'the request body could not be read');
        bytes = read.bytes;
      } else {
        bytes = input.body ?? EMPTY;
        if (bytes.byteLength > maxBodyBytes) return tooLarge();
      }
      if (verify !== undefined && !verify(bytes, input.signature)) {
        return error(401, 'INVALID_SIGNATURE', 'X-Hub-Signature-256 is missing or does not match the body');
      }
      let text: string;
      let parsed: unknown;
      try {
        text = UTF8.decode(bytes);
        parsed = JSON.parse(text);
      } catch {
        return error(400, 'INVALID_JSON', 'the body is not valid UTF-8 JSON');
      }

      const events = parseWebhook(parsed);
      let unrecognized = 0;
      for (const event of events) if (event.kind === 'unrecognized') unrecognized++;
      const summary: WebhookDeliverySummary = { received: events.length, processed: 0, duplicates: 0, quarantined: 0, unrecognized };
      const failures = await processDelivery(events, summary, !text.includes('\\u'));
      if (failures.length > 0) {
        for (const failure of failures) reportFailure(failure);
        // The cause stays out of the reply: it may quote the user's data or the store's details.
        return error(500, 'PROCESSING_FAILED', 'the delivery could not be processed; it will be retried');
      }
      return { status: 200, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(summary) };
    } catch (failure) {
      reportFailure(failure);
      return error(500, 'PROCESSING_FAILED', 'the delivery could not be processed; it will be retried');
    }
  }

  return Object.assign(handle, {
    waitForCompletion: <C,>(wait: WaitForCompletionOptions) => waiter.waitForCompletion<C>(wait),
    maxBodyBytes,
  });
}
