// Public types of the business endpoint: what handlers receive and may return.
import type { DataApiVersion } from '../data-channel/index.js';
import type { FlowTokenRejection, FlowTokenStore } from './token-store/types.js';
import type { EndpointResponseError } from './errors.js';
import type { DecryptFlowMediaOptions, DecryptedFlowMedia, FetchLike } from '../media/types.js';
import type { FlowTypes } from '../flow-json/typegen/types.js';

/**
 * Maps each screen id to the shape of the data the endpoint sends to it. A flow's types from
 * `waflow typegen` fit here too (`createFlowEndpoint<BookingFlow>`): handlers are then keyed and
 * checked by the flow itself (see FlowTypes).
 */
export type ScreenDataMap = Record<string, Record<string, unknown>>;

/** Screen id → data: the map itself, or the `data` of each screen of generated flow types. */
export type ScreenDataOf<M> = M extends FlowTypes ? { [S in keyof M['screens'] & string]: M['screens'][S]['data'] } : M;

type Awaitable<T> = T | Promise<T>;

/**
 * The action that produced a request, in Meta's spelling. Requests may spell it in any letter
 * case (the seed writes `init`, `back`; some clients `DATA_EXCHANGE`): handlers always see this one.
 */
export type FlowAction = 'INIT' | 'BACK' | 'data_exchange';

/** The flow-token session a configured token store holds for this request. */
export interface FlowSession {
  /** Data stored with the token when it was issued or last saved. */
  readonly data: Record<string, unknown> | undefined;
  /** Replace the stored data (shared by every endpoint instance on the same store). */
  save(data: Record<string, unknown>): Promise<void>;
}

/**
 * What a handler receives: the decrypted request, in camelCase. With generated flow types, a
 * data_exchange handler's `data` is what that screen's actions send, and `screen` its id.
 */
export interface FlowContext<D extends Record<string, unknown> = Record<string, unknown>, S extends string | undefined = string | undefined> {
  action: FlowAction;
  /** The screen that sent the request; absent on INIT. */
  screen: S;
  data: D;
  flowToken: string;
  version: DataApiVersion;
  /** The phone's language setting as the request's `user_locale` carries it (e.g. `pt_BR`), when sent. */
  userLocale: string | undefined;
  /** Present when the endpoint has a token store. */
  session: FlowSession | undefined;
  /**
   * Downloads, verifies and decrypts one PhotoPicker/DocumentPicker file of this request
   * (`ctx.data.photos[0]`) with the endpoint's `fetch`, within the client's 10 s request window
   * unless `options.signal` says otherwise. Throws FlowMediaError naming the failed check.
   */
  decryptMedia(item: unknown, options?: DecryptFlowMediaOptions): Promise<DecryptedFlowMedia>;
}

/** Show `screen` next, with `data` matching that screen's declared data model. */
export interface NextScreenResult<S extends string = string, D extends Record<string, unknown> = Record<string, unknown>> {
  screen: S;
  data: D;
}

/** Stay on the current screen and show `errorMessage` (sent as `data.error_message`). */
export interface ShowErrorResult<D extends Record<string, unknown> = Record<string, unknown>> {
  errorMessage: string;
  /** Extra data for the current screen (optional; checked against its data model). */
  data?: D;
}

/** Close the flow; `params` (plus `flow_token`) go back to the chat. */
export interface CompleteResult {
  complete: Record<string, unknown>;
}

/**
 * End this flow token: the endpoint answers HTTP 427, the phone shows `message` (sent as the
 * documented `{"error_msg"}` body) and disables the message's button. With a token store, the
 * token is spent too, so later requests get 427 as well.
 */
export interface InvalidFlowTokenResult {
  invalidFlowToken: { message?: string };
}

/** Any next screen of the map (or of generated flow types), with its own data type. */
export type AnyNextScreen<M> = {
  [K in keyof ScreenDataOf<M> & string]: ScreenDataOf<M>[K] extends Record<string, unknown> ? NextScreenResult<K, ScreenDataOf<M>[K]> : never;
}[keyof ScreenDataOf<M> & string];

/** What a handler may answer; `E` is the data `showError` may send along (the current screen's, when known). */
export type HandlerResult<M = ScreenDataMap, E extends Record<string, unknown> = Record<string, unknown>> =
  | AnyNextScreen<M>
  | ShowErrorResult<E>
  | CompleteResult
  | InvalidFlowTokenResult;

export type FlowHandler<M extends ScreenDataMap = ScreenDataMap> = (ctx: FlowContext) => Awaitable<HandlerResult<M>>;

/** The screens of flow types F that have data_exchange actions (the others never call the endpoint). */
export type ExchangeScreens<F extends FlowTypes> = {
  [S in keyof F['screens'] & string]: [F['screens'][S]['exchange']] extends [never] ? never : S;
}[keyof F['screens'] & string];

/** A data_exchange handler of screen S: `ctx.data` is what S sends, `showError` data is S's. */
export type ScreenExchangeHandler<F extends FlowTypes, S extends keyof F['screens'] & string> = (
  ctx: FlowContext<F['screens'][S]['exchange'], S>,
) => Awaitable<HandlerResult<F, Partial<F['screens'][S]['data']>>>;

/** The context of any data_exchange of F: narrow it by `ctx.screen`. */
export type ExchangeContext<F extends FlowTypes> = { [S in ExchangeScreens<F>]: FlowContext<F['screens'][S]['exchange'], S> }[ExchangeScreens<F>];

/** data_exchange handlers for generated flow types: one per screen that exchanges data, or one for all. */
export type FlowExchangeHandlers<F extends FlowTypes> =
  | { [S in ExchangeScreens<F>]?: ScreenExchangeHandler<F, S> }
  | ((ctx: ExchangeContext<F>) => Awaitable<HandlerResult<F>>);

export interface FlowHandlers<M extends ScreenDataMap = ScreenDataMap> {
  /** The user opened a flow that starts with a data_exchange. */
  init?: FlowHandler<M>;
  /** The user pressed back on a screen with `refresh_on_back: true`. */
  back?: FlowHandler<M>;
  /** data_exchange actions: one handler per screen id, or one for all screens. */
  dataExchange?: M extends FlowTypes ? FlowExchangeHandlers<M> : { [screen: string]: FlowHandler<M> } | FlowHandler<M>;
}

/** Log sink; every line is free of secrets. */
export interface EndpointLogger {
  debug?(message: string, meta?: Record<string, unknown>): void;
  info?(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

/**
 * Text the phone shows when the endpoint answers 427 for a token it refused: per reason, or a
 * function of the reason and the request (say, to answer in `userLocale`); undefined keeps the
 * phone's generic error.
 */
export type FlowTokenMessages =
  | Partial<Record<FlowTokenRejection, string>>
  | ((reason: FlowTokenRejection, request: { flowToken: string; userLocale: string | undefined }) => string | undefined);

/** The error notification the client sends when a previous response was invalid. */
export interface ErrorNotification {
  action: FlowAction;
  screen: string | undefined;
  flowToken: string;
  /** Machine code, e.g. `invalid-screen-transition`. */
  error: string;
  errorMessage: string;
  version: DataApiVersion;
}

export interface FlowEndpointOptions<M extends ScreenDataMap = ScreenDataMap> {
  /** The business private key, PEM (PKCS#1 or PKCS#8, optionally encrypted). */
  privateKey: string;
  passphrase?: string;
  /** The Meta app secret: enables X-Hub-Signature-256 checks (432) and Data API 4.0 token signatures. */
  appSecret?: string;
  /** Parsed Flow JSON: when given, every response is checked against the target screen's data model. */
  flow?: unknown;
  handlers: FlowHandlers<M>;
  /**
   * When given, unknown, expired and completed flow tokens get HTTP 427, and each request holds
   * the token while its handler runs, so one token completes its flow once: a concurrent request
   * for the same token gets 427 too.
   */
  tokenStore?: FlowTokenStore;
  /**
   * What the phone shows for those 427s (the `{"error_msg"}` body): e.g. `{ completed: 'This
   * order was already placed' }`. `expired` also covers a Data API 4.0 token signature that has
   * expired; `claimed` a token another request holds or took over. Without a text the 427 carries
   * waflow's `{ error: { code, message } }` body and the phone shows its generic error.
   */
  tokenMessages?: FlowTokenMessages;
  /**
   * How long a request's hold on its flow token lasts, in ms (default 30 000). A process that
   * dies mid-handler blocks its token no longer than this; a handler that runs longer may lose
   * the token to the next request, and its completion is then refused.
   */
  tokenLeaseMs?: number;
  /** The fetch `ctx.decryptMedia` downloads picker files with (default: the global fetch). */
  fetch?: FetchLike;
  /** Largest accepted request body in bytes (default 1 MiB); larger gets HTTP 413. */
  maxBodyBytes?: number;
  onErrorNotification?: (notification: ErrorNotification) => void | Promise<void>;
  /** Called when a handler's response does not match the Flow JSON (the endpoint answers 500). */
  onResponseError?: (error: EndpointResponseError) => void;
  logger?: EndpointLogger;
}

/** A web-standard handler: mount it on any runtime that speaks Request/Response. */
export type FlowEndpoint = (request: Request) => Promise<Response>;
