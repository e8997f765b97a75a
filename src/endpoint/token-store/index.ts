export type { FlowTokenRecord, FlowTokenRejection, FlowTokenStatus, FlowTokenStore, IssueOptions } from './types.js';
export { tokenRejection } from './types.js';
export { createMemoryTokenStore } from './memory.js';
export type { MemoryTokenStoreOptions } from './memory.js';
// The Redis and PostgreSQL stores load their drivers, so they have subpaths of their own
// (waflow/endpoint/redis, waflow/endpoint/postgres): importing waflow/endpoint stays light
// enough for edge runtimes.
