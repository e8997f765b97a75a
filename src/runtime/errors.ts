/**
 * What a host rejects `exchange` with when the endpoint answered with an HTTP error: 421 (decrypt
 * failed), 427 (flow token invalid), 432 (signature invalid) or another status. Messages never
 * carry secrets.
 */
export class EndpointError extends Error {
  readonly status: number;

  constructor(status: number, message = `endpoint answered HTTP ${status}`) {
    super(message);
    this.name = 'EndpointError';
    this.status = status;
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
