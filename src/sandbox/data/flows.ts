// Flow rows and their Flow JSON asset. Every flow belongs to an account (the business phone an API
// key belongs to): each function takes the account and touches only that account's flows, so an
// id of another account's flow reads as "no such flow". `undefined` (ANY_ACCOUNT) is for the
// sandbox's own controls under /_sandbox, which act for whoever runs the sandbox.
import { createHash } from 'node:crypto';
import type { Queryable } from '../../store/index.js';
import type { FlowStatus } from '../events.js';
import type { FlowRecord } from '../records.js';

interface FlowRow {
  id: string;
  name: string;
  status: FlowStatus;
  categories: string[];
  endpoint_uri: string | null;
  json_version: string | null;
  data_api_version: string | null;
  validation_errors: Record<string, unknown>[];
  created_at: Date | string;
  updated_at: Date | string;
}

/** The account filter for sandbox-internal callers that act on any account's flow. */
export const ANY_ACCOUNT = undefined;
export type AccountScope = string | undefined;

/** `AND account_id = $n` when scoped; pushes the parameter. */
function scoped(accountId: AccountScope, params: unknown[]): string {
  if (accountId === undefined) return '';
  params.push(accountId);
  return ` AND account_id = $${params.length}`;
}

const COLUMNS = 'id, name, status, categories, endpoint_uri, json_version, data_api_version, validation_errors, created_at, updated_at';

function toFlow(row: FlowRow): FlowRecord {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    categories: row.categories,
    endpointUri: row.endpoint_uri ?? undefined,
    jsonVersion: row.json_version ?? undefined,
    dataApiVersion: row.data_api_version ?? undefined,
    validationErrors: row.validation_errors,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export async function getFlowRecord(db: Queryable, accountId: AccountScope, id: string): Promise<FlowRecord | undefined> {
  const params: unknown[] = [id];
  const rows = await db.query<FlowRow>(`SELECT ${COLUMNS} FROM flows WHERE id = $1${scoped(accountId, params)}`, params);
  return rows[0] === undefined ? undefined : toFlow(rows[0]);
}

/** A flow of the account (by id, or the newest of a name) and whether its flow.json exists: one read for the send route. */
export async function findSendableFlow(db: Queryable, accountId: string, ref: { id: string } | { name: string }): Promise<(FlowRecord & { hasFlowJson: boolean }) | undefined> {
  const byId = 'id' in ref;
  const rows = await db.query<FlowRow & { has_flow_json: boolean }>(
    `SELECT ${COLUMNS}, EXISTS (SELECT 1 FROM flow_assets a WHERE a.flow_id = flows.id AND a.name = $3) AS has_flow_json
     FROM flows WHERE ${byId ? 'id' : 'name'} = $1 AND account_id = $2 ORDER BY created_at DESC LIMIT 1`,
    [byId ? ref.id : ref.name, accountId, FLOW_JSON_ASSET],
  );
  const row = rows[0];
  return row === undefined ? undefined : { ...toFlow(row), hasFlowJson: row.has_flow_json };
}

export async function findFlowByName(db: Queryable, accountId: AccountScope, name: string): Promise<FlowRecord | undefined> {
  const params: unknown[] = [name];
  const rows = await db.query<FlowRow>(`SELECT ${COLUMNS} FROM flows WHERE name = $1${scoped(accountId, params)} ORDER BY created_at DESC LIMIT 1`, params);
  return rows[0] === undefined ? undefined : toFlow(rows[0]);
}

export async function listFlowRecords(db: Queryable, accountId: string): Promise<FlowRecord[]> {
  const rows = await db.query<FlowRow>(`SELECT ${COLUMNS} FROM flows WHERE account_id = $1 ORDER BY created_at DESC, id`, [accountId]);
  return rows.map(toFlow);
}

export async function insertFlow(
  db: Queryable,
  flow: { id: string; accountId: string; name: string; categories: readonly string[]; endpointUri?: string | undefined; status?: FlowStatus; at: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO flows (id, account_id, name, categories, endpoint_uri, status, created_at, updated_at) VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $7)`,
    [flow.id, flow.accountId, flow.name, JSON.stringify(flow.categories), flow.endpointUri ?? null, flow.status ?? 'DRAFT', flow.at],
  );
}

export async function updateFlowMetadata(
  db: Queryable,
  accountId: AccountScope,
  id: string,
  changes: { name?: string | undefined; categories?: readonly string[] | undefined; endpointUri?: string | undefined },
  at: Date,
): Promise<void> {
  const params: unknown[] = [id, changes.name ?? null, changes.categories === undefined ? null : JSON.stringify(changes.categories), changes.endpointUri ?? null, at];
  await db.query(
    `UPDATE flows SET
       name = COALESCE($2, name),
       categories = COALESCE($3::jsonb, categories),
       endpoint_uri = COALESCE($4, endpoint_uri),
       updated_at = $5
     WHERE id = $1${scoped(accountId, params)}`,
    params,
  );
}

/** Moves a flow to `to` only if it is still in `from`; false when another request got there first. */
export async function transitionFlow(db: Queryable, accountId: AccountScope, id: string, from: FlowStatus, to: FlowStatus, at: Date): Promise<boolean> {
  const params: unknown[] = [id, from, to, at];
  const rows = await db.query<{ id: string }>(`UPDATE flows SET status = $3, updated_at = $4 WHERE id = $1 AND status = $2${scoped(accountId, params)} RETURNING id`, params);
  return rows.length === 1;
}

/** Sets a flow's status; returns the status it had, or undefined when there is no such flow. */
export async function setFlowStatus(db: Queryable, accountId: AccountScope, id: string, to: FlowStatus, at: Date): Promise<FlowStatus | undefined> {
  const params: unknown[] = [id, to, at];
  const rows = await db.query<{ old: FlowStatus }>(
    `UPDATE flows f SET status = $2, updated_at = $3 FROM (SELECT id, status AS old FROM flows WHERE id = $1${scoped(accountId, params)} FOR UPDATE) o
     WHERE f.id = o.id RETURNING o.old`,
    params,
  );
  return rows[0]?.old;
}

export async function deleteDraftFlow(db: Queryable, accountId: AccountScope, id: string): Promise<boolean> {
  const params: unknown[] = [id];
  const rows = await db.query<{ id: string }>(`DELETE FROM flows WHERE id = $1 AND status = 'DRAFT'${scoped(accountId, params)} RETURNING id`, params);
  return rows.length === 1;
}

export const FLOW_JSON_ASSET = 'flow.json';

/** Stores the Flow JSON text byte for byte, with what validation found. */
export async function putFlowJson(
  db: Queryable,
  id: string,
  content: string,
  found: { jsonVersion: string | undefined; dataApiVersion: string | undefined; validationErrors: readonly Record<string, unknown>[] },
  at: Date,
): Promise<void> {
  const sha256 = createHash('sha256').update(content, 'utf8').digest('hex');
  await db.query(
    `INSERT INTO flow_assets (flow_id, name, asset_type, content, sha256, updated_at) VALUES ($1, $2, 'FLOW_JSON', $3, $4, $5)
     ON CONFLICT (flow_id, name) DO UPDATE SET content = EXCLUDED.content, sha256 = EXCLUDED.sha256, updated_at = EXCLUDED.updated_at`,
    [id, FLOW_JSON_ASSET, content, sha256, at],
  );
  await db.query(
    `UPDATE flows SET json_version = $2, data_api_version = $3, validation_errors = $4::jsonb, updated_at = $5 WHERE id = $1`,
    [id, found.jsonVersion ?? null, found.dataApiVersion ?? null, JSON.stringify(found.validationErrors), at],
  );
}

export async function getFlowJson(db: Queryable, id: string): Promise<{ content: string; sha256: string; updatedAt: Date } | undefined> {
  const rows = await db.query<{ content: string; sha256: string; updated_at: Date | string }>(
    'SELECT content, sha256, updated_at FROM flow_assets WHERE flow_id = $1 AND name = $2',
    [id, FLOW_JSON_ASSET],
  );
  const row = rows[0];
  return row === undefined ? undefined : { content: row.content, sha256: row.sha256, updatedAt: new Date(row.updated_at) };
}
