// Serves the operations of the API contract (src/api/contract): each registered for every hosting
// type that has a path for it. One pipeline per request, in the platform's order: authenticate the
// D360-API-KEY, read the body (JSON or multipart), pick the operation (paths shared by several
// operations are told apart by the `fields` prefix), run the contract's own validator and answer
// its issues with the hosting type's 400, then call the handler.
import { validationErrorBody } from '../../api/errors.js';
import { operations } from '../../api/contract/index.js';
import type { HostingType, Operation } from '../../api/types.js';
import { HOSTING_TYPES, pathFor } from '../../api/types.js';
import { findPhone } from '../account.js';
import { API_KEY_HEADER, findApiKey } from '../auth.js';
import type { ApiKeyRecord } from '../auth.js';
import type { SandboxContext } from '../context.js';
import type { PhoneRecord } from '../records.js';
import { errorResponse, json, readJson } from '../router.js';
import type { Router } from '../router.js';

export interface OperationRequest {
  readonly req: Request;
  readonly ctx: SandboxContext;
  readonly operation: Operation;
  readonly hostingType: HostingType;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  /** Parsed JSON, or the multipart fields with the file's text under its field name. */
  readonly body: unknown;
  readonly key: ApiKeyRecord;
  /** The business number the key belongs to. */
  readonly phone: PhoneRecord;
}

export type OperationHandler = (request: OperationRequest) => Promise<Response>;

/** Larger than the 10 MB Flow JSON limit plus multipart framing; anything bigger is refused unread. */
const MAX_BODY_BYTES = 11 * 1024 * 1024;

/** `{flowId}` → `:flowId`. */
function toPattern(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

/** Registers a route for each (method, path, hosting type) that has at least one handled operation. */
export function registerOperations(router: Router, handlers: Readonly<Record<string, OperationHandler>>): void {
  const groups = new Map<string, { method: string; pattern: string; hostingType: HostingType; ops: Operation[] }>();
  for (const operation of operations) {
    if (handlers[operation.id] === undefined) continue;
    for (const hostingType of HOSTING_TYPES) {
      const path = pathFor(operation, hostingType);
      if (path === undefined) continue;
      const key = `${operation.method} ${path} ${hostingType}`;
      const group = groups.get(key) ?? { method: operation.method, pattern: toPattern(path), hostingType, ops: [] };
      group.ops.push(operation);
      groups.set(key, group);
    }
  }
  for (const group of groups.values()) {
    router.add(group.method, group.pattern, (req, params, ctx) => serve(req, params, ctx, group.hostingType, group.ops, handlers), {
      hostingType: group.hostingType,
    });
  }
}

// 360dialog answers a missing or unknown D360-API-KEY with 401. The Cloud body follows Graph's
// OAuthException (code 190, an invalid access token); On-Premise uses its "access denied" code 1005.
export function unauthorized(hostingType: HostingType, missing: boolean): Response {
  const details = missing ? `The ${API_KEY_HEADER.toUpperCase()} header is missing.` : `The ${API_KEY_HEADER.toUpperCase()} header holds an unknown or revoked key.`;
  return hostingType === 'cloud'
    ? errorResponse('cloud', 401, { code: 190, type: 'OAuthException', message: 'Invalid API key', details })
    : errorResponse('on-premise', 401, { code: 1005, message: 'Access denied', details });
}

async function serve(
  req: Request,
  params: Record<string, string>,
  ctx: SandboxContext,
  hostingType: HostingType,
  ops: readonly Operation[],
  handlers: Readonly<Record<string, OperationHandler>>,
): Promise<Response> {
  const presented = req.headers.get(API_KEY_HEADER);
  if (presented === null || presented.trim() === '') return unauthorized(hostingType, true);
  const key = await findApiKey(ctx.store, presented.trim());
  if (key === undefined) return unauthorized(hostingType, false);
  const phone = await phoneFor(ctx, key);

  const url = new URL(req.url);
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, name) => {
    query[name] = value;
  });
  const operation = pick(ops, query.fields);
  const handler = handlers[operation.id];
  if (handler === undefined) return errorResponse(hostingType, 404, { code: 100, message: `Unknown path: ${req.method} ${url.pathname}` });

  const length = Number(req.headers.get('content-length') ?? '0');
  if (length > MAX_BODY_BYTES) return badRequest(hostingType, `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
  let body: unknown;
  if (operation.body === 'multipart') {
    const form = await readForm(req, hostingType);
    if (form instanceof Response) return form;
    body = form;
  } else if (operation.body === 'json') {
    const read = await readJson(req, hostingType);
    if (!read.ok) return read.response;
    body = read.value;
  }
  const issues = operation.validate({ params, query, body }, hostingType);
  if (issues.length > 0) return json(validationErrorBody(hostingType, issues), 400);
  return handler({ req, ctx, operation, hostingType, params, query, body, key, phone });
}

function pick(ops: readonly Operation[], fields: string | undefined): Operation {
  const prefixed = ops.find((op) => op.fieldsPrefix !== undefined && fields !== undefined && fields.startsWith(op.fieldsPrefix));
  const plain = ops.find((op) => op.fieldsPrefix === undefined);
  return prefixed ?? plain ?? (ops[0] as Operation);
}

async function phoneFor(ctx: SandboxContext, key: ApiKeyRecord): Promise<PhoneRecord> {
  if (key.phoneId !== undefined) {
    const phone = await findPhone(ctx.store, key.phoneId);
    if (phone !== undefined) return phone;
  }
  const rows = await ctx.store.query<{ id: string }>('SELECT id FROM phones WHERE number = $1', [ctx.config.businessNumber]);
  const phone = rows[0] === undefined ? undefined : await findPhone(ctx.store, rows[0].id);
  if (phone === undefined) throw new Error('the sandbox business phone is missing');
  return phone;
}

function badRequest(hostingType: HostingType, details: string): Response {
  return hostingType === 'cloud'
    ? errorResponse('cloud', 400, { code: 100, message: '(#100) Invalid parameter', details })
    : errorResponse('on-premise', 400, { code: 1009, message: 'Parameter value is not valid', details });
}

/** Multipart text fields as strings and each file as its text. */
async function readForm(req: Request, hostingType: HostingType): Promise<Record<string, string> | Response> {
  const type = req.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    return badRequest(hostingType, 'This operation takes a multipart/form-data body (fields name, asset_type and file).');
  }
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return badRequest(hostingType, 'The multipart/form-data body could not be read.');
  }
  const out: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    out[name] = typeof value === 'string' ? value : await value.text();
  }
  return out;
}
