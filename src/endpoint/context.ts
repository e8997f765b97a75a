// The one place where wire names (snake_case) become the camelCase handler API.
import type { DataChannelRequest, ErrorNotificationRequest, PingRequest } from '../data-channel/index.js';
import { ENDPOINT_TIMEOUT_MS } from '../data-channel/status.js';
import { decryptFlowMedia } from '../media/decrypt.js';
import type { FetchLike } from '../media/types.js';
import type { FlowTokenStore } from './token-store/types.js';
import type { ErrorNotification, FlowContext, FlowSession } from './types.js';

type UserRequest = Exclude<DataChannelRequest, PingRequest>;

function makeSession(store: FlowTokenStore, token: string, data: Record<string, unknown> | undefined): FlowSession {
  let current = data;
  return {
    get data() {
      return current;
    },
    async save(next: Record<string, unknown>) {
      if (!(await store.saveData(token, next))) throw new Error('flow token session is gone (unknown or expired); nothing saved');
      current = next;
    },
  };
}


function mediaDecryptor(fetchFn: FetchLike | undefined): FlowContext['decryptMedia'] {
  // The WhatsApp client gives up on a request after ENDPOINT_TIMEOUT_MS, so a media download its
  // handler starts is not worth waiting for beyond that (unless the handler passes its own signal).
  const deadline = Date.now() + ENDPOINT_TIMEOUT_MS;
  return (item, options = {}) =>
    decryptFlowMedia(item, {
      ...options,
      fetch: options.fetch ?? fetchFn,
      signal: options.signal ?? AbortSignal.timeout(Math.max(0, deadline - Date.now())),
    });
}

export function toContext(
  body: UserRequest,
  store: FlowTokenStore | undefined,
  sessionData: Record<string, unknown> | undefined,
  fetchFn?: FetchLike,
): FlowContext {
  const raw = body as UserRequest & { user_locale?: unknown };
  return {
    action: body.action,
    screen: typeof body.screen === 'string' ? body.screen : undefined,
    data: body.data ?? {},
    flowToken: body.flow_token,
    version: body.version,
    userLocale: typeof raw.user_locale === 'string' ? raw.user_locale : undefined,
    session: store === undefined ? undefined : makeSession(store, body.flow_token, sessionData),
    decryptMedia: mediaDecryptor(fetchFn),
  };
}

export function toErrorNotification(body: ErrorNotificationRequest): ErrorNotification {
  return {
    action: body.action,
    screen: typeof body.screen === 'string' ? body.screen : undefined,
    flowToken: body.flow_token,
    error: body.data.error,
    errorMessage: body.data.error_message,
    version: body.version,
  };
}
