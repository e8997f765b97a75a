// Errors the endpoint reports to the developer. None of them ever carries a secret.

/** One place where a response differs from the screen's declared data model. */
export interface ResponseIssue {
  /** JSON pointer inside `data`, e.g. `/slots/2/title`; empty for the screen itself. */
  path: string;
  /** What the Flow JSON declares there, e.g. `string`, `array of object`, `a screen of this flow`. */
  expected: string;
  /** What the handler sent, e.g. `number 2.5`, `nothing`. */
  actual: string;
  /** One sentence saying what is wrong. */
  message: string;
}

export type EndpointResponseErrorCode =
  /** The response names a screen the Flow JSON does not have. */
  | 'UNKNOWN_SCREEN'
  /** The response data does not match the screen's data model. */
  | 'DATA_MISMATCH'
  /** The handler returned something that is not a next screen, an error or a completion. */
  | 'INVALID_HANDLER_RESULT'
  /** No handler is registered for this action or screen. */
  | 'NO_HANDLER';

/** A handler's response that the phone would reject; the endpoint answered 500 instead. */
export class EndpointResponseError extends Error {
  override readonly name = 'EndpointResponseError';
  constructor(
    readonly code: EndpointResponseErrorCode,
    readonly screen: string | undefined,
    readonly issues: readonly ResponseIssue[],
    message: string,
  ) {
    super(message);
  }
}

/** Builds the developer-facing message: names the screen, each field and the expected type. */
export function describeIssues(screen: string, issues: readonly ResponseIssue[]): string {
  const lines = issues.map((i) => `${i.path === '' ? 'screen' : `field "${i.path}"`}: ${i.message}`);
  return `Response for screen "${screen}" does not match its data model in the Flow JSON: ${lines.join('; ')}`;
}
