// The phones' side of receiving: when the API sends a business message, the recipient's phone is
// always online in the sandbox, so the message is at once sent and delivered (the two statuses
// WhatsApp reports before "read"). What the send resolved (hosting type, flow) is kept for the reply.
import type { HostingType } from '../../api/types.js';
import type { Queryable } from '../../store/index.js';
import type { SandboxContext } from '../context.js';
import type { MessageSentEvent, MessageStatusEvent } from '../events.js';
import { deliveriesInsert } from '../webhooks/deliveries.js';
import type { WebhookAccount } from '../webhooks/envelope.js';
import { isQueued, markQueued, statusWebhookRows, wakeDispatcher, webhookAccount } from '../webhooks/outbox.js';

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
  /** The business account's webhook identity, when the caller has read it already. */
  account?: WebhookAccount | undefined;
}

type ForwardStatus = 'sent' | 'delivered' | 'read';

// Statuses only move forward: accepted → sent → delivered → read.
const BEFORE: Record<ForwardStatus, string[]> = { sent: ['accepted'], delivered: ['accepted', 'sent'], read: ['accepted', 'sent', 'delivered'] };

/**
 * Moves a business message's status forward through `steps` (in order; the last is where it
 * ends) and writes the status webhook of each step it passes, in ONE statement: the status and
 * its webhook rows commit together, as a transaction would, and a step the message was already
 * at or past writes no row. Returns the events to announce once committed (none when the message
 * was already at or past the last step).
 */
export async function advanceStatusesIn(db: Queryable, ctx: SandboxContext, message: StatusTarget, steps: readonly ForwardStatus[]): Promise<MessageStatusEvent[]> {
  const target = steps[steps.length - 1];
  if (target === undefined) return [];
  const at = ctx.clock();
  const events = steps.map((status) =>
    markQueued({ messageId: message.id, chatId: message.chatId, businessPhoneId: message.businessPhoneId, recipient: message.recipient, status, hostingType: message.hostingType, at }),
  );
  const params: unknown[] = [message.id, target, at.toISOString(), BEFORE[target]];
  let queue = '';
  if (ctx.config.webhookUrls.length > 0) {
    const account = message.account ?? (await webhookAccount(db, ctx, message.businessPhoneId));
    // Each step's rows carry the statuses the message must have come from for that step to be passed.
    const rows = events.flatMap((event) => statusWebhookRows(ctx, account, event).map((row) => ({ ...row, needs: BEFORE[event.status].join(',') })));
    const insert = deliveriesInsert(rows, at, params.length + 1, 'WHERE EXISTS (SELECT 1 FROM changed WHERE changed.old = ANY(string_to_array(d.needs, \',\')))');
    params.push(...insert.params);
    queue = `, queued AS (${insert.sql})`;
  }
  const changed = await db.query<{ old: string }>(
    `WITH changed AS (
       UPDATE messages m SET status = $2, updated_at = $3
       FROM (SELECT id, status FROM messages WHERE id = $1 AND direction = 'outbound' FOR UPDATE) o
       WHERE m.id = o.id AND o.status = ANY($4::text[]) RETURNING o.status AS old
     )${queue}
     SELECT old FROM changed`,
    params,
  );
  const old = changed[0]?.old;
  if (old === undefined) return [];
  return events.filter((event) => BEFORE[event.status].includes(old));
}

/**
 * Moves a business message's status forward on `db` and writes the status webhook with it (one
 * statement). Returns the event to announce once committed, or undefined when the message was
 * already at or past that status.
 */
export async function advanceStatusIn(db: Queryable, ctx: SandboxContext, message: StatusTarget, status: ForwardStatus): Promise<MessageStatusEvent | undefined> {
  return (await advanceStatusesIn(db, ctx, message, [status]))[0];
}

/** Announces committed status changes (the webhook rows are already in the outbox). */
export async function announceStatuses(ctx: SandboxContext, events: readonly (MessageStatusEvent | undefined)[]): Promise<void> {
  if (events.some((e) => e !== undefined)) wakeDispatcher(ctx);
  for (const event of events) if (event !== undefined) await ctx.events.emit('message.status', event);
}

/** Sets a business message's status and its webhook in one statement, then announces it. */
export async function advanceStatus(ctx: SandboxContext, message: StatusTarget, status: ForwardStatus): Promise<boolean> {
  const event = await advanceStatusIn(ctx.store, ctx, message, status);
  await announceStatuses(ctx, [event]);
  return event !== undefined;
}

/**
 * The recipient's phone receives a business message, on `db` (the send's transaction): what the
 * send resolved is kept for the reply, and the message is at once sent and delivered, each with
 * its status webhook. Returns the events to announce after the commit.
 */
export async function receiveIn(db: Queryable, ctx: SandboxContext, event: MessageSentEvent, account?: WebhookAccount): Promise<MessageStatusEvent[]> {
  await db.query(
    `INSERT INTO phone_received_messages (message_id, hosting_type, flow_id, flow_mode, received_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (message_id) DO NOTHING`,
    [event.messageId, event.hostingType, event.flowId ?? null, event.flowMode ?? null, ctx.clock().toISOString()],
  );
  const message: StatusTarget = { id: event.messageId, chatId: event.chatId, businessPhoneId: event.businessPhoneId, recipient: event.to, hostingType: event.hostingType, account };
  return advanceStatusesIn(db, ctx, message, ['sent', 'delivered']);
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
