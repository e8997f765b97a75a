// Errors of the 360dialog API in both hosting types' shapes, parsed into one typed error, and the
// client's own errors (bad input, an operation the hosting type lacks, a network failure).
// Messages are composed here from the response's fields; the API key is scrubbed from anything a
// server sent back, and never written by us.
import type { HostingType, ValidationIssue } from './types.js';

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

/** An error answer of the API, in either hosting type's shape. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: number | undefined;
  readonly subcode: number | undefined;
  readonly hostingType: HostingType;
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
    hostingType: HostingType;
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
    this.hostingType = init.hostingType;
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

export type ApiClientErrorCode = 'INVALID_OPTIONS' | 'INVALID_REQUEST' | 'UNSUPPORTED_OPERATION' | 'NETWORK' | 'BAD_RESPONSE';

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
export function parseApiError(status: number, body: unknown, hostingType: HostingType, secrets: readonly string[] = []): ApiError {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body) as unknown;
    } catch {
      parsed = undefined;
    }
  }
  const clean = (text: string | undefined): string | undefined => (text === undefined ? undefined : redact(text, secrets));

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
      hostingType,
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
        hostingType,
        message: compose(status, first.code, first.title, first.details),
        errors,
        ...(first.code === undefined ? {} : { code: first.code }),
        ...(first.details === undefined ? {} : { details: first.details }),
      });
    }
  }

  return new ApiError({ status, hostingType, message: `HTTP ${status}: the response body is not a ${hostingType} API error.` });
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

/** Build an On-Premise error body. */
export function onPremiseErrorBody(errors: { code: number; title: string; details?: string }[], version = '2.51.1'): OnPremiseErrorBody {
  return { errors: errors.map((e) => ({ ...e })), meta: { api_status: 'stable', version } };
}

/**
 * The 400 answer for a request that broke contract rules, in the hosting type's shape: a missing
 * field gets the "required parameter is missing" code, anything else "parameter value is not valid".
 */
export function validationErrorBody(hostingType: HostingType, issues: readonly ValidationIssue[]): CloudErrorBody | OnPremiseErrorBody {
  const anyMissing = issues.some((i) => i.kind === 'missing');
  if (hostingType === 'cloud') {
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
