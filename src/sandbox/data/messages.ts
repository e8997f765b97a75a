// Chats and the messages in them.
import type { Queryable } from '../../store/index.js';
import { rowId } from '../ids.js';

/** The chat between a business phone and a user phone, created on the first message. */
export async function ensureChat(db: Queryable, businessPhoneId: string, userPhoneId: string): Promise<string> {
  await db.query(
    `INSERT INTO chats (id, business_phone_id, user_phone_id) VALUES ($1, $2, $3) ON CONFLICT (business_phone_id, user_phone_id) DO NOTHING`,
    [rowId('chat'), businessPhoneId, userPhoneId],
  );
  const rows = await db.query<{ id: string }>('SELECT id FROM chats WHERE business_phone_id = $1 AND user_phone_id = $2', [businessPhoneId, userPhoneId]);
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('the chat could not be created');
  return id;
}

export async function insertOutboundMessage(db: Queryable, m: { id: string; chatId: string; type: string; payload: unknown; contextMessageId?: string | undefined; at: Date }): Promise<void> {
  await db.query(
    `INSERT INTO messages (id, chat_id, direction, type, payload, context_message_id, status, created_at, updated_at)
     VALUES ($1, $2, 'outbound', $3, $4::jsonb, $5, 'accepted', $6, $6)`,
    [m.id, m.chatId, m.type, JSON.stringify(m.payload), m.contextMessageId ?? null, m.at],
  );
  await db.query('UPDATE chats SET last_message_at = $2 WHERE id = $1', [m.chatId, m.at]);
}

/** Interactive messages that opened a flow (by id or name) since a time: the THROTTLED hourly allowance. */
export async function countFlowMessagesSince(db: Queryable, accountId: string, flow: { id: string; name: string }, since: Date): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM messages m JOIN chats c ON c.id = m.chat_id
     WHERE c.business_phone_id = $4 AND m.direction = 'outbound' AND m.type = 'interactive' AND m.created_at >= $3
       AND (m.payload #>> '{interactive,action,parameters,flow_id}' = $1 OR m.payload #>> '{interactive,action,parameters,flow_name}' = $2)`,
    [flow.id, flow.name, since, accountId],
  );
  return rows[0]?.n ?? 0;
}
