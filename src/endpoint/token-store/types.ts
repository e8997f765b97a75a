// The flow-token store: which flow tokens the business issued, until when they are valid, and
// whether their flow has completed. The endpoint answers HTTP 427 for a token that is unknown,
// expired, completed or claimed by another request, so the phone shows "this flow is no longer
// available".
//
// One completion per token (issue 10). The endpoint learns that a handler completes the flow
// only after the handler ran, so every data-carrying request (INIT, BACK, data_exchange; not
// ping, not error notifications) first CLAIMS the token: one atomic step that succeeds only for
// an active, unexpired token nobody holds, and leaves this request's claim id on it with a lease
// (a deadline, so a process that dies mid-handler frees the token by itself). The handler runs
// while the claim is held; then one more atomic step SETTLES it, conditioned on still holding the
// claim: `complete` marks the token completed, `release` clears the claim so the next screen's
// request can claim it. A claim and its settle are one round trip each in every store (a
// synchronous Map step, one Lua script, one SQL statement).

export type FlowTokenStatus = 'active' | 'completed';

export interface FlowTokenRecord {
  token: string;
  status: FlowTokenStatus;
  /** Session data stored with the token (shared by every endpoint instance). */
  data: Record<string, unknown> | undefined;
  /** Epoch milliseconds. */
  issuedAt: number;
  /** Epoch milliseconds; the token is expired from this instant on. */
  expiresAt: number;
}

export interface IssueOptions {
  /** How long the token stays valid, in seconds (> 0). */
  ttlSeconds: number;
  data?: Record<string, unknown>;
}

/**
 * Why a token cannot be used right now. An expired token reads as `expired` while the store still
 * keeps it and as `unknown` once the store dropped it (memory drops it when it first sees it
 * expired, Redis at its expiry, PostgreSQL at purgeExpired()).
 */
export type FlowTokenRejection = 'unknown' | 'expired' | 'completed' | 'claimed';

export interface ClaimOptions {
  /** Unique per request; only the holder of this id can settle the claim. */
  claimId: string;
  /** How long the claim holds before another request may take the token over (> 0). */
  leaseMs: number;
}

/** A claim either holds the token (with its record, for the session) or says why not. */
export type ClaimResult = { ok: true; record: FlowTokenRecord } | { ok: false; reason: FlowTokenRejection };

/** `complete`: the flow is done, the token is spent. `release`: the token is free for the next request. */
export type SettleOutcome = 'complete' | 'release';

export interface FlowTokenStore {
  /** Records a new token (replacing any record of the same token, and any claim on it). */
  issue(token: string, options: IssueOptions): Promise<FlowTokenRecord>;
  /** The token's record, or undefined when it is unknown or has expired. */
  get(token: string): Promise<FlowTokenRecord | undefined>;
  /**
   * Atomically takes the token for one request: succeeds only when it is active, unexpired and
   * not claimed (or its previous claim's lease has run out). Concurrent claims: exactly one wins.
   */
  claim(token: string, options: ClaimOptions): Promise<ClaimResult>;
  /**
   * Atomically ends the claim `claimId` holds: `complete` marks the token completed (only while
   * it is active and unexpired), `release` frees it. False when the claim is no longer held, e.g.
   * its lease ran out and another request claimed the token. A claim whose lease ran out while
   * nobody took the token over still settles: no other handler can have run in between.
   */
  settle(token: string, claimId: string, outcome: SettleOutcome): Promise<boolean>;
  /** Marks the token's flow as completed, whoever holds it; false when it is unknown or expired. */
  markCompleted(token: string): Promise<boolean>;
  /** Replaces the session data of a live token; false when it is unknown or expired. */
  saveData(token: string, data: Record<string, unknown>): Promise<boolean>;
  /** Forgets the token. */
  revoke(token: string): Promise<void>;
  /** Releases connections the store opened itself. */
  close(): Promise<void>;
}

/** Why a token cannot be used, or undefined when it can (claims aside: records do not show them). */
export function tokenRejection(record: FlowTokenRecord | undefined, now: number): 'unknown' | 'expired' | 'completed' | undefined {
  if (record === undefined) return 'unknown';
  if (record.expiresAt <= now) return 'expired';
  if (record.status === 'completed') return 'completed';
  return undefined;
}

export function assertIssueOptions(token: string, options: IssueOptions): void {
  if (typeof token !== 'string' || token.length === 0) throw new TypeError('flow token must be a non-empty string');
  if (!Number.isFinite(options.ttlSeconds) || options.ttlSeconds <= 0) {
    throw new RangeError(`ttlSeconds must be a positive number, got ${String(options.ttlSeconds)}`);
  }
}

export function assertClaimOptions(token: string, options: ClaimOptions): void {
  if (typeof token !== 'string' || token.length === 0) throw new TypeError('flow token must be a non-empty string');
  if (typeof options.claimId !== 'string' || options.claimId.length === 0) throw new TypeError('claimId must be a non-empty string');
  if (!Number.isFinite(options.leaseMs) || options.leaseMs <= 0) {
    throw new RangeError(`leaseMs must be a positive number, got ${String(options.leaseMs)}`);
  }
}
