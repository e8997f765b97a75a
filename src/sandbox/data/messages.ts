// Chats and the messages in them.
import type { Queryable } from '../../store/index.js';
import { ensureUserPhone } from '../account.js';
import { numericId, rowId } from '../ids.js';

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

/**
 * The user phone of `waId` and its chat with the business phone, each made if missing, in one
 * statement; undefined when `waId` is a business number. A row another transaction commits while
 * this statement runs is invisible to it: then the two steps run again on their own.
 */
export async function ensureUserChat(db: Queryable, businessPhoneId: string, waId: string): Promise<{ user: { id: string }; chatId: string } | undefined> {
  const rows = await db.query<{ id: string; role: string; chat_id: string | null }>(
    `WITH p AS (INSERT INTO phones (id, role, number) VALUES ($1, 'user', $2) ON CONFLICT (number) DO NOTHING RETURNING id, role),
     u AS (SELECT id, role FROM p UNION ALL SELECT id, role FROM phones WHERE number = $2 LIMIT 1),
     c AS (INSERT INTO chats (id, business_phone_id, user_phone_id) SELECT $3, $4, u.id FROM u WHERE u.role = 'user'
           ON CONFLICT (business_phone_id, user_phone_id) DO NOTHING RETURNING id)
     SELECT u.id, u.role, COALESCE((SELECT id FROM c), (SELECT ch.id FROM chats ch WHERE ch.business_phone_id = $4 AND ch.user_phone_id = u.id)) AS chat_id FROM u`,
    [numericId(), waId, rowId('chat'), businessPhoneId],
  );
  const row = rows[0];
  if (row !== undefined && row.role !== 'user') return undefined;
  if (row?.chat_id != null) return { user: { id: row.id }, chatId: row.chat_id };
  const user = await ensureUserPhone(db, waId);
  if (user.role !== 'user') return undefined;
  return { user, chatId: await ensureChat(db, businessPhoneId, user.id) };
}

/** Inserts a business message and moves its chat's last_message_at, in one statement. */
export async function insertOutboundMessage(db: Queryable, m: { id: string; chatId: string; type: string; payload: unknown; contextMessageId?: string | undefined; at: Date }): Promise<void> {
  await db.query(
    `WITH m AS (INSERT INTO messages (id, chat_id, direction, type, payload, context_message_id, status, created_at, updated_at)
       VALUES ($1, $2, 'outbound', $3, $4::jsonb, $5, 'accepted', $6, $6))
     UPDATE chats SET last_message_at = $6 WHERE id = $2`,
    [m.id, m.chatId, m.type, JSON.stringify(m.payload), m.contextMessageId ?? null, m.at],
  );
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
