/**
 * What a host rejects `exchange` with when the endpoint answered with an HTTP error: 421 (decrypt
 * failed), 427 (flow token invalid), 432 (signature invalid) or another status. Messages never
 * carry secrets.
 */
export class EndpointError extends Error {
  readonly status: number;
  /**
   * `status`: a non-200 answer; `decrypt`: a 200 whose body the client cannot decrypt (Meta's
   * response-decryption-error); `network`: no answer at all (status 0).
   */
  readonly kind: 'status' | 'decrypt' | 'network';
  /** The text the endpoint gave the user with a 427 (its `{"error_msg"}` body), if any. */
  readonly userMessage: string | undefined;

  constructor(status: number, message = `endpoint answered HTTP ${status}`, kind: EndpointError['kind'] = 'status', userMessage?: string) {
    super(message);
    this.name = 'EndpointError';
    this.status = status;
    this.kind = kind;
    this.userMessage = userMessage;
  }
}

/** Bad input to the runtime's own API (not a user's input): unusable flow, unknown screen. */
export class RuntimeError extends Error {
  readonly code: 'INVALID_FLOW' | 'UNKNOWN_SCREEN' | 'NO_HOST' | 'INVALID_OPTIONS';

  constructor(code: RuntimeError['code'], message: string) {
    super(message);
    this.name = 'RuntimeError';
    this.code = code;
  }
}
