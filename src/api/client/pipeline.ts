// The one road every call takes: pick the dialect (or refuse), build the common wire request
// (snake_case, user data kept as written), validate it with the contract's validator, which the
// sandbox also answers with, encode it for the dialect, fill the path (account ids included), encode
// the body, send with the dialect's credential, and read the answer: an ApiError for an error status,
// else the JSON decoded from the dialect's shape into the common one, in camelCase.
import type { Dialect, Operation, WireRequest } from '../types.js';
import { bodyFor, hostingOf, pathFor } from '../types.js';
import type { BodyKind } from '../types.js';
import { fillPath, partnerToken } from '../contract/index.js';
import { ApiClientError, parseApiError } from '../errors.js';
import { fromWire, toWire } from '../wire.js';
import type { Authenticator, FetchedToken } from './auth.js';
import { createAuthenticator } from './auth.js';
import type { ResolvedOptions } from './options.js';
import type { BackoffPolicy } from './retry.js';
import { route } from './routing.js';
import type { TransportConfig } from './transport.js';
import { exchange } from './transport.js';

export interface MultipartInput {
  /** Text fields. */
  readonly fields: Readonly<Record<string, string>>;
  /** The one file; the validator sees its content as the text of field `field`. */
  readonly file: { readonly field: string; readonly name: string; readonly type: string; readonly content: string };
}

export interface CallInput {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  /** camelCase JSON body, converted to the wire form here. */
  readonly json?: unknown;
  readonly multipart?: MultipartInput;
}

export interface CallOptions {
  /** The client method, as messages name it (`messages.sendFlow`). */
  readonly label: string;
  readonly signal?: AbortSignal | undefined;
  /** Overrides the client's retries for an idempotent call (0 for best-effort follow-ups). */
  readonly retries?: number;
}

export interface Caller {
  /** Run one operation; resolves to the decoded answer in camelCase. */
  call(operation: Operation, input: CallInput, options: CallOptions): Promise<Record<string, unknown>>;
  /** The dialect the client calls `operation` on; UNSUPPORTED_OPERATION (thrown) when none. */
  dialectOf(operation: Operation, label: string): Dialect;
  /** Validate an operation's request as `call` would, without sending (for multi-step methods). */
  check(operation: Operation, input: CallInput, dialect: Dialect | undefined): void;
  /** Every credential in use, for redaction. */
  secrets(): readonly string[];
}

export function createCaller(resolved: ResolvedOptions, backoff: BackoffPolicy): Caller {
  // The token exchange runs through this same pipeline (auth.token has `auth: 'none'`).
  const authenticator: Authenticator = createAuthenticator(resolved, async (username, password): Promise<FetchedToken> => {
    const answer = await call(partnerToken, { json: { username, password } }, { label: 'auth.token' });
    const accessToken = answer.accessToken;
    if (typeof accessToken !== 'string' || accessToken === '') {
      throw new ApiClientError('BAD_RESPONSE', 'auth.token: the Partner API answered POST /token without an access_token.');
    }
    // Checked without echoing it: the token travels in a header.
    if (!/^[\x21-\x7e]+$/.test(accessToken)) throw new ApiClientError('BAD_RESPONSE', 'auth.token: the access_token holds characters an HTTP header cannot carry.');
    const expiresIn = typeof answer.expiresIn === 'number' ? answer.expiresIn : undefined;
    return { accessToken, expiresIn };
  });
  const transport: TransportConfig = { fetch: resolved.fetch, timeoutMs: resolved.timeoutMs, backoff, secrets: () => authenticator.secrets() };

  function commonRequest(operation: Operation, input: CallInput): WireRequest {
    const body =
      input.multipart !== undefined
        ? { ...input.multipart.fields, [input.multipart.file.field]: input.multipart.file.content }
        : input.json === undefined
          ? undefined
          : toWire(input.json, operation.opaque?.request);
    return { params: { ...input.params }, query: { ...input.query }, body };
  }

  function validate(operation: Operation, request: WireRequest, dialect: Dialect | undefined): void {
    const issues = operation.validate(request, dialect === undefined ? 'cloud' : hostingOf(dialect), dialect);
    if (issues.length > 0) {
      throw new ApiClientError('INVALID_REQUEST', `${operation.id}: ${issues.map((i) => `${i.path}: ${i.message}`).join(' ')}`, issues);
    }
  }

  async function call(operation: Operation, input: CallInput, options: CallOptions): Promise<Record<string, unknown>> {
    const { label, signal } = options;
    const dialect = route(resolved, operation, label);
    const common = commonRequest(operation, input);
    validate(operation, common, dialect);
    const wire = operation.wire?.[dialect]?.request?.encode(common) ?? common;

    const template = pathFor(operation, dialect) as string; // route() checked it exists
    let path: string;
    try {
      // Account ids come from the credentials and win over anything a call passes.
      path = fillPath(template, { ...wire.params, ...resolved.accountParams[dialect] });
    } catch (error) {
      throw new ApiClientError('INVALID_REQUEST', `${operation.id}: ${error instanceof Error ? error.message : 'bad path'}`);
    }
    let url = `${resolved.baseUrls[dialect] ?? ''}${path}`;
    const search = new URLSearchParams(wire.query as Record<string, string>).toString();
    if (search !== '') url += `?${search}`;
    const { contentType, body } = encodeBody(operation, bodyFor(operation, dialect), wire.body, input.multipart);

    // Retries: GET and DELETE are idempotent, so a lost or refused attempt can be repeated. A POST is
    // never repeated (a second messages.send is a second message to a customer, a second
    // flows.create a duplicate or a name clash), not even after a 429: a proxy may have passed the
    // request on before it limited, and the caller can see the error and decide. The exception is
    // auth.token, which changes nothing on the platform.
    const retries = operation.method !== 'POST' || operation.auth === 'none' ? (options.retries ?? resolved.retries) : 0;
    const send = async (): Promise<{ status: number; ok: boolean; text: string; token?: string | undefined }> => {
      const auth = operation.auth === 'none' ? { headers: {} } : await authenticator.headers(dialect, signal, label);
      const headers: Record<string, string> = { Accept: 'application/json', ...contentType, ...auth.headers };
      const answer = await exchange(transport, { method: operation.method, url, headers, ...(body === undefined ? {} : { body }) }, { label, signal, retries });
      return { ...answer, token: 'token' in auth ? auth.token : undefined };
    };
    let answer = await send();
    // A fetched Partner API token may have expired early or been revoked: fetch a new one, once.
    // A 401 means the request was refused, so sending it again (a POST too) is safe.
    if (answer.status === 401 && operation.auth !== 'none' && authenticator.canRefresh(dialect)) {
      authenticator.invalidate(answer.token);
      answer = await send();
    }
    if (!answer.ok) throw parseApiError(answer.status, answer.text, dialect, authenticator.secrets(), operation.id);

    let parsed: unknown = {};
    if (answer.text.trim() !== '') {
      try {
        parsed = JSON.parse(answer.text) as unknown;
      } catch {
        throw new ApiClientError('BAD_RESPONSE', `${operation.id}: HTTP ${answer.status} answered with a body that is not JSON.`);
      }
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ApiClientError('BAD_RESPONSE', `${operation.id}: HTTP ${answer.status} answered with JSON that is not an object.`);
    }
    const decoded = operation.wire?.[dialect]?.response?.decode(parsed) ?? parsed;
    return fromWire(decoded, operation.opaque?.response) as Record<string, unknown>;
  }

  return {
    call,
    dialectOf: (operation, label) => route(resolved, operation, label),
    check(operation, input, dialect) {
      validate(operation, commonRequest(operation, input), dialect);
    },
    secrets: () => authenticator.secrets(),
  };
}

function encodeBody(operation: Operation, kind: BodyKind, body: unknown, multipart: MultipartInput | undefined): { contentType: Record<string, string>; body?: () => BodyInit } {
  if (kind === 'none' || body === undefined) return { contentType: {} };
  if (kind === 'json') {
    const text = JSON.stringify(body);
    return { contentType: { 'Content-Type': 'application/json' }, body: () => text };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiClientError('INVALID_REQUEST', `${operation.id}: a ${kind} body needs named fields.`);
  }
  const entries = Object.entries(body as Record<string, unknown>).filter(([, value]) => value !== undefined);
  const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));
  if (kind === 'form') {
    const form = new URLSearchParams(entries.map(([key, value]) => [key, text(value)]));
    const encoded = form.toString();
    return { contentType: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: () => encoded };
  }
  // multipart: fetch writes the boundary into the Content-Type itself.
  const file = multipart?.file;
  return {
    contentType: {},
    body: () => {
      const form = new FormData();
      for (const [key, value] of entries) {
        if (file !== undefined && key === file.field) form.append(key, new Blob([text(value)], { type: file.type }), file.name);
        else form.append(key, text(value));
      }
      return form;
    },
  };
}
