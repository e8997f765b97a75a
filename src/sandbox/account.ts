// The sandbox account: a business number (its phone record id doubles as the Cloud
// phone_number_id) that API keys belong to and that sends every business message. Each provider
// names the account its own way: Graph by the WABA id and phone number id, 360dialog's Partner API
// by the partner id and its WABA account id, waba-v2 by the key alone (migration 007).
import type { HostingType } from '../api/types.js';
import type { Queryable } from '../store/index.js';
import { numericId, sandboxWabaId, wabaAccountId } from './ids.js';
import type { PhoneRecord } from './records.js';

/** Our hosting type spelling → the store's. */
export function storeHostingType(type: HostingType): 'cloud' | 'on_premise' {
  return type === 'cloud' ? 'cloud' : 'on_premise';
}

interface PhoneRow {
  id: string;
  role: 'business' | 'user';
  number: string;
  display_name: string | null;
  hosting_type: 'cloud' | 'on_premise' | null;
  waba_id: string | null;
  waba_account_id: string | null;
  partner_id: string | null;
}

const PHONE_COLUMNS = 'id, role, number, display_name, hosting_type, waba_id, waba_account_id, partner_id';

export function toPhone(row: PhoneRow): PhoneRecord {
  return {
    id: row.id,
    role: row.role,
    number: row.number,
    displayName: row.display_name ?? undefined,
    hostingType: row.hosting_type ?? undefined,
    wabaId: row.waba_id ?? undefined,
    wabaAccountId: row.waba_account_id ?? undefined,
    partnerId: row.partner_id ?? undefined,
  };
}

/** A partner of the sandbox (360dialog partner id, ending in PA) and its Partner Hub user's email. */
export interface PartnerRecord {
  readonly id: string;
  readonly userEmail: string;
}

/** Creates the partner, or updates its user's email when it changed in the configuration. */
export async function ensurePartner(db: Queryable, id: string, userEmail: string): Promise<PartnerRecord> {
  await db.query(`INSERT INTO partners (id, user_email) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET user_email = EXCLUDED.user_email`, [id, userEmail]);
  return { id, userEmail };
}

export async function findPartner(db: Queryable, id: string): Promise<PartnerRecord | undefined> {
  const rows = await db.query<{ id: string; user_email: string }>('SELECT id, user_email FROM partners WHERE id = $1', [id]);
  return rows[0] === undefined ? undefined : { id: rows[0].id, userEmail: rows[0].user_email };
}

/**
 * Returns the business phone with this number, creating it on first start with its WABA id (the
 * stable hash webhooks use) and a fresh 360dialog WABA account id. `partnerId` onboards a new
 * number under that partner; an existing number keeps its partner.
 */
export async function ensureBusinessPhone(db: Queryable, number: string, hostingType: HostingType, options: { partnerId?: string } = {}): Promise<PhoneRecord> {
  await db.query(
    `INSERT INTO phones (id, role, number, display_name, hosting_type, waba_id, waba_account_id, partner_id)
     VALUES ($1, 'business', $2, 'Sandbox Business', $3, $4, $5, $6)
     ON CONFLICT (number) DO NOTHING`,
    [numericId(), number, storeHostingType(hostingType), sandboxWabaId(number), wabaAccountId(), options.partnerId ?? null],
  );
  const row = await phoneRow(db, 'number', number);
  if (row === undefined) throw new Error('the business phone could not be created');
  if (row.role !== 'business') throw new Error(`number ${number} is already a simulated user phone; choose another business number`);
  return toPhone(row);
}

/** Business numbers without a partner (made before partners existed) are onboarded under this one. */
export async function adoptBusinessPhones(db: Queryable, partnerId: string): Promise<void> {
  await db.query(`UPDATE phones SET partner_id = $1 WHERE role = 'business' AND partner_id IS NULL`, [partnerId]);
}

async function phoneRow(db: Queryable, column: 'id' | 'number' | 'waba_id' | 'waba_account_id', value: string): Promise<PhoneRow | undefined> {
  const rows = await db.query<PhoneRow>(`SELECT ${PHONE_COLUMNS} FROM phones WHERE ${column} = $1`, [value]);
  return rows[0];
}

export async function findPhone(db: Queryable, id: string): Promise<PhoneRecord | undefined> {
  const row = await phoneRow(db, 'id', id);
  return row === undefined ? undefined : toPhone(row);
}

/** The business phone with this Meta WABA id. */
export async function findAccountByWabaId(db: Queryable, wabaId: string): Promise<PhoneRecord | undefined> {
  const row = await phoneRow(db, 'waba_id', wabaId);
  return row?.role === 'business' ? toPhone(row) : undefined;
}

/** The business phone with this 360dialog WABA account id. */
export async function findAccountByWabaAccountId(db: Queryable, id: string): Promise<PhoneRecord | undefined> {
  const row = await phoneRow(db, 'waba_account_id', id);
  return row?.role === 'business' ? toPhone(row) : undefined;
}

/** The simulated user phone for a wa_id, created the first time a business writes to it. */
export async function ensureUserPhone(db: Queryable, number: string): Promise<PhoneRecord> {
  await db.query(`INSERT INTO phones (id, role, number) VALUES ($1, 'user', $2) ON CONFLICT (number) DO NOTHING`, [numericId(), number]);
  const row = await phoneRow(db, 'number', number);
  if (row === undefined) throw new Error('the user phone could not be created');
  return toPhone(row);
}
