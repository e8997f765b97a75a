// One HTTP exchange, with the per-attempt timeout, the caller's abort signal, and the retries of
// idempotent calls. Answers of any status come back as they are (the pipeline turns errors into
// ApiError); only the failures without an answer become ApiClientError: NETWORK, TIMEOUT, ABORTED.
import type { HttpMethod } from '../types.js';
import { ApiClientError, redact } from '../errors.js';
import type { FetchLike } from './options.js';
import type { BackoffPolicy } from './retry.js';
import { RETRY_STATUSES, abortedError, backoffDelay, parseRetryAfter, sleep } from './retry.js';

export interface HttpRequest {
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Built afresh for each attempt, so a retried request never reuses a consumed stream. */
  readonly body?: () => BodyInit;
}

export interface HttpAnswer {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: Headers;
  readonly text: string;
}

export interface TransportConfig {
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly backoff: BackoffPolicy;
  /** The credentials to scrub from failure messages (a function: a fetched token joins later). */
  readonly secrets: () => readonly string[];
}

export interface ExchangeOptions {
  /** The method name in messages (`flows.list`). */
  readonly label: string;
  readonly signal?: AbortSignal | undefined;
  /** Further attempts allowed; 0 for calls that must not be repeated. */
  readonly retries: number;
}

/** Send `request`, trying again (up to `options.retries` times) after a network failure or a retryable status. */
export async function exchange(config: TransportConfig, request: HttpRequest, options: ExchangeOptions): Promise<HttpAnswer> {
  for (let attempt = 0; ; attempt += 1) {
    const more = attempt < options.retries;
    let answer: HttpAnswer;
    try {
      answer = await attemptOnce(config, request, options);
    } catch (error) {
      // A timed-out attempt is not repeated: timeoutMs is what the caller agreed to wait, and a
      // server that did not answer in that time rarely answers the next attempt faster.
      if (more && error instanceof ApiClientError && error.code === 'NETWORK') {
        await sleep(backoffDelay(attempt, config.backoff), options.signal, options.label);
        continue;
      }
      throw error;
    }
    if (more && RETRY_STATUSES.has(answer.status)) {
      const retryAfter = parseRetryAfter(answer.headers.get('retry-after'), Date.now());
      // A Retry-After beyond the cap is honoured by not retrying early: the error goes to the caller.
      if (retryAfter === undefined || retryAfter <= config.backoff.retryAfterCapMs) {
        await sleep(retryAfter ?? backoffDelay(attempt, config.backoff), options.signal, options.label);
        continue;
      }
    }
    return answer;
  }
}

async function attemptOnce(config: TransportConfig, request: HttpRequest, options: ExchangeOptions): Promise<HttpAnswer> {
  const { label, signal } = options;
  if (signal?.aborted === true) throw abortedError(label);
  const controller = new AbortController();
  let stoppedBy: ApiClientError | undefined;
  let rejectStopped: (error: ApiClientError) => void = () => undefined;
  const stopped = new Promise<never>((_resolve, reject) => {
    rejectStopped = reject;
  });
  stopped.catch(() => undefined);
  const stop = (error: ApiClientError): void => {
    if (stoppedBy !== undefined) return;
    stoppedBy = error;
    controller.abort();
    rejectStopped(error);
  };
  const timer = setTimeout(() => stop(new ApiClientError('TIMEOUT', `${label}: no answer within ${config.timeoutMs} ms (timeoutMs).`)), config.timeoutMs);
  const onAbort = (): void => stop(abortedError(label));
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const body = request.body?.();
    const pending = (async (): Promise<HttpAnswer> => {
      const response = await config.fetch(request.url, { method: request.method, headers: { ...request.headers }, signal: controller.signal, ...(body === undefined ? {} : { body }) });
      const text = await response.text();
      return { status: response.status, ok: response.ok, headers: response.headers, text };
    })();
    // Raced against the timer and the signal, so a fetch that ignores its signal still ends the call;
    // its late failure is then of no interest.
    pending.catch(() => undefined);
    return await Promise.race([pending, stopped]);
  } catch (error) {
    if (stoppedBy !== undefined) throw stoppedBy;
    if (error instanceof ApiClientError) throw error;
    const secrets = config.secrets();
    const reason = describe(error);
    throw new ApiClientError('NETWORK', `${label}: the request to ${redact(request.url, secrets)} failed: ${redact(reason, secrets)}`);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** `fetch failed (ECONNREFUSED ...)`: undici hides the useful part in `cause`. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const cause = (error as { cause?: unknown }).cause;
  const inner = cause instanceof Error ? cause.message : typeof cause === 'string' ? cause : undefined;
  return inner === undefined || inner === error.message ? error.message : `${error.message} (${inner})`;
}
