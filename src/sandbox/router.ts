// A tiny web-standard router: method + pattern ('/flows/:id/publish') → handler(Request, params,
// ctx). A route may belong to one hosting type; the same path can then exist for both, told apart
// by a '/cloud' or '/on-premise' prefix, or else by the sandbox's default hosting type. 404 and 405
// answers take the shape of the hosting type the request was aimed at.
import { cloudErrorBody, onPremiseErrorBody } from '../api/errors.js';
import type { HostingType } from '../api/types.js';
import type { SandboxContext } from './context.js';

export type RouteHandler = (req: Request, params: Record<string, string>, ctx: SandboxContext) => Promise<Response>;

export interface RouteOptions {
  /** The hosting type whose API this route is part of; omit for sandbox-only routes. */
  readonly hostingType?: HostingType;
}

export interface Router {
  add(method: string, pattern: string, handler: RouteHandler, options?: RouteOptions): void;
  handle(req: Request, ctx: SandboxContext): Promise<Response>;
  /** Every registered route, for the index page and tests. */
  routes(): readonly { method: string; pattern: string; hostingType?: HostingType }[];
}

/** Path prefixes that pin the hosting type of a request. */
export const HOSTING_PREFIXES: Readonly<Record<HostingType, string>> = { cloud: '/cloud', 'on-premise': '/on-premise' };

interface Route {
  readonly method: string;
  readonly pattern: string;
  readonly segments: readonly string[];
  readonly handler: RouteHandler;
  readonly hostingType: HostingType | undefined;
}

// The hosting type each routed request was matched for; handlers and helpers read it back.
const requestHostingType = new WeakMap<Request, HostingType>();

/** The hosting type the router matched this request for (its prefix, route or default). */
export function hostingTypeOf(req: Request, fallback: HostingType = 'cloud'): HostingType {
  return requestHostingType.get(req) ?? fallback;
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function match(route: Route, parts: readonly string[]): Record<string, string> | undefined {
  if (route.segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const want = route.segments[i] ?? '';
    const got = parts[i] ?? '';
    if (want.startsWith(':')) {
      let value: string;
      try {
        value = decodeURIComponent(got);
      } catch {
        return undefined;
      }
      params[want.slice(1)] = value;
    } else if (want !== got) {
      return undefined;
    }
  }
  return params;
}

/** Splits a '/cloud/...' or '/on-premise/...' prefix off a path. */
export function stripHostingPrefix(path: string): { hostingType: HostingType | undefined; path: string } {
  for (const [type, prefix] of Object.entries(HOSTING_PREFIXES) as [HostingType, string][]) {
    if (path === prefix || path.startsWith(`${prefix}/`)) return { hostingType: type, path: path.slice(prefix.length) || '/' };
  }
  return { hostingType: undefined, path };
}

export function createRouter(): Router {
  const table: Route[] = [];
  return {
    add(method, pattern, handler, options = {}) {
      if (!pattern.startsWith('/')) throw new Error(`route pattern must start with "/": ${pattern}`);
      table.push({ method: method.toUpperCase(), pattern, segments: split(pattern), handler, hostingType: options.hostingType });
    },
    routes() {
      return table.map((r) => ({ method: r.method, pattern: r.pattern, ...(r.hostingType === undefined ? {} : { hostingType: r.hostingType }) }));
    },
    async handle(req, ctx) {
      const url = new URL(req.url);
      const { hostingType: pinned, path } = stripHostingPrefix(url.pathname);
      const parts = split(path);
      const candidates: { route: Route; params: Record<string, string> }[] = [];
      for (const route of table) {
        if (pinned !== undefined && route.hostingType !== undefined && route.hostingType !== pinned) continue;
        const params = match(route, parts);
        if (params !== undefined) candidates.push({ route, params });
      }
      // With no prefix, a path starting with /v1/ that both have is On-Premise's home turf only if
      // the account is; otherwise the account's hosting type decides.
      const preferred = pinned ?? ctx.config.hostingType;
      const guess = pinned ?? (candidates.length === 0 && path.startsWith('/v1/') ? 'on-premise' : preferred);
      const method = req.method.toUpperCase();
      const sameMethod = candidates.filter((c) => c.route.method === method || (method === 'HEAD' && c.route.method === 'GET'));
      if (sameMethod.length === 0) {
        const type = candidates.find((c) => c.route.hostingType !== undefined)?.route.hostingType ?? guess;
        if (candidates.length > 0) {
          const allow = [...new Set(candidates.map((c) => c.route.method))].join(', ');
          const res = errorResponse(type, 405, { code: 100, message: `Method ${method} is not allowed on ${path}; use ${allow}.` });
          res.headers.set('allow', allow);
          return res;
        }
        return errorResponse(type, 404, { code: 100, message: `Unknown path: ${method} ${path}` });
      }
      const chosen = sameMethod.find((c) => c.route.hostingType === preferred) ?? sameMethod.find((c) => c.route.hostingType === undefined) ?? sameMethod[0];
      if (chosen === undefined) return errorResponse(guess, 404, { code: 100, message: `Unknown path: ${method} ${path}` });
      requestHostingType.set(req, chosen.route.hostingType ?? guess);
      return chosen.route.handler(req, chosen.params, ctx);
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

/** Reads a JSON body; empty means undefined; malformed JSON answers 400 in the hosting type's shape. */
export async function readJson(req: Request, hostingType: HostingType): Promise<BodyResult> {
  const text = await req.text();
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return {
      ok: false,
      response: errorResponse(hostingType, 400, {
        code: hostingType === 'cloud' ? 100 : 1009,
        message: hostingType === 'cloud' ? '(#100) Invalid parameter' : 'Parameter value is not valid',
        details: 'The request body is not valid JSON.',
      }),
    };
  }
}
