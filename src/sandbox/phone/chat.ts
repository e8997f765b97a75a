// Simulated user phones and their chats, read from the tables the API routes write (phones,
// chats, messages); a business message the API sent is already a row in the recipient's chat.
import { numericId } from '../ids.js';
import type { Queryable } from '../../store/index.js';

export interface UserPhone {
  id: string;
  waId: string;
  name: string | undefined;
  /** The phone's language setting (sent as `user_locale`); unset means DEFAULT_PHONE_LOCALE. */
  locale: string | undefined;
  createdAt: string;
}

/** The language a simulated phone runs in unless POST /_sandbox/phones says otherwise. */
export const DEFAULT_PHONE_LOCALE = 'en_US';

export interface ChatMessage {
  id: string;
  chatId: string;
  /** outbound: business → phone; inbound: phone → business. */
  direction: 'inbound' | 'outbound';
  type: string;
  payload: Record<string, unknown>;
  contextMessageId: string | null;
  status: string;
  createdAt: string;
  /** For a flow message: whether its button can still be tapped, and why not. */
  cta?: { text: string; enabled: boolean; disabledReason?: string };
}

export class PhoneError extends Error {
  readonly code: 'INVALID_INPUT' | 'NOT_FOUND' | 'CONFLICT';
  readonly status: number;
  constructor(code: PhoneError['code'], message: string) {
    super(message);
    this.name = 'PhoneError';
    this.code = code;
    this.status = code === 'NOT_FOUND' ? 404 : code === 'CONFLICT' ? 409 : 400;
  }
}

const WA_ID = /^\d{6,15}$/;

interface PhoneRow {
  id: string;
  role: string;
  number: string;
  display_name: string | null;
  locale: string | null;
  created_at: Date | string;
}

function toPhone(row: PhoneRow): UserPhone {
  return { id: row.id, waId: row.number, name: row.display_name ?? undefined, locale: row.locale ?? undefined, createdAt: new Date(row.created_at).toISOString() };
}

const LOCALE = /^([A-Za-z]{2,3})(?:[_-]([A-Za-z0-9]{2,4}))?$/;

/** `pt-br`, `pt_BR` → `pt_BR`, WhatsApp's spelling of a locale. */
function parseLocale(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const match = typeof value === 'string' ? LOCALE.exec(value) : null;
  if (match === null) throw new PhoneError('INVALID_INPUT', 'locale must be a language code with an optional region, such as "en_US" or "pt_BR"');
  const [, language = '', region] = match;
  return region === undefined ? language.toLowerCase() : `${language.toLowerCase()}_${region.toUpperCase()}`;
}

/** Creates a simulated phone (or returns the existing one, renamed when a name is given). */
export async function createPhone(db: Queryable, input: unknown): Promise<{ phone: UserPhone; created: boolean }> {
  const body = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const raw = body.wa_id ?? body.waId;
  if (typeof raw !== 'string' || !WA_ID.test(raw.replace(/^\+/, ''))) {
    throw new PhoneError('INVALID_INPUT', 'wa_id must be the phone number in international format, 6 to 15 digits (e.g. "4915112345678")');
  }
  const waId = raw.replace(/^\+/, '');
  const name = body.name;
  if (name !== undefined && (typeof name !== 'string' || name.trim() === '' || name.length > 100)) {
    throw new PhoneError('INVALID_INPUT', 'name must be a non-empty string of at most 100 characters');
  }
  const locale = parseLocale(body.locale);
  const existing = await findPhoneByWaId(db, waId, true);
  if (existing !== undefined) {
    if (existing.role !== 'user') throw new PhoneError('CONFLICT', `${waId} is the business number; a simulated phone needs another number`);
    if (typeof name === 'string') await db.query('UPDATE phones SET display_name = $2 WHERE id = $1', [existing.id, name.trim()]);
    if (locale !== undefined) await db.query('UPDATE phones SET locale = $2 WHERE id = $1', [existing.id, locale]);
    const phone = toPhone(existing);
    return { phone: { ...phone, name: typeof name === 'string' ? name.trim() : phone.name, locale: locale ?? phone.locale }, created: false };
  }
  const rows = await db.query<PhoneRow>(
    `INSERT INTO phones (id, role, number, display_name, locale) VALUES ($1, 'user', $2, $3, $4)
     ON CONFLICT (number) DO UPDATE SET display_name = COALESCE(EXCLUDED.display_name, phones.display_name), locale = COALESCE(EXCLUDED.locale, phones.locale)
     RETURNING id, role, number, display_name, locale, created_at`,
    [numericId(), waId, typeof name === 'string' ? name.trim() : null, locale ?? null],
  );
  const row = rows[0];
  if (row === undefined) throw new Error('creating the phone returned no row');
  return { phone: toPhone(row), created: true };
}

async function findPhoneByWaId(db: Queryable, waId: string, anyRole: boolean): Promise<PhoneRow | undefined> {
  const rows = await db.query<PhoneRow>(
    `SELECT id, role, number, display_name, locale, created_at FROM phones WHERE number = $1${anyRole ? '' : ` AND role = 'user'`}`,
    [waId],
  );
  return rows[0];
}

export async function getPhone(db: Queryable, waId: string): Promise<UserPhone> {
  const row = await findPhoneByWaId(db, waId, false);
  if (row === undefined) throw new PhoneError('NOT_FOUND', `no simulated phone ${waId}; create it with POST /_sandbox/phones or send it a message`);
  return toPhone(row);
}

interface MessageRow {
  id: string;
  chat_id: string;
  direction: 'inbound' | 'outbound';
  type: string;
  payload: Record<string, unknown>;
  context_message_id: string | null;
  status: string;
  created_at: Date | string;
  business_number: string;
  disabled_reason: string | null;
}

function ctaText(payload: Record<string, unknown>): string | undefined {
  const interactive = payload.interactive as Record<string, unknown> | undefined;
  const params = (interactive?.action as Record<string, unknown> | undefined)?.parameters as Record<string, unknown> | undefined;
  if (typeof params?.flow_cta === 'string') return params.flow_cta;
  if (payload.type === 'template') return 'flow button';
  return undefined;
}

/** Every message of the phone's chats, oldest first. */
export async function chatMessages(db: Queryable, userPhoneId: string): Promise<(ChatMessage & { businessNumber: string })[]> {
  const rows = await db.query<MessageRow>(
    `SELECT m.id, m.chat_id, m.direction, m.type, m.payload, m.context_message_id, m.status, m.created_at,
            b.number AS business_number, d.reason AS disabled_reason
     FROM messages m JOIN chats c ON c.id = m.chat_id JOIN phones b ON b.id = c.business_phone_id
     LEFT JOIN phone_disabled_ctas d ON d.message_id = m.id
     WHERE c.user_phone_id = $1 ORDER BY m.created_at, m.id`,
    [userPhoneId],
  );
  return rows.map((r) => {
    const message: ChatMessage & { businessNumber: string } = {
      id: r.id,
      chatId: r.chat_id,
      direction: r.direction,
      type: r.type,
      payload: r.payload,
      contextMessageId: r.context_message_id,
      status: r.status,
      createdAt: new Date(r.created_at).toISOString(),
      businessNumber: r.business_number,
    };
    const text = r.direction === 'outbound' ? ctaText(r.payload) : undefined;
    if (text !== undefined) {
      message.cta = r.disabled_reason === null ? { text, enabled: true } : { text, enabled: false, disabledReason: r.disabled_reason };
    }
    return message;
  });
}

export interface OutboundMessage {
  id: string;
  chatId: string;
  payload: Record<string, unknown>;
  status: string;
  businessPhoneId: string;
  businessNumber: string;
  userPhoneId: string;
  disabledReason: string | null;
}

/** A business message sent to this phone, or a NOT_FOUND error naming what is wrong. */
export async function findOutbound(db: Queryable, userPhoneId: string, messageId: string): Promise<OutboundMessage> {
  const rows = await db.query<{ id: string; chat_id: string; payload: Record<string, unknown>; status: string; direction: string; user_phone_id: string; business_phone_id: string; business_number: string; disabled_reason: string | null }>(
    `SELECT m.id, m.chat_id, m.payload, m.status, m.direction, c.user_phone_id, c.business_phone_id, b.number AS business_number, d.reason AS disabled_reason
     FROM messages m JOIN chats c ON c.id = m.chat_id JOIN phones b ON b.id = c.business_phone_id
     LEFT JOIN phone_disabled_ctas d ON d.message_id = m.id WHERE m.id = $1`,
    [messageId],
  );
  const row = rows[0];
  if (row === undefined || row.user_phone_id !== userPhoneId) throw new PhoneError('NOT_FOUND', `message ${messageId} is not in this phone's chat`);
  if (row.direction !== 'outbound') throw new PhoneError('INVALID_INPUT', `message ${messageId} was sent by the phone, not by the business`);
  return {
    id: row.id,
    chatId: row.chat_id,
    payload: row.payload,
    status: row.status,
    businessPhoneId: row.business_phone_id,
    businessNumber: row.business_number,
    userPhoneId: row.user_phone_id,
    disabledReason: row.disabled_reason,
  };
}

/** Stores a message the phone sends to the business. */
export async function insertInbound(db: Queryable, input: { id: string; chatId: string; type: string; payload: Record<string, unknown>; contextMessageId: string; at: Date }): Promise<void> {
  // One statement: the message and its chat's last_message_at.
  await db.query(
    `WITH m AS (INSERT INTO messages (id, chat_id, direction, type, payload, context_message_id, status, created_at, updated_at)
       VALUES ($1, $2, 'inbound', $3, $4::jsonb, $5, 'delivered', $6, $6))
     UPDATE chats SET last_message_at = $6 WHERE id = $2`,
    [input.id, input.chatId, input.type, JSON.stringify(input.payload), input.contextMessageId, input.at.toISOString()],
  );
}

/** Marks the button of a flow message disabled (after a 427). */
export async function disableCta(db: Queryable, messageId: string, reason: string): Promise<void> {
  await db.query('INSERT INTO phone_disabled_ctas (message_id, reason) VALUES ($1, $2) ON CONFLICT (message_id) DO NOTHING', [messageId, reason]);
}
