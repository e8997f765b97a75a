// The sandbox's routes on Hono: method + pattern ('/flows/:id/publish') → handler(Request, params,
// ctx). A route may belong to one surface (dialect) of the platform, each served under its own
// prefix, as a base URL is the only thing a client changes between `waflow dev` and production:
// - cloud `/cloud` and on-premise `/on-premise` (360dialog waba-v2 and On-Premise), whose routes
//   are also served unprefixed (the same path on both goes to the account's default hosting type);
// - partner `/hub/api/v2` (360dialog's Partner API) and meta `/graph/{version}` (Meta's Graph API),
//   whose routes exist only under their prefix; the Graph version must read like `v24.0`.
// Hono does the matching, the middleware (src/sandbox/http/) and the node adapter; what is ours is
// the platform's behaviour: which surface a request is aimed at, the most specific route when
// several match (`/flows/migrate` before `/flows/:flowId`), and the 404/405/500 answers in the
// shape of the surface the path is under (Hono's notFound/onError handlers).
import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { TrieRouter } from 'hono/router/trie-router';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DIALECT_INFO, GRAPH_VERSION_PATTERN } from '../api/contract/dialects.js';
import { cloudErrorBody, onPremiseErrorBody, partnerErrorBody } from '../api/errors.js';
import type { Dialect, HostingType } from '../api/types.js';
import { hostingOf } from '../api/types.js';
import { unstorableChar } from '../store/text.js';
import type { SandboxContext } from './context.js';

export type RouteHandler = (req: Request, params: Record<string, string>, ctx: SandboxContext) => Promise<Response>;

export interface RouteOptions {
  /** The surface whose API this route is part of; omit for sandbox-only routes. */
  readonly dialect?: Dialect;
  /** The same for the two 360dialog Messaging API surfaces (older spelling of `dialect`). */
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
  routes(): readonly { method: string; pattern: string; dialect?: Dialect; hostingType?: HostingType }[];
  /** The Hono app behind it: `app.fetch(req, { ctx })`. */
  readonly app: Hono<SandboxEnv>;
}

export interface RouterOptions {
  /** Runs before every route, in order (host, origin and body checks: see src/sandbox/http/). */
  readonly middleware?: readonly SandboxMiddleware[];
}

/** Path prefixes that pin the hosting type of a request (the two 360dialog Messaging API surfaces). */
export const HOSTING_PREFIXES: Readonly<Record<HostingType, string>> = { cloud: '/cloud', 'on-premise': '/on-premise' };

/** Where each surface is served (DIALECT_INFO.sandboxPrefix); Graph's is followed by `/{version}`. */
export const SURFACE_PREFIXES: Readonly<Record<Dialect, string>> = {
  cloud: DIALECT_INFO.cloud.sandboxPrefix,
  'on-premise': DIALECT_INFO['on-premise'].sandboxPrefix,
  partner: DIALECT_INFO.partner.sandboxPrefix,
  meta: DIALECT_INFO.meta.sandboxPrefix,
};

/** The Hono pattern prefix of a surface's routes. */
function routePrefix(dialect: Dialect): string {
  return dialect === 'meta' ? `${SURFACE_PREFIXES.meta}/:graphVersion` : SURFACE_PREFIXES[dialect];
}

interface Route {
  readonly method: string;
  readonly pattern: string;
  readonly segments: readonly string[];
  readonly dialect: Dialect | undefined;
}

// The surface each routed request was matched for; handlers and helpers read it back.
const requestDialect = new WeakMap<Request, Dialect>();

/** The surface the router matched this request for (its prefix, route or default). */
export function dialectOf(req: Request, fallback: Dialect = 'cloud'): Dialect {
  return requestDialect.get(req) ?? fallback;
}

/** The messaging semantics of the surface the router matched this request for. */
export function hostingTypeOf(req: Request, fallback: HostingType = 'cloud'): HostingType {
  const dialect = requestDialect.get(req);
  return dialect === undefined ? fallback : hostingOf(dialect);
}

/** The surface whose error shape an answer to this request takes, before or without a route. */
export function requestShape(req: Request, ctx: SandboxContext): Dialect {
  const known = requestDialect.get(req);
  if (known !== undefined) return known;
  const { dialect, path } = splitSurface(new URL(req.url).pathname);
  return dialect ?? (path.startsWith('/v1/') ? 'on-premise' : ctx.config.hostingType);
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/** Whether a path (prefix stripped) fits a pattern; for the 405 answer and among rivals. */
function fits(route: Route, parts: readonly string[]): boolean {
  return route.segments.length === parts.length && route.segments.every((want, i) => want.startsWith(':') || want === parts[i]);
}

/** Whether a route is served on a surface (undefined: a path without a surface prefix). */
function servedOn(route: Route, surface: Dialect | undefined): boolean {
  if (surface === 'partner' || surface === 'meta') return route.dialect === surface;
  if (route.dialect === 'partner' || route.dialect === 'meta') return false;
  return surface === undefined || route.dialect === undefined || route.dialect === surface;
}

/** More specific first: at the first segment where two patterns differ, a literal beats a parameter. */
function bySpecificity(a: Route, b: Route): number {
  for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
    const pa = (a.segments[i] ?? '').startsWith(':');
    const pb = (b.segments[i] ?? '').startsWith(':');
    if (pa !== pb) return pa ? 1 : -1;
  }
  return 0;
}

/** Splits a '/cloud/...' or '/on-premise/...' prefix off a path. */
export function stripHostingPrefix(path: string): { hostingType: HostingType | undefined; path: string } {
  for (const [type, prefix] of Object.entries(HOSTING_PREFIXES) as [HostingType, string][]) {
    if (path === prefix || path.startsWith(`${prefix}/`)) return { hostingType: type, path: path.slice(prefix.length) || '/' };
  }
  return { hostingType: undefined, path };
}

/**
 * Splits any surface prefix off a path: '/hub/api/v2/...' is the Partner API, '/graph/v24.0/...'
 * Graph (with its version, checked by the caller), '/cloud/...' and '/on-premise/...' as before.
 */
export function splitSurface(path: string): { dialect: Dialect | undefined; path: string; graphVersion?: string } {
  for (const dialect of ['partner', 'meta', 'cloud', 'on-premise'] as const) {
    const prefix = SURFACE_PREFIXES[dialect];
    if (path !== prefix && !path.startsWith(`${prefix}/`)) continue;
    const rest = path.slice(prefix.length) || '/';
    if (dialect !== 'meta') return { dialect, path: rest };
    const [version = '', ...tail] = rest.split('/').slice(1);
    return { dialect, path: `/${tail.join('/')}`, graphVersion: version };
  }
  return { dialect: undefined, path };
}

/** The answer to a Graph path whose version segment is not a version (v24.0); undefined when it is. */
function badGraphVersion(version: string | undefined): Response | undefined {
  if (version !== undefined && GRAPH_VERSION_PATTERN.test(version)) return undefined;
  const shown = (version ?? '').slice(0, 40);
  return errorResponse('meta', 400, {
    code: 100,
    message: `(#100) Unknown path components: /${shown}`,
    details: `A Graph API path starts with its version, like /graph/v24.0/...; "${shown}" is not a version.`,
  });
}

/** 404, or 405 with Allow when the path exists for other methods, in the shape of the surface aimed at. */
function notFound(table: readonly Route[], c: Context<SandboxEnv>): Response {
  const surface = splitSurface(c.req.path);
  const pinned = surface.dialect;
  if (pinned === 'meta') {
    const bad = badGraphVersion(surface.graphVersion);
    if (bad !== undefined) return bad;
  }
  const parts = split(surface.path);
  const method = c.req.method.toUpperCase();
  const candidates = table.filter((r) => servedOn(r, pinned) && fits(r, parts));
  const type = pinned ?? candidates.find((r) => r.dialect !== undefined)?.dialect ?? requestShape(c.req.raw, c.env.ctx);
  if (candidates.length === 0) return surfaceError(type, 404, { code: 100, message: `Unknown path: ${method} ${surface.path}` });
  const allow = [...new Set(candidates.map((r) => r.method))].join(', ');
  const res = surfaceError(type, 405, { code: 100, message: `Method ${method} is not allowed on ${surface.path}; use ${allow}.` });
  res.headers.set('allow', allow);
  return res;
}

/**
 * The last word on a thrown error: an HTTPException keeps its answer; a value the database refuses
 * (PostgreSQL's class 22, "data exception": a NUL byte, an out-of-range number) is the client's
 * 400; anything else is the sandbox's 500. All in the surface's shape.
 */
function onError(error: Error, c: Context<SandboxEnv>): Response {
  if (error instanceof HTTPException) return error.getResponse();
  const ctx = c.env.ctx;
  const type = requestShape(c.req.raw, ctx);
  const onPremise = type === 'on-premise';
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('22')) {
    return errorResponse(type, 400, { code: onPremise ? 1009 : 100, message: onPremise ? 'Parameter value is not valid' : '(#100) Invalid parameter', details: 'A value in the request cannot be stored.' });
  }
  ctx.log.error('request failed', { method: c.req.method, path: c.req.path, error: error.message });
  return surfaceError(type, 500, { code: onPremise ? 1000 : 1, message: 'An unexpected error occurred in the sandbox.', title: 'Generic error' });
}

/** Answers of the sandbox itself (no route, no Meta error behind them): the Partner API's envelope alone. */
function surfaceError(dialect: Dialect, status: number, spec: ErrorSpec): Response {
  return dialect === 'partner' ? partnerError(status, spec.details ?? spec.message) : errorResponse(dialect, status, spec);
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
      const own = opts.dialect ?? opts.hostingType;
      const route: Route = { method: method.toUpperCase(), pattern, segments: split(pattern), dialect: own };
      table.push(route);
      const at = (prefix: string) => (pattern === '/' ? prefix : `${prefix}${pattern}`);
      const paths =
        own === 'partner' || own === 'meta'
          ? [at(routePrefix(own))]
          : [pattern, ...(own === undefined ? (['cloud', 'on-premise'] as const) : [own]).map((d) => at(routePrefix(d)))];
      app.on(route.method, paths, async (c, next) => {
        const ctx = c.env.ctx;
        const surface = splitSurface(c.req.path);
        const pinned = surface.dialect;
        // Several routes can match one path: the most specific pattern answers, then (unprefixed)
        // the route of the account's own hosting type, then one that belongs to no surface.
        const parts = split(surface.path);
        const rivals = table.filter((r) => r.method === route.method && servedOn(r, pinned) && fits(r, parts));
        rivals.sort(bySpecificity);
        const best = rivals.filter((r) => r.pattern === rivals[0]?.pattern);
        const preferred = pinned ?? ctx.config.hostingType;
        const chosen = best.find((r) => r.dialect === preferred) ?? best.find((r) => r.dialect === undefined) ?? best[0];
        if (chosen !== route) return next();
        if (pinned === 'meta') {
          const bad = badGraphVersion(surface.graphVersion);
          if (bad !== undefined) return bad;
        }
        const req = c.req.raw;
        requestDialect.set(req, pinned ?? own ?? ctx.config.hostingType);
        const { graphVersion: _version, ...params } = c.req.param() as Record<string, string>;
        return handler(req, params, ctx);
      });
    },
    routes() {
      return table.map((r) => ({
        method: r.method,
        pattern: r.pattern,
        ...(r.dialect === undefined ? {} : { dialect: r.dialect }),
        ...(r.dialect === 'cloud' || r.dialect === 'on-premise' ? { hostingType: r.dialect } : {}),
      }));
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

/** The Graph error object of a spec (Cloud API, Graph, and what the Partner API relays). */
function graphError(spec: ErrorSpec): ReturnType<typeof cloudErrorBody> {
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
  return body;
}

/**
 * An error answer in the surface's body shape: Graph's `{ error }` for cloud and meta, the
 * On-Premise `errors` array, and for partner the Partner API's `meta` envelope with the Graph
 * error relayed inside (the Partner API passes Meta's errors on; see partnerError for its own).
 */
export function errorResponse(dialect: Dialect, status: number, spec: ErrorSpec): Response {
  if (dialect === 'on-premise') {
    return json(onPremiseErrorBody([{ code: spec.code, title: spec.title ?? spec.message, ...(spec.details === undefined ? {} : { details: spec.details }) }]), status);
  }
  const graph = graphError(spec);
  if (dialect === 'partner') return json(partnerErrorBody(status, spec.details ?? spec.message, graph.error, partnerTraceId()), status);
  return json(graph, status);
}

/** An error of the Partner API itself (credentials, partner or WABA account access, unknown path): no Meta error inside. */
export function partnerError(status: number, developerMessage: string): Response {
  return json(partnerErrorBody(status, developerMessage, undefined, partnerTraceId()), status);
}

/**
 * A Graph error body (what the handlers answer) as the Partner API relays it: its envelope with
 * the Graph `error` kept inside, so the code survives. Anything else is returned as it is.
 */
export function relayForPartner(status: number, body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const record = body as Record<string, unknown>;
  const error = record.error;
  if (record.meta !== undefined || typeof error !== 'object' || error === null) return body;
  const e = error as ReturnType<typeof cloudErrorBody>['error'];
  const developerMessage = e.error_data?.details ?? e.error_user_msg ?? e.message;
  return partnerErrorBody(status, developerMessage, e, partnerTraceId());
}

function partnerTraceId(): string {
  return `sbx-${traceId().slice(1, 17)}`;
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

/** 400 for a body that cannot be read, in the surface's shape. */
export function invalidBody(dialect: Dialect, details: string): Response {
  const onPremise = dialect === 'on-premise';
  return errorResponse(dialect, 400, {
    code: onPremise ? 1009 : 100,
    message: onPremise ? 'Parameter value is not valid' : '(#100) Invalid parameter',
    details,
  });
}

/**
 * Reads a JSON body; empty means undefined; malformed or hostile JSON (see hostileJson) answers
 * 400 in the surface's shape. Its size was capped before (the body-limit middleware).
 */
export async function readJson(req: Request, hostingType: Dialect): Promise<BodyResult> {
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
