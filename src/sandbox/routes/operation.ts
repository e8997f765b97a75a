// Serves the operations of the API contract (src/api/contract): each registered for every surface
// (dialect) that has a path for it. One pipeline per request, in the platform's order:
// 1. pick the operation among those sharing the path (the `fields` prefix, or a query marker);
// 2. authenticate as that surface does: D360-API-KEY (waba-v2, On-Premise), a bearer access token
//    (Graph: a number's key is its token), X-API-Key or a bearer token from POST /token (Partner API);
// 3. check the account the path names belongs to the credential (Graph's {phoneNumberId}/{wabaId},
//    the Partner API's {partnerId}/{wabaAccountId}): that account is the one the handler acts for;
// 4. read the body as the surface sends it (JSON, multipart, x-www-form-urlencoded);
// 5. decode the surface's wire form into the common one (`wire[d].request.decode`), validate it
//    with the contract's validator and answer its issues with the surface's 400;
// 6. call the handler, which knows nothing of surfaces: it answers the common wire form, errors in
//    Graph's shape (On-Premise's for that hosting type);
// 7. encode a 2xx JSON answer for the surface (`wire[d].response.encode`), and wrap a Graph error
//    into the Partner API's envelope (the Graph error kept inside) on that surface.
import { PARTNER_API_KEY_HEADER, operations, pickOperation } from '../../api/contract/index.js';
import { validationErrorBody } from '../../api/errors.js';
import type { Dialect, HostingType, Operation } from '../../api/types.js';
import { DIALECTS, bodyFor, hostingOf, pathFor } from '../../api/types.js';
import { findAccountByWabaAccountId, findPhone } from '../account.js';
import { API_KEY_HEADER, findApiKey } from '../auth.js';
import type { ApiKeyRecord } from '../auth.js';
import type { SandboxContext } from '../context.js';
import type { PhoneRecord } from '../records.js';
import { errorResponse, hostileJson, invalidBody, json, partnerError, readJson, relayForPartner } from '../router.js';
import type { Router } from '../router.js';

/** A request as the handler of an operation sees it: the common wire form, for one account. */
export interface OperationRequest {
  readonly req: Request;
  readonly ctx: SandboxContext;
  readonly operation: Operation;
  /** The surface the request came in on. */
  readonly dialect: Dialect;
  /** Its messaging semantics (hostingOf(dialect)): only On-Premise answers differently. */
  readonly hostingType: HostingType;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  /** Parsed JSON, the multipart fields with the file's text under its field name, or the form fields. */
  readonly body: unknown;
  /** The credential: a number's key (waba-v2, On-Premise, Graph), a partner's key or token (Partner API). */
  readonly key: ApiKeyRecord;
  /** The business number (account) the request acts for. */
  readonly phone: PhoneRecord;
}

/** The same for an operation that takes no credentials (the Partner API's POST /token). */
export type PublicOperationRequest = Omit<OperationRequest, 'key' | 'phone'>;

export type OperationHandler = (request: OperationRequest) => Promise<Response>;
export type PublicOperationHandler = (request: PublicOperationRequest) => Promise<Response>;

/** Larger than the 10 MB Flow JSON limit plus multipart framing; anything bigger is refused unread. */
const MAX_BODY_BYTES = 11 * 1024 * 1024;

/** `{flowId}` → `:flowId`. */
function toPattern(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

interface Handlers {
  readonly handlers: Readonly<Record<string, OperationHandler>>;
  readonly publicHandlers: Readonly<Record<string, PublicOperationHandler>>;
}

/**
 * Registers a route for each (method, path, surface) that has at least one handled operation.
 * `publicHandlers` serve the operations declared `auth: 'none'`.
 */
export function registerOperations(
  router: Router,
  handlers: Readonly<Record<string, OperationHandler>>,
  publicHandlers: Readonly<Record<string, PublicOperationHandler>> = {},
): void {
  const all: Handlers = { handlers, publicHandlers };
  const groups = new Map<string, { method: string; pattern: string; dialect: Dialect; ops: Operation[] }>();
  for (const operation of operations) {
    if (handlers[operation.id] === undefined && publicHandlers[operation.id] === undefined) continue;
    for (const dialect of DIALECTS) {
      const path = pathFor(operation, dialect);
      if (path === undefined) continue;
      const key = `${operation.method} ${path} ${dialect}`;
      const group = groups.get(key) ?? { method: operation.method, pattern: toPattern(path), dialect, ops: [] };
      group.ops.push(operation);
      groups.set(key, group);
    }
  }
  for (const group of groups.values()) {
    router.add(group.method, group.pattern, (req, params, ctx) => serve(req, params, ctx, group.dialect, group.ops, all), { dialect: group.dialect });
  }
}

// --- authentication ------------------------------------------------------------------------------

/**
 * 401 for missing or refused credentials, in the surface's shape. 360dialog's waba-v2 and Graph
 * answer Graph's OAuthException (code 190, an invalid access token); On-Premise uses its "access
 * denied" code 1005; the Partner API its own envelope.
 */
export function unauthorized(dialect: Dialect, missing: boolean, reason?: string): Response {
  switch (dialect) {
    case 'meta': {
      const details = reason ?? (missing ? 'The Authorization header is missing: send Authorization: Bearer <access token>.' : 'The access token is unknown, revoked or expired.');
      return errorResponse('meta', 401, { code: 190, type: 'OAuthException', message: missing ? 'An access token is required to request this resource.' : 'Invalid OAuth access token - Cannot parse access token', details });
    }
    case 'partner': {
      const details =
        reason ??
        (missing ? 'Authentication required: send your partner API key in X-API-Key, or Authorization: Bearer <token from POST /token>.' : 'The partner API key or bearer token is unknown, revoked or expired.');
      return partnerError(401, details);
    }
    default: {
      const header = API_KEY_HEADER.toUpperCase();
      const details = reason ?? (missing ? `The ${header} header is missing.` : `The ${header} header holds an unknown or revoked key.`);
      return dialect === 'cloud'
        ? errorResponse('cloud', 401, { code: 190, type: 'OAuthException', message: 'Invalid API key', details })
        : errorResponse('on-premise', 401, { code: 1005, message: 'Access denied', details });
    }
  }
}

function bearerToken(req: Request): string | undefined {
  const header = req.headers.get('authorization');
  if (header === null) return undefined;
  const match = /^\s*Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? '';
}

/** The credential a request presents on its surface, or the 401 to answer. */
async function authenticate(req: Request, ctx: SandboxContext, dialect: Dialect): Promise<ApiKeyRecord | Response> {
  const now = ctx.clock();
  if (dialect === 'partner') {
    const apiKey = req.headers.get(PARTNER_API_KEY_HEADER)?.trim();
    if (apiKey !== undefined && apiKey !== '') {
      const key = await findApiKey(ctx.store, apiKey, now);
      if (key === undefined) return unauthorized('partner', false, 'The X-API-Key header holds an unknown or revoked partner API key.');
      if (key.scope !== 'partner') return unauthorized('partner', false, "The X-API-Key header holds a number's API key; the Partner API takes a partner API key.");
      return key;
    }
    const token = bearerToken(req);
    if (token === undefined || token === '') return unauthorized('partner', true);
    const key = await findApiKey(ctx.store, token, now);
    if (key?.scope !== 'partner_token') return unauthorized('partner', false, 'The bearer token is unknown or expired: get a new one from POST /token.');
    return key;
  }
  if (dialect === 'meta') {
    const token = bearerToken(req);
    if (token === undefined || token === '') return unauthorized('meta', true);
    const key = await findApiKey(ctx.store, token, now);
    if (key?.scope !== 'number') return unauthorized('meta', false);
    return key;
  }
  const presented = req.headers.get(API_KEY_HEADER)?.trim();
  if (presented === undefined || presented === '') return unauthorized(dialect, true);
  const key = await findApiKey(ctx.store, presented, now);
  if (key === undefined) return unauthorized(dialect, false);
  if (key.scope !== 'number') return unauthorized(dialect, false, `The ${API_KEY_HEADER.toUpperCase()} header holds a partner credential; this API takes the number's API key.`);
  return key;
}

/** Graph's answer for an id the token cannot see (code 100, subcode 33). */
function unsupportedRequest(method: string, id: string): Response {
  return errorResponse('meta', 400, {
    code: 100,
    subcode: 33,
    type: 'GraphMethodException',
    message: `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
  });
}

/** The account a request acts for, checked against the ids its path names; or the error to answer. */
async function accountFor(req: Request, ctx: SandboxContext, dialect: Dialect, key: ApiKeyRecord, params: Readonly<Record<string, string>>): Promise<PhoneRecord | Response> {
  if (dialect === 'partner') {
    const partnerId = params.partnerId;
    if (partnerId !== undefined && partnerId !== key.partnerId) return partnerError(403, `This API key may not act for partner ${partnerId.slice(0, 64)}.`);
    const wabaAccountId = params.wabaAccountId ?? '';
    const account = await findAccountByWabaAccountId(ctx.store, wabaAccountId);
    if (account === undefined || account.partnerId !== key.partnerId) {
      return partnerError(404, `No WABA account ${wabaAccountId.slice(0, 64)} exists for partner ${key.partnerId ?? ''}.`);
    }
    return account;
  }
  const phone = await phoneOfKey(ctx, key);
  if (dialect === 'meta') {
    if (params.phoneNumberId !== undefined && params.phoneNumberId !== phone.id) return unsupportedRequest(req.method, params.phoneNumberId);
    if (params.wabaId !== undefined && params.wabaId !== phone.wabaId) return unsupportedRequest(req.method, params.wabaId);
  }
  return phone;
}

/** A number key's business phone; a key made without one belongs to the sandbox's own number. */
export async function phoneOfKey(ctx: SandboxContext, key: ApiKeyRecord): Promise<PhoneRecord> {
  if (key.phoneId !== undefined) {
    const phone = await findPhone(ctx.store, key.phoneId);
    if (phone !== undefined) return phone;
  }
  const rows = await ctx.store.query<{ id: string }>(`SELECT id FROM phones WHERE role = 'business' AND number = $1`, [ctx.config.businessNumber]);
  const phone = rows[0] === undefined ? undefined : await findPhone(ctx.store, rows[0].id);
  if (phone === undefined) throw new Error('the sandbox business phone is missing');
  return phone;
}

// --- the pipeline --------------------------------------------------------------------------------

async function serve(req: Request, params: Record<string, string>, ctx: SandboxContext, dialect: Dialect, ops: readonly Operation[], all: Handlers): Promise<Response> {
  const url = new URL(req.url);
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, name) => {
    query[name] = value;
  });
  const operation = pickOperation(ops, dialect, query) ?? (ops[0] as Operation);
  const handler = all.handlers[operation.id];
  const publicHandler = operation.auth === 'none' ? all.publicHandlers[operation.id] : undefined;
  if (handler === undefined && publicHandler === undefined) return notServed(dialect, req.method, url.pathname);

  let key: ApiKeyRecord | undefined;
  let phone: PhoneRecord | undefined;
  if (publicHandler === undefined) {
    const auth = await authenticate(req, ctx, dialect);
    if (auth instanceof Response) return auth;
    key = auth;
    const account = await accountFor(req, ctx, dialect, key, params);
    if (account instanceof Response) return account;
    phone = account;
  }

  const length = Number(req.headers.get('content-length') ?? '0');
  if (length > MAX_BODY_BYTES) return invalidBody(dialect, `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
  const body = await readBody(req, dialect, bodyFor(operation, dialect));
  if (body instanceof Response) return body;

  const wire = operation.wire?.[dialect];
  const common = wire?.request?.decode({ params, query, body }) ?? { params, query, body };
  const hostingType = hostingOf(dialect);
  const issues = operation.validate(common, hostingType, dialect);
  if (issues.length > 0) return json(validationErrorBody(dialect, issues), 400);

  const base = { req, ctx, operation, dialect, hostingType, params: common.params, query: common.query, body: common.body };
  const res = publicHandler !== undefined ? await publicHandler(base) : await (handler as OperationHandler)({ ...base, key: key as ApiKeyRecord, phone: phone as PhoneRecord });
  return finish(res, dialect, operation);
}

function notServed(dialect: Dialect, method: string, path: string): Response {
  const message = `Unknown path: ${method} ${path}`;
  return dialect === 'partner' ? partnerError(404, message) : errorResponse(dialect, 404, { code: 100, message });
}

/** Graph's empty page, for a read by filter that found nothing. */
const EMPTY_GRAPH_LIST = { data: [], paging: { cursors: { before: '', after: '' } } };

/**
 * The handler's common answer as the surface says it. Partner API: its `{ id }` for a created flow
 * comes with 201 (unconfirmed in its docs; public clients' tests); a Graph error is relayed inside
 * its envelope. Graph: a read it does by filtering a list (a template by `?name=`) finds nothing
 * as an empty list, not an error.
 */
async function finish(res: Response, dialect: Dialect, operation: Operation): Promise<Response> {
  const wire = operation.wire?.[dialect];
  const isJson = (res.headers.get('content-type') ?? '').includes('application/json');
  if (!isJson) return res;
  const ok = res.status >= 200 && res.status < 300;
  if (ok) {
    const status = dialect === 'partner' && operation.id === 'flows.create' && res.status === 200 ? 201 : res.status;
    if (wire?.response === undefined && status === res.status) return res;
    const body = (await res.json()) as unknown;
    return rewrap(res, status, wire?.response === undefined ? body : keepOnPremiseMeta(dialect, body, wire.response.encode(body)));
  }
  if (dialect === 'meta' && operation.method === 'GET' && wire?.whenQuery !== undefined && res.status === 404) return rewrap(res, 200, EMPTY_GRAPH_LIST);
  if (dialect === 'partner' && res.status >= 400) return rewrap(res, res.status, relayForPartner(res.status, (await res.json()) as unknown));
  return res;
}

/** Every On-Premise success answer carries `meta` (api_status, version): a reshaped body keeps it. */
function keepOnPremiseMeta(dialect: Dialect, before: unknown, after: unknown): unknown {
  if (dialect !== 'on-premise' || !isRecord(before) || !isRecord(after) || before.meta === undefined || after.meta !== undefined) return after;
  return { ...after, meta: before.meta };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rewrap(res: Response, status: number, body: unknown): Response {
  const headers = new Headers(res.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(body), { status, headers });
}

// --- bodies --------------------------------------------------------------------------------------

function contentType(req: Request): string {
  return (req.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

async function readBody(req: Request, dialect: Dialect, kind: ReturnType<typeof bodyFor>): Promise<unknown> {
  switch (kind) {
    case 'none':
      return undefined;
    case 'multipart':
      return readMultipart(req, dialect);
    case 'form':
      // Graph takes its parameters form-encoded, and JSON as well.
      if (contentType(req) === 'application/json') return readValue(req, dialect);
      return readUrlEncoded(req, dialect);
    default:
      return readValue(req, dialect);
  }
}

async function readValue(req: Request, dialect: Dialect): Promise<unknown> {
  const read = await readJson(req, dialect);
  return read.ok ? read.value : read.response;
}

/** An application/x-www-form-urlencoded body as its fields (the last of a repeated name wins). */
async function readUrlEncoded(req: Request, dialect: Dialect): Promise<Record<string, string> | Response | undefined> {
  const type = contentType(req);
  if (type !== '' && type !== 'application/x-www-form-urlencoded') {
    return invalidBody(dialect, `This operation takes an application/x-www-form-urlencoded body, not ${type.slice(0, 80)}.`);
  }
  const text = await req.text();
  if (text.trim() === '') return undefined;
  const out: Record<string, string> = {};
  new URLSearchParams(text).forEach((value, name) => {
    out[name] = value;
  });
  const hostile = hostileJson(out);
  return hostile === undefined ? out : invalidBody(dialect, hostile.replace('request body', 'form body'));
}

/** Multipart text fields as strings and each file as its text. */
async function readMultipart(req: Request, dialect: Dialect): Promise<Record<string, string> | Response> {
  if (contentType(req) !== 'multipart/form-data') {
    return invalidBody(dialect, 'This operation takes a multipart/form-data body (fields name, asset_type and file).');
  }
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return invalidBody(dialect, 'The multipart/form-data body could not be read.');
  }
  const out: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    out[name] = typeof value === 'string' ? value : await value.text();
  }
  return out;
}
