// Server backend: a node-postgres pool. With a schema, every pooled connection starts with it
// on search_path (a startup option, so no connection can run a query before it is set).
import { peerMissing } from '../peer/optional.js';
import { normalizeParams } from './types.js';
import type { Queryable, Store } from './types.js';

interface PgLike {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

function wrap(db: PgLike): Queryable {
  return {
    async query<T>(sql: string, params?: readonly unknown[]) {
      const result = await db.query(sql, normalizeParams(params));
      return result.rows as T[];
    },
    async exec(sql: string) {
      // Without values node-postgres uses the simple protocol, which accepts several statements.
      await db.query(sql);
    },
  };
}

export async function openPostgresStore(databaseUrl: string, schema: string | undefined, maxConnections = 10): Promise<Store> {
  const { default: pg } = await import('pg').catch(peerMissing('pg', 'A PostgreSQL database URL'));
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: maxConnections,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  pool.on('error', () => undefined); // an idle connection's failure resurfaces on the next query
  try {
    if (schema !== undefined) {
      try {
        await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      } catch (error) {
        // Two processes creating the same schema at once: the loser sees a duplicate; fine.
        const code = (error as { code?: string }).code;
        if (code !== '23505' && code !== '42P06') throw error;
      }
    } else {
      await pool.query('SELECT 1');
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  const base = wrap(pool);
  return {
    kind: 'postgres',
    schema,
    query: base.query,
    exec: base.exec,
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true; // the connection is gone; do not hand it out again
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
