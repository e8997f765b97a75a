// Template rows and their review status, each within one account (see data/flows.ts). A deleted
// template that was never approved is gone at once; one that was approved (it may have been sent)
// stays as a DELETED row: its messages already on phones still open, and its name and language
// cannot be used again for 30 days (Meta's template docs), after which a new template replaces it.
import type { Queryable } from '../../store/index.js';
import type { TemplateStatus } from '../events.js';
import type { TemplateRecord } from '../records.js';

interface TemplateRow {
  id: string;
  name: string;
  language: string;
  category: string;
  status: TemplateStatus;
  components: Record<string, unknown>[];
  rejected_reason: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS = 'id, name, language, category, status, components, rejected_reason, created_at, updated_at';

/** How long the name and language of a deleted approved template stay taken. */
export const DELETED_NAME_HOLD_MS = 30 * 24 * 60 * 60 * 1000;

/** Statuses a template has once it was approved: deleting it keeps a DELETED row. */
const ONCE_APPROVED: readonly TemplateStatus[] = ['APPROVED', 'PAUSED', 'DISABLED'];

function toTemplate(row: TemplateRow): TemplateRecord {
  return {
    id: row.id,
    name: row.name,
    language: row.language,
    category: row.category,
    status: row.status,
    components: row.components,
    rejectedReason: row.rejected_reason ?? undefined,
    createdAt: new Date(row.created_at),
  };
}

export async function insertTemplate(db: Queryable, t: { id: string; accountId: string; name: string; language: string; category: string; components: unknown[]; at: Date }): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO templates (id, account_id, name, language, category, status, components, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, 'PENDING', $6::jsonb, $7, $7) ON CONFLICT (account_id, name, language) DO NOTHING RETURNING id`,
    [t.id, t.accountId, t.name, t.language, t.category, JSON.stringify(t.components), t.at],
  );
  return rows.length === 1;
}

/** A template by id; `accountId` undefined only for the sandbox's own controls (any account). */
export async function getTemplateRecord(db: Queryable, accountId: string | undefined, id: string): Promise<TemplateRecord | undefined> {
  const rows = await db.query<TemplateRow>(
    accountId === undefined ? `SELECT ${COLUMNS} FROM templates WHERE id = $1` : `SELECT ${COLUMNS} FROM templates WHERE id = $1 AND account_id = $2`,
    accountId === undefined ? [id] : [id, accountId],
  );
  return rows[0] === undefined ? undefined : toTemplate(rows[0]);
}

/** Every language of a template name (deleted ones left out), oldest first. */
export async function findTemplatesByName(db: Queryable, accountId: string, name: string): Promise<TemplateRecord[]> {
  const rows = await db.query<TemplateRow>(`SELECT ${COLUMNS} FROM templates WHERE account_id = $1 AND name = $2 AND status <> 'DELETED' ORDER BY created_at, language`, [accountId, name]);
  return rows.map(toTemplate);
}

export async function listTemplateRecords(db: Queryable, accountId: string): Promise<TemplateRecord[]> {
  const rows = await db.query<TemplateRow>(`SELECT ${COLUMNS} FROM templates WHERE account_id = $1 AND status <> 'DELETED' ORDER BY created_at, name, language`, [accountId]);
  return rows.map(toTemplate);
}

/** Moves a template from one status to another; false when it was not in `from`. */
export async function transitionTemplate(db: Queryable, id: string, from: readonly TemplateStatus[], to: TemplateStatus, at: Date, reason?: string): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `UPDATE templates SET status = $2, rejected_reason = $3, updated_at = $4 WHERE id = $1 AND status = ANY($5::text[]) RETURNING id`,
    [id, to, reason ?? null, at, [...from]],
  );
  return rows.length === 1;
}

/**
 * Deletes the templates of a name (every language, or the one with `id`); returns them as they
 * were. Once-approved ones become DELETED rows, the others are removed.
 */
export async function deleteTemplates(db: Queryable, accountId: string, name: string, at: Date, id?: string): Promise<TemplateRecord[]> {
  const found = (await findTemplatesByName(db, accountId, name)).filter((t) => id === undefined || t.id === id);
  for (const t of found) {
    if (ONCE_APPROVED.includes(t.status)) await db.query(`UPDATE templates SET status = 'DELETED', updated_at = $2 WHERE id = $1`, [t.id, at]);
    else await db.query('DELETE FROM templates WHERE id = $1', [t.id]);
  }
  return found;
}

/**
 * Before creating a template: a DELETED row holding the name and language. Past the hold it is
 * removed (the name is free again) and undefined is returned; within it, when the name frees up.
 */
export async function deletedNameHold(db: Queryable, accountId: string, name: string, language: string, now: Date): Promise<Date | undefined> {
  const rows = await db.query<TemplateRow>(`SELECT ${COLUMNS} FROM templates WHERE account_id = $1 AND name = $2 AND language = $3 AND status = 'DELETED'`, [accountId, name, language]);
  const row = rows[0];
  if (row === undefined) return undefined;
  const until = new Date(new Date(row.updated_at).getTime() + DELETED_NAME_HOLD_MS);
  if (until > now) return until;
  await db.query('DELETE FROM templates WHERE id = $1', [row.id]);
  return undefined;
}
