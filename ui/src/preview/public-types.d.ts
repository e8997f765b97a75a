// The published declarations of waflow/preview (copied to dist/preview/index.d.ts by
// ui/vite.preview.config.ts). Hand-written so the package's types need nothing from the app's
// sources; ui/e2e/preview-element.test.ts checks the element class against them.

/** A request the phone sends to the flow endpoint (the endpoint stub receives it decrypted). */
export interface ExchangeRequest {
  action: 'INIT' | 'BACK' | 'data_exchange';
  screen?: string;
  data: Record<string, unknown>;
  flowToken: string;
  version: '3.0' | '4.0';
}

/**
 * The data_exchange stub: resolves with the endpoint's decrypted answer (`{ screen, data }`, or
 * `{ screen: 'SUCCESS', data: { extension_message_response: { params } } }` to complete), or
 * rejects; reject with an EndpointError to answer with an HTTP status (421, 427, 432…).
 */
export type WaflowEndpoint = (request: ExchangeRequest) => Promise<unknown>;

/** What a stub rejects with for an HTTP error answer. */
export declare class EndpointError extends Error {
  readonly status: number;
  readonly kind: 'status' | 'decrypt' | 'network';
  readonly userMessage: string | undefined;
  constructor(status: number, message?: string, kind?: 'status' | 'decrypt' | 'network', userMessage?: string);
}

export interface WaflowNavigateDetail {
  readonly screen: string;
  readonly data: Record<string, unknown>;
}

export interface WaflowCompleteDetail {
  readonly response_json: Record<string, unknown>;
}

export interface WaflowErrorDetail {
  readonly message: string;
  readonly kind?: string;
  readonly status?: number;
}

export interface WaflowPhoneEventMap extends HTMLElementEventMap {
  'waflow-navigate': CustomEvent<WaflowNavigateDetail>;
  'waflow-complete': CustomEvent<WaflowCompleteDetail>;
  'waflow-error': CustomEvent<WaflowErrorDetail>;
}

/**
 * `<waflow-phone>`: renders and runs a Flow JSON in the page. Attributes: `flow` (JSON text),
 * `src` (a URL of the Flow JSON), `screen`, `data` (JSON text), `flow-token`, `version`.
 * Size it with the CSS custom properties `--waflow-phone-width` and `--waflow-phone-height`.
 */
export declare class WaflowPhoneElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** The Flow JSON: an object, or JSON text. */
  get flow(): unknown;
  set flow(value: unknown);
  /** The screen to open (default: the entry screen). */
  get screen(): string | undefined;
  set screen(value: string | undefined);
  /** The opened screen's data (default: its `__example__` values): an object, or JSON text. */
  get data(): Record<string, unknown> | undefined;
  set data(value: Record<string, unknown> | string | undefined);
  get flowToken(): string | undefined;
  set flowToken(value: string | undefined);
  /** Overrides the flow's own `version`. */
  get version(): string | undefined;
  set version(value: string | undefined);
  /** The data_exchange stub; default: a stand-in that follows the routing model with `__example__` data. */
  get endpoint(): WaflowEndpoint | undefined;
  set endpoint(value: WaflowEndpoint | undefined);
  addEventListener<K extends keyof WaflowPhoneEventMap>(type: K, listener: (this: WaflowPhoneElement, ev: WaflowPhoneEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof WaflowPhoneEventMap>(type: K, listener: (this: WaflowPhoneElement, ev: WaflowPhoneEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** Defines the element under `tag` (default `waflow-phone`; importing the module already did). */
export declare function defineWaflowPhone(tag?: string): void;

declare global {
  interface HTMLElementTagNameMap {
    'waflow-phone': WaflowPhoneElement;
  }
}
