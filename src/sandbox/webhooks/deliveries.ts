// The delivery log: every webhook is written here before its first attempt, so a restarted
// sandbox finds what it still owes and nothing is dropped; each HTTP attempt gets its own row.
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../store/index.js';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'dead';

export interface DeliveryAttempt {
  attempt: number;
  startedAt: string;
  durationMs: number | null;
  responseStatus: number | null;
  responseExcerpt: string | null;
  error: string | null;
}

export interface Delivery {
  id: string;
  url: string;
  eventKind: string;
  /** The exact signed body text. */
  body: string;
  messageId: string | null;
  status: DeliveryStatus;
  attemptCount: number;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface NewDelivery {
  url: string;
  eventKind: string;
  body: string;
  messageId?: string;
}

interface DeliveryRow {
  id: string;
  url: string;
  event_kind: string;
  body: string;
  message_id: string | null;
  status: DeliveryStatus;
  attempt_count: number;
  next_attempt_at: Date | string | null;
  created_at: Date | string;
  delivered_at: Date | string | null;
}

interface AttemptRow {
  attempt: number;
  started_at: Date | string;
  duration_ms: number | null;
  response_status: number | null;
  response_excerpt: string | null;
  error: string | null;
}

function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    url: row.url,
    eventKind: row.event_kind,
    body: row.body,
    messageId: row.message_id,
    status: row.status,
    attemptCount: Number(row.attempt_count),
    nextAttemptAt: iso(row.next_attempt_at),
    createdAt: iso(row.created_at) ?? '',
    deliveredAt: iso(row.delivered_at),
  };
}

const COLUMNS = 'id, url, event_kind, body, message_id, status, attempt_count, next_attempt_at, created_at, delivered_at';

/** Persists a delivery, due at `dueAt`; returns it. */
export async function insertDelivery(db: Queryable, input: NewDelivery, dueAt: Date): Promise<Delivery> {
  const rows = await db.query<DeliveryRow>(
    `INSERT INTO webhook_deliveries (id, url, event_kind, body, message_id, status, next_attempt_at, created_at)
     VALUES ($1, $2, $3, $4, $5, 'pending', $6, $6) RETURNING ${COLUMNS}`,
    [`whd_${randomUUID()}`, input.url, input.eventKind, input.body, input.messageId ?? null, dueAt.toISOString()],
  );
  const row = rows[0];
  if (row === undefined) throw new Error('inserting a webhook delivery returned no row');
  return toDelivery(row);
}

/**
 * The SQL of one statement inserting several deliveries, all due at `dueAt`, and its parameters,
 * numbered from `$${first}` so it can be a step of a larger statement (a state change and the
 * webhook rows announcing it, written at once). `where` filters the rows (it may name the row's
 * `needs` column: see advanceStatusesIn). Ids are made here.
 */
export function deliveriesInsert(inputs: readonly (NewDelivery & { needs?: string })[], dueAt: Date, first: number, where = ''): { sql: string; params: unknown[] } {
  const p = (i: number): string => `$${first + i}`;
  return {
    sql: `INSERT INTO webhook_deliveries (id, url, event_kind, body, message_id, status, next_attempt_at, created_at)
      SELECT d.id, d.url, d.kind, d.body, d.message_id, 'pending', ${p(6)}::timestamptz, ${p(6)}::timestamptz
      FROM unnest(${p(0)}::text[], ${p(1)}::text[], ${p(2)}::text[], ${p(3)}::text[], ${p(4)}::text[], ${p(5)}::text[]) AS d (id, url, kind, body, message_id, needs) ${where}`,
    params: [
      inputs.map(() => `whd_${randomUUID()}`),
      inputs.map((d) => d.url),
      inputs.map((d) => d.eventKind),
      inputs.map((d) => d.body),
      inputs.map((d) => d.messageId ?? null),
      inputs.map((d) => d.needs ?? null),
      dueAt.toISOString(),
    ],
  };
}

/** Pending deliveries whose next attempt is due, oldest first. */
export async function dueDeliveries(db: Queryable, now: Date, limit = 50): Promise<Delivery[]> {
  const rows = await db.query<DeliveryRow>(
    `SELECT ${COLUMNS} FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at, created_at LIMIT $2`,
    [now.toISOString(), limit],
  );
  return rows.map(toDelivery);
}

/** When the earliest pending delivery is due, or undefined when none is pending. */
export async function nextDueAt(db: Queryable): Promise<Date | undefined> {
  const rows = await db.query<{ at: Date | string | null }>(`SELECT min(next_attempt_at) AS at FROM webhook_deliveries WHERE status = 'pending'`);
  const at = rows[0]?.at ?? null;
  return at === null ? undefined : new Date(at);
}

export interface AttemptOutcome {
  startedAt: Date;
  durationMs: number;
  responseStatus?: number;
  responseExcerpt?: string;
  error?: string;
}

/** One finished attempt of a delivery, and where it leaves the delivery. */
export interface RecordedAttempt {
  readonly delivery: Pick<Delivery, 'id' | 'attemptCount'>;
  readonly outcome: AttemptOutcome;
  readonly success: boolean;
  /** Failed: when to try again; undefined gives the delivery up (dead). */
  readonly retryAt: Date | undefined;
}

/**
 * Records attempts and moves their deliveries on, in ONE statement (the attempt rows and the
 * deliveries' new states commit together, however many there are): delivered on success,
 * otherwise pending again at `retryAt`, or dead when `retryAt` is undefined (attempts exhausted).
 */
export async function recordAttempts(db: Queryable, items: readonly RecordedAttempt[]): Promise<void> {
  if (items.length === 0) return;
  const col = <T>(f: (item: RecordedAttempt) => T): T[] => items.map(f);
  await db.query(
    `WITH o AS (
       SELECT * FROM unnest($1::text[], $2::int[], $3::timestamptz[], $4::int[], $5::int[], $6::text[], $7::text[], $8::text[], $9::timestamptz[])
         AS o (id, attempt, started_at, duration_ms, response_status, response_excerpt, error, outcome, at)
     ), logged AS (
       INSERT INTO webhook_delivery_attempts (delivery_id, attempt, started_at, duration_ms, response_status, response_excerpt, error)
       SELECT id, attempt, started_at, duration_ms, response_status, response_excerpt, error FROM o
     )
     UPDATE webhook_deliveries d SET
       status = CASE o.outcome WHEN 'delivered' THEN 'delivered' WHEN 'dead' THEN 'dead' ELSE d.status END,
       attempt_count = o.attempt,
       next_attempt_at = CASE WHEN o.outcome = 'retry' THEN o.at END,
       delivered_at = CASE WHEN o.outcome = 'delivered' THEN o.at ELSE d.delivered_at END
     FROM o WHERE d.id = o.id`,
    [
      col((i) => i.delivery.id),
      col((i) => i.delivery.attemptCount + 1),
      col((i) => i.outcome.startedAt.toISOString()),
      col((i) => Math.round(i.outcome.durationMs)),
      col((i) => i.outcome.responseStatus ?? null),
      col((i) => i.outcome.responseExcerpt ?? null),
      col((i) => i.outcome.error ?? null),
      col((i) => (i.success ? 'delivered' : i.retryAt === undefined ? 'dead' : 'retry')),
      col((i) => (i.success ? new Date(i.outcome.startedAt.getTime() + i.outcome.durationMs) : (i.retryAt ?? null))?.toISOString() ?? null),
    ],
  );
}

/** Records one attempt (recordAttempts with one item). */
export async function recordAttempt(db: Queryable, delivery: Delivery, outcome: AttemptOutcome, success: boolean, retryAt: Date | undefined): Promise<void> {
  await recordAttempts(db, [{ delivery, outcome, success, retryAt }]);
}

export interface ListDeliveriesOptions {
  status?: DeliveryStatus;
  messageId?: string;
  eventKind?: string;
  limit?: number;
}

export interface DeliveryWithAttempts extends Delivery {
  attempts: DeliveryAttempt[];
}

/** Newest first, each with its attempts (for the inspector and `GET /_sandbox/webhooks/deliveries`). */
export async function listDeliveries(db: Queryable, options: ListDeliveriesOptions = {}): Promise<DeliveryWithAttempts[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (options.status !== undefined) {
    params.push(options.status);
    where.push(`status = $${params.length}`);
  }
  if (options.messageId !== undefined) {
    params.push(options.messageId);
    where.push(`message_id = $${params.length}`);
  }
  if (options.eventKind !== undefined) {
    params.push(options.eventKind);
    where.push(`event_kind = $${params.length}`);
  }
  params.push(Math.min(Math.max(options.limit ?? 100, 1), 1000));
  const rows = await db.query<DeliveryRow>(
    `SELECT ${COLUMNS} FROM webhook_deliveries ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id LIMIT $${params.length}`,
    params,
  );
  const deliveries = rows.map(toDelivery);
  if (deliveries.length === 0) return [];
  const attempts = await db.query<AttemptRow & { delivery_id: string }>(
    `SELECT delivery_id, attempt, started_at, duration_ms, response_status, response_excerpt, error FROM webhook_delivery_attempts WHERE delivery_id = ANY($1::text[]) ORDER BY attempt`,
    [deliveries.map((d) => d.id)],
  );
  const byDelivery = new Map<string, DeliveryAttempt[]>();
  for (const a of attempts) {
    const list = byDelivery.get(a.delivery_id) ?? [];
    list.push({
      attempt: Number(a.attempt),
      startedAt: iso(a.started_at) ?? '',
      durationMs: a.duration_ms === null ? null : Number(a.duration_ms),
      responseStatus: a.response_status === null ? null : Number(a.response_status),
      responseExcerpt: a.response_excerpt,
      error: a.error,
    });
    byDelivery.set(a.delivery_id, list);
  }
  return deliveries.map((d) => ({ ...d, attempts: byDelivery.get(d.id) ?? [] }));
}
