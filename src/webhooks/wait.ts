// Waiting for one user's answer: code that sent a flow message with a flow_token awaits the
// nfm_reply carrying that token (its response_json holds `flow_token`, parse.ts reads it into
// FlowCompletionEvent.flowToken) as the webhook handler processes it.
//
// When a waiter resolves:
//   - the handler processed the completion as new: after its store transaction committed (the
//     exactly-once write and the callbacks), or after the in-memory dedupe without a store;
//   - at once, if this handler already saw that token (a bounded memory of recent completions),
//     or the CompletionStore already holds a completion with that token (newest first).
// The waiter is registered before the store is read, so a completion that commits in between is
// seen one way or the other. A completion processed by another instance of the service after the
// wait started is not seen (only this handler notifies); it is seen by a wait started later.
// A completion that was quarantined (its content cannot be stored) never resolves a waiter.
import type { CompletionOf } from '../flow-json/typegen/types.js';
import type { CompletionStore, HostingType, StoredCompletion } from '../store/completions.js';
import type { FlowCompletionEvent } from './types.js';

/**
 * A user's answer to a flow message, as a waiter receives it. `C` types `response` as
 * FlowCompletionEvent's does: a flow's generated types (their `completion`) or the shape itself.
 */
export interface FlowCompletionResult<C = Record<string, unknown>> {
  readonly flowToken: string;
  /** The nfm_reply message's id. */
  readonly messageId: string;
  /** The user's WhatsApp id. */
  readonly from: string;
  /** The flow message the user answered (context.id), when known. */
  readonly contextMessageId?: string;
  /** response_json parsed: flow_token and the flow's answers. */
  readonly response: CompletionOf<C>;
  readonly responseJsonRaw: string;
  readonly hostingType: HostingType;
  /** `webhook`: processed by this handler; `store`: read from the CompletionStore. */
  readonly source: 'webhook' | 'store';
}

export interface WaitForCompletionOptions {
  readonly flowToken: string;
  /** Milliseconds to wait (at most 2147483647), or Infinity to wait until `signal` aborts. */
  readonly timeout: number;
  /** Aborting rejects the wait with the signal's reason. */
  readonly signal?: AbortSignal;
}

/** No completion with that flow token arrived in time. */
export class FlowCompletionTimeoutError extends Error {
  readonly code = 'FLOW_COMPLETION_TIMEOUT';
  readonly flowToken: string;
  readonly timeoutMs: number;
  constructor(flowToken: string, timeoutMs: number) {
    super(`no flow completion with flow token "${flowToken.length > 80 ? `${flowToken.slice(0, 80)}…` : flowToken}" arrived within ${timeoutMs} ms`);
    this.name = 'FlowCompletionTimeoutError';
    this.flowToken = flowToken;
    this.timeoutMs = timeoutMs;
  }
}

export interface CompletionWaiter {
  waitForCompletion<C = Record<string, unknown>>(options: WaitForCompletionOptions): Promise<FlowCompletionResult<C>>;
  /** The handler calls this once a completion is processed (committed); never throws. */
  completed(event: FlowCompletionEvent): void;
}

export interface CompletionWaiterOptions {
  /** Where completions processed earlier are looked up by token. */
  readonly store?: CompletionStore;
  /** How many recent completions (by token) to remember for late waiters; default 1000. */
  readonly remember?: number;
}

// setTimeout turns larger delays into 1 ms.
const MAX_TIMER_MS = 2_147_483_647;

function fromEvent(event: FlowCompletionEvent, flowToken: string): FlowCompletionResult {
  return {
    flowToken,
    messageId: event.messageId,
    from: event.from,
    ...(event.contextMessageId === undefined ? {} : { contextMessageId: event.contextMessageId }),
    response: event.response,
    responseJsonRaw: event.responseJsonRaw,
    hostingType: event.hostingType,
    source: 'webhook',
  };
}

/** What the waiter remembers of a completion it saw. */
interface Recent {
  readonly messageId: string;
  readonly from: string;
  readonly contextMessageId: string | undefined;
  readonly responseJsonRaw: string;
  readonly hostingType: HostingType;
}

function fromRecent(seen: Recent, flowToken: string): FlowCompletionResult {
  return {
    flowToken,
    messageId: seen.messageId,
    from: seen.from,
    ...(seen.contextMessageId === undefined ? {} : { contextMessageId: seen.contextMessageId }),
    // responseJsonRaw is the text the answer was parsed from (or, On-Premise, its JSON.stringify).
    response: JSON.parse(seen.responseJsonRaw) as Record<string, unknown>,
    responseJsonRaw: seen.responseJsonRaw,
    hostingType: seen.hostingType,
    source: 'webhook',
  };
}

function fromStored(stored: StoredCompletion, flowToken: string): FlowCompletionResult {
  return {
    flowToken,
    messageId: stored.messageId,
    from: stored.from,
    ...(stored.contextMessageId === undefined ? {} : { contextMessageId: stored.contextMessageId }),
    response: stored.response,
    responseJsonRaw: stored.responseJsonRaw,
    hostingType: stored.hostingType,
    source: 'store',
  };
}

function checkOptions(options: WaitForCompletionOptions): void {
  if (typeof options.flowToken !== 'string' || options.flowToken === '') throw new TypeError('flowToken must be a non-empty string');
  const t = options.timeout;
  if (typeof t !== 'number' || Number.isNaN(t) || t <= 0 || (t > MAX_TIMER_MS && t !== Infinity)) {
    throw new RangeError(`timeout must be a number of milliseconds from 1 to ${MAX_TIMER_MS}, or Infinity; got ${String(t)}`);
  }
}

export function createCompletionWaiter(options: CompletionWaiterOptions = {}): CompletionWaiter {
  const remember = options.remember ?? 1000;
  if (!Number.isInteger(remember) || remember < 0) throw new RangeError('remember must be a whole number >= 0');
  const waiting = new Map<string, Set<(result: FlowCompletionResult) => void>>();
  // Tokens in a ring, oldest at `next`, dropped when the ring is full (evicting through the Map's
  // iterator would walk over every entry deleted since its last rehash, on every completion).
  // Only strings are kept (the answer as its JSON text, parsed again for a late waiter): every
  // object kept here outlives the young generation, and a parsed answer is a tree of them.
  const recent = new Map<string, Recent>();
  const order: (string | undefined)[] = new Array<string | undefined>(remember);
  let next = 0;

  return {
    completed(event) {
      const token = event.flowToken;
      if (token === undefined) return;
      if (remember > 0 && !recent.has(token)) {
        const oldest = order[next];
        if (oldest !== undefined) recent.delete(oldest);
        order[next] = token;
        next = (next + 1) % remember;
        recent.set(token, { messageId: event.messageId, from: event.from, contextMessageId: event.contextMessageId, responseJsonRaw: event.responseJsonRaw, hostingType: event.hostingType });
      }
      const waiters = waiting.get(token);
      if (waiters === undefined) return;
      const result = fromEvent(event, token);
      // A copy: each waiter removes itself from the set as it resolves.
      for (const resolve of [...waiters]) resolve(result);
    },

    waitForCompletion<C>(wait: WaitForCompletionOptions): Promise<FlowCompletionResult<C>> {
      checkOptions(wait);
      const { flowToken, timeout, signal } = wait;
      // `C` is the caller's word for which flow the token belongs to (the flow token is theirs):
      // the response is not checked against it, as a FlowCompletionEvent is not.
      return new Promise<FlowCompletionResult>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        let done = false;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const finish = (settle: () => void): void => {
          if (done) return;
          done = true;
          if (timer !== undefined) clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          const set = waiting.get(flowToken);
          set?.delete(deliver);
          if (set?.size === 0) waiting.delete(flowToken);
          settle();
        };
        const deliver = (result: FlowCompletionResult): void => finish(() => resolve(result));
        const onAbort = (): void => finish(() => reject(signal?.reason));

        let set = waiting.get(flowToken);
        if (set === undefined) {
          set = new Set();
          waiting.set(flowToken, set);
        }
        set.add(deliver);
        signal?.addEventListener('abort', onAbort, { once: true });
        if (timeout !== Infinity) timer = setTimeout(() => finish(() => reject(new FlowCompletionTimeoutError(flowToken, timeout))), timeout);

        const seen = recent.get(flowToken);
        if (seen !== undefined) {
          deliver(fromRecent(seen, flowToken));
          return;
        }
        if (options.store === undefined) return;
        options.store.list({ flowToken, limit: 1 }).then(
          (page) => {
            const stored = page.items[0];
            if (stored !== undefined) deliver(fromStored(stored, flowToken));
          },
          (error: unknown) => finish(() => reject(error)),
        );
      }) as Promise<FlowCompletionResult<C>>;
    },
  };
}
