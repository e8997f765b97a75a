// The sandbox as a child process for the kill-and-restart harness (harness.ts). Configured by one
// JSON environment variable; prints `READY <url>` once listening. With `crashPattern`, it kills
// itself with SIGKILL right after a statement matching the pattern has COMMITTED (alone, or as part
// of a transaction), with probability `crashProbability`: a deterministic kill point between a
// state change and whatever the code does next, which random external kills hit only rarely.
import { openStore } from '../../store/index.js';
import type { Queryable, Store } from '../../store/index.js';
import { createSandbox } from '../server.js';
import { defaultExtensions } from '../extensions.js';
import { startWebhookDispatcher } from '../webhooks/index.js';

export interface ChildConfig {
  readonly dataDir?: string;
  readonly databaseUrl?: string;
  readonly schema?: string;
  readonly webhookUrl: string;
  readonly appSecret: string;
  readonly apiKey: string;
  readonly crashPattern?: string;
  readonly crashProbability?: number;
}

export const CHILD_CONFIG_ENV = 'WAFLOW_CRASH_CHILD';

function die(): never {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
}

function crashing(store: Store, pattern: RegExp, probability: number): Store {
  const roll = (): boolean => Math.random() < probability;
  const watch = (db: Queryable, onHit: () => void): Queryable => ({
    async query<T>(sql: string, params?: readonly unknown[]) {
      const rows = await db.query<T>(sql, params);
      if (pattern.test(sql)) onHit();
      return rows;
    },
    exec: (sql) => db.exec(sql),
  });
  const outside = watch(store, () => {
    if (roll()) die();
  });
  return {
    kind: store.kind,
    schema: store.schema,
    query: outside.query,
    exec: outside.exec,
    async transaction(fn) {
      let hit = false;
      const result = await store.transaction((tx) =>
        fn(
          watch(tx, () => {
            hit = true;
          }),
        ),
      );
      if (hit && roll()) die();
      return result;
    },
    close: () => store.close(),
  };
}

async function main(): Promise<void> {
  const config = JSON.parse(process.env[CHILD_CONFIG_ENV] ?? '{}') as ChildConfig;
  const opened = await openStore({
    ...(config.databaseUrl === undefined ? {} : { databaseUrl: config.databaseUrl }),
    ...(config.dataDir === undefined ? {} : { dataDir: config.dataDir }),
    ...(config.schema === undefined ? {} : { schema: config.schema }),
  });
  const store = config.crashPattern === undefined ? opened : crashing(opened, new RegExp(config.crashPattern), config.crashProbability ?? 0);
  const sandbox = await createSandbox({
    store,
    port: 0,
    host: '127.0.0.1',
    appSecret: config.appSecret,
    webhookUrls: [config.webhookUrl],
    apiKeys: [config.apiKey],
    templateApprovalDelayMs: -1,
    extensions: {
      ...defaultExtensions,
      // Short attempt timeout (and so a short claim lease): a delivery claimed by a killed
      // process comes back within seconds.
      startWebhookDispatcher: (ctx) => startWebhookDispatcher(ctx, { retry: { timeoutMs: 2_000, initialDelayMs: 100, maxDelayMs: 1_000 } }),
      startHealthMonitor: undefined,
    },
  });
  process.stdout.write(`READY ${sandbox.url}\n`);
  const stop = (): void => {
    void sandbox
      .close()
      .then(() => opened.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
