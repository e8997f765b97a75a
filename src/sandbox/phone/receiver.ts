// The phones' side of receiving: when the API sends a business message, the recipient's phone is
// always online in the sandbox, so the message is at once sent and delivered (the two statuses
// WhatsApp reports before "read"). What the send resolved (hosting type, flow) is kept for the reply.
import type { HostingType } from '../../api/types.js';
import type { Queryable } from '../../store/index.js';
import type { SandboxContext } from '../context.js';
import type { MessageSentEvent, MessageStatusEvent } from '../events.js';
import { isQueued, markQueued, queueStatusWebhook, wakeDispatcher } from '../webhooks/outbox.js';

export interface ReceivedInfo {
  hostingType: HostingType;
  flowId: string | undefined;
  flowMode: 'draft' | 'published' | undefined;
}

export async function receivedInfo(db: Queryable, messageId: string): Promise<ReceivedInfo | undefined> {
  const rows = await db.query<{ hosting_type: HostingType; flow_id: string | null; flow_mode: 'draft' | 'published' | null }>(
    'SELECT hosting_type, flow_id, flow_mode FROM phone_received_messages WHERE message_id = $1',
    [messageId],
  );
  const row = rows[0];
  return row === undefined ? undefined : { hostingType: row.hosting_type, flowId: row.flow_id ?? undefined, flowMode: row.flow_mode ?? undefined };
}

export interface StatusTarget {
  id: string;
  chatId: string;
  businessPhoneId: string;
  recipient: string;
  hostingType: HostingType;
}

type ForwardStatus = 'sent' | 'delivered' | 'read';

/**
 * Moves a business message's status forward on `db` (the caller's transaction) and writes the
 * status webhook in the same transaction. Returns the event to announce once committed, or
 * undefined when the message was already at or past that status.
 */
export async function advanceStatusIn(db: Queryable, ctx: SandboxContext, message: StatusTarget, status: ForwardStatus): Promise<MessageStatusEvent | undefined> {
  // Statuses only move forward: accepted → sent → delivered → read.
  const before: Record<ForwardStatus, string[]> = { sent: ['accepted'], delivered: ['accepted', 'sent'], read: ['accepted', 'sent', 'delivered'] };
  const at = ctx.clock();
  const rows = await db.query<{ id: string }>(
    `UPDATE messages SET status = $2, updated_at = $3 WHERE id = $1 AND direction = 'outbound' AND status = ANY($4::text[]) RETURNING id`,
    [message.id, status, at.toISOString(), before[status]],
  );
  if (rows.length === 0) return undefined;
  const event: MessageStatusEvent = markQueued({
    messageId: message.id,
    chatId: message.chatId,
    businessPhoneId: message.businessPhoneId,
    recipient: message.recipient,
    status,
    hostingType: message.hostingType,
    at,
  });
  await queueStatusWebhook(db, ctx, event);
  return event;
}

/** Announces committed status changes (the webhook rows are already in the outbox). */
export async function announceStatuses(ctx: SandboxContext, events: readonly (MessageStatusEvent | undefined)[]): Promise<void> {
  if (events.some((e) => e !== undefined)) wakeDispatcher(ctx);
  for (const event of events) if (event !== undefined) await ctx.events.emit('message.status', event);
}

/** Sets a business message's status and its webhook in one transaction, then announces it. */
export async function advanceStatus(ctx: SandboxContext, message: StatusTarget, status: ForwardStatus): Promise<boolean> {
  const event = await ctx.store.transaction((tx) => advanceStatusIn(tx, ctx, message, status));
  await announceStatuses(ctx, [event]);
  return event !== undefined;
}

/**
 * The recipient's phone receives a business message, on `db` (the send's transaction): what the
 * send resolved is kept for the reply, and the message is at once sent and delivered, each with
 * its status webhook. Returns the events to announce after the commit.
 */
export async function receiveIn(db: Queryable, ctx: SandboxContext, event: MessageSentEvent): Promise<MessageStatusEvent[]> {
  await db.query(
    `INSERT INTO phone_received_messages (message_id, hosting_type, flow_id, flow_mode, received_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (message_id) DO NOTHING`,
    [event.messageId, event.hostingType, event.flowId ?? null, event.flowMode ?? null, ctx.clock().toISOString()],
  );
  const message = { id: event.messageId, chatId: event.chatId, businessPhoneId: event.businessPhoneId, recipient: event.to, hostingType: event.hostingType };
  const out: MessageStatusEvent[] = [];
  for (const status of ['sent', 'delivered'] as const) {
    const changed = await advanceStatusIn(db, ctx, message, status);
    if (changed !== undefined) out.push(changed);
  }
  return out;
}

async function receive(ctx: SandboxContext, event: MessageSentEvent): Promise<void> {
  // The send route already received it in its own transaction; this covers other emitters.
  if (isQueued(event)) return;
  const statuses = await ctx.store.transaction((tx) => receiveIn(tx, ctx, event));
  await announceStatuses(ctx, statuses);
}

/** Starts receiving business messages on every simulated phone. Returns the stop function. */
export function startPhoneReceiver(ctx: SandboxContext): () => void {
  return ctx.events.on('message.sent', (event) => receive(ctx, event));
}
