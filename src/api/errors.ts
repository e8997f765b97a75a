// Errors of every surface waflow speaks (Graph's body for Meta and 360dialog's waba-v2, On-Premise's
// `errors` array, the Partner API's `meta` envelope), parsed into one typed error with the platform's
// code, the operation and a hint for the frequent ones; and the client's own errors (bad input, an
// operation the provider lacks, a network failure, a timeout). Messages are composed here from the
// response's fields; every credential is scrubbed from anything a server sent back, never written by us.
import type { Dialect, HostingType, ValidationIssue } from './types.js';
import { hostingOf } from './types.js';

/** Cloud API (Graph) error body. */
export interface CloudErrorBody {
  error: {
    message: string;
    type?: string;
    code: number;
    error_subcode?: number;
    error_user_title?: string;
    error_user_msg?: string;
    error_data?: { messaging_product?: string; details?: string };
    fbtrace_id?: string;
  };
}

/**
 * 360dialog Partner API error body. Its docs describe errors only by status (400 wrong payload, 403
 * forbidden, 404 not found); the envelope is the `meta` object 360dialog's own services answer with
 * (`success`, `http_code`, `developer_message`), and where the Partner API relays a Meta error the
 * Graph `error` object rides along, so its code survives. Unconfirmed: the parser also reads a bare
 * `{ detail }` and a Graph body alone.
 */
export interface PartnerErrorBody {
  meta: { success: false; http_code: number; developer_message: string; '360dialog_trace_id'?: string };
  error?: CloudErrorBody['error'];
}

/** On-Premise API error body. */
export interface OnPremiseErrorBody {
  errors: { code: number; title: string; details?: string; href?: string }[];
  meta?: { api_status?: string; version?: string };
}

/**
 * Codes a Flows integration must branch on.
 * Cloud codes: developers.facebook.com/docs/whatsapp/flows/reference/error-codes (Flow management)
 * and the Cloud API error codes (131008/131009, 132068/132069 for sending a blocked or throttled flow).
 * 139003–139006 carry our working labels; the doc page above is the reference for their wording.
 */
export const CLOUD_ERROR_CODES = {
  INVALID_PARAMETER: 100, // also "Flow name is not unique" when creating a flow
  REQUIRED_PARAMETER_MISSING: 131008,
  PARAMETER_VALUE_INVALID: 131009,
  FLOW_BLOCKED: 132068,
  FLOW_THROTTLED: 132069,
  FLOW_BLOCKED_BY_INTEGRITY: 139000,
  FLOW_JSON_PROCESSING_FAILED: 139001,
  FLOW_PUBLISHING_FAILED: 139002,
  FLOW_INVALID_STATE: 139003,
  FLOW_DELETE_FAILED: 139004,
  FLOW_DEPRECATE_FAILED: 139005,
  FLOW_UPDATE_FAILED: 139006,
} as const;

/** On-Premise codes; 2064–2070 are the Flows range of the On-Premise client (v2.51.1 and later). */
export const ON_PREMISE_ERROR_CODES = {
  REQUIRED_PARAMETER_MISSING: 1008,
  PARAMETER_VALUE_INVALID: 1009,
  FLOW_INVALID_ID: 2064,
  FLOW_INVALID_MESSAGE_VERSION: 2065,
  FLOW_INVALID_MODE: 2066,
  FLOW_INVALID_ACTION: 2067,
  FLOW_BLOCKED: 2068,
  FLOW_THROTTLED: 2069,
  FLOW_INVALID_TOKEN: 2070,
} as const;

const FLOW_CODES: ReadonlySet<number> = new Set([
  100, 132068, 132069, 139000, 139001, 139002, 139003, 139004, 139005, 139006, 2064, 2065, 2066, 2067, 2068, 2069, 2070,
]);

/** An error answer of the API, in any surface's shape. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: number | undefined;
  readonly subcode: number | undefined;
  /** The messaging semantics of the surface: `on-premise`, else `cloud`. */
  readonly hostingType: HostingType;
  /** The surface that answered: cloud, on-premise (360dialog), partner (360dialog Partner API), meta (Graph). */
  readonly dialect: Dialect;
  /** The contract operation that was called (`flows.publish`), when known. */
  readonly operation: string | undefined;
  /** What to do about it, for the frequent errors; undefined when there is nothing specific to say. */
  readonly hint: string | undefined;
  /** The flow's validation errors, when the failure was caused by them (set by the client on a failed publish). */
  validationErrors: readonly { error?: string; message?: string; lineStart?: number; columnStart?: number }[] | undefined;
  /** Graph error type (Cloud), e.g. OAuthException. */
  readonly type: string | undefined;
  /** error_data.details (Cloud) or the first error's details (On-Premise). */
  readonly details: string | undefined;
  readonly fbtraceId: string | undefined;
  /** Every error of an On-Premise answer; one entry for Cloud. */
  readonly errors: readonly { code: number | undefined; title: string; details?: string }[];

  constructor(init: {
    status: number;
    code?: number;
    subcode?: number;
    /** Either the surface (`dialect`) or, as before, its hosting type. */
    hostingType?: HostingType;
    dialect?: Dialect;
    operation?: string;
    hint?: string;
    message: string;
    type?: string;
    details?: string;
    fbtraceId?: string;
    errors?: readonly { code: number | undefined; title: string; details?: string }[];
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.subcode = init.subcode;
    this.dialect = init.dialect ?? init.hostingType ?? 'cloud';
    this.hostingType = init.hostingType ?? hostingOf(this.dialect);
    this.operation = init.operation;
    this.hint = init.hint;
    this.validationErrors = undefined;
    this.type = init.type;
    this.details = init.details;
    this.fbtraceId = init.fbtraceId;
    this.errors = init.errors ?? [{ code: init.code, title: init.message, ...(init.details === undefined ? {} : { details: init.details }) }];
  }

  /** True for the codes of Flows management and of sending flows (blocked, throttled, invalid). */
  get isFlowError(): boolean {
    return this.code !== undefined && FLOW_CODES.has(this.code);
  }
}

export type ApiClientErrorCode = 'INVALID_OPTIONS' | 'INVALID_REQUEST' | 'UNSUPPORTED_OPERATION' | 'NETWORK' | 'TIMEOUT' | 'ABORTED' | 'BAD_RESPONSE';

/** Raised by the client itself, before or instead of an API answer. */
export class ApiClientError extends Error {
  readonly code: ApiClientErrorCode;
  /** For INVALID_REQUEST: every rule the request broke. */
  readonly issues: readonly ValidationIssue[];

  constructor(code: ApiClientErrorCode, message: string, issues: readonly ValidationIssue[] = []) {
    super(message);
    this.name = 'ApiClientError';
    this.code = code;
    this.issues = issues;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Replace every occurrence of the secrets in a text taken from a response. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length > 0) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/**
 * Turn an error response into an ApiError. `body` may be the raw text or parsed JSON; a body of
 * neither known shape still gives an ApiError carrying the HTTP status. `secrets` are scrubbed
 * from every text taken from the body.
 */
export function parseApiError(status: number, body: unknown, dialect: Dialect, secrets: readonly string[] = [], operation?: string): ApiError {
  const error = parseBody(status, body, dialect, secrets);
  if (operation === undefined) return error;
  return new ApiError({
    status: error.status,
    dialect,
    operation,
    message: `${operation}: ${error.message}`,
    errors: error.errors,
    ...(error.code === undefined ? {} : { code: error.code }),
    ...(error.subcode === undefined ? {} : { subcode: error.subcode }),
    ...(error.type === undefined ? {} : { type: error.type }),
    ...(error.details === undefined ? {} : { details: error.details }),
    ...(error.fbtraceId === undefined ? {} : { fbtraceId: error.fbtraceId }),
    ...withHint(hintFor(error, dialect, operation)),
  });
}

function withHint(hint: string | undefined): { hint?: string } {
  return hint === undefined ? {} : { hint };
}

/**
 * What to do about the errors people hit most. Codes: Graph 190 (bad token), 100/33 (an id this
 * token cannot see), 131008/131009 (a field), 132000–132016 (template send), 139001–139004 (flow
 * state), On-Premise 1005 (access denied), 2064–2068; Partner API by status.
 */
export function hintFor(error: Pick<ApiError, 'status' | 'code' | 'subcode' | 'message'>, dialect: Dialect, operation?: string): string | undefined {
  const { status, code } = error;
  const credential =
    dialect === 'meta'
      ? 'the access token (a system-user token with whatsapp_business_management and whatsapp_business_messaging)'
      : dialect === 'partner'
        ? "the Partner API key (X-API-Key), the partner id (ends in PA) and the WABA account id (360dialog's, not Meta's)"
        : "the number's D360-API-KEY";
  if (status === 401 || code === 190 || code === 1005) return `The platform did not accept the credentials: check ${credential}, and that the base URL is the one this key was issued for.`;
  if (status === 403 && dialect === 'partner') return `The key may not act on this WABA account: check ${credential}.`;
  if (code === 100 && error.subcode === 33) return 'The id in the path does not exist or this token cannot see it: check the flow, WABA or phone number id.';
  if (status === 404 && (operation?.startsWith('flows.') ?? false)) return 'No such flow on this account: check the flow id, and that the client points at the account that owns it.';
  if (code === 139001 || code === 139003 || code === 139004 || (code === 139002 && /DRAFT/.test(error.message))) {
    return 'The flow is not in the status this call needs: only a DRAFT flow is changed, uploaded, published or deleted; a PUBLISHED one can only be deprecated (create a new flow, or clone it with clone_flow_id).';
  }
  if (code === 139002) return 'Publishing checks failed: read flows.get(id, { fields: ["validation_errors"] }) for the Flow JSON errors with line and column, and check the endpoint health and the business public key.';
  if (code !== undefined && code >= 132000 && code <= 132016) return 'The template cannot be sent: it must exist in that language and be APPROVED (templates.get(name) shows its status).';
  if (code === 132068 || code === 2068) return "The flow is BLOCKED: its endpoint failed health checks, or the number's public key is missing; fix the endpoint and upload the key again.";
  if (code === 132069 || code === 2069) return 'The flow is THROTTLED (10 messages an hour) while its endpoint is unhealthy.';
  if (code === 2064) return 'The flow id is unknown to this number, belongs to another WABA, or is not in a sendable state.';
  if (status === 429) return 'Rate limited: the client retried idempotent calls with backoff; slow down, or raise retries.';
  return undefined;
}

function parseBody(status: number, body: unknown, dialect: Dialect, secrets: readonly string[]): ApiError {
  const hostingType = hostingOf(dialect);
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body) as unknown;
    } catch {
      parsed = undefined;
    }
  }
  const clean = (text: string | undefined): string | undefined => (text === undefined ? undefined : redact(text, secrets));

  // Partner API envelope without a relayed Graph error: the developer message is the whole story.
  if (isRecord(parsed) && !isRecord(parsed.error) && (isRecord(parsed.meta) || typeof parsed.detail === 'string')) {
    const meta = isRecord(parsed.meta) ? parsed.meta : {};
    const text = clean(asString(meta.developer_message) ?? asString(parsed.detail) ?? asString(meta.message));
    if (text !== undefined) return new ApiError({ status, dialect, message: compose(status, undefined, text, undefined) });
  }

  if (isRecord(parsed) && isRecord(parsed.error)) {
    const e = parsed.error;
    const code = asNumber(e.code);
    const errorData = isRecord(e.error_data) ? e.error_data : undefined;
    const details = clean(asString(errorData?.details) ?? asString(e.error_user_msg));
    const title = clean(asString(e.message)) ?? `HTTP ${status}`;
    const fbtraceId = asString(e.fbtrace_id);
    const type = asString(e.type);
    const subcode = asNumber(e.error_subcode);
    return new ApiError({
      status,
      dialect,
      message: compose(status, code, title, details),
      ...(code === undefined ? {} : { code }),
      ...(subcode === undefined ? {} : { subcode }),
      ...(type === undefined ? {} : { type }),
      ...(details === undefined ? {} : { details }),
      ...(fbtraceId === undefined ? {} : { fbtraceId }),
    });
  }

  if (isRecord(parsed) && Array.isArray(parsed.errors) && parsed.errors.length > 0) {
    const errors = parsed.errors.filter(isRecord).map((e) => {
      const details = clean(asString(e.details));
      return { code: asNumber(e.code), title: clean(asString(e.title)) ?? 'Unknown error', ...(details === undefined ? {} : { details }) };
    });
    const first = errors[0];
    if (first !== undefined) {
      return new ApiError({
        status,
        dialect,
        message: compose(status, first.code, first.title, first.details),
        errors,
        ...(first.code === undefined ? {} : { code: first.code }),
        ...(first.details === undefined ? {} : { details: first.details }),
      });
    }
  }

  return new ApiError({ status, dialect, message: `HTTP ${status}: the response body is not a ${hostingType === 'on-premise' ? 'On-Premise' : dialect} API error.` });
}

function compose(status: number, code: number | undefined, title: string, details: string | undefined): string {
  const head = code === undefined ? `HTTP ${status}: ${title}` : `HTTP ${status}, code ${code}: ${title}`;
  return details === undefined || details === title ? head : `${head} (${details})`;
}

/** The HTTP status the platform answers with for an error code; the sandbox uses it. */
export function statusForCode(code: number): number {
  if (code === 132069 || code === ON_PREMISE_ERROR_CODES.FLOW_THROTTLED) return 429;
  if (code === 139000 || code === 132068 || code === ON_PREMISE_ERROR_CODES.FLOW_BLOCKED) return 403;
  return 400;
}

/** Build a Cloud error body (the sandbox answers with these; tests use them as real samples). */
export function cloudErrorBody(init: { code: number; message: string; type?: string; subcode?: number; details?: string; fbtraceId?: string }): CloudErrorBody {
  return {
    error: {
      message: init.message,
      type: init.type ?? 'OAuthException',
      code: init.code,
      ...(init.subcode === undefined ? {} : { error_subcode: init.subcode }),
      ...(init.details === undefined ? {} : { error_data: { messaging_product: 'whatsapp', details: init.details } }),
      fbtrace_id: init.fbtraceId ?? 'AwaflowSandboxTrace',
    },
  };
}

/** Build a Partner API error body; `relayed` is the Meta error it passes on, when there is one. */
export function partnerErrorBody(status: number, developerMessage: string, relayed?: CloudErrorBody['error'], traceId = 'waflow-sandbox'): PartnerErrorBody {
  return {
    meta: { success: false, http_code: status, developer_message: developerMessage, '360dialog_trace_id': traceId },
    ...(relayed === undefined ? {} : { error: relayed }),
  };
}

/** Build an On-Premise error body. */
export function onPremiseErrorBody(errors: { code: number; title: string; details?: string }[], version = '2.51.1'): OnPremiseErrorBody {
  return { errors: errors.map((e) => ({ ...e })), meta: { api_status: 'stable', version } };
}

/**
 * The 400 answer for a request that broke contract rules, in the hosting type's shape: a missing
 * field gets the "required parameter is missing" code, anything else "parameter value is not valid".
 */
export function validationErrorBody(dialect: Dialect, issues: readonly ValidationIssue[]): CloudErrorBody | OnPremiseErrorBody | PartnerErrorBody {
  const anyMissing = issues.some((i) => i.kind === 'missing');
  if (dialect === 'partner') {
    const graph = validationErrorBody('meta', issues) as CloudErrorBody;
    return partnerErrorBody(400, graph.error.error_data?.details ?? graph.error.message, graph.error);
  }
  if (dialect !== 'on-premise') {
    const first = issues[0];
    return cloudErrorBody({
      code: anyMissing ? CLOUD_ERROR_CODES.REQUIRED_PARAMETER_MISSING : CLOUD_ERROR_CODES.PARAMETER_VALUE_INVALID,
      message: anyMissing ? '(#131008) Required parameter is missing' : '(#131009) Parameter value is not valid',
      details: issues.length === 1 && first !== undefined ? first.message : issues.map((i) => i.message).join(' '),
    });
  }
  return onPremiseErrorBody(
    issues.map((i) => ({
      code: i.kind === 'missing' ? ON_PREMISE_ERROR_CODES.REQUIRED_PARAMETER_MISSING : ON_PREMISE_ERROR_CODES.PARAMETER_VALUE_INVALID,
      title: i.kind === 'missing' ? 'Required parameter is missing' : 'Parameter value is not valid',
      details: i.message,
    })),
  );
}
