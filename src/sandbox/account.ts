// The sandbox account: one business number (its phone record id doubles as the Cloud
// phone_number_id) that API keys belong to and that sends every business message.
import type { HostingType } from '../api/types.js';
import type { Queryable } from '../store/index.js';
import { numericId } from './ids.js';
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
}

export function toPhone(row: PhoneRow): PhoneRecord {
  return { id: row.id, role: row.role, number: row.number, displayName: row.display_name ?? undefined, hostingType: row.hosting_type ?? undefined };
}

/** Returns the business phone with this number, creating it on first start. */
export async function ensureBusinessPhone(db: Queryable, number: string, hostingType: HostingType): Promise<PhoneRecord> {
  await db.query(
    `INSERT INTO phones (id, role, number, display_name, hosting_type) VALUES ($1, 'business', $2, 'Sandbox Business', $3)
     ON CONFLICT (number) DO NOTHING`,
    [numericId(), number, storeHostingType(hostingType)],
  );
  const rows = await db.query<PhoneRow>('SELECT id, role, number, display_name, hosting_type FROM phones WHERE number = $1', [number]);
  const row = rows[0];
  if (row === undefined) throw new Error('the business phone could not be created');
  if (row.role !== 'business') throw new Error(`number ${number} is already a simulated user phone; choose another business number`);
  return toPhone(row);
}

export async function findPhone(db: Queryable, id: string): Promise<PhoneRecord | undefined> {
  const rows = await db.query<PhoneRow>('SELECT id, role, number, display_name, hosting_type FROM phones WHERE id = $1', [id]);
  return rows[0] === undefined ? undefined : toPhone(rows[0]);
}

/** The simulated user phone for a wa_id, created the first time a business writes to it. */
export async function ensureUserPhone(db: Queryable, number: string): Promise<PhoneRecord> {
  await db.query(
    `INSERT INTO phones (id, role, number) VALUES ($1, 'user', $2) ON CONFLICT (number) DO NOTHING`,
    [numericId(), number],
  );
  const rows = await db.query<PhoneRow>('SELECT id, role, number, display_name, hosting_type FROM phones WHERE number = $1', [number]);
  const row = rows[0];
  if (row === undefined) throw new Error('the user phone could not be created');
  return toPhone(row);
}
