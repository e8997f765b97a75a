// The flow-token store: which flow tokens the business issued, until when they are valid, and
// whether their flow has completed. The endpoint answers HTTP 427 for a token that is unknown,
// expired or completed, so the phone shows "this flow is no longer available".

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

export interface FlowTokenStore {
  /** Records a new token (replacing any record of the same token). */
  issue(token: string, options: IssueOptions): Promise<FlowTokenRecord>;
  /** The token's record, or undefined when it is unknown or has expired. */
  get(token: string): Promise<FlowTokenRecord | undefined>;
  /** Marks the token's flow as completed; false when the token is unknown or expired. */
  markCompleted(token: string): Promise<boolean>;
  /** Replaces the session data of a live token; false when it is unknown or expired. */
  saveData(token: string, data: Record<string, unknown>): Promise<boolean>;
  /** Forgets the token. */
  revoke(token: string): Promise<void>;
  /** Releases connections the store opened itself. */
  close(): Promise<void>;
}

/** Why a token cannot be used, or undefined when it can. */
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
