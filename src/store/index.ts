// waflow/store: persistence behind small interfaces (PGlite embedded, PostgreSQL by URL).
export { openStore, DEFAULT_DATA_DIR } from './open.js';
export { migrate, loadMigrations, MIGRATIONS_DIR, checksum } from './migrate.js';
export type { Migration, MigrateResult } from './migrate.js';
export { StoreError } from './types.js';
export type { OpenStoreOptions, Queryable, Store, StoreErrorCode, StoreKind } from './types.js';
export { createCompletionStore } from './completions.js';
export type {
  CompletionFilter,
  CompletionInput,
  CompletionPage,
  CompletionStore,
  DeliveryRows,
  DeliveryRowsResult,
  HostingType,
  ListCompletionsOptions,
  QuestionStats,
  StoredCompletion,
  QuarantineInput,
  QuarantinedEvent,
  WebhookEventInput,
} from './completions.js';
export { csvCell, csvRow } from './csv.js';
