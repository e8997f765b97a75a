// recordDelivery: every row of one webhook delivery (completions, other events, quarantined
// events) in one INSERT statement, a data-modifying CTE when several tables are involved, each
// row ON CONFLICT DO NOTHING and RETURNING its key, so the caller learns which rows are new.
//
// One statement outside a transaction is one round trip and its own commit: the database
// answers only after the commit, so a row reported new is durable (synchronous_commit on).
// Exactly once: the unique key of each table decides. A concurrent statement holding the same
// key uncommitted makes this one wait for its outcome: committed → conflict, nothing written;
// rolled back → this one inserts. Rows are inserted in one global order (table, then key), so
// two deliveries sharing keys wait on each other in the same direction and cannot deadlock.
import type { CompletionInput, DeliveryRows, DeliveryRowsResult, QuarantineInput, WebhookEventInput } from './completions.js';
import type { Queryable } from './types.js';

/** Rows per statement: well under PostgreSQL's 65,535 parameters at 10 per completion. */
export const DELIVERY_ROWS_PER_STATEMENT = 1000;

/** Unix seconds (WhatsApp's message timestamp) to a Date; anything else is left out. */
export function sentAt(timestamp: string | undefined): Date | null {
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return null;
  return new Date(Number(timestamp) * 1000);
}

interface TableSpec<R> {
  readonly tag: 'c' | 'e' | 'q';
  readonly key: (row: R) => string;
  readonly insert: string;
  /** Placeholders of one row, given its first parameter number. */
  readonly placeholders: (n: number) => string;
  readonly conflict: string;
  readonly params: (row: R, out: unknown[]) => void;
}

interface Table<R> extends TableSpec<R> {
  /** The statement for one row. */
  readonly single: string;
}

const table = <R>(spec: TableSpec<R>): Table<R> => ({ ...spec, single: spec.insert + spec.placeholders(1) + spec.conflict });

const COMPLETIONS: Table<CompletionInput> = table({
  tag: 'c',
  key: (c) => c.messageId,
  insert: `INSERT INTO flow_completions (message_id, flow_id, flow_token, wa_id, context_message_id, response,
    response_json_raw, hosting_type, phone_number_id, sent_at) VALUES `,
  placeholders: (n) => `($${n}, $${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}::jsonb, $${n + 6}, $${n + 7}, $${n + 8}, $${n + 9}::timestamptz)`,
  conflict: ' ON CONFLICT (message_id) DO NOTHING RETURNING message_id AS k',
  params: (c, out) => {
    out.push(c.messageId, c.flowId, c.flowToken, c.from, c.contextMessageId, JSON.stringify(c.response), c.responseJsonRaw, c.hostingType, c.phoneNumberId, sentAt(c.timestamp));
  },
});

const EVENTS: Table<WebhookEventInput> = table({
  tag: 'e',
  key: (e) => e.key,
  insert: 'INSERT INTO webhook_events (event_key, kind, payload) VALUES ',
  placeholders: (n) => `($${n}, $${n + 1}, $${n + 2}::jsonb)`,
  conflict: ' ON CONFLICT (event_key) DO NOTHING RETURNING event_key AS k',
  params: (e, out) => {
    out.push(e.key, e.kind, JSON.stringify(e.payload ?? null));
  },
});

const QUARANTINE: Table<QuarantineInput> = table({
  tag: 'q',
  key: (q) => q.key,
  insert: 'INSERT INTO webhook_quarantine (quarantine_key, kind, message_id, code, reason, event_json) VALUES ',
  placeholders: (n) => `($${n}, $${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5})`,
  conflict: ' ON CONFLICT (quarantine_key) DO NOTHING RETURNING quarantine_key AS k',
  params: (q, out) => {
    out.push(q.key, q.kind, q.messageId, q.code, q.reason, q.eventJson);
  },
});

/** A row to insert: its key and its index in the caller's array. */
interface Pending<R> {
  readonly table: Table<R>;
  readonly row: R;
  readonly key: string;
  readonly index: number;
}

/**
 * The rows of one table that go to the database: the first of each key (a later row with the
 * same key is a duplicate of it), sorted by key.
 */
function firstOfEachKey<R>(table: Table<R>, rows: readonly R[]): Pending<R>[] {
  const seen = new Set<string>();
  const out: Pending<R>[] = [];
  rows.forEach((row, index) => {
    const key = table.key(row);
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ table, row, key, index });
  });
  // Code-unit order: any fixed total order serves, as long as every statement uses it.
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** One statement for rows already in global order; resolves to the keys stored, by table. */
async function insertChunk(db: Queryable, chunk: readonly Pending<unknown>[]): Promise<{ t: string; k: string }[]> {
  const params: unknown[] = [];
  const parts: { tag: string; sql: string }[] = [];
  let i = 0;
  while (i < chunk.length) {
    const table = chunk[i]!.table;
    const values: string[] = [];
    for (; i < chunk.length && chunk[i]!.table === table; i++) {
      values.push(table.placeholders(params.length + 1));
      table.params(chunk[i]!.row, params);
    }
    parts.push({ tag: table.tag, sql: table.insert + values.join(', ') + table.conflict });
  }
  if (parts.length === 1) {
    const rows = await db.query<{ k: string }>(parts[0]!.sql, params);
    return rows.map((r) => ({ t: parts[0]!.tag, k: r.k }));
  }
  // The main query reads the CTEs in this order, which is the order they insert in.
  const sql = `WITH ${parts.map((p) => `${p.tag} AS (${p.sql})`).join(', ')} ${parts.map((p) => `SELECT '${p.tag}' AS t, k FROM ${p.tag}`).join(' UNION ALL ')}`;
  return db.query<{ t: string; k: string }>(sql, params);
}

/** The usual delivery, one row: its statement text is built once per table. */
async function insertOne<R>(db: Queryable, table: Table<R>, row: R): Promise<boolean> {
  const params: unknown[] = [];
  table.params(row, params);
  return (await db.query(table.single, params)).length === 1;
}

export async function recordDelivery(db: Queryable, rows: DeliveryRows): Promise<DeliveryRowsResult> {
  const completions = rows.completions ?? [];
  const events = rows.events ?? [];
  const quarantined = rows.quarantined ?? [];
  const total = completions.length + events.length + quarantined.length;
  if (total === 1) {
    if (completions.length === 1) return { completions: [await insertOne(db, COMPLETIONS, completions[0]!)], events: [], quarantined: [] };
    if (events.length === 1) return { completions: [], events: [await insertOne(db, EVENTS, events[0]!)], quarantined: [] };
    return { completions: [], events: [], quarantined: [await insertOne(db, QUARANTINE, quarantined[0]!)] };
  }
  const result: DeliveryRowsResult = {
    completions: completions.map(() => false),
    events: events.map(() => false),
    quarantined: quarantined.map(() => false),
  };
  const pending: Pending<unknown>[] = [
    ...firstOfEachKey(COMPLETIONS, completions),
    ...firstOfEachKey(EVENTS, events),
    ...firstOfEachKey(QUARANTINE, quarantined),
  ] as Pending<unknown>[];
  const flags = { c: result.completions, e: result.events, q: result.quarantined };
  for (let start = 0; start < pending.length; start += DELIVERY_ROWS_PER_STATEMENT) {
    const chunk = pending.slice(start, start + DELIVERY_ROWS_PER_STATEMENT);
    const stored = await insertChunk(db, chunk);
    const fresh = new Set(stored.map((r) => `${r.t}:${r.k}`));
    for (const p of chunk) if (fresh.has(`${p.table.tag}:${p.key}`)) flags[p.table.tag][p.index] = true;
  }
  return result;
}
