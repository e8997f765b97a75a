// The events of one delivery, each handled on its own: stored (or deduplicated in memory), its
// callbacks run, or set aside in the quarantine. One event's outcome never decides another's.
//
// With a store, two paths:
//   - Events no callback listens to (no onFlowCompletion/onEvent for them, no onQuarantine for a
//     quarantined one) are written together: one INSERT … ON CONFLICT DO NOTHING RETURNING for
//     the whole delivery (CompletionStore.recordDelivery), outside any transaction, so one round
//     trip and one commit. If the database refuses one row's content (SQLSTATE class 22 or 54)
//     the statement writes nothing, and each of these events is then written alone, so only the
//     culprit is quarantined.
//   - An event a callback listens to is one transaction: its row is inserted (ON CONFLICT DO
//     NOTHING) and, only if it is new, its callbacks run inside that transaction. A callback
//     that throws rolls back that event alone; the handler answers 500 and the platform's retry
//     finds the others already stored (duplicates, callbacks not run again) and processes only
//     that one. A concurrent duplicate blocks on the same unique key until the first commits
//     (then it is a duplicate) or rolls back (then it processes the event itself). One key per
//     transaction also means such a transaction never waits while holding another key, so it
//     cannot be part of a deadlock; the statement orders its keys (store/delivery.ts).
//
// Acknowledged means committed (kill -9 at any point loses no acknowledged event): the handler
// answers 200 only after every statement and transaction of the delivery has returned, and a
// statement returns only after its commit (PostgreSQL: durable with synchronous_commit on, its
// default; PGlite: its data folder, which survives the death of the process, as the sandbox's
// SIGKILL test shows). Killed before a commit: nothing of that event was written and no 200 went
// out, so the platform redelivers it and it is processed then. Killed after the commit but
// before the 200: the redelivery finds the keys and answers 200 with duplicates, running no
// callback twice. waitForCompletion's waiters hear a completion only after its commit as well.
//
// An event whose content the database cannot hold (storable.ts) is quarantined instead: written
// whole, as escaped JSON text, with its reason, to webhook_quarantine; reported to the logger
// and to onQuarantine once; never passed to the other callbacks, which therefore only ever see
// well-formed text without NUL. It does not fail the delivery: retrying cannot change its
// content, and a 500 would make the platform redeliver the good events forever.
//
// Exactly once, precisely: a callback runs once per event unless the commit itself fails after
// the callback returned (then the retry runs it again); the database cannot do better than that.
import { createHash } from 'node:crypto';
import type { CompletionInput, CompletionStore, DeliveryRows, QuarantineInput, WebhookEventInput } from '../store/completions.js';
import { MemoryDedupe } from './dedupe.js';
import { eventKey } from './keys.js';
import { describeUnstorable, findTooDeep, findUnstorable, isContentRejection, printable, sqlState, storableJson } from './storable.js';
import type { FlowCompletionEvent, QuarantineCode, QuarantinedWebhookEvent, RecognizedEvent, UnrecognizedEvent, WebhookEvent } from './types.js';

export interface WebhookCallbackContext {
  /**
   * The completion store bound to this event's transaction (when a store is configured): writes
   * through it commit or roll back with the event. Do not use the outer store from a callback on
   * PGlite: its single connection is held by this transaction.
   */
  readonly completions?: CompletionStore;
}

export interface WebhookCallbacks {
  /** Called once per new flow completion (not for redeliveries). */
  onFlowCompletion?: (completion: FlowCompletionEvent, context: WebhookCallbackContext) => unknown;
  /** Called once per new event of any kind, completions included; unrecognized parts every time. */
  onEvent?: (event: WebhookEvent, context: WebhookCallbackContext) => unknown;
  /**
   * Called once per newly quarantined event, inside the transaction that writes it to the
   * quarantine: a throw rolls that back and answers 500, like any callback.
   */
  onQuarantine?: (quarantined: QuarantinedWebhookEvent, context: WebhookCallbackContext) => unknown;
  /** Tells which flow a completion answers (e.g. from your flow_token records), for the store. */
  resolveFlowId?: (completion: FlowCompletionEvent) => string | undefined | Promise<string | undefined>;
}

/** Where the handler reports quarantined events. Lines carry ids, codes and reasons, never content. */
export interface WebhookLogger {
  warn(message: string, meta?: Record<string, unknown>): void;
}

export interface WebhookDeliverySummary {
  received: number;
  /** New events whose callbacks ran (unrecognized parts included, on every delivery). */
  processed: number;
  /** Events already processed or quarantined by an earlier delivery. */
  duplicates: number;
  /** Events set aside by this delivery because their content cannot be stored. */
  quarantined: number;
  unrecognized: number;
}

type Outcome = 'processed' | 'duplicate' | 'quarantined';

/** The database refused a row for its content; carried out of the transaction to quarantine it. */
class ContentRejected {
  constructor(readonly cause: unknown) {}
}

interface Quarantine {
  readonly quarantined: QuarantinedWebhookEvent;
  readonly entry: QuarantineInput;
}

/** A recognized event ready to be handled: its row (`subject`), or its quarantine entry. */
type Item = { readonly event: RecognizedEvent; readonly subject: RecognizedEvent } | { readonly event: RecognizedEvent; readonly quarantine: Quarantine };

/**
 * Handles every event of a delivery and fills `summary`; resolves to the callbacks' failures
 * (empty when the delivery can be acknowledged). `plainText`: the events were parsed from JSON
 * text without any `\u` escape, so their strings cannot hold NUL or a lone surrogate
 * (storable.ts, findTooDeep).
 */
export type DeliveryProcessor = (events: readonly WebhookEvent[], summary: WebhookDeliverySummary, plainText?: boolean) => Promise<unknown[]>;

function toQuarantine(event: RecognizedEvent, subject: RecognizedEvent, code: QuarantineCode, reason: string): Quarantine {
  const eventJson = storableJson(subject);
  // The content without the pointer, which a redelivery batched differently would change.
  const digest = createHash('sha256').update(storableJson({ ...subject, pointer: undefined })).digest('hex');
  const key = `${event.kind}:${digest}`;
  const messageId = 'messageId' in event ? printable(event.messageId) : undefined;
  return {
    quarantined: { code, reason, event, eventJson, key },
    entry: { key, kind: event.kind, ...(messageId === undefined ? {} : { messageId }), code, reason, eventJson },
  };
}

/** Only the SQLSTATE: the database's message can quote the value it refused. */
const rejectedReason = (cause: unknown): string => `the database refused its content (SQLSTATE ${sqlState(cause)})`;

/**
 * `onCompletion` hears each flow completion this processor handled as new, after its store
 * write committed (waitForCompletion's waiters listen here); it must not throw.
 */
export function createDeliveryProcessor(
  callbacks: WebhookCallbacks,
  store: CompletionStore | undefined,
  logger: WebhookLogger,
  onCompletion?: (completion: FlowCompletionEvent) => void,
): DeliveryProcessor {
  const memory = store === undefined ? new MemoryDedupe() : undefined;
  const completionHeard = callbacks.onFlowCompletion !== undefined || callbacks.onEvent !== undefined;
  const eventHeard = callbacks.onEvent !== undefined;
  const quarantineHeard = callbacks.onQuarantine !== undefined;
  /** Whether a callback must run with this item's write, in its transaction. */
  const heard = (item: Item): boolean => ('quarantine' in item ? quarantineHeard : item.event.kind === 'flow_completion' ? completionHeard : eventHeard);

  async function dispatch(event: WebhookEvent, context: WebhookCallbackContext): Promise<void> {
    if (event.kind === 'flow_completion') await callbacks.onFlowCompletion?.(event, context);
    await callbacks.onEvent?.(event, context);
  }

  function report(item: Item, outcome: Outcome): void {
    if (outcome === 'processed' && item.event.kind === 'flow_completion') onCompletion?.(item.event);
    if (outcome !== 'quarantined' || !('quarantine' in item)) return;
    const { code, key, reason } = item.quarantine.quarantined;
    const messageId = item.quarantine.entry.messageId;
    try {
      const about = messageId === undefined ? '' : ` (message ${printable(messageId, 80)})`;
      logger.warn(`quarantined a ${item.event.kind} event${about}: ${reason}`, { code, key });
    } catch {
      // a failing logger must not undo a quarantine that is already committed
    }
  }

  async function quarantineOne(q: Quarantine): Promise<Outcome> {
    let fresh: boolean;
    if (store === undefined) {
      fresh = await memory!.once(q.entry.key, async () => callbacks.onQuarantine?.(q.quarantined, {}));
    } else if (quarantineHeard) {
      fresh = await store.transaction(async (tx) => {
        const isNew = await tx.quarantine(q.entry);
        if (isNew) await callbacks.onQuarantine?.(q.quarantined, { completions: tx });
        return isNew;
      });
    } else {
      fresh = (await store.recordDelivery({ quarantined: [q.entry] })).quarantined[0] === true;
    }
    return fresh ? 'quarantined' : 'duplicate';
  }

  /** Without a store, an item no callback listens to: deduplicated at once, nothing awaited. */
  function claimInMemory(item: Item): Outcome {
    if ('quarantine' in item) return memory!.claim(item.quarantine.entry.key) ? 'quarantined' : 'duplicate';
    return memory!.claim(eventKey(item.event)!) ? 'processed' : 'duplicate';
  }

  /** One item in its own transaction (store) or in-memory claim, with its callbacks. */
  async function oneByOne(item: Item): Promise<{ item: Item; outcome: Outcome }> {
    if ('quarantine' in item) return { item, outcome: await quarantineOne(item.quarantine) };
    const { event, subject } = item;
    if (store === undefined) {
      const fresh = await memory!.once(eventKey(event)!, () => dispatch(event, {}));
      return { item, outcome: fresh ? 'processed' : 'duplicate' };
    }
    try {
      const outcome = await store.transaction(async (tx): Promise<Outcome> => {
        let fresh: boolean;
        try {
          fresh = subject.kind === 'flow_completion'
            ? await tx.record(subject)
            : await tx.recordEvent({ key: eventKey(event)!, kind: event.kind, payload: event });
        } catch (error) {
          throw isContentRejection(error) ? new ContentRejected(error) : error;
        }
        if (!fresh) return 'duplicate';
        await dispatch(event, { completions: tx });
        return 'processed';
      });
      return { item, outcome };
    } catch (error) {
      if (!(error instanceof ContentRejected)) throw error;
      const q = toQuarantine(event, subject, 'REJECTED_BY_STORE', rejectedReason(error.cause));
      return { item: { event, quarantine: q }, outcome: await quarantineOne(q) };
    }
  }

  /**
   * Items no callback listens to, in one recordDelivery statement; when the database refuses
   * one's content the statement wrote nothing, and each is written alone instead.
   */
  async function together(db: CompletionStore, items: readonly Item[]): Promise<{ item: Item; outcome: Outcome }[]> {
    const rows: { completions: CompletionInput[]; events: WebhookEventInput[]; quarantined: QuarantineInput[] } = { completions: [], events: [], quarantined: [] };
    const where: [keyof DeliveryRows, number][] = [];
    for (const item of items) {
      if ('quarantine' in item) where.push(['quarantined', rows.quarantined.push(item.quarantine.entry) - 1]);
      else if (item.subject.kind === 'flow_completion') where.push(['completions', rows.completions.push(item.subject) - 1]);
      else where.push(['events', rows.events.push({ key: eventKey(item.event)!, kind: item.event.kind, payload: item.event }) - 1]);
    }
    try {
      const stored = await db.recordDelivery(rows);
      return items.map((item, i) => {
        const [table, index] = where[i]!;
        const fresh = stored[table][index] === true;
        return { item, outcome: fresh ? ('quarantine' in item ? 'quarantined' : 'processed') : 'duplicate' };
      });
    } catch (error) {
      if (!isContentRejection(error)) throw error;
      if (items.length > 1) {
        const outcomes: { item: Item; outcome: Outcome }[] = [];
        for (const item of items) outcomes.push(...(await together(db, [item])));
        return outcomes;
      }
      const only = items[0]!;
      if ('quarantine' in only) throw error; // a quarantine entry is storable text by construction
      const q = toQuarantine(only.event, only.subject, 'REJECTED_BY_STORE', rejectedReason(error));
      return [{ item: { event: only.event, quarantine: q }, outcome: await quarantineOne(q) }];
    }
  }

  async function unrecognized(event: UnrecognizedEvent): Promise<void> {
    // No identity, nothing to store: reported to onEvent on every delivery.
    if (callbacks.onEvent === undefined) return;
    if (store !== undefined) await store.transaction((tx) => dispatch(event, { completions: tx }));
    else await dispatch(event, {});
  }

  /** `subject` is what gets stored: for a completion, the event with the flow it answers, when known. */
  function prepare(event: RecognizedEvent, flowId: string | undefined, plainText: boolean): Item {
    let subject: RecognizedEvent = event;
    if (flowId !== undefined && event.kind === 'flow_completion') {
      const withFlow: FlowCompletionEvent & { flowId: string } = { ...event, flowId };
      subject = withFlow;
    }
    // A flowId comes from resolveFlowId, not from the text: then every string is checked.
    const found = plainText && subject === event ? findTooDeep(subject) : findUnstorable(subject);
    return found === undefined ? { event, subject } : { event, quarantine: toQuarantine(event, subject, found.code, describeUnstorable(found)) };
  }

  return async (events, summary, plainText = false) => {
    const failures: unknown[] = [];
    const tally = (done: { item: Item; outcome: Outcome }): void => {
      report(done.item, done.outcome);
      summary[done.outcome === 'duplicate' ? 'duplicates' : done.outcome]++;
    };
    const batch: Item[] = [];
    for (const event of events) {
      try {
        if (event.kind === 'unrecognized') {
          await unrecognized(event);
          summary.processed++;
          continue;
        }
        const flowId = event.kind === 'flow_completion' && callbacks.resolveFlowId !== undefined ? await callbacks.resolveFlowId(event) : undefined;
        const item = prepare(event, flowId, plainText);
        if (heard(item)) tally(await oneByOne(item));
        else if (store !== undefined) batch.push(item);
        else tally({ item, outcome: claimInMemory(item) });
      } catch (failure) {
        failures.push(failure);
      }
    }
    if (batch.length > 0) {
      try {
        for (const done of await together(store!, batch)) tally(done);
      } catch (failure) {
        failures.push(failure);
      }
    }
    return failures;
  };
}
