// In-process token store: the default, for one endpoint instance (and for tests).
import { assertIssueOptions } from './types.js';
import type { FlowTokenRecord, FlowTokenStore, IssueOptions } from './types.js';

export interface MemoryTokenStoreOptions {
  /** Clock in epoch ms (tests move it forward). */
  now?: () => number;
}

export function createMemoryTokenStore(options: MemoryTokenStoreOptions = {}): FlowTokenStore {
  const now = options.now ?? Date.now;
  const records = new Map<string, FlowTokenRecord>();

  const live = (token: string): FlowTokenRecord | undefined => {
    const record = records.get(token);
    if (record === undefined) return undefined;
    if (record.expiresAt <= now()) {
      records.delete(token); // lazy expiry keeps the map bounded by live tokens
      return undefined;
    }
    return record;
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
      records.set(token, record);
      return structuredClone(record);
    },
    async get(token: string) {
      const record = live(token);
      return record === undefined ? undefined : structuredClone(record);
    },
    async markCompleted(token: string) {
      const record = live(token);
      if (record === undefined) return false;
      record.status = 'completed';
      return true;
    },
    async saveData(token: string, data: Record<string, unknown>) {
      const record = live(token);
      if (record === undefined) return false;
      record.data = structuredClone(data);
      return true;
    },
    async revoke(token: string) {
      records.delete(token);
    },
    async close() {
      records.clear();
    },
  };
}
