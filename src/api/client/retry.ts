// When a call is tried again, and how long the client waits in between: exponential backoff with
// jitter, or the server's own Retry-After. Every wait can be cancelled by the caller's signal and
// leaves no timer behind.
import { ApiClientError } from '../errors.js';

export interface BackoffPolicy {
  /** First wait, before jitter; doubled on each further attempt. */
  readonly baseMs: number;
  /** Longest backoff wait. */
  readonly capMs: number;
  /** Longest Retry-After the client waits for; a longer one ends the retries at once. */
  readonly retryAfterCapMs: number;
  /** A number in [0, 1); Math.random unless a test fixes it. */
  readonly random: () => number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 250, capMs: 8_000, retryAfterCapMs: 60_000, random: Math.random };

/**
 * Statuses worth another attempt of an idempotent call: the request timed out on the server (408),
 * the rate limit (429), and the server or a gateway failing for now (500, 502, 503, 504). 501 and
 * other 5xx say the request will never work.
 */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** The wait before retry number `attempt + 1`: "equal jitter", half fixed and half random, so it is never 0. */
export function backoffDelay(attempt: number, policy: BackoffPolicy): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + policy.random() * (ceiling / 2));
}

/**
 * Retry-After in milliseconds: delay-seconds (`120`) or an HTTP date (`Wed, 21 Oct 2026 07:28:00 GMT`,
 * counted from `now`); undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (!/[A-Za-z]/.test(text)) return undefined; // a bare or negative number is not a date
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function abortedError(label: string): ApiClientError {
  return new ApiClientError('ABORTED', `${label}: the call was aborted by its signal.`);
}

/** Wait `ms`, or reject with ABORTED as soon as `signal` aborts; the timer is always cleared. */
export function sleep(ms: number, signal: AbortSignal | undefined, label: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(abortedError(label));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortedError(label));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Await a promise the caller does not own (a shared token fetch), giving up at once when `signal` aborts. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined, label: string): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(abortedError(label));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortedError(label));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
