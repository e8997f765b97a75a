import { DataChannelError } from './errors.js';
import type { DataChannelErrorCode } from './errors.js';
import type { DataChannelRequest, ErrorNotificationRequest } from './types.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decrypted bytes → JSON value; any failure becomes the given code. */
export function parseJsonBytes(bytes: Uint8Array, code: DataChannelErrorCode, what: string): unknown {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new DataChannelError(code, `${what} is not UTF-8 text`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DataChannelError(code, `${what} is not JSON`);
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const VERSIONS = new Set(['3.0', '4.0']);

/**
 * Actions in any letter case, to the one spelling the rest of waflow uses: Meta's (INIT, BACK,
 * data_exchange, ping). The seed writes them in lower case (init, back), others in upper case
 * (DATA_EXCHANGE); the platform's own spelling is the one handlers see.
 */
const ACTIONS: ReadonlyMap<string, DataChannelRequest['action']> = new Map([
  ['ping', 'ping'],
  ['init', 'INIT'],
  ['back', 'BACK'],
  ['data_exchange', 'data_exchange'],
]);

/** The action in Meta's spelling, whatever its letter case; undefined when it is not an action. */
export function normaliseAction(action: unknown): DataChannelRequest['action'] | undefined {
  return typeof action === 'string' ? ACTIONS.get(action.toLowerCase()) : undefined;
}

function bad(message: string): never {
  throw new DataChannelError('MALFORMED_PAYLOAD', message);
}

/**
 * Checks the decrypted body against the wire shapes; the message names the field at fault.
 * The action is accepted in any letter case and returned in Meta's spelling (normaliseAction).
 */
export function toRequest(input: unknown): DataChannelRequest {
  if (!isPlainObject(input)) bad(`the decrypted request must be a JSON object, got ${Array.isArray(input) ? 'an array' : input === null ? 'null' : typeof input}`);
  const { version, flow_token: flowToken, screen, data } = input;
  if (typeof version !== 'string') bad('the decrypted request has no "version" string');
  if (!VERSIONS.has(version)) bad(`unsupported data API version "${version.slice(0, 16)}" (expected 3.0 or 4.0)`);
  const action = normaliseAction(input.action);
  if (action === undefined) bad('"action" must be one of ping, INIT, BACK, data_exchange (in any letter case)');
  const value = action === input.action ? input : { ...input, action };
  if (action === 'ping') return value as unknown as DataChannelRequest;
  if (typeof flowToken !== 'string') bad(`a ${action} request needs a "flow_token" string`);
  if (screen !== undefined && typeof screen !== 'string') bad('"screen" must be a string');
  if (data !== undefined && !isPlainObject(data)) bad('"data" must be a JSON object');
  // Error notifications (INIT or data_exchange with data.error) carry no screen in Meta's shape.
  const notification = action !== 'BACK' && hasErrorData(data);
  if (!notification && action !== 'INIT' && typeof screen !== 'string') bad(`a ${action} request needs a "screen" string`);
  if (action === 'data_exchange' && data === undefined) bad('a data_exchange request needs a "data" object');
  if (value.flow_token_signature !== undefined && typeof value.flow_token_signature !== 'string') bad('"flow_token_signature" must be a string');
  if (value.user_locale !== undefined && typeof value.user_locale !== 'string') bad('"user_locale" must be a string');
  return value as unknown as DataChannelRequest;
}

/**
 * An error notification is an INIT or data_exchange request whose `data` holds `error` and
 * `error_message` strings (Meta, "Implementing Endpoint for Flows": "Error notification request").
 */
export function isErrorNotification(request: DataChannelRequest): request is ErrorNotificationRequest {
  if (request.action !== 'INIT' && request.action !== 'data_exchange') return false;
  return hasErrorData(request.data);
}

function hasErrorData(data: unknown): boolean {
  return isPlainObject(data) && typeof data.error === 'string' && typeof data.error_message === 'string';
}
