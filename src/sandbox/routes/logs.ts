// GET /_sandbox/logs: what `waflow logs` prints. Two things the sandbox already records, merged in
// time order, read-only:
//   - endpoint calls (endpoint_health_samples): each INIT, data_exchange and BACK request a phone
//     made to a flow's endpoint, and each health-check ping, with status, latency and why it failed;
//   - webhook deliveries: one entry per HTTP attempt (webhook_delivery_attempts), stamped when the
//     attempt ended, with its delivery's URL, event kind and current status.
// No request or response body is kept by the recording, so none is shown; URLs lose their
// credentials and query values, the receiver's answer is cut short.
//
// Paging: without `after`, the newest `limit` entries (since `since`); with `after` (the `cursor` of
// the previous answer), the next ones, waiting up to `wait` ms for one. Rows can be written a little
// after the time they carry (a ping is stamped when it starts, and may take the endpoint's whole
// 10 s), so the cursor is a time OVERLAP_MS earlier than the newest entry sent plus short digests of
// the entries already sent in that overlap: a late row is still sent, and nothing is sent twice.
import { createHash } from 'node:crypto';
import { ENDPOINT_TIMEOUT_MS } from '../../data-channel/status.js';
import type { Queryable } from '../../store/index.js';
import type { SandboxContext } from '../context.js';
import type { SandboxEventName } from '../events.js';
import { json } from '../router.js';
import type { Router } from '../router.js';

export type LogKind = 'endpoint' | 'webhook';
const KINDS = ['endpoint', 'webhook', 'all'] as const;

/** How late a row may be written after the time it carries. */
const OVERLAP_MS = ENDPOINT_TIMEOUT_MS + 5_000;
const MAX_LIMIT = 1000;
const DEFAULT_LIMIT = 100;
const MAX_WAIT_MS = 25_000;
/** Digests kept in a cursor: enough for a busy sandbox's overlap, short enough for a URL. */
const MAX_SEEN = 400;
/** Webhook attempts announce no event; a waiting request looks again this often. */
const RECHECK_MS = 400;
const EXCERPT = 120;
const ERROR_MAX = 240;

/** An entry as the route answers it (snake_case, as the other /_sandbox routes). */
export type LogEntry = Record<string, unknown> & { id: string; kind: LogKind; at: string };

interface Filter {
  readonly kinds: readonly LogKind[];
  /** A flow id or name. */
  readonly flow: string | undefined;
}

// ---------------------------------------------------------------------------------------------
// What a developer may see

const cut = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The URL without user, password, query values or fragment: a key in a URL is still a key. */
export function safeUrl(text: string): string {
  try {
    const url = new URL(text);
    url.username = '';
    url.password = '';
    url.hash = '';
    for (const key of [...new Set(url.searchParams.keys())]) url.searchParams.set(key, '***');
    return cut(url.toString(), 300);
  } catch {
    return '(not a URL)';
  }
}

const DIAGNOSES: Record<string, string> = {
  unreachable: 'no HTTP answer (connection refused, DNS, TLS or timeout): is the endpoint running and reachable from the sandbox?',
  'wrong-key': 'HTTP 421: the endpoint cannot decrypt the request; its private key does not match the public key uploaded for the number',
  'wrong-status': 'the endpoint answered a status other than 200',
  'not-encrypted': 'the response is not base64: the endpoint answered without encrypting it',
  'decrypt-failed': "the response does not decrypt with the request's AES key and the flipped IV",
  'wrong-payload': 'the ping answer decrypts but is not {"data":{"status":"active"}}',
  'not-configured': 'the sandbox could not build the request (no business public key uploaded, or a bad URL)',
  'http-421': 'HTTP 421: the endpoint cannot decrypt the request; its private key does not match the public key uploaded for the number',
  'http-427': "HTTP 427: the endpoint says the flow token is no longer valid; the message's button is disabled",
  'http-432': 'HTTP 432: the endpoint refused the X-Hub-Signature-256 (is it checking with the same app secret?)',
};

/** What an endpoint call's error code means, in words. */
export function diagnosisOf(code: string | null, httpStatus: number | null): string | null {
  if (code === null) return null;
  const known = DIAGNOSES[code];
  if (known !== undefined) return known;
  if (/^http-\d{3}$/.test(code)) return `the endpoint answered HTTP ${code.slice(5)}${httpStatus !== null && httpStatus >= 500 ? ' (it failed)' : ''}`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Reading the two tables

type Row = Record<string, unknown> & { id: string; at: Date | string };

const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();
const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function endpointEntry(r: Row): LogEntry {
  const httpStatus = num(r.http_status);
  const error = str(r.error_code);
  return {
    id: `endpoint:${r.id}`,
    kind: 'endpoint',
    at: iso(r.at),
    flow_id: str(r.flow_id),
    flow_name: str(r.flow_name),
    action: String(r.action),
    endpoint_uri: safeUrl(String(r.endpoint_uri)),
    ok: r.ok === true,
    http_status: httpStatus,
    latency_ms: num(r.latency_ms),
    error,
    diagnosis: diagnosisOf(error, httpStatus),
  };
}

function webhookEntry(r: Row): LogEntry {
  const excerpt = str(r.response_excerpt);
  const error = str(r.error);
  return {
    id: `webhook:${r.id}#${String(r.attempt)}`,
    kind: 'webhook',
    at: iso(r.at),
    flow_id: str(r.flow_id),
    flow_name: str(r.flow_name),
    event: String(r.event_kind),
    url: safeUrl(String(r.url)),
    message_id: str(r.message_id),
    attempt: Number(r.attempt),
    delivery_status: String(r.status),
    ok: error === null,
    http_status: num(r.response_status),
    latency_ms: num(r.duration_ms),
    error: error === null ? null : cut(error, ERROR_MAX),
    response_excerpt: excerpt === null ? null : cut(excerpt.replace(/\s+/g, ' ').trim(), EXCERPT),
  };
}

const ENDPOINT_SQL = `
  SELECT s.id, s.sampled_at AS at, s.flow_id, f.name AS flow_name, s.endpoint_uri, s.action, s.ok, s.latency_ms, s.http_status, s.error_code
  FROM endpoint_health_samples s LEFT JOIN flows f ON f.id = s.flow_id`;

// The flow of a delivery: the flow message a status is about, the session a completion came from,
// or the flow_id a flows webhook names.
const WEBHOOK_SQL = `
  SELECT * FROM (
    SELECT w.*, f.name AS flow_name FROM (
      SELECT d.id, a.attempt, a.started_at + COALESCE(a.duration_ms, 0) * interval '1 millisecond' AS at,
        d.url, d.event_kind, d.message_id, d.status, a.duration_ms, a.response_status, a.response_excerpt, a.error,
        COALESCE(
          (SELECT r.flow_id FROM phone_received_messages r WHERE r.message_id = d.message_id),
          (SELECT p.flow_id FROM phone_flow_sessions p WHERE p.reply_message_id = d.message_id LIMIT 1),
          CASE WHEN d.event_kind LIKE 'flows.%' THEN substring(d.body from '"flow_id":"([^"]*)"') END
        ) AS flow_id
      FROM webhook_delivery_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id
    ) w LEFT JOIN flows f ON f.id = w.flow_id
  ) s`;

interface Window {
  /** Exclusive. */
  readonly after: Date | undefined;
  /** Inclusive. */
  readonly until?: Date;
  readonly newest: boolean;
  readonly limit: number;
}

async function readKind(db: Queryable, kind: LogKind, filter: Filter, w: Window): Promise<LogEntry[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (w.after !== undefined) {
    params.push(w.after.toISOString());
    where.push(`s.at > $${params.length}::timestamptz`);
  }
  if (w.until !== undefined) {
    params.push(w.until.toISOString());
    where.push(`s.at <= $${params.length}::timestamptz`);
  }
  if (filter.flow !== undefined) {
    params.push(filter.flow);
    where.push(`(s.flow_id = $${params.length} OR s.flow_name = $${params.length})`);
  }
  params.push(w.limit);
  const order = w.newest ? 'DESC' : 'ASC';
  const from = kind === 'endpoint' ? `SELECT * FROM (${ENDPOINT_SQL}) s` : WEBHOOK_SQL;
  const rows = await db.query<Row>(`${from} ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`} ORDER BY s.at ${order}, s.id ${order} LIMIT $${params.length}`, params);
  return rows.map(kind === 'endpoint' ? endpointEntry : webhookEntry);
}

const byTime = (a: LogEntry, b: LogEntry): number => a.at.localeCompare(b.at) || a.id.localeCompare(b.id);

async function read(db: Queryable, filter: Filter, w: Window): Promise<LogEntry[]> {
  const lists = await Promise.all(filter.kinds.map((kind) => readKind(db, kind, filter, w)));
  const all = lists.flat().sort(byTime);
  return w.newest ? all.slice(-w.limit) : all.slice(0, w.limit);
}

// ---------------------------------------------------------------------------------------------
// The cursor

interface Cursor {
  /** The newest entry time sent (ms). */
  readonly t: number;
  /** Digests of the entries sent whose time is within OVERLAP_MS before t. */
  readonly s: readonly string[];
}

export const digest = (id: string): string => createHash('sha1').update(id).digest('base64url').slice(0, 10);

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify({ t: c.t, s: c.s.slice(-MAX_SEEN) })).toString('base64url');
}

function decodeCursor(text: string): Cursor | undefined {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as { t?: unknown; s?: unknown };
    if (typeof value.t !== 'number' || !Number.isFinite(value.t) || !Array.isArray(value.s) || !value.s.every((d) => typeof d === 'string')) return undefined;
    return { t: value.t, s: value.s as string[] };
  } catch {
    return undefined;
  }
}

/** The cursor after `sent`: digests of the overlap's entries that count as sent. */
async function nextCursor(db: Queryable, filter: Filter, t: number, sentOrSkipped: (id: string, digested: string) => boolean): Promise<string> {
  if (t <= 0) return encodeCursor({ t, s: [] });
  const overlap = await read(db, filter, { after: new Date(t - OVERLAP_MS), until: new Date(t), newest: true, limit: MAX_SEEN });
  return encodeCursor({ t, s: overlap.filter((e) => sentOrSkipped(e.id, digest(e.id))).map((e) => digest(e.id)) });
}

export interface LogsQuery {
  readonly filter: Filter;
  readonly since: Date | undefined;
  readonly limit: number;
  readonly after: string | undefined;
}

export interface LogsPage {
  readonly data: LogEntry[];
  readonly cursor: string;
  readonly more: boolean;
}

/** One answer: the newest entries (no cursor), or those after a cursor. */
export async function readLogs(db: Queryable, q: LogsQuery): Promise<LogsPage> {
  const since = q.since?.getTime() ?? 0;
  if (q.after === undefined) {
    const data = await read(db, q.filter, { after: q.since, newest: true, limit: q.limit });
    const t = Math.max(since, ...data.map((e) => Date.parse(e.at)));
    // Older entries of the overlap that the limit left out count as sent: they are older than this page.
    return { data, cursor: await nextCursor(db, q.filter, t, () => true), more: false };
  }
  const cursor = decodeCursor(q.after);
  if (cursor === undefined) throw new RangeError('after is not a cursor of this route');
  const seen = new Set(cursor.s);
  const from = Math.max(since, cursor.t - OVERLAP_MS);
  const found = (await read(db, q.filter, { after: new Date(from), newest: false, limit: q.limit + seen.size + 1 })).filter((e) => !seen.has(digest(e.id)));
  const data = found.slice(0, q.limit);
  const sent = new Set(data.map((e) => e.id));
  const t = Math.max(cursor.t, ...data.map((e) => Date.parse(e.at)));
  return { data, cursor: await nextCursor(db, q.filter, t, (id, d) => sent.has(id) || seen.has(d)), more: found.length > q.limit };
}

// ---------------------------------------------------------------------------------------------
// The route

const WAKE_ON: readonly SandboxEventName[] = ['endpoint.exchange', 'message.status', 'message.received', 'flow.status'];

/** Resolves on the next event that may mean a new entry, after RECHECK_MS, or on abort. */
function nextChance(ctx: SandboxContext, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const offs: (() => void)[] = [];
    const done = (): void => {
      clearTimeout(timer);
      for (const off of offs.splice(0)) off();
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    for (const name of WAKE_ON) offs.push(ctx.events.on(name, done));
    signal.addEventListener('abort', done);
  });
}

function problem(message: string): Response {
  return json({ error: { code: 'INVALID_INPUT', message } }, 400);
}

function parseQuery(url: URL): LogsQuery & { wait: number } {
  const q = url.searchParams;
  const kind = q.get('kind') ?? 'all';
  if (!(KINDS as readonly string[]).includes(kind)) throw new RangeError(`kind must be one of ${KINDS.join(', ')}`);
  const sinceText = q.get('since');
  const since = sinceText === null ? undefined : new Date(sinceText);
  if (since !== undefined && Number.isNaN(since.getTime())) throw new RangeError('since must be an ISO 8601 time, e.g. 2025-01-31T12:00:00Z');
  const limit = Number(q.get('limit') ?? DEFAULT_LIMIT);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new RangeError(`limit must be a whole number from 1 to ${MAX_LIMIT}`);
  const wait = Number(q.get('wait') ?? 0);
  if (!Number.isInteger(wait) || wait < 0 || wait > MAX_WAIT_MS) throw new RangeError(`wait must be a whole number of ms from 0 to ${MAX_WAIT_MS}`);
  const after = q.get('after') ?? undefined;
  if (wait > 0 && after === undefined) throw new RangeError('wait needs after (the cursor of a previous answer)');
  const flow = q.get('flow') ?? undefined;
  const filter: Filter = { kinds: kind === 'all' ? ['endpoint', 'webhook'] : [kind as LogKind], flow: flow === '' ? undefined : flow };
  return { filter, since, limit, after: after === '' ? undefined : after, wait };
}

export function registerLogRoutes(router: Router): void {
  router.add('GET', '/_sandbox/logs', async (req, _params, ctx) => {
    let query;
    try {
      query = parseQuery(new URL(req.url));
    } catch (error) {
      return problem(error instanceof Error ? error.message : String(error));
    }
    const deadline = Date.now() + query.wait;
    try {
      let page = await readLogs(ctx.store, query);
      // Long poll: wait for an entry, the deadline, or the caller hanging up.
      while (page.data.length === 0 && Date.now() < deadline && !req.signal.aborted) {
        await nextChance(ctx, Math.min(RECHECK_MS, deadline - Date.now()), req.signal);
        page = await readLogs(ctx.store, query);
      }
      return json(page);
    } catch (error) {
      if (error instanceof RangeError) return problem(error.message);
      throw error;
    }
  });
}
