// The transactional outbox: a state change and the webhook rows that announce it are written in
// ONE transaction (`ctx.store.transaction(tx => ...)`), so a process killed at any point leaves
// either both or neither. The dispatcher only sends rows that are already committed; after the
// commit the writer wakes it (`wakeDispatcher`), and a restarted dispatcher finds whatever is
// still pending. The event the writer emits afterwards (for the phone UI) is marked as queued,
// so the dispatcher's event listeners do not enqueue it a second time.
import type { HostingType } from '../../api/types.js';
import type { Queryable } from '../../store/index.js';
import type { SandboxContext } from '../context.js';
import type { FlowStatusEvent, MessageReceivedEvent, MessageStatusEvent } from '../events.js';
import { insertDelivery } from './deliveries.js';
import type { Delivery, NewDelivery } from './deliveries.js';
import { flowsWebhook, messageWebhook, statusWebhook } from './envelope.js';
import type { WebhookAccount } from './envelope.js';
import { sandboxWabaId } from '../ids.js';

const queued = new WeakSet<object>();

/** Marks an event whose webhook rows were written in the transaction of its state change. */
export function markQueued<T extends object>(event: T): T {
  queued.add(event);
  return event;
}

/** Whether the webhook of this event is already in the outbox (the dispatcher then skips it). */
export function isQueued(event: object): boolean {
  return queued.has(event);
}

export { sandboxWabaId };

/** The account of a business phone whose number and WABA id the caller has read already. */
export function accountOf(phoneId: string, number: string, wabaId: string | null | undefined): WebhookAccount {
  return { wabaId: wabaId ?? sandboxWabaId(number), displayPhoneNumber: number, phoneNumberId: phoneId };
}

/** The account a webhook is sent for: a business phone id, or the sandbox's default number. */
export async function webhookAccount(db: Queryable, ctx: SandboxContext, businessPhoneId: string | undefined): Promise<WebhookAccount> {
  let number = ctx.config.businessNumber;
  let phoneNumberId = businessPhoneId;
  let wabaId: string | null | undefined;
  if (businessPhoneId !== undefined) {
    const rows = await db.query<{ number: string; waba_id: string | null }>('SELECT number, waba_id FROM phones WHERE id = $1', [businessPhoneId]);
    number = rows[0]?.number ?? number;
    wabaId = rows[0]?.waba_id;
  } else {
    const rows = await db.query<{ id: string; waba_id: string | null }>(`SELECT id, waba_id FROM phones WHERE role = 'business' AND number = $1`, [number]);
    phoneNumberId = rows[0]?.id;
    wabaId = rows[0]?.waba_id;
  }
  // The account's WABA id, as the Graph API answers it (migration 007 gave every number one).
  return { wabaId: wabaId ?? sandboxWabaId(number), displayPhoneNumber: number, phoneNumberId: phoneNumberId ?? number };
}

async function contactName(db: Queryable, waId: string): Promise<string | undefined> {
  const rows = await db.query<{ display_name: string | null }>('SELECT display_name FROM phones WHERE number = $1', [waId]);
  return rows[0]?.display_name ?? undefined;
}

/** One delivery per configured URL of a webhook body (none when no URL is configured). */
export function webhookRows(ctx: SandboxContext, eventKind: string, body: Record<string, unknown>, messageId?: string): NewDelivery[] {
  const text = JSON.stringify(body);
  return ctx.config.webhookUrls.map((url) => ({ url, eventKind, body: text, ...(messageId === undefined ? {} : { messageId }) }));
}

/** What a writer may already know of a webhook's account and contact (so they are not read again). */
export interface KnownParties {
  readonly account?: WebhookAccount | undefined;
  readonly contactName?: string | undefined;
}

/** Writes one pending delivery per configured URL, due now, on `db` (the caller's transaction). */
export async function queueWebhook(db: Queryable, ctx: SandboxContext, eventKind: string, body: Record<string, unknown>, messageId?: string): Promise<Delivery[]> {
  if (ctx.config.webhookUrls.length === 0) return [];
  const text = JSON.stringify(body);
  const out: Delivery[] = [];
  for (const url of ctx.config.webhookUrls) {
    out.push(await insertDelivery(db, { url, eventKind, body: text, ...(messageId === undefined ? {} : { messageId }) }, ctx.clock()));
  }
  return out;
}

const hosting = (ctx: SandboxContext, h: HostingType | undefined): HostingType => h ?? ctx.config.hostingType;

/** A message a phone sent to the business (a reply, an nfm_reply completion). */
export async function queueMessageWebhook(db: Queryable, ctx: SandboxContext, event: MessageReceivedEvent, known: KnownParties = {}): Promise<Delivery[]> {
  if (ctx.config.webhookUrls.length === 0) return [];
  const account = known.account ?? (await webhookAccount(db, ctx, event.businessPhoneId));
  const name = known.account !== undefined ? known.contactName : await contactName(db, event.from);
  const body = messageWebhook(hosting(ctx, event.hostingType), account, { waId: event.from, ...(name === undefined ? {} : { name }) }, event.payload);
  return queueWebhook(db, ctx, `message.${event.type}`, body, event.messageId);
}

/** The rows of a delivery status webhook (sent, delivered, read) of a business message. */
export function statusWebhookRows(ctx: SandboxContext, account: WebhookAccount, event: MessageStatusEvent): NewDelivery[] {
  const body = statusWebhook(hosting(ctx, event.hostingType), account, { messageId: event.messageId, recipientId: event.recipient, status: event.status, at: event.at });
  return webhookRows(ctx, `status.${event.status}`, body, event.messageId);
}

/** A delivery status (sent, delivered, read) of a business message. */
export async function queueStatusWebhook(db: Queryable, ctx: SandboxContext, event: MessageStatusEvent): Promise<Delivery[]> {
  if (ctx.config.webhookUrls.length === 0) return [];
  const out: Delivery[] = [];
  for (const row of statusWebhookRows(ctx, await webhookAccount(db, ctx, event.businessPhoneId), event)) out.push(await insertDelivery(db, row, ctx.clock()));
  return out;
}

/** FLOW_STATUS_CHANGE for the account that owns the flow (the default account when unknown). */
export async function queueFlowStatusWebhook(db: Queryable, ctx: SandboxContext, event: FlowStatusEvent, accountId?: string): Promise<Delivery[]> {
  const account = await webhookAccount(db, ctx, accountId ?? (await flowAccount(db, event.flowId)));
  const value: Record<string, unknown> = {
    event: 'FLOW_STATUS_CHANGE',
    message: `Flow ${event.flowName} changed status from ${event.oldStatus ?? 'NONE'} to ${event.newStatus}`,
    flow_id: event.flowId,
    new_status: event.newStatus,
  };
  if (event.oldStatus !== undefined) value.old_status = event.oldStatus;
  return queueWebhook(db, ctx, 'flows.FLOW_STATUS_CHANGE', flowsWebhook(account, value, event.at));
}

/** A `flows` field webhook (an endpoint health alert) for the flow's account. */
export async function queueFlowsWebhook(db: Queryable, ctx: SandboxContext, flowId: string, value: Record<string, unknown>, at: Date): Promise<Delivery[]> {
  const account = await webhookAccount(db, ctx, await flowAccount(db, flowId));
  return queueWebhook(db, ctx, `flows.${String(value.event)}`, flowsWebhook(account, value, at));
}

async function flowAccount(db: Queryable, flowId: string): Promise<string | undefined> {
  const rows = await db.query<{ account_id: string | null }>('SELECT account_id FROM flows WHERE id = $1', [flowId]);
  return rows[0]?.account_id ?? undefined;
}

const wakers = new WeakMap<SandboxContext['store'], () => void>();

/** Called by the dispatcher: how a committed writer tells it that rows are waiting. */
export function registerWaker(ctx: SandboxContext, wake: (() => void) | undefined): void {
  if (wake === undefined) wakers.delete(ctx.store);
  else wakers.set(ctx.store, wake);
}

/** After a transaction that queued webhooks has committed: send them now (not at the next poll). */
export function wakeDispatcher(ctx: SandboxContext): void {
  wakers.get(ctx.store)?.();
}
