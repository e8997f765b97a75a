// The phones' side of receiving: when the API sends a business message, the recipient's phone is
// always online in the sandbox, so the message is at once sent and delivered (the two statuses
// WhatsApp reports before "read"). What the send resolved (hosting type, flow) is kept for the reply.
import type { HostingType } from '../../api/types.js';
import type { Queryable } from '../../store/index.js';
import type { SandboxContext } from '../context.js';
import type { MessageSentEvent } from '../events.js';

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

/** Sets a business message's status and announces it (the dispatcher turns it into a webhook). */
export async function advanceStatus(ctx: SandboxContext, message: { id: string; chatId: string; businessPhoneId: string; recipient: string; hostingType: HostingType }, status: 'sent' | 'delivered' | 'read'): Promise<boolean> {
  // Statuses only move forward: accepted → sent → delivered → read.
  const before: Record<typeof status, string[]> = { sent: ['accepted'], delivered: ['accepted', 'sent'], read: ['accepted', 'sent', 'delivered'] };
  const rows = await ctx.store.query<{ id: string }>(
    `UPDATE messages SET status = $2, updated_at = $3 WHERE id = $1 AND direction = 'outbound' AND status = ANY($4::text[]) RETURNING id`,
    [message.id, status, ctx.clock().toISOString(), before[status]],
  );
  if (rows.length === 0) return false;
  await ctx.events.emit('message.status', {
    messageId: message.id,
    chatId: message.chatId,
    businessPhoneId: message.businessPhoneId,
    recipient: message.recipient,
    status,
    hostingType: message.hostingType,
    at: ctx.clock(),
  });
  return true;
}

async function receive(ctx: SandboxContext, event: MessageSentEvent): Promise<void> {
  await ctx.store.query(
    `INSERT INTO phone_received_messages (message_id, hosting_type, flow_id, flow_mode, received_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (message_id) DO NOTHING`,
    [event.messageId, event.hostingType, event.flowId ?? null, event.flowMode ?? null, ctx.clock().toISOString()],
  );
  const message = { id: event.messageId, chatId: event.chatId, businessPhoneId: event.businessPhoneId, recipient: event.to, hostingType: event.hostingType };
  await advanceStatus(ctx, message, 'sent');
  await advanceStatus(ctx, message, 'delivered');
}

/** Starts receiving business messages on every simulated phone. Returns the stop function. */
export function startPhoneReceiver(ctx: SandboxContext): () => void {
  return ctx.events.on('message.sent', (event) => receive(ctx, event));
}
