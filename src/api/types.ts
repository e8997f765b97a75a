// Shared shapes of the API contract: what an operation is, and what a validator reports.
// This module imports nothing at run time, so the browser, the sandbox and the client share it.

export type HostingType = 'cloud' | 'on-premise';

export const HOSTING_TYPES: readonly HostingType[] = ['cloud', 'on-premise'];

/**
 * One HTTP surface an operation can be spoken on, each with its own paths, auth and error body:
 * - `cloud`: 360dialog's Messaging API for Cloud API numbers (waba-v2.360dialog.io, D360-API-KEY);
 * - `on-premise`: 360dialog's legacy On-Premise API (waba.360dialog.io/v1, D360-API-KEY);
 * - `partner`: 360dialog's Partner API (hub.360dialog.io/api/v2, X-API-Key or a bearer token);
 * - `meta`: Meta's Graph API (graph.facebook.com/{version}, a bearer access token).
 */
export type Dialect = HostingType | 'partner' | 'meta';

export const DIALECTS: readonly Dialect[] = ['cloud', 'on-premise', 'partner', 'meta'];

/** The messaging semantics a dialect follows: only On-Premise differs from the Cloud API. */
export function hostingOf(dialect: Dialect): HostingType {
  return dialect === 'on-premise' ? 'on-premise' : 'cloud';
}

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

/** What travels in the request body of an operation (`form`: application/x-www-form-urlencoded). */
export type BodyKind = 'none' | 'json' | 'multipart' | 'form';

/** One request as it is on the wire (snake_case), split into the parts a validator may inspect. */
export interface WireRequest {
  /** Values of the `{name}` placeholders of the path. */
  readonly params: Readonly<Record<string, string>>;
  /** Query string parameters. */
  readonly query: Readonly<Record<string, string>>;
  /** Parsed JSON body, or the text fields of a multipart body; undefined when there is none. */
  readonly body: unknown;
}

/**
 * One finding of a request validator. `path` names the wire field (`interactive.action.parameters.flow_cta`,
 * `query.fields`, `params.flowId`); `kind` tells a missing field from a wrong one, which both hosting
 * types answer with different error codes.
 */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
  readonly kind: 'missing' | 'invalid';
}

/** Checks a request in its common wire form; `dialect` for the few rules one surface adds. */
export type RequestValidator = (request: WireRequest, hostingType: HostingType, dialect?: Dialect) => ValidationIssue[];

/**
 * How one dialect departs from an operation's common wire form. The client validates the common
 * form, then `encode`s it for the dialect; the sandbox `decode`s what arrived, validates the same
 * common form, and `encode`s its common answer. One place per operation decides every shape.
 */
export interface DialectWire {
  /** The body kind on this dialect, when it differs from the operation's. */
  readonly body?: BodyKind;
  /** Among operations sharing method and path on this dialect, this one answers when the query has this parameter. */
  readonly whenQuery?: string;
  /** `fields` values this dialect accepts on this operation, when fewer than the common list. */
  readonly fields?: readonly string[];
  readonly request?: { encode(request: WireRequest): WireRequest; decode(request: WireRequest): WireRequest };
  readonly response?: { encode(body: unknown): unknown; decode(body: unknown): unknown };
}

/**
 * One HTTP operation, declared once for every dialect. A dialect without a path does not have the
 * operation. Paths are relative to the dialect's base URL; `{name}` marks a path parameter, and the
 * account parameters (`{phoneNumberId}`, `{wabaId}`, `{partnerId}`, `{wabaAccountId}`) are filled
 * by the client from its credentials.
 */
export interface Operation {
  readonly id: string;
  readonly method: HttpMethod;
  readonly path: { readonly cloud?: string; readonly onPremise?: string; readonly partner?: string; readonly meta?: string };
  /** Per-dialect departures from the common wire form. */
  readonly wire?: Partial<Record<Dialect, DialectWire>>;
  /** `none`: the operation is how one gets credentials (the Partner API's POST /token). */
  readonly auth?: 'none';
  readonly summary: string;
  readonly body: BodyKind;
  /**
   * Operations that share method and path are told apart by the prefix of their `fields` query
   * parameter (Graph API style: `fields=preview.invalidate(false)`).
   */
  readonly fieldsPrefix?: string;
  /** Wire paths whose values are user data and keep their keys as they are (see wire.ts). */
  readonly opaque?: { readonly request?: readonly string[]; readonly response?: readonly string[] };
  readonly validate: RequestValidator;
}

export function pathFor(operation: Operation, dialect: Dialect): string | undefined {
  switch (dialect) {
    case 'cloud':
      return operation.path.cloud;
    case 'on-premise':
      return operation.path.onPremise;
    default:
      return operation.path[dialect];
  }
}

/** The body kind of an operation on a dialect. */
export function bodyFor(operation: Operation, dialect: Dialect): BodyKind {
  return operation.wire?.[dialect]?.body ?? operation.body;
}
