// The sandbox's HTTP guards, as Hono middleware, in the order they run (see createSandbox):
//
// 1. hostCheck: the Host header must name the address the sandbox listens on (127.0.0.1, localhost
//    or [::1] at its port, its own host, publicBaseUrl's host) or one of config.allowedHosts. A
//    DNS-rebinding page (evil.test resolving to 127.0.0.1) sends Host: evil.test and is refused.
//    Only requests that came over the network are checked: `sandbox.fetch` has no Host to forge.
// 2. urlCheck: a NUL byte (%00) in the path or query is a 400, never a database error.
// 3. originCheck: a state-changing request (POST, PUT, PATCH, DELETE) that a browser sends must
//    come from the sandbox's own origin: a foreign Origin, or Sec-Fetch-Site cross-site/same-site,
//    is refused, and a browser's body must be JSON or multipart (no text/plain "simple request").
//    Clients that are not browsers (the SDK, curl) send neither header and are not affected.
//    Hono's csrf() was considered: it refuses any text/plain or typeless POST without an Origin,
//    which is every bodiless SDK call and curl -d; and it lets any content type through cross-site
//    as long as it is not a form type. The rule here is the one this sandbox needs, in a few lines.
// 4. limitBody: at most maxBodyBytes of a body are ever read, chunked or not: a larger
//    Content-Length gets 413 at once; any other body is handed to the route as a stream that
//    fails past the limit, and the answer becomes 413 whatever the route made of that failure.
//    Hono's bodyLimit() was the first choice, but it buffers the body and re-creates the request
//    with `new Request(c.req.raw, ...)`, which fails (500) on @hono/node-server's own request
//    objects once the sandbox leaves the process's global Request alone; this one streams.
//    The node adapter (server.ts) closes the connection after any answer given before the body
//    was read whole.
import type { Context } from 'hono';
import type { Dialect } from '../../api/types.js';
import { errorResponse, requestShape } from '../router.js';
import type { SandboxEnv, SandboxMiddleware } from '../router.js';

function refuse(c: Context<SandboxEnv>, status: number, details: string, message = 'Request refused by the sandbox'): Response {
  const type: Dialect = requestShape(c.req.raw, c.env.ctx);
  return errorResponse(type, status, { code: type === 'on-premise' ? 1009 : 100, message, details });
}

const bracket = (host: string): string => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);

/** The Host values the sandbox answers to. */
export function allowedHosts(config: SandboxEnv['Bindings']['ctx']['config']): { exact: Set<string>; names: Set<string> } {
  const port = String(config.port);
  const exact = new Set(['127.0.0.1', 'localhost', '[::1]', bracket(config.host.toLowerCase())].map((h) => `${h}:${port}`));
  if (config.publicBaseUrl !== '') exact.add(new URL(config.publicBaseUrl).host.toLowerCase());
  const names = new Set<string>();
  // An entry with a port must match whole; one without matches that host name at any port.
  for (const entry of config.allowedHosts) (/:\d+$/.test(entry) ? exact : names).add(entry);
  return { exact, names };
}

export const hostCheck: SandboxMiddleware = async (c, next) => {
  if (c.env.incoming === undefined) return next();
  const host = (c.req.header('host') ?? '').toLowerCase();
  const { exact, names } = allowedHosts(c.env.ctx.config);
  const name = host.replace(/:\d+$/, '');
  if (exact.has(host) || names.has(name)) return next();
  return refuse(
    c,
    403,
    `Host "${host.slice(0, 100)}" is not an address of this sandbox (it answers to ${[...exact].join(', ')}). To reach it under another name, add it to allowedHosts (waflow dev --allowed-host).`,
  );
};

export const urlCheck: SandboxMiddleware = async (c, next) => {
  if (/%00/i.test(c.req.url) || c.req.url.includes('\u0000')) return refuse(c, 400, 'The path or query holds a NUL character.', 'Invalid parameter');
  return next();
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const BROWSER_BODY_TYPES = new Set(['application/json', 'multipart/form-data']);

export const originCheck: SandboxMiddleware = async (c, next) => {
  if (SAFE_METHODS.has(c.req.method.toUpperCase())) return next();
  const origin = c.req.header('origin');
  const site = c.req.header('sec-fetch-site');
  if (origin === undefined && site === undefined) return next(); // not a browser
  if (site === 'cross-site' || site === 'same-site' || (origin !== undefined && origin !== new URL(c.req.url).origin)) {
    return refuse(c, 403, `A ${c.req.method} from another site (${origin ?? site ?? ''}) is not accepted: the sandbox takes state-changing requests from its own pages only.`);
  }
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (c.req.raw.body !== null && type !== '' && !BROWSER_BODY_TYPES.has(type)) {
    return refuse(c, 415, `A browser request body must be application/json or multipart/form-data, not ${type.slice(0, 80)}.`);
  }
  return next();
};

/** A copy of a request with other headers and/or body; built from its parts, so it works whatever made the original. */
export function rebuildRequest(req: Request, parts: { headers?: Headers; body?: ReadableStream<Uint8Array> | null }): Request {
  const body = parts.body === undefined ? req.body : parts.body;
  const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers: parts.headers ?? req.headers, signal: req.signal };
  if (body !== null) {
    init.body = body;
    init.duplex = 'half';
  }
  return new Request(req.url, init);
}

/** `source`, failing once more than `max` bytes went through; the source is left alone (the adapter closes the connection). */
function capped(source: ReadableStream<Uint8Array>, max: number, onExceed: () => void): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  let size = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      size += value.byteLength;
      if (size <= max) return controller.enqueue(value);
      onExceed();
      reader.releaseLock();
      controller.error(new RangeError(`request body larger than ${max} bytes`));
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

export const limitBody: SandboxMiddleware = async (c, next) => {
  const max = c.env.ctx.config.maxBodyBytes;
  const tooLarge = () => {
    const res = refuse(c, 413, `The request body is larger than ${max} bytes.`, 'Request entity too large');
    res.headers.set('connection', 'close');
    return res;
  };
  const body = c.req.raw.body;
  if (body === null) return next();
  const length = c.req.header('content-length');
  if (length !== undefined && c.req.header('transfer-encoding') === undefined && Number(length) > max) return tooLarge();
  let exceeded = false;
  c.req.raw = rebuildRequest(c.req.raw, { body: capped(body, max, () => (exceeded = true)) });
  await next();
  if (exceeded) {
    c.res = undefined; // replace, not merge into, whatever the route answered
    c.res = tooLarge();
  }
};
