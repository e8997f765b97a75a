// What a transport rejects with when the endpoint does not answer with a usable screen.
// It extends the runtime's EndpointError, so the runtime treats it as the HTTP status it carries.
import { STATUS_DECRYPT_FAILED, STATUS_FLOW_TOKEN_INVALID, STATUS_SIGNATURE_INVALID } from '../data-channel/index.js';
import { EndpointError as RuntimeEndpointError } from '../runtime/index.js';

/** `status`: a non-200 answer; `decrypt`: a 200 whose body does not decrypt; `network`: no answer at all. */
export type EndpointErrorKind = 'status' | 'decrypt' | 'network';

/**
 * The endpoint's answer could not be used. `status` is the HTTP status (0 when the request never
 * got an answer); `body` is the parsed JSON error body when there was one, else its text.
 * Messages name the status and the endpoint's own error code, never a key or a secret.
 */
export class EndpointError extends RuntimeEndpointError {
  readonly body: unknown;

  constructor(kind: EndpointErrorKind, status: number, body: unknown, message: string) {
    super(status, message, kind, status === STATUS_FLOW_TOKEN_INVALID ? shownText(body) : undefined);
    this.name = 'EndpointError';
    this.body = body;
  }
}

// Meta, "Implementing Endpoint for Flows", error handling: what each status means to the client.
const MEANINGS: Record<number, string> = {
  [STATUS_DECRYPT_FAILED]: 'the endpoint could not decrypt the request (public key mismatch)',
  [STATUS_FLOW_TOKEN_INVALID]: 'the flow token is no longer valid',
  [STATUS_SIGNATURE_INVALID]: 'the request signature did not verify',
};

/** The text a 427's documented `{"error_msg"}` body gives the user, if it has one. */
function shownText(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const text = (body as { error_msg?: unknown }).error_msg;
  return typeof text === 'string' && text !== '' ? text : undefined;
}

/** The endpoint's error code from a `{ error: { code } }` body, if it sent one. */
function bodyCode(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export function statusError(status: number, body: unknown): EndpointError {
  const code = bodyCode(body);
  const meaning = MEANINGS[status];
  const parts = [`the endpoint answered HTTP ${status}`];
  if (code !== undefined) parts.push(`(${code})`);
  if (meaning !== undefined) parts.push(`: ${meaning}`);
  const shown = status === STATUS_FLOW_TOKEN_INVALID ? shownText(body) : undefined;
  const said = shown === undefined ? '' : `; the phone shows "${shown}"`;
  return new EndpointError('status', status, body, `${parts.join(' ').replace(' :', ':')}${said}`);
}
