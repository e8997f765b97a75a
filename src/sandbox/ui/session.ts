// How the browser app is let into the API without the sandbox ever handing a key to a web page.
//
// The sandbox serves the app's index.html with a cookie holding a per-sandbox random session token:
// HttpOnly (no script reads it), SameSite=Strict (no other site's page makes the browser send it),
// Path=/, named after the port (two sandboxes on one host keep their own). When a request carries
// that cookie and no D360-API-KEY, uiSessionAuth puts the app's own key (created on first use,
// kept in memory; the store has only its hash) in the D360-API-KEY header before the routes run
// (on /graph paths in Authorization as a bearer token, the number's key being its Graph access
// token), so the API routes authenticate the app exactly as any client. A page on another origin cannot
// get the cookie: no CORS, the Host check refuses DNS-rebound names, the cookie is HttpOnly.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { getCookie, generateCookie } from 'hono/cookie';
import { parse as parseCookies } from 'hono/utils/cookie';
import type { Store } from '../../store/index.js';
import { API_KEY_HEADER, createApiKey } from '../auth.js';
import type { SandboxContext } from '../context.js';
import { rebuildRequest } from '../http/guards.js';
import { SURFACE_PREFIXES } from '../router.js';
import type { SandboxMiddleware } from '../router.js';

interface UiSession {
  readonly token: string;
  key: Promise<string> | undefined;
}

// One session per store (that is, per sandbox), made on the first request that needs it.
const sessions = new WeakMap<Store, UiSession>();

function sessionOf(ctx: SandboxContext): UiSession {
  let session = sessions.get(ctx.store);
  if (session === undefined) {
    session = { token: randomBytes(32).toString('base64url'), key: undefined };
    sessions.set(ctx.store, session);
  }
  return session;
}

/** The app's API key: made once per sandbox, on the first authenticated request of the app. */
function uiApiKey(ctx: SandboxContext): Promise<string> {
  const session = sessionOf(ctx);
  session.key ??= (async () => {
    const rows = await ctx.store.query<{ id: string }>(`SELECT id FROM phones WHERE role = 'business' AND number = $1`, [ctx.config.businessNumber]);
    const phoneId = rows[0]?.id;
    return (await createApiKey(ctx.store, { name: 'browser app', ...(phoneId === undefined ? {} : { phoneId }) })).key;
  })().catch((error: unknown) => {
    session.key = undefined;
    throw error;
  });
  return session.key;
}

export function uiCookieName(ctx: SandboxContext): string {
  return `waflow_ui_${ctx.config.port}`;
}

/** The Set-Cookie value that lets the page it comes with call the API. */
export function uiSessionCookie(ctx: SandboxContext): string {
  return generateCookie(uiCookieName(ctx), sessionOf(ctx).token, { path: '/', httpOnly: true, sameSite: 'Strict' });
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Whether `req` carries the app's session cookie: for routes only the app's own pages may use
 * (an API key alone does not let a request in).
 */
export function hasUiSession(ctx: SandboxContext, req: Request): boolean {
  const name = uiCookieName(ctx);
  const presented = parseCookies(req.headers.get('cookie') ?? '', name)[name];
  return presented !== undefined && same(presented, sessionOf(ctx).token);
}

export const uiSessionAuth: SandboxMiddleware = async (c, next) => {
  // The app's number key goes where the surface reads it: D360-API-KEY, or on Graph paths the
  // bearer access token (a number's key is its access token). The Partner API gets nothing.
  const graph = c.req.path === SURFACE_PREFIXES.meta || c.req.path.startsWith(`${SURFACE_PREFIXES.meta}/`);
  const header = graph ? 'authorization' : API_KEY_HEADER;
  if (c.req.header(header) !== undefined) return next();
  const ctx = c.env.ctx;
  const presented = getCookie(c, uiCookieName(ctx));
  if (presented === undefined || !same(presented, sessionOf(ctx).token)) return next();
  const headers = new Headers(c.req.raw.headers);
  const key = await uiApiKey(ctx);
  headers.set(header, graph ? `Bearer ${key}` : key);
  c.req.raw = rebuildRequest(c.req.raw, { headers });
  return next();
};
