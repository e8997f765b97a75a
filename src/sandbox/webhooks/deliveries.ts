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

/**
 * Records one attempt and moves the delivery on: delivered on success, otherwise pending again at
 * `retryAt`, or dead when `retryAt` is undefined (attempts exhausted).
 */
export async function recordAttempt(db: Queryable, delivery: Delivery, outcome: AttemptOutcome, success: boolean, retryAt: Date | undefined): Promise<void> {
  const attempt = delivery.attemptCount + 1;
  await db.query(
    `INSERT INTO webhook_delivery_attempts (delivery_id, attempt, started_at, duration_ms, response_status, response_excerpt, error)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [delivery.id, attempt, outcome.startedAt.toISOString(), Math.round(outcome.durationMs), outcome.responseStatus ?? null, outcome.responseExcerpt ?? null, outcome.error ?? null],
  );
  if (success) {
    await db.query(`UPDATE webhook_deliveries SET status = 'delivered', attempt_count = $2, next_attempt_at = NULL, delivered_at = $3 WHERE id = $1`, [
      delivery.id,
      attempt,
      new Date(outcome.startedAt.getTime() + outcome.durationMs).toISOString(),
    ]);
  } else if (retryAt !== undefined) {
    await db.query(`UPDATE webhook_deliveries SET attempt_count = $2, next_attempt_at = $3 WHERE id = $1`, [delivery.id, attempt, retryAt.toISOString()]);
  } else {
    await db.query(`UPDATE webhook_deliveries SET status = 'dead', attempt_count = $2, next_attempt_at = NULL WHERE id = $1`, [delivery.id, attempt]);
  }
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
