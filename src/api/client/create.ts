// createClient: check the options once, then assemble the method groups over one call pipeline.
import type { HostingType } from '../types.js';
import { DIALECT_INFO } from '../contract/dialects.js';
import { encryptionApi } from './encryption.js';
import { flowsApi } from './flows.js';
import { mediaApi } from './media.js';
import { messagesApi } from './messages.js';
import type { ClientOptions } from './options.js';
import { resolveOptions } from './options.js';
import { createCaller } from './pipeline.js';
import type { BackoffPolicy } from './retry.js';
import { DEFAULT_BACKOFF } from './retry.js';
import { templatesApi } from './templates.js';
import type { ApiClient, MediaApi } from './types.js';
import { emitClientWarning, onPremiseSunsetWarning } from './warnings.js';

/** 360dialog's base URL for each hosting type (seed). */
export const DEFAULT_BASE_URLS: Readonly<Record<HostingType, string>> = {
  cloud: DIALECT_INFO.cloud.defaultBaseUrl,
  'on-premise': DIALECT_INFO['on-premise'].defaultBaseUrl,
};

/** The header of 360dialog's Messaging API key. */
export const API_KEY_HEADER = 'D360-API-KEY';

/**
 * A client of one provider:
 * - `{ apiKey, hostingType?, baseUrl?, partner? }` (provider `360dialog`): messages, templates and the
 *   public key on the number's API; flows on the Partner API when `partner` credentials are given;
 * - `{ partnerId, wabaAccountId, apiKey | token | username + password }` (provider `360dialog-partner`): flows only;
 * - `{ accessToken, wabaId, phoneNumberId, graphVersion? }` (provider `meta`): everything, on the Graph API.
 * The provider is inferred from the credentials when left out. A call the provider lacks throws
 * ApiClientError UNSUPPORTED_OPERATION before any request. Creating an On-Premise client warns
 * once that the On-Premise API is being retired (see the onWarning option).
 */
export function createClient(options: ClientOptions): ApiClient & { readonly media: MediaApi } {
  return createClientWith(options, {});
}

/** Test seam: the backoff policy (base, cap, Retry-After cap, randomness). Not part of the package API. */
export interface ClientInternals {
  readonly backoff?: Partial<BackoffPolicy>;
}

export function createClientWith(options: ClientOptions, internals: ClientInternals): ApiClient & { readonly media: MediaApi } {
  const resolved = resolveOptions(options);
  if (resolved.hostingType === 'on-premise') emitClientWarning(onPremiseSunsetWarning(), options.onWarning);
  const caller = createCaller(resolved, { ...DEFAULT_BACKOFF, ...internals.backoff });
  return {
    provider: resolved.provider,
    hostingType: resolved.hostingType,
    baseUrl: resolved.baseUrl,
    dialects: resolved.dialects,
    messages: messagesApi(resolved, caller),
    templates: templatesApi(resolved, caller),
    flows: flowsApi(resolved, caller),
    encryption: encryptionApi(caller),
    media: mediaApi(resolved, caller),
  };
}
