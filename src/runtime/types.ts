// Public types of the headless flow runtime: the render model a UI draws, the session a UI or a
// test drives, and the host that carries the runtime's effects (endpoint calls, completion, URLs).
import type { FlowJsonVersion } from '../flow-json/versions.js';

export type { FlowJsonVersion };

/** Data API versions the runtime speaks to a host (same values as the data channel's). */
export type RuntimeDataApiVersion = '3.0' | '4.0';

/** A request the runtime asks the host to send to the flow endpoint (camelCase; the host converts). */
export interface ExchangeRequest {
  action: 'INIT' | 'BACK' | 'data_exchange';
  screen?: string;
  data: Record<string, unknown>;
  flowToken: string;
  version: RuntimeDataApiVersion;
}

export interface RuntimeHost {
  /** INIT, BACK and data_exchange requests; resolves with the decrypted endpoint response body, or rejects with an EndpointError carrying the HTTP status (421, 427, 432, other). */
  exchange(request: ExchangeRequest): Promise<unknown>;
  /** The flow closed with a completion: response_json as the nfm_reply webhook will carry it (flow_token included). */
  complete?(responseJson: Record<string, unknown>): void;
  openUrl?(url: string): void;
}

export type StartMode =
  | { action: 'navigate'; /** default: the entry screen */ screen?: string; data?: Record<string, unknown> }
  /** INIT: the first screen and its data come from the endpoint. */
  | { action: 'data_exchange' };

export interface StartOptions {
  /** Parsed Flow JSON. */
  flow: unknown;
  flowToken: string;
  host?: RuntimeHost;
  mode: StartMode;
  /** Overrides the flow's own `version`. */
  version?: FlowJsonVersion;
  /** Overrides the flow's `data_api_version` (default 3.0). */
  dataApiVersion?: RuntimeDataApiVersion;
  /**
   * Preview mode (the builder, a draft send): screens entered without data get their data model's
   * `__example__` values, as WhatsApp's preview does.
   */
  preview?: boolean;
}

export type SessionStatus = 'open' | 'completed' | 'closed' | 'error';

export type SessionErrorKind = 'endpoint' | 'flow-token-expired' | 'decrypt' | 'invalid-response' | 'flow';

export interface SessionError {
  kind: SessionErrorKind;
  message: string;
  /** HTTP status of the endpoint response, for endpoint errors. */
  status?: number;
  /** For 'flow-token-expired': the text the endpoint gave the user (427's `error_msg`), which the client shows. */
  userMessage?: string;
  /** For 'invalid-response': the JSON pointer of the offending field in the response data. */
  field?: string;
}

export interface OptionView {
  id: string;
  title: string;
  description?: string;
  metadata?: string;
  enabled: boolean;
  /** The option as written (image, alt-text, color, on-select-action...), dynamic values resolved. */
  raw: Record<string, unknown>;
}

export interface ComponentView {
  type: string;
  /** JSON pointer of the component in the Flow JSON. */
  pointer: string;
  name?: string;
  visible: boolean;
  enabled: boolean;
  /** Every property with dynamic values resolved (children and data-source excluded). */
  props: Record<string, unknown>;
  /** The field's current form value (input components). */
  value?: unknown;
  /** The message the field shows (invalid input or an `error-message`). */
  error?: string;
  required?: boolean;
  children?: ComponentView[];
  /** data-source resolved. */
  options?: OptionView[];
}

export interface FooterView {
  label: string;
  enabled: boolean;
  /** Why the footer is disabled (names the missing or invalid fields). */
  disabledReason?: string;
  leftCaption?: string;
  centerCaption?: string;
  rightCaption?: string;
  pointer: string;
}

export interface ScreenView {
  id: string;
  title: string;
  terminal: boolean;
  data: Record<string, unknown>;
  components: ComponentView[];
  footer?: FooterView;
  /** An endpoint's `error_message`, shown as a banner (dismissed on the next action). */
  errorMessage?: string;
}

export type FieldResult = { ok: true; value: unknown } | { ok: false; error: string };

export type ActionOutcome = 'navigated' | 'updated' | 'completed' | 'opened-url' | 'error-message' | 'back' | 'closed' | 'none';

export type ActionResult =
  | { ok: true; outcome: ActionOutcome; screen?: string }
  | { ok: false; reason: string };

export interface SummaryItem {
  name: string;
  /** The field's label as the screen shows it. */
  label: string;
  screen: string;
  /** The answer as the summary shows it: option titles, masked text for sensitive fields. */
  value: string;
  sensitive: boolean;
}

export interface FlowSession {
  readonly status: SessionStatus;
  /** The render model of the current screen. */
  readonly screen: ScreenView;
  /** Back stack of screen ids, oldest first; the last is the current screen. */
  readonly history: readonly string[];
  /** response_json once completed. */
  readonly completion?: Record<string, unknown>;
  readonly error?: SessionError;
  readonly version: FlowJsonVersion;
  /** Type text, pick an option id / ids, boolean for OptIn, date string... */
  setValue(name: string, value: unknown): FieldResult;
  /** Selects one option (adds to multi-selects) and runs its on-select-action. */
  select(name: string, optionId: string): Promise<FieldResult>;
  unselect(name: string, optionId: string): Promise<FieldResult>;
  /** Taps the Footer (its on-click-action); refused while the footer is disabled, with the reason. */
  submit(): Promise<ActionResult>;
  /** Taps an EmbeddedLink / OptIn read-more / NavigationList item by name, text or pointer. */
  activate(ref: string): Promise<ActionResult>;
  back(): Promise<ActionResult>;
  close(): void;
  /** The UI re-renders on change. Returns an unsubscribe function. */
  subscribe(listener: (session: FlowSession) => void): () => void;
  /** The answered fields as the client's response summary shows them, sensitive fields masked. */
  summary(): SummaryItem[];
  /** Current form values of the current screen (visible, active fields only). */
  readonly form: Readonly<Record<string, unknown>>;
}
