// createFlowEndpoint: the business side of the data channel as a web-standard
// `(Request) => Promise<Response>`. Status codes follow Meta's "Implementing Endpoint for Flows"
// (developers.facebook.com/docs/whatsapp/flows/guides/implementingyourflowendpoint):
// 421 undecryptable request (the client re-fetches the public key), 427 flow token no longer
// valid (with the text the phone shows as `{"error_msg"}` when there is one), 432 request
// signature failed; ping and error notifications are answered here.
import {
  DataChannelError,
  STATUS_DECRYPT_FAILED,
  STATUS_FLOW_TOKEN_INVALID,
  STATUS_SIGNATURE_INVALID,
  decryptRequest,
  encryptResponse,
  isErrorNotification,
  loadPrivateKey,
  verifyFlowTokenSignature,
  verifyRequestSignature,
} from '../data-channel/index.js';
import type { BusinessPrivateKey, DataChannelRequest, DataChannelResponse, PingRequest } from '../data-channel/index.js';
import { toContext, toErrorNotification } from './context.js';
import { EndpointResponseError, describeIssues } from './errors.js';
import { readBody } from './read-body.js';
import type { ReadBodyResult } from './read-body.js';
import { checkScreenData, collectDataModels } from './response-check.js';
import type { FlowDataModels } from './response-check.js';
import { resolveResult } from './results.js';
import type { FlowTokenRejection, FlowTokenStore } from './token-store/types.js';
import type { EndpointLogger, FlowEndpoint, FlowEndpointOptions, FlowHandler, FlowTokenMessages, ScreenDataMap } from './types.js';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * How long a request holds its flow token by default. The client gives up on an endpoint after
 * about 10 s, so 30 s outlives every request it still waits for, and a process that died
 * mid-handler blocks its token for half a minute at most.
 */
export const DEFAULT_TOKEN_LEASE_MS = 30_000;

const consoleLogger: EndpointLogger = {
  warn: (message, meta) => console.warn(`[waflow endpoint] ${message}`, meta ?? ''),
  error: (message, meta) => console.error(`[waflow endpoint] ${message}`, meta ?? ''),
};

/**
 * What the endpoint answers, before it becomes a web Response or a node:http reply. Keeping the
 * core free of Request/Response lets the node:http server skip undici's streams, which cost
 * more CPU per request than all of the data channel's work except the RSA unwrap
 * (bench/endpoint.ts).
 */
export interface FlowReply {
  status: number;
  headers: Record<string, string>;
  /** JSON error text, or the base64 of the encrypted response. */
  body: string;
}

/** A request as any transport sees it; `readBody` applies the size limit. */
export interface FlowInput {
  method: string;
  header(name: string): string | null | undefined;
  readBody(maxBytes: number): Promise<ReadBodyResult>;
}

/** The transport-neutral endpoint; it never throws. */
export type FlowProcessor = (input: FlowInput) => Promise<FlowReply>;

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

/** Plain-JSON error answer: nothing encrypted, since there may be no key to encrypt with. */
function errorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}): FlowReply {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify({ error: { code, message } }) };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(utf8.decode(bytes)) as unknown };
  } catch {
    return { ok: false };
  }
}

function checkOptions(options: FlowEndpointOptions<ScreenDataMap>): void {
  if (typeof options !== 'object' || options === null) throw new TypeError('createFlowEndpoint needs an options object');
  if (typeof options.privateKey !== 'string' || options.privateKey.length === 0) {
    throw new TypeError('privateKey must be the PEM text of the business private key');
  }
  if (options.appSecret !== undefined && (typeof options.appSecret !== 'string' || options.appSecret.length === 0)) {
    throw new TypeError('appSecret must be a non-empty string when given');
  }
  if (typeof options.handlers !== 'object' || options.handlers === null) throw new TypeError('handlers must be an object');
  const max = options.maxBodyBytes;
  if (max !== undefined && (!Number.isInteger(max) || max <= 0)) throw new TypeError('maxBodyBytes must be a positive integer');
  const lease = options.tokenLeaseMs;
  if (lease !== undefined && (!Number.isFinite(lease) || lease <= 0)) throw new TypeError('tokenLeaseMs must be a positive number of milliseconds');
  checkTokenMessages(options.tokenMessages);
  if (options.flow !== undefined) {
    const flow = options.flow as { screens?: unknown } | null;
    if (typeof flow !== 'object' || flow === null || !Array.isArray(flow.screens)) {
      throw new TypeError('flow must be a parsed Flow JSON object with a "screens" array');
    }
  }
}

const REJECTIONS: readonly FlowTokenRejection[] = ['unknown', 'expired', 'completed', 'claimed'];

function checkTokenMessages(messages: FlowTokenMessages | undefined): void {
  if (messages === undefined || typeof messages === 'function') return;
  if (typeof messages !== 'object' || messages === null) throw new TypeError('tokenMessages must be an object of texts per reason, or a function');
  for (const [reason, text] of Object.entries(messages)) {
    if (!REJECTIONS.includes(reason as FlowTokenRejection)) throw new TypeError(`tokenMessages.${reason} is not a reason; use ${REJECTIONS.join(', ')}`);
    if (text !== undefined && (typeof text !== 'string' || text.trim() === '')) throw new TypeError(`tokenMessages.${reason} must be a non-empty string`);
  }
}

/**
 * 427 as the platform defines it: a text for the phone goes in the documented `{"error_msg"}`
 * body, alone; without one, waflow's coded error body (the phone then shows its generic error).
 */
function tokenInvalidResponse(code: string, message: string, shown: string | undefined): FlowReply {
  if (shown === undefined) return errorResponse(STATUS_FLOW_TOKEN_INVALID, code, message);
  return { status: STATUS_FLOW_TOKEN_INVALID, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify({ error_msg: shown }) };
}

type UserRequest = Exclude<DataChannelRequest, PingRequest>;

/** A request's answer, and whether sending it completes the flow or ends its token. */
interface Answer {
  reply: FlowReply;
  completes: boolean;
  /** The handler ended the token (invalidFlowToken): a token store spends it. */
  endsToken?: true;
}

const REJECTION_TEXT: Record<FlowTokenRejection, string> = {
  unknown: 'unknown',
  expired: 'expired',
  completed: 'completed',
  claimed: 'in use by another request',
};

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function pickHandler<M extends ScreenDataMap>(options: FlowEndpointOptions<M>, body: UserRequest): FlowHandler | undefined {
  // Typed handlers (generated flow types) are called with what the client sent, like the others.
  const { handlers } = options as unknown as FlowEndpointOptions;
  if (body.action === 'INIT') return handlers.init;
  if (body.action === 'BACK') return handlers.back;
  const exchange = handlers.dataExchange;
  if (typeof exchange === 'function') return exchange;
  if (exchange === undefined || body.screen === undefined) return undefined;
  return Object.hasOwn(exchange, body.screen) ? exchange[body.screen] : undefined;
}

export function createFlowProcessor<M extends ScreenDataMap = ScreenDataMap>(options: FlowEndpointOptions<M>): FlowProcessor {
  checkOptions(options as unknown as FlowEndpointOptions<ScreenDataMap>);
  const logger = options.logger ?? consoleLogger;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const models: FlowDataModels | undefined = options.flow === undefined ? undefined : collectDataModels(options.flow);
  const { appSecret, tokenStore } = options;
  const leaseMs = options.tokenLeaseMs ?? DEFAULT_TOKEN_LEASE_MS;

  /** The text tokenMessages gives the phone for a refused token, if any. */
  const tokenText = (reason: FlowTokenRejection, body: UserRequest): string | undefined => {
    const messages = options.tokenMessages;
    if (messages === undefined) return undefined;
    if (typeof messages !== 'function') return messages[reason];
    const userLocale = (body as { user_locale?: unknown }).user_locale;
    try {
      const text = messages(reason, { flowToken: body.flow_token, userLocale: typeof userLocale === 'string' ? userLocale : undefined });
      if (text === undefined || (typeof text === 'string' && text.trim() !== '')) return text;
      logger.error(`tokenMessages returned ${typeof text === 'string' ? 'an empty string' : typeof text} for "${reason}"; the 427 carries no text`);
    } catch (error) {
      logger.error(`tokenMessages threw for "${reason}"; the 427 carries no text: ${messageOf(error)}`);
    }
    return undefined;
  };

  // Loaded on the first request, then reused; a failure is kept too (it is configuration).
  let key: Promise<BusinessPrivateKey> | undefined;
  const privateKey = (): Promise<BusinessPrivateKey> => (key ??= loadPrivateKey(options.privateKey, options.passphrase));

  const report = (error: EndpointResponseError): FlowReply => {
    logger.error(error.message, { code: error.code, screen: error.screen, issues: error.issues });
    try {
      options.onResponseError?.(error);
    } catch {
      logger.error('onResponseError hook threw');
    }
    return errorResponse(500, error.code, 'the endpoint produced an invalid response; see the server log');
  };

  const encrypted = async (body: DataChannelResponse, aesKey: Uint8Array, iv: Uint8Array): Promise<FlowReply> =>
    ({ status: 200, headers: { 'content-type': TEXT_TYPE }, body: await encryptResponse(body, aesKey, iv) });

  async function handle(request: FlowInput): Promise<FlowReply> {
    if (request.method !== 'POST') return errorResponse(405, 'METHOD_NOT_ALLOWED', 'the Flows endpoint accepts POST only', { allow: 'POST' });

    const read = await request.readBody(maxBodyBytes);
    if (!read.ok) {
      return read.reason === 'too-large'
        ? errorResponse(413, 'BODY_TOO_LARGE', `the request body exceeds ${maxBodyBytes} bytes`)
        : errorResponse(400, 'BODY_UNREADABLE', 'the request body could not be read');
    }

    if (appSecret !== undefined && !(await verifyRequestSignature(read.bytes, request.header('x-hub-signature-256'), appSecret))) {
      logger.warn('rejected a request whose X-Hub-Signature-256 is missing or wrong');
      return errorResponse(STATUS_SIGNATURE_INVALID, 'SIGNATURE_INVALID', 'X-Hub-Signature-256 is missing or does not match the body');
    }

    const json = parseJson(read.bytes);
    if (!json.ok) return errorResponse(400, 'NOT_JSON', 'the request body must be JSON');

    let loaded: BusinessPrivateKey;
    try {
      loaded = await privateKey();
    } catch (error) {
      const code = error instanceof DataChannelError ? error.code : 'KEY_INVALID';
      const message = error instanceof DataChannelError ? error.message : 'the private key could not be loaded';
      logger.error(`cannot load the business private key: ${message}`, { code });
      return errorResponse(500, code, 'the endpoint is misconfigured; see the server log');
    }

    let decrypted: Awaited<ReturnType<typeof decryptRequest>>;
    try {
      decrypted = await decryptRequest(json.value, loaded);
    } catch (error) {
      if (!(error instanceof DataChannelError)) throw error;
      if (error.code === 'DECRYPT_FAILED') {
        logger.warn(`could not decrypt a request: ${error.message}`);
        return errorResponse(STATUS_DECRYPT_FAILED, error.code, 'the request could not be decrypted');
      }
      if (error.code === 'MALFORMED_ENVELOPE' || error.code === 'MALFORMED_PAYLOAD') {
        logger.warn(`rejected a malformed request: ${error.message}`);
        return errorResponse(400, error.code, error.message);
      }
      throw error;
    }
    const { body, aesKey, iv } = decrypted;

    if (body.action === 'ping') return encrypted({ data: { status: 'active' } }, aesKey, iv);

    // Data API 4.0: Meta signs the flow token with the app secret.
    if (body.flow_token_signature !== undefined) {
      if (appSecret === undefined) {
        logger.warn('request carries flow_token_signature but no appSecret is configured; it was not verified');
      } else {
        const check = await verifyFlowTokenSignature({ flowToken: body.flow_token, signature: body.flow_token_signature, appSecret });
        if (!check.valid) {
          logger.warn(`rejected a request whose flow_token_signature is invalid (${check.reason})`);
          return check.reason === 'EXPIRED'
            ? tokenInvalidResponse('FLOW_TOKEN_EXPIRED', 'the flow token signature has expired', tokenText('expired', body))
            : errorResponse(STATUS_SIGNATURE_INVALID, `FLOW_TOKEN_SIGNATURE_${check.reason}`, 'the flow token signature does not verify');
        }
      }
    }

    // Acknowledged before the token check: it only reports on a response already sent.
    if (isErrorNotification(body)) {
      const notification = toErrorNotification(body);
      logger.warn(`the client reported an invalid response: ${notification.error}: ${notification.errorMessage}`, {
        action: notification.action,
        screen: notification.screen,
      });
      try {
        await options.onErrorNotification?.(notification);
      } catch (error) {
        logger.error(`onErrorNotification threw: ${error instanceof Error ? error.message : String(error)}`);
      }
      return encrypted({ data: { acknowledged: true } }, aesKey, iv);
    }

    if (tokenStore === undefined) return (await answer(body, aesKey, iv, undefined)).reply;
    return withClaim(tokenStore, body, (sessionData) => answer(body, aesKey, iv, sessionData));
  }

  /** Runs the handler and checks and encrypts its result; settles nothing. */
  async function answer(body: UserRequest, aesKey: Uint8Array, iv: Uint8Array, sessionData: Record<string, unknown> | undefined): Promise<Answer> {
    const handler = pickHandler(options, body);
    const currentScreen = typeof body.screen === 'string' ? body.screen : undefined;
    if (handler === undefined) {
      const what = body.action === 'data_exchange' ? `data_exchange on screen "${currentScreen ?? ''}"` : body.action;
      return { reply: report(new EndpointResponseError('NO_HANDLER', currentScreen, [], `no handler is registered for ${what}`)), completes: false };
    }

    let result: unknown;
    try {
      result = await handler(toContext(body, tokenStore, sessionData, options.fetch));
    } catch (error) {
      logger.error(`the ${body.action} handler threw: ${messageOf(error)}`, { screen: currentScreen });
      return { reply: errorResponse(500, 'HANDLER_FAILED', 'the endpoint handler failed; see the server log'), completes: false };
    }

    const resolved = resolveResult(result, body.flow_token, currentScreen);
    if (resolved.kind === 'invalid') {
      const error = new EndpointResponseError('INVALID_HANDLER_RESULT', currentScreen, [], `the ${body.action} handler returned an invalid result: ${resolved.reason}`);
      return { reply: report(error), completes: false };
    }
    if (resolved.kind === 'invalid-token') {
      logger.info?.(`the ${body.action} handler ended the flow token (HTTP 427)`, { screen: currentScreen });
      const reply = tokenInvalidResponse('FLOW_TOKEN_INVALIDATED', 'the endpoint ended this flow token', resolved.message);
      return { reply, completes: false, endsToken: true };
    }
    if (models !== undefined && resolved.kind !== 'complete') {
      const { screen, data } = resolved.response;
      const issues = checkScreenData(models, screen, data, resolved.kind === 'error');
      if (issues === 'unknown-screen') {
        const issue = { path: '', expected: 'a screen of this flow', actual: `"${screen}"`, message: `the Flow JSON has no screen "${screen}"` };
        return { reply: report(new EndpointResponseError('UNKNOWN_SCREEN', screen, [issue], `Response names screen "${screen}", which the Flow JSON does not declare`)), completes: false };
      }
      if (issues.length > 0) return { reply: report(new EndpointResponseError('DATA_MISMATCH', screen, issues, describeIssues(screen, issues))), completes: false };
    }

    return { reply: await encrypted(resolved.response, aesKey, iv), completes: resolved.kind === 'complete' };
  }

  // One completion per flow token (issue 10). The endpoint knows that a handler completes the
  // flow only after it ran, so every data-carrying request claims its token first (atomically,
  // with a lease: token-store/types.ts), runs its handler while it holds the claim, then settles
  // it in one more atomic step: `complete` for a completion, `release` for anything else (next
  // screen, error message, a handler that threw, an invalid result), so the next screen's request
  // can claim the token again.
  //
  // A request for a token another request holds gets 427 at once instead of waiting for the
  // claim. The WhatsApp client sends one request at a time and waits for its answer (our runtime
  // does the same: session.ts refuses input while `busy`), so a concurrent request for one token
  // is a replay or a duplicate, not the user's next step. Waiting would hold a connection for up
  // to a handler's run and, after a completion, end in 427 anyway.
  //
  // A completion is sent only when settling it as completed succeeded. If the claim was lost
  // (its lease ran out and another request took the token), another request may have completed
  // the flow, so this one answers 427 and logs it; its handler's side effects stay with the
  // handler, which is why the lease outlasts the client's own timeout.
  //
  // A handler that ends the token (invalidFlowToken) settles it as completed, so the token is spent
  // and every later request gets 427 too; its 427 is sent either way.
  async function withClaim(store: FlowTokenStore, body: UserRequest, run: (sessionData: Record<string, unknown> | undefined) => Promise<Answer>): Promise<FlowReply> {
    const token = body.flow_token;
    const claimId = globalThis.crypto.randomUUID();
    let claimed: Awaited<ReturnType<FlowTokenStore['claim']>>;
    try {
      claimed = await store.claim(token, { claimId, leaseMs });
    } catch (error) {
      logger.error(`the token store failed to claim a flow token: ${messageOf(error)}`);
      return errorResponse(500, 'TOKEN_STORE_FAILED', 'the flow token store failed; see the server log');
    }
    if (!claimed.ok) {
      const text = REJECTION_TEXT[claimed.reason];
      logger.warn(`rejected a request with a flow token that is ${text}`);
      return tokenInvalidResponse(`FLOW_TOKEN_${claimed.reason.toUpperCase()}`, `the flow token is ${text}`, tokenText(claimed.reason, body));
    }

    let result: Answer;
    try {
      result = await run(claimed.record.data);
    } catch (error) {
      await release(store, token, claimId);
      throw error;
    }
    if (result.endsToken === true) {
      await spend(store, token, claimId);
      return result.reply;
    }
    if (!result.completes) {
      await release(store, token, claimId);
      return result.reply;
    }

    let settled: boolean;
    try {
      settled = await store.settle(token, claimId, 'complete');
    } catch (error) {
      // Whether the token is spent is unknown, so the completion is not sent; the claim lapses
      // with its lease.
      logger.error(`the token store failed to mark a flow token completed; the completion was not sent: ${messageOf(error)}`);
      return errorResponse(500, 'TOKEN_STORE_FAILED', 'the flow token store failed; see the server log');
    }
    if (!settled) {
      logger.error('a completion was not sent: its request no longer held the flow token (the claim outlived its lease and another request took the token, or the token expired or was completed meanwhile)');
      return tokenInvalidResponse('FLOW_TOKEN_CLAIM_LOST', 'the flow token was taken over by another request', tokenText('claimed', body));
    }
    return result.reply;
  }

  /** Spends the token a handler ended; a failure is logged (the 427 is sent anyway). */
  async function spend(store: FlowTokenStore, token: string, claimId: string): Promise<void> {
    try {
      if (!(await store.settle(token, claimId, 'complete'))) {
        logger.warn('a handler ended a flow token its request no longer held (its lease ran out and another request took it, or it expired meanwhile)');
      }
    } catch (error) {
      logger.error(`the token store failed to spend a flow token a handler ended: ${messageOf(error)}`);
    }
  }

  /** Frees the token for the next request; a failure is logged, and the lease frees it later. */
  async function release(store: FlowTokenStore, token: string, claimId: string): Promise<void> {
    try {
      if (!(await store.settle(token, claimId, 'release'))) {
        logger.warn('a request no longer held its flow token when it released it (its lease ran out and another request took the token, or the token was revoked, re-issued or expired)');
      }
    } catch (error) {
      logger.error(`the token store failed to release a flow token: ${messageOf(error)}`);
    }
  }

  return async (request: FlowInput): Promise<FlowReply> => {
    try {
      return await handle(request);
    } catch (error) {
      // Last line of defence: a bug or a failing store must not crash the server or leak details.
      logger.error(`unexpected endpoint failure: ${error instanceof Error ? error.message : String(error)}`);
      return errorResponse(500, 'INTERNAL_ERROR', 'the endpoint failed; see the server log');
    }
  };
}

const processors = new WeakMap<FlowEndpoint, FlowProcessor>();

/** The core behind an endpoint from createFlowEndpoint, for adapters that can skip Request/Response. */
export function processorOf(endpoint: FlowEndpoint): FlowProcessor | undefined {
  return processors.get(endpoint);
}

export function createFlowEndpoint<M extends ScreenDataMap = ScreenDataMap>(options: FlowEndpointOptions<M>): FlowEndpoint {
  const run = createFlowProcessor(options);
  const endpoint: FlowEndpoint = async (request) => {
    const reply = await run({
      method: request.method,
      header: (name) => request.headers.get(name),
      readBody: (maxBytes) => readBody(request, maxBytes),
    });
    return new Response(reply.body, { status: reply.status, headers: reply.headers });
  };
  processors.set(endpoint, run);
  return endpoint;
}
