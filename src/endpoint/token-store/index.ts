export type { FlowTokenRecord, FlowTokenStatus, FlowTokenStore, IssueOptions } from './types.js';
export { tokenRejection } from './types.js';
export { createMemoryTokenStore } from './memory.js';
export type { MemoryTokenStoreOptions } from './memory.js';
export { createRedisTokenStore } from './redis.js';
export type { RedisScriptClient, RedisTokenStoreOptions } from './redis.js';
export { createPostgresTokenStore } from './postgres.js';
export type { PgQueryable, PostgresTokenStore, PostgresTokenStoreOptions } from './postgres.js';
