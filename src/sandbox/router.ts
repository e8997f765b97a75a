// The sandbox's routes on Hono: method + pattern ('/flows/:id/publish') → handler(Request, params,
// ctx). A route may belong to one hosting type; the same path can then exist for both, told apart
// by a '/cloud' or '/on-premise' prefix, or else by the sandbox's default hosting type. Hono does
// the matching, the middleware (src/sandbox/http/) and the node adapter; what is ours is the
// platform's behaviour: which hosting type a request is aimed at, and the 404/405/500 answers in
// that hosting type's shape (Hono's notFound/onError handlers).
import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { TrieRouter } from 'hono/router/trie-router';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cloudErrorBody, onPremiseErrorBody } from '../api/errors.js';
import type { HostingType } from '../api/types.js';
import { unstorableChar } from '../store/text.js';
import type { SandboxContext } from './context.js';

export type RouteHandler = (req: Request, params: Record<string, string>, ctx: SandboxContext) => Promise<Response>;

export interface RouteOptions {
  /** The hosting type whose API this route is part of; omit for sandbox-only routes. */
  readonly hostingType?: HostingType;
}

/** What a request carries besides itself: the sandbox context, and the node request when served by node. */
export interface SandboxBindings {
  readonly ctx: SandboxContext;
  readonly incoming?: IncomingMessage;
  readonly outgoing?: ServerResponse;
}
export type SandboxEnv = { Bindings: SandboxBindings };
export type SandboxMiddleware = MiddlewareHandler<SandboxEnv>;

export interface Router {
  add(method: string, pattern: string, handler: RouteHandler, options?: RouteOptions): void;
  handle(req: Request, ctx: SandboxContext): Promise<Response>;
  /** Every registered route, for the index page and tests. */
  routes(): readonly { method: string; pattern: string; hostingType?: HostingType }[];
  /** The Hono app behind it: `app.fetch(req, { ctx })`. */
  readonly app: Hono<SandboxEnv>;
}

export interface RouterOptions {
  /** Runs before every route, in order (host, origin and body checks: see src/sandbox/http/). */
  readonly middleware?: readonly SandboxMiddleware[];
}

/** Path prefixes that pin the hosting type of a request. */
export const HOSTING_PREFIXES: Readonly<Record<HostingType, string>> = { cloud: '/cloud', 'on-premise': '/on-premise' };

interface Route {
  readonly method: string;
  readonly pattern: string;
  readonly segments: readonly string[];
  readonly hostingType: HostingType | undefined;
}

// The hosting type each routed request was matched for; handlers and helpers read it back.
const requestHostingType = new WeakMap<Request, HostingType>();

/** The hosting type the router matched this request for (its prefix, route or default). */
export function hostingTypeOf(req: Request, fallback: HostingType = 'cloud'): HostingType {
  return requestHostingType.get(req) ?? fallback;
}

/** The hosting type whose error shape an answer to this request takes, before or without a route. */
export function requestShape(req: Request, ctx: SandboxContext): HostingType {
  const known = requestHostingType.get(req);
  if (known !== undefined) return known;
  const { hostingType, path } = stripHostingPrefix(new URL(req.url).pathname);
  return hostingType ?? (path.startsWith('/v1/') ? 'on-premise' : ctx.config.hostingType);
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/** Whether a path (prefix stripped) fits a pattern; for the 405 answer, Hono matches the rest. */
function fits(route: Route, parts: readonly string[]): boolean {
  return route.segments.length === parts.length && route.segments.every((want, i) => want.startsWith(':') || want === parts[i]);
}

/** Splits a '/cloud/...' or '/on-premise/...' prefix off a path. */
export function stripHostingPrefix(path: string): { hostingType: HostingType | undefined; path: string } {
  for (const [type, prefix] of Object.entries(HOSTING_PREFIXES) as [HostingType, string][]) {
    if (path === prefix || path.startsWith(`${prefix}/`)) return { hostingType: type, path: path.slice(prefix.length) || '/' };
  }
  return { hostingType: undefined, path };
}

/** 404, or 405 with Allow when the path exists for other methods, in the shape of the hosting type aimed at. */
function notFound(table: readonly Route[], c: Context<SandboxEnv>): Response {
  const { hostingType: pinned, path } = stripHostingPrefix(c.req.path);
  const parts = split(path);
  const method = c.req.method.toUpperCase();
  const candidates = table.filter((r) => (pinned === undefined || r.hostingType === undefined || r.hostingType === pinned) && fits(r, parts));
  const type = pinned ?? candidates.find((r) => r.hostingType !== undefined)?.hostingType ?? requestShape(c.req.raw, c.env.ctx);
  if (candidates.length === 0) return errorResponse(type, 404, { code: 100, message: `Unknown path: ${method} ${path}` });
  const allow = [...new Set(candidates.map((r) => r.method))].join(', ');
  const res = errorResponse(type, 405, { code: 100, message: `Method ${method} is not allowed on ${path}; use ${allow}.` });
  res.headers.set('allow', allow);
  return res;
}

/**
 * The last word on a thrown error: an HTTPException keeps its answer; a value the database refuses
 * (PostgreSQL's class 22, "data exception": a NUL byte, an out-of-range number) is the client's
 * 400; anything else is the sandbox's 500. All in the hosting type's shape.
 */
function onError(error: Error, c: Context<SandboxEnv>): Response {
  if (error instanceof HTTPException) return error.getResponse();
  const ctx = c.env.ctx;
  const type = requestShape(c.req.raw, ctx);
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('22')) {
    return errorResponse(type, 400, { code: type === 'cloud' ? 100 : 1009, message: type === 'cloud' ? '(#100) Invalid parameter' : 'Parameter value is not valid', details: 'A value in the request cannot be stored.' });
  }
  ctx.log.error('request failed', { method: c.req.method, path: c.req.path, error: error.message });
  return errorResponse(type, 500, { code: type === 'cloud' ? 1 : 1000, message: 'An unexpected error occurred in the sandbox.', title: 'Generic error' });
}

export function createRouter(options: RouterOptions = {}): Router {
  const table: Route[] = [];
  // TrieRouter accepts routes added after the first request (Hono's default router does not).
  const app = new Hono<SandboxEnv>({ router: new TrieRouter(), strict: false });
  for (const mw of options.middleware ?? []) app.use(mw);
  app.notFound((c) => notFound(table, c));
  app.onError(onError);
  return {
    app,
    add(method, pattern, handler, opts = {}) {
      if (!pattern.startsWith('/')) throw new Error(`route pattern must start with "/": ${pattern}`);
      const route: Route = { method: method.toUpperCase(), pattern, segments: split(pattern), hostingType: opts.hostingType };
      table.push(route);
      const own = route.hostingType;
      const prefixes = own === undefined ? Object.values(HOSTING_PREFIXES) : [HOSTING_PREFIXES[own]];
      const paths = [pattern, ...prefixes.map((p) => (pattern === '/' ? p : `${p}${pattern}`))];
      app.on(route.method, paths, async (c, next) => {
        const ctx = c.env.ctx;
        const pinned = stripHostingPrefix(c.req.path).hostingType;
        if (pinned === undefined) {
          // Unprefixed, a path both hosting types have goes to the account's own.
          const siblings = table.filter((r) => r.method === route.method && r.pattern === route.pattern);
          const chosen = siblings.find((r) => r.hostingType === ctx.config.hostingType) ?? siblings.find((r) => r.hostingType === undefined) ?? siblings[0];
          if (chosen !== route) return next();
        }
        const req = c.req.raw;
        requestHostingType.set(req, pinned ?? own ?? ctx.config.hostingType);
        return handler(req, c.req.param() as Record<string, string>, ctx);
      });
    },
    routes() {
      return table.map((r) => ({ method: r.method, pattern: r.pattern, ...(r.hostingType === undefined ? {} : { hostingType: r.hostingType }) }));
    },
    async handle(req, ctx) {
      return app.fetch(req, { ctx });
    },
  };
}

// --- JSON helpers -----------------------------------------------------------------------------

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
}

export function html(body: string, status = 200): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

export interface ErrorSpec {
  readonly code: number;
  readonly message: string;
  readonly details?: string;
  readonly subcode?: number;
  /** On-Premise title when it differs from the Cloud message. */
  readonly title?: string;
  /** Graph error type; OAuthException unless said. */
  readonly type?: string;
  readonly userTitle?: string;
  readonly userMessage?: string;
}

/** An error answer in the hosting type's body shape. */
export function errorResponse(hostingType: HostingType, status: number, spec: ErrorSpec): Response {
  if (hostingType === 'cloud') {
    const body = cloudErrorBody({
      code: spec.code,
      message: spec.message,
      ...(spec.type === undefined ? {} : { type: spec.type }),
      ...(spec.subcode === undefined ? {} : { subcode: spec.subcode }),
      ...(spec.details === undefined ? {} : { details: spec.details }),
      fbtraceId: traceId(),
    });
    if (spec.userTitle !== undefined) body.error.error_user_title = spec.userTitle;
    if (spec.userMessage !== undefined) body.error.error_user_msg = spec.userMessage;
    return json(body, status);
  }
  return json(onPremiseErrorBody([{ code: spec.code, title: spec.title ?? spec.message, ...(spec.details === undefined ? {} : { details: spec.details }) }]), status);
}

function traceId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = 'A';
  for (let i = 0; i < 22; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)] ?? 'x';
  return out;
}

/** The outcome of reading a JSON body: the value, or the error answer to return. */
export type BodyResult = { ok: true; value: unknown } | { ok: false; response: Response };

/** Deeper JSON than this is refused (Graph's own limit is far below; validators recurse). */
export const MAX_JSON_DEPTH = 64;

/**
 * Why a parsed JSON value cannot be taken, or undefined when it can: a NUL character or a lone
 * surrogate in a string or key (PostgreSQL cannot store either), a number too big to be finite
 * (1e400), or nesting deeper than MAX_JSON_DEPTH. Walks with its own stack: no recursion.
 */
export function hostileJson(value: unknown): string | undefined {
  const stack: [unknown, number][] = [[value, 1]];
  const badText = (text: string) => unstorableChar(text) !== undefined;
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v === 'string') {
      if (badText(v)) return 'A string in the request body holds a NUL character or a lone UTF-16 surrogate.';
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return 'A number in the request body is too large.';
    } else if (typeof v === 'object' && v !== null) {
      if (depth > MAX_JSON_DEPTH) return `The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`;
      for (const [k, item] of Object.entries(v)) {
        if (badText(k)) return 'A key in the request body holds a NUL character or a lone UTF-16 surrogate.';
        stack.push([item, depth + 1]);
      }
    }
  }
  return undefined;
}

function invalidBody(hostingType: HostingType, details: string): Response {
  return errorResponse(hostingType, 400, {
    code: hostingType === 'cloud' ? 100 : 1009,
    message: hostingType === 'cloud' ? '(#100) Invalid parameter' : 'Parameter value is not valid',
    details,
  });
}

/**
 * Reads a JSON body; empty means undefined; malformed or hostile JSON (see hostileJson) answers
 * 400 in the hosting type's shape. Its size was capped before (the body-limit middleware).
 */
export async function readJson(req: Request, hostingType: HostingType): Promise<BodyResult> {
  const text = await req.text();
  if (text.trim() === '') return { ok: true, value: undefined };
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return { ok: false, response: invalidBody(hostingType, 'The request body is not valid JSON.') };
  }
  const hostile = hostileJson(value);
  return hostile === undefined ? { ok: true, value } : { ok: false, response: invalidBody(hostingType, hostile) };
}
