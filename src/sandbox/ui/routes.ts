// The routes the browser app needs besides the phone/, webhooks/ and health/ ones: the app itself
// (index.html, hashed assets, SPA pages) and a few read-only views of the store (phones, flow
// sessions, stored completions, the media of completions). The app's pages come with its session
// cookie (see session.ts); no route hands out an API key.
import type { SandboxContext } from '../context.js';
import { DEFAULT_GRAPH_VERSION } from '../../api/contract/dialects.js';
import { SURFACE_PREFIXES, json } from '../router.js';
import type { Router } from '../router.js';
import { findMedia, mediaData } from '../media/index.js';
import { hasUiSession, uiSessionCookie } from './session.js';
import { mediaResponse } from './media.js';
import { DEFAULT_UI_DIST, serveAsset, serveIndex, UI_PAGES } from './static.js';

export interface UiRouteOptions {
  /** The built app (default: ui/dist of this checkout). */
  readonly distDir?: string;
}

function problem(status: number, code: string, message: string): Response {
  return json({ error: { code, message } }, status);
}

function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : String(value);
}

/** jsonb comes back parsed from PostgreSQL and PGlite; tolerate text too. */
function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

interface SessionRow {
  id: string;
  message_id: string;
  flow_id: string;
  flow_token: string;
  status: string;
  error: unknown;
  completion: unknown;
  reply_message_id: string | null;
  created_at: unknown;
  updated_at: unknown;
  wa_id: string;
}

const SESSION_SELECT = `SELECT s.id, s.message_id, s.flow_id, s.flow_token, s.status, s.error, s.completion, s.reply_message_id,
  s.created_at, s.updated_at, p.number AS wa_id
  FROM phone_flow_sessions s JOIN phones p ON p.id = s.user_phone_id`;

function sessionWire(row: SessionRow): Record<string, unknown> {
  return {
    id: row.id,
    message_id: row.message_id,
    flow_id: row.flow_id,
    flow_token: row.flow_token,
    wa_id: row.wa_id,
    status: row.status,
    error: parsed(row.error) ?? null,
    completion: parsed(row.completion) ?? null,
    reply_message_id: row.reply_message_id,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
  };
}

const MAX_ROWS = 500;

export function registerUiRoutes(router: Router, options: UiRouteOptions = {}): void {
  const distDir = options.distDir ?? DEFAULT_UI_DIST;
  const page = async (_req: Request, _params: Record<string, string>, ctx: SandboxContext): Promise<Response> => {
    const res = await serveIndex(distDir);
    if (res.ok) res.headers.append('set-cookie', uiSessionCookie(ctx));
    return res;
  };
  router.add('GET', '/', page);
  for (const name of UI_PAGES) router.add('GET', `/${name}`, page);
  router.add('GET', '/assets/:name', async (_req, params) => serveAsset(distDir, 'assets', params.name ?? ''));

  // The app manages flows on the Graph paths (/graph/{version}/{waba_id}/flows): its ids come from here.
  router.add('GET', '/_sandbox/ui/config', async (_req, _params, ctx) => {
    const rows = await ctx.store.query<{ id: string; waba_id: string | null }>(`SELECT id, waba_id FROM phones WHERE role = 'business' AND number = $1`, [ctx.config.businessNumber]);
    return json(
      {
        business_number: ctx.config.businessNumber,
        hosting_type: ctx.config.hostingType,
        base_url: ctx.config.publicBaseUrl,
        graph_base_url: `${ctx.config.publicBaseUrl}${SURFACE_PREFIXES.meta}/${DEFAULT_GRAPH_VERSION}`,
        waba_id: rows[0]?.waba_id ?? null,
        phone_number_id: rows[0]?.id ?? null,
      },
      200,
      { 'cache-control': 'no-store' },
    );
  });

  router.add('GET', '/_sandbox/ui/phones', async (_req, _params, ctx) => {
    const rows = await ctx.store.query<{ number: string; display_name: string | null; created_at: unknown; last_message_at: unknown }>(
      `SELECT p.number, p.display_name, p.created_at, max(c.last_message_at) AS last_message_at
       FROM phones p LEFT JOIN chats c ON c.user_phone_id = p.id
       WHERE p.role = 'user' GROUP BY p.id, p.number, p.display_name, p.created_at
       ORDER BY max(c.last_message_at) DESC NULLS LAST, p.created_at DESC`,
    );
    return json({ data: rows.map((r) => ({ wa_id: r.number, name: r.display_name, created_at: iso(r.created_at), last_message_at: iso(r.last_message_at) })) });
  });

  router.add('GET', '/_sandbox/ui/sessions', async (req, _params, ctx) => {
    const q = new URL(req.url).searchParams;
    const where: string[] = [];
    const args: unknown[] = [];
    const flowId = q.get('flow_id');
    const waId = q.get('wa_id');
    if (flowId !== null) {
      args.push(flowId);
      where.push(`s.flow_id = $${args.length}`);
    }
    if (waId !== null) {
      args.push(waId);
      where.push(`p.number = $${args.length}`);
    }
    const rows = await ctx.store.query<SessionRow>(`${SESSION_SELECT} ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`} ORDER BY s.created_at DESC LIMIT ${MAX_ROWS}`, args);
    return json({ data: rows.map(sessionWire) });
  });

  // A completion's media (response_json's `{ file_name, mime_type, sha256, id }`) for the dashboard's
  // thumbnails and links: only for the app's pages (session cookie), only message media (a picker
  // upload is ciphertext, on the CDN), only of the app's number, as its key downloads them.
  router.add('GET', '/_sandbox/ui/media/:id', async (req, params, ctx) => {
    if (!hasUiSession(ctx, req)) return problem(401, 'UNAUTHORIZED', 'media is served to the browser app only: open the app from the sandbox (its page sets the session cookie)');
    const id = params.id ?? '';
    const media = /^\d{1,32}$/.test(id) ? await findMedia(ctx.store, id) : undefined;
    const phones = await ctx.store.query<{ id: string }>(`SELECT id FROM phones WHERE role = 'business' AND number = $1`, [ctx.config.businessNumber]);
    const data = media?.kind === 'message' && media.businessPhoneId === phones[0]?.id ? await mediaData(ctx.store, media.id) : undefined;
    if (media === undefined || data === undefined) return problem(404, 'NOT_FOUND', `no media ${id.slice(0, 64)} of a completed flow`);
    return mediaResponse(media, data);
  });

  router.add('GET', '/_sandbox/ui/flows/:flowId/responses', async (_req, params, ctx) => {
    const flowId = params.flowId ?? '';
    const flows = await ctx.store.query<{ id: string; name: string }>('SELECT id, name FROM flows WHERE id = $1', [flowId]);
    const flow = flows[0];
    if (flow === undefined) return problem(404, 'NOT_FOUND', `no flow ${flowId}`);
    const rows = await ctx.store.query<SessionRow>(`${SESSION_SELECT} WHERE s.flow_id = $1 AND s.status = 'completed' ORDER BY s.updated_at ASC LIMIT ${MAX_ROWS}`, [flowId]);
    return json({
      flow: { id: flow.id, name: flow.name },
      data: rows.map((r) => ({ session_id: r.id, wa_id: r.wa_id, completed_at: iso(r.updated_at), response_json: parsed(r.completion) ?? {} })),
    });
  });
}
