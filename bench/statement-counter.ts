// A Store that counts the statements it runs, by SQL text (whitespace folded), for the sandbox
// journey bench: what a journey costs in round trips to the database, and which ones. BEGIN and
// COMMIT of a transaction count as statements too (they are round trips on either backend).
import type { Queryable, Store } from '../src/store/index.js';

export interface StatementCounts {
  /** Statements by SQL text (the first 160 characters, whitespace folded). */
  readonly bySql: Map<string, number>;
  total(): number;
  reset(): void;
}

function key(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim().slice(0, 160);
}

export function countingStore(store: Store): { store: Store; counts: StatementCounts } {
  const bySql = new Map<string, number>();
  const count = (sql: string): void => {
    const k = key(sql);
    bySql.set(k, (bySql.get(k) ?? 0) + 1);
  };
  const wrap = (db: Queryable): Queryable => ({
    query<T>(sql: string, params?: readonly unknown[]) {
      count(sql);
      return db.query<T>(sql, params);
    },
    exec(sql: string) {
      count(sql);
      return db.exec(sql);
    },
  });
  const outside = wrap(store);
  const counted: Store = {
    kind: store.kind,
    schema: store.schema,
    query: outside.query,
    exec: outside.exec,
    transaction(fn) {
      count('BEGIN');
      return store.transaction((tx) => fn(wrap(tx))).finally(() => count('COMMIT'));
    },
    close: () => store.close(),
  };
  const counts: StatementCounts = {
    bySql,
    total: () => [...bySql.values()].reduce((a, b) => a + b, 0),
    reset: () => bySql.clear(),
  };
  return { store: counted, counts };
}
