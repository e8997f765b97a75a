// createWebhookHandler: the business's messages/flows webhook as a web-standard
// `(Request) => Promise<Response>`.
//   GET  subscription check: hub.mode=subscribe + hub.verify_token → echo hub.challenge.
//   POST 401 bad X-Hub-Signature-256 (when appSecret is set), 413 too large, 400 not JSON,
//        200 once every event is stored and its callbacks returned, 500 if a callback threw
//        (the platform then retries the delivery).
// With a store, a delivery is one transaction: each completion is inserted (ON CONFLICT DO
// NOTHING) and every other event's key remembered; callbacks run only for new events, inside
// the transaction, so a callback failure rolls the whole delivery back and the retry sees it as
// new again. A concurrent duplicate blocks on the same unique key until the first commits (and is
// then a duplicate) or rolls back (and then processes it itself).
import { createHash, timingSafeEqual } from 'node:crypto';
import { readBody } from '../endpoint/read-body.js';
import type { CompletionStore } from '../store/completions.js';
import { MemoryDedupe } from './dedupe.js';
import { eventKey } from './keys.js';
import { parseWebhook } from './parse.js';
import { verifyWebhookSignature } from './signature.js';
import type { FlowCompletionEvent, WebhookEvent } from './types.js';

export const DEFAULT_WEBHOOK_MAX_BODY_BYTES = 1024 * 1024;

export interface WebhookCallbackContext {
  /**
   * The completion store bound to this delivery's transaction (when a store is configured):
   * writes through it commit or roll back with the delivery. Do not use the outer store from a
   * callback on PGlite: its single connection is held by this transaction.
   */
  readonly completions?: CompletionStore;
}

export interface WebhookHandlerOptions {
  /** Meta app secret; when set, POSTs without a valid X-Hub-Signature-256 get 401. */
  appSecret?: string;
  /** When set, GET answers Meta's subscription challenge for this token. */
  verifyToken?: string;
  /** Called once per new flow completion (not for redeliveries). */
  onFlowCompletion?: (completion: FlowCompletionEvent, context: WebhookCallbackContext) => unknown;
  /** Called once per new event of any kind, completions included; unrecognized parts every time. */
  onEvent?: (event: WebhookEvent, context: WebhookCallbackContext) => unknown;
  /** Durable idempotency and storage; without it, a bounded in-memory set deduplicates. */
  store?: CompletionStore;
  /** Tells which flow a completion answers (e.g. from your flow_token records), for the store. */
  resolveFlowId?: (completion: FlowCompletionEvent) => string | undefined | Promise<string | undefined>;
  /** Default 1 MiB. */
  maxBodyBytes?: number;
  /** Sees the error when a callback or the store fails (the reply is a bare 500). */
  onError?: (error: unknown) => void;
}

export type WebhookHandler = (request: Request) => Promise<Response>;

export interface WebhookDeliverySummary {
  received: number;
  processed: number;
  duplicates: number;
  unrecognized: number;
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

export function createWebhookHandler(options: WebhookHandlerOptions = {}): WebhookHandler {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_WEBHOOK_MAX_BODY_BYTES;
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) throw new TypeError('maxBodyBytes must be a positive integer');
  if (options.appSecret !== undefined && options.appSecret === '') throw new TypeError('appSecret must not be empty when given');
  const memory = options.store === undefined ? new MemoryDedupe() : undefined;

  async function dispatch(event: WebhookEvent, context: WebhookCallbackContext): Promise<void> {
    if (event.kind === 'flow_completion') await options.onFlowCompletion?.(event, context);
    await options.onEvent?.(event, context);
  }

  async function processWithStore(store: CompletionStore, events: WebhookEvent[], summary: WebhookDeliverySummary): Promise<void> {
    await store.transaction(async (tx) => {
      for (const event of events) {
        let fresh = true;
        if (event.kind === 'flow_completion') {
          const flowId = await options.resolveFlowId?.(event);
          fresh = await tx.record(flowId === undefined ? event : { ...event, flowId });
        } else {
          const key = eventKey(event);
          if (key !== undefined) fresh = await tx.recordEvent({ key, kind: event.kind, payload: event });
        }
        if (!fresh) {
          summary.duplicates++;
          continue;
        }
        summary.processed++;
        await dispatch(event, { completions: tx });
      }
    });
  }

  async function processInMemory(dedupe: MemoryDedupe, events: WebhookEvent[], summary: WebhookDeliverySummary): Promise<void> {
    const keys = [...new Set(events.map(eventKey).filter((k): k is string => k !== undefined))];
    await dedupe.hold(keys, async () => {
      const seen = new Set<string>();
      for (const event of events) {
        const key = eventKey(event);
        if (key !== undefined && (dedupe.has(key) || seen.has(key))) {
          summary.duplicates++;
          continue;
        }
        if (key !== undefined) seen.add(key);
        summary.processed++;
        await dispatch(event, {});
      }
    });
  }

  return async (request) => {
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
      unrecognized: events.filter((e) => e.kind === 'unrecognized').length,
    };
    try {
      if (options.store !== undefined) await processWithStore(options.store, events, summary);
      else if (memory !== undefined) await processInMemory(memory, events, summary);
    } catch (failure) {
      try {
        options.onError?.(failure);
      } catch {
        // a failing logger must not turn a 500 into a crash
      }
      // The cause stays out of the reply: it may quote the user's data or the store's details.
      return error(500, 'PROCESSING_FAILED', 'the delivery could not be processed; it will be retried');
    }
    return json(200, summary);
  };
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
