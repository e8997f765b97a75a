// The webhook dispatcher: turns sandbox events (inbound messages, statuses of business messages,
// flow status changes, endpoint health alerts) into webhooks in the hosting type's envelope,
// persists one delivery per configured URL BEFORE the first attempt, then POSTs each with
// X-Hub-Signature-256 and retries with backoff. A restarted dispatcher resumes what is pending.
// Deliveries are claimed with a lease (FOR UPDATE SKIP LOCKED), so two sandboxes sharing one
// PostgreSQL database never send the same attempt twice.
import { signRequestBody } from '../../data-channel/index.js';
import type { HostingType } from '../../api/types.js';
import type { SandboxContext } from '../context.js';
import { DEFAULT_RETRY_POLICY, nextAttemptAt } from './backoff.js';
import type { RetryPolicy } from './backoff.js';
import { insertDelivery, nextDueAt, recordAttempt } from './deliveries.js';
import type { Delivery, NewDelivery } from './deliveries.js';
import { flowsWebhook, messageWebhook, statusWebhook } from './envelope.js';
import type { WebhookAccount } from './envelope.js';

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
  /** Resolves once nothing is due now and no attempt is in flight (pending future retries may remain). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export interface DispatcherOptions {
  retry?: Partial<RetryPolicy>;
}

const LEASE_MS = 60_000;
const BATCH = 20;
const EXCERPT = 500;

const dispatchers = new WeakMap<SandboxContext, WebhookDispatcher>();

/** The dispatcher started for this sandbox, if any (for routes that redeliver). */
export function dispatcherOf(ctx: SandboxContext): WebhookDispatcher | undefined {
  return dispatchers.get(ctx);
}

/** A stable WABA id for the sandbox account, derived from its business number. */
export function sandboxWabaId(businessNumber: string): string {
  let h = 1_000_000_007n;
  for (const c of businessNumber) h = (h * 131n + BigInt(c.charCodeAt(0))) % 900_000_000_000_000n;
  return String(100_000_000_000_000n + h);
}

async function accountFor(ctx: SandboxContext, businessPhoneId: string | undefined): Promise<WebhookAccount> {
  let number = ctx.config.businessNumber;
  let phoneNumberId = businessPhoneId;
  if (businessPhoneId !== undefined) {
    const rows = await ctx.store.query<{ number: string }>('SELECT number FROM phones WHERE id = $1', [businessPhoneId]);
    number = rows[0]?.number ?? number;
  } else {
    const rows = await ctx.store.query<{ id: string }>(`SELECT id FROM phones WHERE role = 'business' AND number = $1`, [number]);
    phoneNumberId = rows[0]?.id;
  }
  return { wabaId: sandboxWabaId(ctx.config.businessNumber), displayPhoneNumber: number, phoneNumberId: phoneNumberId ?? number };
}

async function contactName(ctx: SandboxContext, waId: string): Promise<string | undefined> {
  const rows = await ctx.store.query<{ display_name: string | null }>('SELECT display_name FROM phones WHERE number = $1', [waId]);
  return rows[0]?.display_name ?? undefined;
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

  async function claim(): Promise<Delivery[]> {
    const now = ctx.clock();
    const lease = new Date(now.getTime() + LEASE_MS);
    const rows = await ctx.store.query<{ id: string; url: string; event_kind: string; body: string; message_id: string | null; attempt_count: number; created_at: Date | string }>(
      `UPDATE webhook_deliveries SET next_attempt_at = $2
       WHERE id IN (SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $1
                    ORDER BY next_attempt_at, created_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
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
    await recordAttempt(ctx.store, delivery, { startedAt, durationMs, ...(responseStatus === undefined ? {} : { responseStatus }), ...(responseExcerpt === undefined ? {} : { responseExcerpt }), ...(error === undefined ? {} : { error }) }, success, retryAt);
    ctx.log[success ? 'debug' : 'warn'](success ? 'webhook delivered' : 'webhook attempt failed', {
      delivery: delivery.id,
      kind: delivery.eventKind,
      attempt: delivery.attemptCount + 1,
      status: responseStatus,
      retry: retryAt?.toISOString() ?? (success ? undefined : 'given up'),
    });
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

  async function pump(): Promise<void> {
    do {
      again = false;
      let batch = await claim();
      while (batch.length > 0 && !stopped) {
        await Promise.all(batch.map((d) => attempt(d)));
        batch = await claim();
      }
    } while (again && !stopped);
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
    if (ctx.config.webhookUrls.length === 0) return [];
    const text = JSON.stringify(body);
    const out: Delivery[] = [];
    for (const url of ctx.config.webhookUrls) {
      out.push(await insertDelivery(ctx.store, { url, eventKind, body: text, ...(messageId === undefined ? {} : { messageId }) }, ctx.clock()));
    }
    kick();
    return out;
  }

  const hosting = (h: HostingType | undefined): HostingType => h ?? ctx.config.hostingType;
  const unsubscribe = [
    ctx.events.on('message.received', async (event) => {
      const account = await accountFor(ctx, event.businessPhoneId);
      const name = await contactName(ctx, event.from);
      const body = messageWebhook(hosting(event.hostingType), account, { waId: event.from, ...(name === undefined ? {} : { name }) }, event.payload);
      await enqueue(`message.${event.type}`, body, event.messageId);
    }),
    ctx.events.on('message.status', async (event) => {
      const account = await accountFor(ctx, event.businessPhoneId);
      const body = statusWebhook(hosting(event.hostingType), account, { messageId: event.messageId, recipientId: event.recipient, status: event.status, at: event.at });
      await enqueue(`status.${event.status}`, body, event.messageId);
    }),
    ctx.events.on('flow.status', async (event) => {
      const account = await accountFor(ctx, undefined);
      const value: Record<string, unknown> = {
        event: 'FLOW_STATUS_CHANGE',
        message: `Flow ${event.flowName} changed status from ${event.oldStatus ?? 'NONE'} to ${event.newStatus}`,
        flow_id: event.flowId,
        new_status: event.newStatus,
      };
      if (event.oldStatus !== undefined) value.old_status = event.oldStatus;
      await enqueue('flows.FLOW_STATUS_CHANGE', flowsWebhook(account, value, event.at));
    }),
    ctx.events.on('flow.webhook', async (event) => {
      const account = await accountFor(ctx, undefined);
      await enqueue(`flows.${String(event.value.event)}`, flowsWebhook(account, event.value, event.at));
    }),
  ];

  const dispatcher: WebhookDispatcher = {
    enqueue,
    enqueueRaw,
    idle() {
      if (running === undefined) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    async stop() {
      stopped = true;
      for (const off of unsubscribe) off();
      if (timer !== undefined) clearTimeout(timer);
      halt.abort();
      if (running !== undefined) await running;
      dispatchers.delete(ctx);
      for (const resolve of waiters.splice(0)) resolve();
    },
  };
  dispatchers.set(ctx, dispatcher);
  // Resume what a previous run left pending.
  kick();
  return dispatcher;
}
