// The events of one delivery, each handled on its own: stored (or deduplicated in memory), its
// callbacks run, or set aside in the quarantine. One event's outcome never decides another's.
//
// With a store, each event is one transaction: its row is inserted (ON CONFLICT DO NOTHING) and,
// only if it is new, its callbacks run inside that transaction. A callback that throws rolls
// back that event alone; the handler answers 500 and the platform's retry finds the others
// already stored (duplicates, callbacks not run again) and processes only that one. A
// concurrent duplicate blocks on the same unique key until the first commits (then it is a
// duplicate) or rolls back (then it processes the event itself). One key per transaction also
// means two deliveries can no longer deadlock by taking the same keys in a different order.
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
import type { CompletionStore } from '../store/completions.js';
import { MemoryDedupe } from './dedupe.js';
import { eventKey } from './keys.js';
import { describeUnstorable, findUnstorable, isContentRejection, printable, sqlState, storableJson } from './storable.js';
import type { FlowCompletionEvent, QuarantineCode, QuarantinedWebhookEvent, RecognizedEvent, WebhookEvent } from './types.js';

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

/**
 * Handles every event of a delivery and fills `summary`; resolves to the callbacks' failures
 * (empty when the delivery can be acknowledged).
 */
export type DeliveryProcessor = (events: readonly WebhookEvent[], summary: WebhookDeliverySummary) => Promise<unknown[]>;

/**
 * `onCompletion` hears each flow completion this processor handled as new, after its store
 * transaction committed (waitForCompletion's waiters listen here); it must not throw.
 */
export function createDeliveryProcessor(
  callbacks: WebhookCallbacks,
  store: CompletionStore | undefined,
  logger: WebhookLogger,
  onCompletion?: (completion: FlowCompletionEvent) => void,
): DeliveryProcessor {
  const memory = store === undefined ? new MemoryDedupe() : undefined;

  async function dispatch(event: WebhookEvent, context: WebhookCallbackContext): Promise<void> {
    if (event.kind === 'flow_completion') await callbacks.onFlowCompletion?.(event, context);
    await callbacks.onEvent?.(event, context);
  }

  /** Without a store: runs `work` unless `key` was done; concurrent calls with one key take turns. */
  async function onceInMemory(dedupe: MemoryDedupe, key: string, work: () => Promise<unknown>): Promise<boolean> {
    let fresh = false;
    await dedupe.hold([key], async () => {
      if (dedupe.has(key)) return;
      await work();
      fresh = true;
    });
    return fresh;
  }

  async function quarantine(event: RecognizedEvent, subject: RecognizedEvent, code: QuarantineCode, reason: string): Promise<Outcome> {
    const eventJson = storableJson(subject);
    // The content without the pointer, which a redelivery batched differently would change.
    const digest = createHash('sha256').update(storableJson({ ...subject, pointer: undefined })).digest('hex');
    const key = `${event.kind}:${digest}`;
    const quarantined: QuarantinedWebhookEvent = { code, reason, event, eventJson, key };
    const messageId = 'messageId' in event ? printable(event.messageId) : undefined;
    let fresh: boolean;
    if (store !== undefined) {
      fresh = await store.transaction(async (tx) => {
        const isNew = await tx.quarantine({ key, kind: event.kind, ...(messageId === undefined ? {} : { messageId }), code, reason, eventJson });
        if (isNew) await callbacks.onQuarantine?.(quarantined, { completions: tx });
        return isNew;
      });
    } else {
      fresh = await onceInMemory(memory!, key, async () => callbacks.onQuarantine?.(quarantined, {}));
    }
    if (!fresh) return 'duplicate';
    try {
      const about = messageId === undefined ? '' : ` (message ${printable(messageId, 80)})`;
      logger.warn(`quarantined a ${event.kind} event${about}: ${reason}`, { code, key });
    } catch {
      // a failing logger must not undo a quarantine that is already committed
    }
    return 'quarantined';
  }

  async function storeEvent(db: CompletionStore, event: RecognizedEvent, subject: RecognizedEvent): Promise<Outcome> {
    try {
      return await db.transaction(async (tx) => {
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
    } catch (error) {
      if (!(error instanceof ContentRejected)) throw error;
      // Only the SQLSTATE: the database's message can quote the value it refused.
      return quarantine(event, subject, 'REJECTED_BY_STORE', `the database refused its content (SQLSTATE ${sqlState(error.cause)})`);
    }
  }

  async function one(event: WebhookEvent): Promise<Outcome> {
    if (event.kind === 'unrecognized') {
      // No identity, nothing to store: reported to onEvent on every delivery.
      if (store !== undefined) await store.transaction((tx) => dispatch(event, { completions: tx }));
      else await dispatch(event, {});
      return 'processed';
    }
    // What gets stored: for a completion, the event with the flow it answers, when known.
    let subject: RecognizedEvent = event;
    if (event.kind === 'flow_completion') {
      const flowId = await callbacks.resolveFlowId?.(event);
      if (flowId !== undefined) {
        const withFlow: FlowCompletionEvent & { flowId: string } = { ...event, flowId };
        subject = withFlow;
      }
    }
    const found = findUnstorable(subject);
    if (found !== undefined) return quarantine(event, subject, found.code, describeUnstorable(found));
    if (store !== undefined) return storeEvent(store, event, subject);
    const fresh = await onceInMemory(memory!, eventKey(event)!, () => dispatch(event, {}));
    return fresh ? 'processed' : 'duplicate';
  }

  return async (events, summary) => {
    const failures: unknown[] = [];
    for (const event of events) {
      try {
        const outcome = await one(event);
        if (outcome === 'processed' && event.kind === 'flow_completion') onCompletion?.(event);
        if (outcome === 'processed') summary.processed++;
        else if (outcome === 'duplicate') summary.duplicates++;
        else summary.quarantined++;
      } catch (failure) {
        failures.push(failure);
      }
    }
    return failures;
  };
}
