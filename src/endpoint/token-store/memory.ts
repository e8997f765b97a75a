// In-process token store: the default, for one endpoint instance (and for tests). Every method
// reads and writes the Map without awaiting in between, so each one is atomic on the event loop:
// of several concurrent claims, the first one to run wins.
import { assertClaimOptions, assertIssueOptions } from './types.js';
import type { ClaimOptions, ClaimResult, FlowTokenRecord, FlowTokenStore, IssueOptions, SettleOutcome } from './types.js';

export interface MemoryTokenStoreOptions {
  /** Clock in epoch ms (tests move it forward). */
  now?: () => number;
}

interface Entry {
  record: FlowTokenRecord;
  /** The request holding the token, until `leaseUntil` (epoch ms). */
  claim: { id: string; leaseUntil: number } | undefined;
}

/** A copy callers may change freely; only the session data needs a deep one. */
const copy = (record: FlowTokenRecord): FlowTokenRecord => ({ ...record, data: record.data === undefined ? undefined : structuredClone(record.data) });

export function createMemoryTokenStore(options: MemoryTokenStoreOptions = {}): FlowTokenStore {
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();

  const live = (token: string, at = now()): Entry | undefined => {
    const entry = entries.get(token);
    if (entry === undefined) return undefined;
    if (entry.record.expiresAt <= at) {
      entries.delete(token); // lazy expiry keeps the map bounded by live tokens
      return undefined;
    }
    return entry;
  };

  return {
    async issue(token: string, opts: IssueOptions) {
      assertIssueOptions(token, opts);
      const issuedAt = now();
      const record: FlowTokenRecord = {
        token,
        status: 'active',
        data: opts.data === undefined ? undefined : structuredClone(opts.data),
        issuedAt,
        expiresAt: issuedAt + opts.ttlSeconds * 1000,
      };
      entries.set(token, { record, claim: undefined });
      return copy(record);
    },
    async get(token: string) {
      const entry = live(token);
      return entry === undefined ? undefined : copy(entry.record);
    },
    async claim(token: string, opts: ClaimOptions): Promise<ClaimResult> {
      assertClaimOptions(token, opts);
      const at = now();
      if (!entries.has(token)) return { ok: false, reason: 'unknown' };
      const entry = live(token, at);
      if (entry === undefined) return { ok: false, reason: 'expired' };
      if (entry.record.status === 'completed') return { ok: false, reason: 'completed' };
      if (entry.claim !== undefined && entry.claim.leaseUntil > at) return { ok: false, reason: 'claimed' };
      entry.claim = { id: opts.claimId, leaseUntil: at + opts.leaseMs };
      return { ok: true, record: copy(entry.record) };
    },
    async settle(token: string, claimId: string, outcome: SettleOutcome) {
      const entry = outcome === 'complete' ? live(token) : entries.get(token);
      if (entry === undefined || entry.claim?.id !== claimId) return false;
      if (outcome === 'complete') {
        if (entry.record.status !== 'active') return false;
        entry.record.status = 'completed';
      }
      entry.claim = undefined;
      return true;
    },
    async markCompleted(token: string) {
      const entry = live(token);
      if (entry === undefined) return false;
      entry.record.status = 'completed';
      return true;
    },
    async saveData(token: string, data: Record<string, unknown>) {
      const entry = live(token);
      if (entry === undefined) return false;
      entry.record.data = structuredClone(data);
      return true;
    },
    async revoke(token: string) {
      entries.delete(token);
    },
    async close() {
      entries.clear();
    },
  };
}
