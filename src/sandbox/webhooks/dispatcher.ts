// The webhook dispatcher: sends the rows of the webhook outbox (webhook_deliveries), each POSTed
// with X-Hub-Signature-256 and retried with backoff. The sandbox's own writers put a webhook's row
// in the same transaction as the state change it announces (outbox.ts) and wake the dispatcher
// after the commit; events from elsewhere (a test, an extension) are still turned into rows here.
// A restarted dispatcher resumes what is pending. Deliveries are claimed with a lease (FOR UPDATE
// SKIP LOCKED) a little longer than one attempt may take, so two sandboxes sharing one PostgreSQL
// database never send the same attempt twice, and the rows a killed process had claimed come back.
import { signRequestBody } from '../../data-channel/index.js';
import type { SandboxContext } from '../context.js';
import { DEFAULT_RETRY_POLICY, nextAttemptAt } from './backoff.js';
import type { RetryPolicy } from './backoff.js';
import { insertDelivery, nextDueAt, recordAttempts } from './deliveries.js';
import type { Delivery, NewDelivery, RecordedAttempt } from './deliveries.js';
import { isQueued, queueFlowStatusWebhook, queueFlowsWebhook, queueMessageWebhook, queueStatusWebhook, queueWebhook, registerWaker } from './outbox.js';
export { sandboxWabaId } from './outbox.js';

/** A `flows` webhook value (FLOW_STATUS_CHANGE or an ENDPOINT_* alert) announced by the health monitor. */
export interface FlowWebhookEvent {
  readonly flowId: string;
  readonly value: Record<string, unknown>;
  readonly at: Date;
}

declare module '../events.js' {
  interface SandboxEventMap {
    /** A `flows` field webhook to send (endpoint health alerts). */
    'flow.webhook': FlowWebhookEvent;
  }
}

export interface WebhookDispatcher {
  /** Persists one delivery per configured URL and schedules it. Resolves once persisted. */
  enqueue(eventKind: string, body: Record<string, unknown>, messageId?: string): Promise<Delivery[]>;
  /** Persists a delivery of an exact body to one URL (a redelivery keeps the original bytes). */
  enqueueRaw(input: NewDelivery): Promise<Delivery>;
  /** Looks for due rows now (a writer committed some to the outbox). */
  wake(): void;
  /** Resolves once nothing is due now and no attempt is in flight (pending future retries may remain). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export interface DispatcherOptions {
  retry?: Partial<RetryPolicy>;
}

/** How long past the attempt timeout a claimed row stays leased (so a dead claimer's rows come back). */
const LEASE_MARGIN_MS = 5_000;
const BATCH = 20;
/** Attempts running at once (each is one POST to a receiver and its share of a group commit). */
const MAX_IN_FLIGHT = 40;
const EXCERPT = 500;

const dispatchers = new WeakMap<SandboxContext, WebhookDispatcher>();

/** The dispatcher started for this sandbox, if any (for routes that redeliver). */
export function dispatcherOf(ctx: SandboxContext): WebhookDispatcher | undefined {
  return dispatchers.get(ctx);
}

function errorText(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'timed out';
  if (error instanceof Error && error.cause instanceof Error) return error.cause.message;
  return error instanceof Error ? error.message : String(error);
}

export function startWebhookDispatcher(ctx: SandboxContext, options: DispatcherOptions = {}): WebhookDispatcher {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  let stopped = false;
  // Aborts attempts in flight on stop, so closing the sandbox never waits for a slow receiver;
  // an aborted attempt is logged as failed and the delivery stays pending for the next start.
  const halt = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  const waiters: (() => void)[] = [];

  async function claim(limit: number): Promise<Delivery[]> {
    const now = ctx.clock();
    const lease = new Date(now.getTime() + policy.timeoutMs + LEASE_MARGIN_MS);
    const rows = await ctx.store.query<{ id: string; url: string; event_kind: string; body: string; message_id: string | null; attempt_count: number; created_at: Date | string }>(
      `UPDATE webhook_deliveries SET next_attempt_at = $2
       WHERE id IN (SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $1
                    ORDER BY next_attempt_at, created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
       RETURNING id, url, event_kind, body, message_id, attempt_count, created_at`,
      [now.toISOString(), lease.toISOString()],
    );
    return rows.map((r) => ({
      id: r.id,
      url: r.url,
      eventKind: r.event_kind,
      body: r.body,
      messageId: r.message_id,
      status: 'pending',
      attemptCount: Number(r.attempt_count),
      nextAttemptAt: lease.toISOString(),
      createdAt: new Date(r.created_at).toISOString(),
      deliveredAt: null,
    }));
  }

  async function attempt(delivery: Delivery): Promise<void> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    // Meta signs every webhook with the app secret; without one configured nothing can be signed.
    if (ctx.config.appSecret !== undefined) headers['x-hub-signature-256'] = await signRequestBody(delivery.body, ctx.config.appSecret);
    const startedAt = ctx.clock();
    const started = performance.now();
    let responseStatus: number | undefined;
    let responseExcerpt: string | undefined;
    let error: string | undefined;
    try {
      const response = await fetch(delivery.url, { method: 'POST', headers, body: delivery.body, signal: AbortSignal.any([AbortSignal.timeout(policy.timeoutMs), halt.signal]) });
      responseStatus = response.status;
      const text = await response.text();
      responseExcerpt = text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text;
      if (response.status < 200 || response.status > 299) error = `the receiver answered HTTP ${response.status}`;
    } catch (e) {
      error = `the receiver could not be reached: ${errorText(e)}`;
    }
    const durationMs = performance.now() - started;
    const success = error === undefined;
    const retryAt = success ? undefined : nextAttemptAt(policy, delivery.attemptCount + 1, new Date(delivery.createdAt), ctx.clock());
    const outcome = { startedAt, durationMs, ...(responseStatus === undefined ? {} : { responseStatus }), ...(responseExcerpt === undefined ? {} : { responseExcerpt }), ...(error === undefined ? {} : { error }) };
    await record({ delivery, outcome, success, retryAt });
    ctx.log[success ? 'debug' : 'warn'](success ? 'webhook delivered' : 'webhook attempt failed', {
      delivery: delivery.id,
      kind: delivery.eventKind,
      attempt: delivery.attemptCount + 1,
      status: responseStatus,
      retry: retryAt?.toISOString() ?? (success ? undefined : 'given up'),
    });
  }

  // Attempts that finish together are recorded together: one statement for the group (a group
  // commit), written once the turn of the event loop that finished them is over. Until it commits
  // the rows stay leased, so no one claims them again; a kill before it means those deliveries are
  // attempted again once the lease runs out (at least once, as with one statement each).
  let recordQueue: { item: RecordedAttempt; resolve: () => void; reject: (error: unknown) => void }[] = [];
  let recording = false;
  function record(item: RecordedAttempt): Promise<void> {
    return new Promise((resolve, reject) => {
      recordQueue.push({ item, resolve, reject });
      if (!recording) {
        recording = true;
        setImmediate(() => void flushRecords());
      }
    });
  }
  async function flushRecords(): Promise<void> {
    while (recordQueue.length > 0) {
      const group = recordQueue;
      recordQueue = [];
      try {
        await recordAttempts(ctx.store, group.map((g) => g.item));
        for (const g of group) g.resolve();
      } catch (error) {
        for (const g of group) g.reject(error);
      }
    }
    recording = false;
  }

  async function schedule(): Promise<void> {
    if (stopped) return;
    const due = await nextDueAt(ctx.store);
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (due === undefined) return;
    const wait = Math.max(0, due.getTime() - ctx.clock().getTime());
    timer = setTimeout(kick, Math.min(wait, 2 ** 31 - 1));
    timer.unref();
  }

  // A pipeline rather than batch after batch: up to MAX_IN_FLIGHT attempts run at once, and the
  // pump claims more as soon as there is room and there may be more to claim (the last claim was
  // full, or something was queued since). Waiting for a whole batch let one slow receiver hold up
  // every delivery behind it, and a burst of journeys built a backlog of seconds.
  async function pump(): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    let failure: { error: unknown } | undefined;
    let more = true;
    try {
      while (!stopped && failure === undefined) {
        const room = MAX_IN_FLIGHT - inFlight.size;
        if (room > 0 && (more || again)) {
          again = false;
          const want = Math.min(BATCH, room);
          const batch = await claim(want);
          more = batch.length === want;
          for (const delivery of batch) {
            const run: Promise<void> = attempt(delivery)
              .catch((error: unknown) => {
                failure ??= { error };
              })
              .finally(() => inFlight.delete(run));
            inFlight.add(run);
          }
          if (batch.length > 0) continue;
        }
        if (inFlight.size === 0) break;
        await Promise.race(inFlight);
      }
    } finally {
      // stop() awaits the pump: every attempt started is recorded (or aborted) before it returns.
      await Promise.all(inFlight);
    }
    if (failure !== undefined) throw failure.error;
    await schedule();
  }

  function kick(): void {
    if (stopped) return;
    if (running !== undefined) {
      again = true;
      return;
    }
    running = pump()
      .catch((error: unknown) => {
        ctx.log.error('webhook dispatcher failed', { error: errorText(error) });
        // Try again later rather than stall: the rows are still pending.
        if (!stopped) {
          timer = setTimeout(kick, policy.initialDelayMs);
          timer.unref();
        }
      })
      .finally(() => {
        running = undefined;
        if (again && !stopped) kick();
        else for (const resolve of waiters.splice(0)) resolve();
      });
    ctx.background.track(running);
  }

  async function enqueueRaw(input: NewDelivery): Promise<Delivery> {
    const delivery = await insertDelivery(ctx.store, input, ctx.clock());
    kick();
    return delivery;
  }

  async function enqueue(eventKind: string, body: Record<string, unknown>, messageId?: string): Promise<Delivery[]> {
    const out = await queueWebhook(ctx.store, ctx, eventKind, body, messageId);
    if (out.length > 0) kick();
    return out;
  }

  // Events whose webhooks were not written in the transaction of their state change (an emitter
  // outside the sandbox's own routes, a test) still become webhooks here, in their own statement.
  // The sandbox's own writers mark their events as queued (outbox.ts), and those are skipped.
  const enqueueFor = async (event: object, write: () => Promise<Delivery[]>): Promise<void> => {
    if (isQueued(event) || ctx.config.webhookUrls.length === 0) return;
    if ((await write()).length > 0) kick();
  };
  const unsubscribe = [
    ctx.events.on('message.received', (event) => enqueueFor(event, () => queueMessageWebhook(ctx.store, ctx, event))),
    ctx.events.on('message.status', (event) => enqueueFor(event, () => queueStatusWebhook(ctx.store, ctx, event))),
    ctx.events.on('flow.status', (event) => enqueueFor(event, () => queueFlowStatusWebhook(ctx.store, ctx, event))),
    ctx.events.on('flow.webhook', (event) => enqueueFor(event, () => queueFlowsWebhook(ctx.store, ctx, event.flowId, event.value, event.at))),
  ];

  const dispatcher: WebhookDispatcher = {
    enqueue,
    enqueueRaw,
    wake: kick,
    idle() {
      if (running === undefined) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    async stop() {
      stopped = true;
      for (const off of unsubscribe) off();
      registerWaker(ctx, undefined);
      if (timer !== undefined) clearTimeout(timer);
      halt.abort();
      if (running !== undefined) await running;
      dispatchers.delete(ctx);
      for (const resolve of waiters.splice(0)) resolve();
    },
  };
  dispatchers.set(ctx, dispatcher);
  registerWaker(ctx, kick);
  // Resume what a previous run left pending.
  kick();
  return dispatcher;
}
