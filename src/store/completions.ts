// CompletionStore: flow responses received by the webhook handler, stored once per message id,
// listed with keyset pagination, counted, summarised per question for the dashboard's charts
// and exported as CSV. Needs migration 002_completions.
import { csvRow } from './csv.js';
import { recordDelivery, sentAt } from './delivery.js';
import { StoreError } from './types.js';
import type { Queryable, Store } from './types.js';

export type HostingType = 'cloud' | 'on_premise';

/** What record() needs; a webhooks `flow_completion` event fits, plus an optional flowId. */
export interface CompletionInput {
  readonly messageId: string;
  readonly from: string;
  readonly contextMessageId?: string;
  readonly flowToken?: string;
  readonly response: Record<string, unknown>;
  readonly responseJsonRaw: string;
  /** The message timestamp as sent (Unix seconds as a string); other text is not stored. */
  readonly timestamp?: string;
  readonly hostingType: HostingType;
  readonly phoneNumberId?: string;
  /** The flow this answers, when the caller knows it (the webhook itself does not say). */
  readonly flowId?: string;
}

export interface StoredCompletion {
  messageId: string;
  flowId?: string;
  flowToken?: string;
  from: string;
  contextMessageId?: string;
  response: Record<string, unknown>;
  responseJsonRaw: string;
  hostingType: HostingType;
  phoneNumberId?: string;
  sentAt?: Date;
  receivedAt: Date;
}

export interface CompletionFilter {
  flowId?: string;
  flowToken?: string;
  /** Only completions received at or after this time. */
  since?: Date;
}

export interface ListCompletionsOptions extends CompletionFilter {
  /** 1–1000, default 100. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

export interface CompletionPage {
  /** Newest first. */
  items: StoredCompletion[];
  /** Present when more rows follow. */
  nextCursor?: string;
}

export interface QuestionStats {
  /** The response_json key (flow_token excluded). */
  field: string;
  /** How many completions answered it. */
  answered: number;
  /** The most frequent values, most frequent first; array answers count each element. */
  values: { value: string; count: number }[];
  /** Answers whose value is beyond the `maxValues` cut. */
  otherCount: number;
}

export interface WebhookEventInput {
  /** Unique per event (e.g. `status:<wamid>:delivered`); a second record() of it is a no-op. */
  readonly key: string;
  readonly kind: string;
  readonly payload: unknown;
}

/**
 * A webhook event set aside because its content cannot be stored as it is (migration
 * 005_webhook_quarantine). Every text must already be storable: the webhook handler escapes
 * NUL and lone surrogates before calling quarantine().
 */
export interface QuarantineInput {
  /** Unique per event (a digest); a second quarantine() of it is a no-op. */
  readonly key: string;
  readonly kind: string;
  /** The message id as printable text, for finding the row; the exact one is in eventJson. */
  readonly messageId?: string;
  /** NUL_CHARACTER, LONE_SURROGATE, TOO_DEEP or REJECTED_BY_STORE. */
  readonly code: string;
  /** Why, naming where but not quoting the content. */
  readonly reason: string;
  /** The event as JSON text with NUL and lone surrogates written as \u escapes. */
  readonly eventJson: string;
}

export interface QuarantinedEvent extends QuarantineInput {
  /** Increasing with each new entry. */
  readonly id: string;
  readonly quarantinedAt: Date;
}

/** The rows of one webhook delivery, for recordDelivery. */
export interface DeliveryRows {
  readonly completions?: readonly CompletionInput[];
  readonly events?: readonly WebhookEventInput[];
  readonly quarantined?: readonly QuarantineInput[];
}

/** For each row given to recordDelivery, in the same order: true if this call stored it. */
export interface DeliveryRowsResult {
  completions: boolean[];
  events: boolean[];
  quarantined: boolean[];
}

export interface CompletionStore {
  /** Stores a completion; true if new, false if that message id was already stored. */
  record(completion: CompletionInput): Promise<boolean>;
  /**
   * Stores the rows of one delivery in one statement (up to 1000 rows; more take one statement
   * per 1000), each row exactly once: a row whose key is already stored, or repeated earlier in
   * the same call, is false and writes nothing. Outside a transaction each statement commits on
   * its own before the promise resolves. A row the database refuses (SQLSTATE class 22 or 54)
   * fails its whole statement, which then writes nothing.
   */
  recordDelivery(rows: DeliveryRows): Promise<DeliveryRowsResult>;
  /** Remembers a non-completion event; true if new. */
  recordEvent(event: WebhookEventInput): Promise<boolean>;
  list(options?: ListCompletionsOptions): Promise<CompletionPage>;
  count(filter?: CompletionFilter): Promise<number>;
  byQuestion(flowId?: string, options?: { maxValues?: number }): Promise<QuestionStats[]>;
  /** Sets aside an event that cannot be stored as it is; true if new. Needs migration 005. */
  quarantine(entry: QuarantineInput): Promise<boolean>;
  /** Quarantined events, newest first (1–1000, default 100). */
  listQuarantined(options?: { limit?: number }): Promise<QuarantinedEvent[]>;
  /** CSV of the matching completions (see csv.ts for quoting and formula protection). */
  exportCsv(options?: CompletionFilter & { limit?: number }): Promise<string>;
  /** Runs `fn` in one transaction; the store it receives writes inside that transaction. */
  transaction<R>(fn: (scoped: CompletionStore) => Promise<R>): Promise<R>;
}

interface Row {
  message_id: string;
  seq_text: string;
  flow_id: string | null;
  flow_token: string | null;
  wa_id: string;
  context_message_id: string | null;
  response: Record<string, unknown>;
  response_json_raw: string;
  hosting_type: HostingType;
  phone_number_id: string | null;
  sent_at: Date | null;
  received_at: Date;
}

// seq is read as text under another name: ORDER BY would otherwise sort the text alias.
const COLUMNS = `message_id, seq::text AS seq_text, flow_id, flow_token, wa_id, context_message_id, response,
  response_json_raw, hosting_type, phone_number_id, sent_at, received_at`;

function toCompletion(row: Row): StoredCompletion {
  const c: StoredCompletion = {
    messageId: row.message_id,
    from: row.wa_id,
    response: row.response,
    responseJsonRaw: row.response_json_raw,
    hostingType: row.hosting_type,
    receivedAt: new Date(row.received_at),
  };
  if (row.flow_id !== null) c.flowId = row.flow_id;
  if (row.flow_token !== null) c.flowToken = row.flow_token;
  if (row.context_message_id !== null) c.contextMessageId = row.context_message_id;
  if (row.phone_number_id !== null) c.phoneNumberId = row.phone_number_id;
  if (row.sent_at !== null) c.sentAt = new Date(row.sent_at);
  return c;
}

interface QuarantineRow {
  id: string;
  quarantine_key: string;
  kind: string;
  message_id: string | null;
  code: string;
  reason: string;
  event_json: string;
  quarantined_at: Date;
}

function toQuarantined(row: QuarantineRow): QuarantinedEvent {
  return {
    id: row.id,
    key: row.quarantine_key,
    kind: row.kind,
    ...(row.message_id === null ? {} : { messageId: row.message_id }),
    code: row.code,
    reason: row.reason,
    eventJson: row.event_json,
    quarantinedAt: new Date(row.quarantined_at),
  };
}

function where(filter: CompletionFilter, params: unknown[]): string {
  const conditions: string[] = [];
  if (filter.flowId !== undefined) {
    params.push(filter.flowId);
    conditions.push(`flow_id = $${params.length}`);
  }
  if (filter.flowToken !== undefined) {
    params.push(filter.flowToken);
    conditions.push(`flow_token = $${params.length}`);
  }
  if (filter.since !== undefined) {
    if (!(filter.since instanceof Date) || Number.isNaN(filter.since.getTime())) {
      throw new StoreError('INVALID_OPTION', 'since must be a valid Date');
    }
    params.push(filter.since);
    conditions.push(`received_at >= $${params.length}`);
  }
  return conditions.length === 0 ? 'TRUE' : conditions.join(' AND ');
}

function checkLimit(limit: number | undefined, fallback: number, max: number): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw new StoreError('INVALID_OPTION', `limit must be an integer from 1 to ${max}; got ${String(limit)}`);
  }
  return limit;
}

function encodeCursor(seq: string): string {
  return Buffer.from(`c1:${seq}`).toString('base64url');
}

function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^c1:(\d{1,19})$/.exec(text);
  if (match?.[1] === undefined) throw new StoreError('INVALID_OPTION', 'cursor is not one this store returned');
  return match[1];
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const FIXED_CSV_COLUMNS = ['message_id', 'flow_id', 'flow_token', 'from', 'context_message_id', 'sent_at', 'received_at'];

function scoped(db: Queryable, transaction: CompletionStore['transaction']): CompletionStore {
  const self: CompletionStore = {
    recordDelivery: (rows) => recordDelivery(db, rows),

    async record(c) {
      const rows = await db.query(
        `INSERT INTO flow_completions (message_id, flow_id, flow_token, wa_id, context_message_id, response,
           response_json_raw, hosting_type, phone_number_id, sent_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10)
         ON CONFLICT (message_id) DO NOTHING
         RETURNING message_id`,
        [c.messageId, c.flowId, c.flowToken, c.from, c.contextMessageId, JSON.stringify(c.response), c.responseJsonRaw,
          c.hostingType, c.phoneNumberId, sentAt(c.timestamp)],
      );
      return rows.length === 1;
    },

    async recordEvent(e) {
      const rows = await db.query(
        `INSERT INTO webhook_events (event_key, kind, payload) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (event_key) DO NOTHING RETURNING event_key`,
        [e.key, e.kind, JSON.stringify(e.payload ?? null)],
      );
      return rows.length === 1;
    },

    async quarantine(q) {
      const rows = await db.query(
        `INSERT INTO webhook_quarantine (quarantine_key, kind, message_id, code, reason, event_json)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (quarantine_key) DO NOTHING RETURNING id`,
        [q.key, q.kind, q.messageId, q.code, q.reason, q.eventJson],
      );
      return rows.length === 1;
    },

    async listQuarantined(options = {}) {
      const limit = checkLimit(options.limit, 100, 1000);
      const rows = await db.query<QuarantineRow>(
        `SELECT id::text AS id, quarantine_key, kind, message_id, code, reason, event_json, quarantined_at
         FROM webhook_quarantine ORDER BY id DESC LIMIT $1`,
        [limit],
      );
      return rows.map(toQuarantined);
    },

    async list(options = {}) {
      const limit = checkLimit(options.limit, 100, 1000);
      const params: unknown[] = [];
      let sql = `SELECT ${COLUMNS} FROM flow_completions WHERE ${where(options, params)}`;
      if (options.cursor !== undefined) {
        params.push(decodeCursor(options.cursor));
        sql += ` AND seq < $${params.length}::bigint`;
      }
      params.push(limit + 1); // one extra row says whether a next page exists
      sql += ` ORDER BY seq DESC LIMIT $${params.length}`;
      const rows = await db.query<Row>(sql, params);
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      const result: CompletionPage = { items: page.map(toCompletion) };
      if (rows.length > limit && last !== undefined) result.nextCursor = encodeCursor(last.seq_text);
      return result;
    },

    async count(filter = {}) {
      const params: unknown[] = [];
      const rows = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM flow_completions WHERE ${where(filter, params)}`, params);
      return rows[0]?.n ?? 0;
    },

    async byQuestion(flowId, options = {}) {
      const maxValues = checkLimit(options.maxValues, 50, 10_000);
      const params: unknown[] = [];
      const filter = where(flowId === undefined ? {} : { flowId }, params);
      const answered = await db.query<{ field: string; n: number }>(
        `SELECT kv.key AS field, count(*)::int AS n
         FROM flow_completions c CROSS JOIN LATERAL jsonb_each(c.response) kv
         WHERE ${filter} AND kv.key <> 'flow_token'
         GROUP BY kv.key ORDER BY kv.key`,
        params,
      );
      // Arrays (CheckboxGroup answers) count once per element; strings show without quotes.
      const values = await db.query<{ field: string; value: string; n: number }>(
        `SELECT kv.key AS field,
                CASE jsonb_typeof(e.item) WHEN 'string' THEN e.item #>> '{}' ELSE e.item::text END AS value,
                count(*)::int AS n
         FROM flow_completions c
         CROSS JOIN LATERAL jsonb_each(c.response) kv
         CROSS JOIN LATERAL jsonb_array_elements(
           CASE jsonb_typeof(kv.value) WHEN 'array' THEN kv.value ELSE jsonb_build_array(kv.value) END) AS e(item)
         WHERE ${filter} AND kv.key <> 'flow_token'
         GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2`,
        params,
      );
      const byField = new Map<string, QuestionStats>();
      for (const a of answered) byField.set(a.field, { field: a.field, answered: a.n, values: [], otherCount: 0 });
      for (const v of values) {
        const stats = byField.get(v.field);
        if (stats === undefined) continue;
        if (stats.values.length < maxValues) stats.values.push({ value: v.value, count: v.n });
        else stats.otherCount += v.n;
      }
      return [...byField.values()];
    },

    async exportCsv(options = {}) {
      const limit = checkLimit(options.limit, 100_000, 1_000_000);
      const rows: StoredCompletion[] = [];
      let cursor: string | undefined;
      do {
        const page = await self.list({ ...options, limit: Math.min(1000, limit - rows.length), ...(cursor === undefined ? {} : { cursor }) });
        rows.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== undefined && rows.length < limit);
      rows.reverse(); // oldest first reads naturally in a spreadsheet
      const fields = [...new Set(rows.flatMap((r) => Object.keys(r.response)))].filter((f) => f !== 'flow_token').sort();
      // A response field that shares a fixed column's name gets a prefix rather than a clash.
      const headers = [...FIXED_CSV_COLUMNS, ...fields.map((f) => (FIXED_CSV_COLUMNS.includes(f) ? `response.${f}` : f))];
      let csv = csvRow(headers);
      for (const r of rows) {
        csv += csvRow([
          r.messageId, r.flowId ?? '', r.flowToken ?? '', r.from, r.contextMessageId ?? '',
          r.sentAt?.toISOString() ?? '', r.receivedAt.toISOString(),
          // Own keys only: `r.response['__proto__']` of a row without that answer is
          // Object.prototype (exported as `{}`), and `constructor` or `toString` would find
          // inherited functions. An answer's key is data, never a property lookup.
          ...fields.map((f) => cellText(Object.hasOwn(r.response, f) ? r.response[f] : undefined)),
        ]);
      }
      return csv;
    },

    transaction,
  };
  return self;
}

export function createCompletionStore(store: Store): CompletionStore {
  const transaction: CompletionStore['transaction'] = (fn) =>
    store.transaction((tx) => {
      const inner: CompletionStore = scoped(tx, (nested) => nested(inner)); // already inside one
      return fn(inner);
    });
  return scoped(store, transaction);
}
