// Retry schedule for webhook deliveries: exponential backoff while the receiver is down or answers
// non-2xx. 360dialog re-delivers failed webhooks "for up to 7 days with exponential backoff"
// (360dialog docs, Receiving messages); the sandbox starts fast so a local receiver that comes up
// late gets its webhooks within seconds, and caps the wait so a long outage is not a long silence.

export interface RetryPolicy {
  /** Delay before the second attempt. */
  readonly initialDelayMs: number;
  readonly factor: number;
  readonly maxDelayMs: number;
  /** Give up (status 'dead') once this long has passed since the delivery was created. */
  readonly maxAgeMs: number;
  /** Per-attempt timeout. */
  readonly timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  initialDelayMs: 500,
  factor: 2,
  maxDelayMs: 5 * 60_000,
  maxAgeMs: 7 * 24 * 60 * 60_000,
  timeoutMs: 10_000,
};

/** When to try again after `attempts` failed attempts; undefined once the delivery is too old. */
export function nextAttemptAt(policy: RetryPolicy, attempts: number, createdAt: Date, now: Date): Date | undefined {
  const delay = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** Math.max(0, attempts - 1));
  const at = new Date(now.getTime() + delay);
  return at.getTime() - createdAt.getTime() > policy.maxAgeMs ? undefined : at;
}
