// Shared shapes of the API contract: what an operation is, and what a validator reports.
// This module imports nothing at run time, so the browser, the sandbox and the client share it.

export type HostingType = 'cloud' | 'on-premise';

export const HOSTING_TYPES: readonly HostingType[] = ['cloud', 'on-premise'];

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

/** What travels in the request body of an operation. */
export type BodyKind = 'none' | 'json' | 'multipart';

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

export type RequestValidator = (request: WireRequest, hostingType: HostingType) => ValidationIssue[];

/**
 * One HTTP operation of 360dialog's API, declared once. A hosting type without a path does not have
 * the operation. Paths are relative to the hosting type's base URL; `{name}` marks a path parameter.
 */
export interface Operation {
  readonly id: string;
  readonly method: HttpMethod;
  readonly path: { readonly cloud?: string; readonly onPremise?: string };
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

export function pathFor(operation: Operation, hostingType: HostingType): string | undefined {
  return hostingType === 'cloud' ? operation.path.cloud : operation.path.onPremise;
}
