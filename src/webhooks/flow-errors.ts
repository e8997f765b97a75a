// The error types Flows alerts report (platform-protocols.md §6.3, Meta's "Error Types Reported via
// WebHook Alerts"), and how a received name maps to one: the documented codes mix `snake_case` and
// `kebab-case`, while Meta's alert examples write upper-case names (INVALID_SCREEN_TRANSITION,
// PUBLIC_KEY_MISSING, CAPABILITY_ERROR, TIMEOUT). Names compare case-insensitively, `-` and `_`
// alike, and the example names are aliases of the documented ones.
import type { FlowErrorType } from './types.js';

/** Errors of the endpoint as the platform sees them (they count toward ENDPOINT_ERROR_RATE). */
export const ENDPOINT_ERROR_TYPES: readonly FlowErrorType[] = ['timeout_error', 'missing_capability', 'cannot_be_served', 'no_http_response_error', 'unexpected_http_status_code'];

/** Errors the WhatsApp client reports (they count toward CLIENT_ERROR_RATE). */
export const CLIENT_ERROR_TYPES: readonly FlowErrorType[] = [
  'public-key-missing',
  'public-key-signiture-verification',
  'response-decryption-error',
  'invalid-screen-transition',
  'payload-schema-error',
  'business-decryption-error',
];

const fold = (name: string): string => name.trim().toLowerCase().replace(/-/g, '_');

const ALIASES = new Map<string, FlowErrorType>([
  ...[...ENDPOINT_ERROR_TYPES, ...CLIENT_ERROR_TYPES].map((t) => [fold(t), t] as const),
  ['timeout', 'timeout_error'],
  ['capability_error', 'missing_capability'],
  // The documented code is misspelled; the correct spelling is accepted too.
  ['public_key_signature_verification', 'public-key-signiture-verification'],
]);

/** The documented error type a received name stands for; undefined when it is not one we know. */
export function normalizeFlowErrorType(name: string): FlowErrorType | undefined {
  return ALIASES.get(fold(name));
}
