// Transports: the platform half of the data channel. Each encrypts a request exactly as WhatsApp
// does, hands it to the business endpoint (in process or over HTTP) and decrypts the answer,
// so the endpoint's real decryption, signature checks and status codes all run.
import {
  DataChannelError,
  STATUS_DECRYPT_FAILED,
  decryptResponse,
  encryptRequest,
  loadPublicKey,
  signFlowToken,
  signRequestBody,
} from '../data-channel/index.js';
import type { BusinessPublicKey, DataChannelRequest } from '../data-channel/index.js';
import type { ExchangeRequest, RuntimeHost } from '../runtime/index.js';
import { EndpointError, statusError } from './errors.js';


/** One HTTP round trip as the endpoint saw it. */
export interface ExchangeRecord {
  action: string;
  screen: string | undefined;
  data: Record<string, unknown>;
  /** HTTP status; 0 when no answer arrived. */
  status: number;
  latencyMs: number;
  /** The decrypted response body (200 only). */
  response?: unknown;
  /** Why the exchange failed, when it did. */
  error?: string;
}

export interface TransportOptions {
  /** The business public key PEM the platform encrypts with. */
  publicKeyPem: string;
  /** The Meta app secret: signs the body (X-Hub-Signature-256) and, for Data API 4.0, the flow token. */
  appSecret?: string;
  /** WhatsApp re-fetches the business public key after a 421 and retries once; this supplies it. */
  refetchPublicKey?: () => Promise<string>;
  /** Called once per HTTP attempt (a 421 retry is two records). */
  onExchange?: (record: ExchangeRecord) => void;
  /** The phone's language setting, sent as `user_locale` (e.g. `en_US`); not sent when absent. */
  userLocale?: string;
}

/** A runtime host whose `exchange` is a real encrypted round trip. */
export type ExchangeTransport = Required<Pick<RuntimeHost, 'exchange'>>;

/** A raw answer: status and body text. */
interface RawAnswer {
  status: number;
  text: string;
}

type Send = (body: string, headers: Record<string, string>) => Promise<RawAnswer>;

async function toWire(request: ExchangeRequest, appSecret: string | undefined, userLocale: string | undefined): Promise<DataChannelRequest> {
  const wire: Record<string, unknown> = {
    version: request.version,
    action: request.action,
    flow_token: request.flowToken,
    data: request.data,
  };
  if (userLocale !== undefined) wire.user_locale = userLocale;
  if (request.screen !== undefined) wire.screen = request.screen;
  // Data API 4.0 ("Endpoints Security Enhancements", Flows changelog): Meta signs the flow token.
  if (request.version === '4.0' && appSecret !== undefined) {
    wire.flow_token_signature = await signFlowToken({ flowToken: request.flowToken, appSecret });
  }
  return wire as unknown as DataChannelRequest;
}

function parseErrorBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.length > 500 ? `${text.slice(0, 500)}…` : text;
  }
}

function checkOptions(options: TransportOptions): void {
  if (typeof options !== 'object' || options === null) throw new TypeError('transport options must be an object with publicKeyPem');
  if (typeof options.publicKeyPem !== 'string' || options.publicKeyPem.length === 0) {
    throw new TypeError('publicKeyPem must be the PEM text of the business public key');
  }
  if (options.appSecret !== undefined && (typeof options.appSecret !== 'string' || options.appSecret.length === 0)) {
    throw new TypeError('appSecret must be a non-empty string when given');
  }
  if (options.userLocale !== undefined && (typeof options.userLocale !== 'string' || options.userLocale.length === 0)) {
    throw new TypeError('userLocale must be a non-empty string such as "en_US" when given');
  }
}

function createTransport(send: Send, options: TransportOptions): ExchangeTransport {
  checkOptions(options);
  const { appSecret, refetchPublicKey, onExchange, userLocale } = options;
  let key: Promise<BusinessPublicKey> = loadPublicKey(options.publicKeyPem);
  // Surface a bad key on the first exchange, not as an unhandled rejection now.
  key.catch(() => undefined);

  async function attempt(request: ExchangeRequest): Promise<{ status: number; value?: unknown; error?: EndpointError }> {
    const wire = await toWire(request, appSecret, userLocale);
    const { envelope, aesKey, iv } = await encryptRequest(wire, await key);
    const body = JSON.stringify(envelope);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (appSecret !== undefined) headers['x-hub-signature-256'] = await signRequestBody(body, appSecret);
    const record: ExchangeRecord = { action: request.action, screen: request.screen, data: request.data, status: 0, latencyMs: 0 };
    const started = performance.now();
    let answer: RawAnswer;
    try {
      answer = await send(body, headers);
    } catch (error) {
      record.latencyMs = performance.now() - started;
      const reason = error instanceof Error ? error.message : String(error);
      const failure = new EndpointError('network', 0, undefined, `the endpoint could not be reached: ${reason}`);
      onExchange?.({ ...record, error: failure.message });
      return { status: 0, error: failure };
    }
    record.latencyMs = performance.now() - started;
    record.status = answer.status;
    if (answer.status !== 200) {
      const failure = statusError(answer.status, parseErrorBody(answer.text));
      onExchange?.({ ...record, error: failure.message });
      return { status: answer.status, error: failure };
    }
    try {
      const value = await decryptResponse(answer.text, aesKey, iv);
      onExchange?.({ ...record, response: value });
      return { status: 200, value };
    } catch (error) {
      const why = error instanceof DataChannelError ? error.message : 'it could not be decrypted';
      const failure = new EndpointError('decrypt', 200, parseErrorBody(answer.text), `the endpoint's response could not be decrypted: ${why}`);
      onExchange?.({ ...record, error: failure.message });
      return { status: 200, error: failure };
    }
  }

  return {
    async exchange(request) {
      let result = await attempt(request);
      if (result.status === STATUS_DECRYPT_FAILED && refetchPublicKey !== undefined) {
        // The endpoint could not decrypt: WhatsApp fetches the business public key again and retries once.
        const pem = await refetchPublicKey();
        key = loadPublicKey(pem);
        result = await attempt(request);
      }
      if (result.error !== undefined) throw result.error;
      return result.value;
    },
  };
}

/** A web-standard handler, such as what `createFlowEndpoint` returns. */
export type WebHandler = (request: Request) => Promise<Response>;

/** Calls `handler` in process with a real encrypted Request, as WhatsApp would POST it. */
export function inProcessEndpoint(handler: WebHandler, options: TransportOptions & { url?: string }): ExchangeTransport {
  if (typeof handler !== 'function') throw new TypeError('inProcessEndpoint needs a (Request) => Promise<Response> handler');
  const url = options.url ?? 'http://waflow.test/flow';
  return createTransport(async (body, headers) => {
    const response = await handler(new Request(url, { method: 'POST', headers, body }));
    return { status: response.status, text: await response.text() };
  }, options);
}

export interface HttpEndpointOptions extends TransportOptions {
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** POSTs the encrypted envelope to a deployed endpoint, exactly as WhatsApp calls it. */
export function httpEndpoint(url: string, options: HttpEndpointOptions): ExchangeTransport {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`endpoint URL "${url}" is not a valid absolute URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TypeError(`endpoint URL must be http or https, got "${parsed.protocol}"`);
  const doFetch = options.fetch ?? fetch;
  return createTransport(async (body, headers) => {
    const response = await doFetch(parsed, { method: 'POST', headers, body });
    return { status: response.status, text: await response.text() };
  }, options);
}
