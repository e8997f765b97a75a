// FlowTester: drive a flow the way a person does (fill, pick, check, toggle, tap, back) on the
// real runtime, against a real endpoint, and read what the screen shows. Works with any runner.
import { parseJson } from '../flow-json/parse/index.js';
import { startFlow } from '../runtime/index.js';
import type {
  ActionResult,
  ComponentView,
  FieldResult,
  FlowJsonVersion,
  FlowSession,
  RuntimeDataApiVersion,
  ScreenView,
  SessionError,
  SessionStatus,
  SummaryItem,
} from '../runtime/index.js';
import { FlowAssertionError, partialMismatch, show } from './assert.js';
import { FlowSteps } from './steps.js';
import { testerHost } from './tester-host.js';
import type { HostLog, TesterEndpoint } from './tester-host.js';
import type { ExchangeRecord } from './transport.js';
import { LookupError, describeScreen, fieldErrors, findOne, labelOf, summarize, visibleComponents } from './view.js';
import type { ComponentSummary, FieldErrorSummary, FooterSummary } from './view.js';

export interface FlowTesterOptions {
  /** The Flow JSON: a parsed object or its text. */
  flow: unknown;
  /** Default "waflow-test-flow-token". */
  flowToken?: string;
  endpoint?: TesterEndpoint;
  /** Start on this screen (default: the flow's first screen) with this data (navigate mode). */
  screen?: string;
  data?: Record<string, unknown>;
  /** Start with an INIT request: the endpoint picks the first screen and its data. */
  init?: boolean;
  version?: FlowJsonVersion;
  dataApiVersion?: RuntimeDataApiVersion;
  /**
   * The phone's language, sent as `user_locale` with every request to a `{ handler }` or `{ url }`
   * endpoint (default "en_US", as the sandbox phone; the endpoint's own `userLocale` wins).
   */
  locale?: string;
}

const DEFAULT_LOCALE = 'en_US';

/** The endpoint with the phone's locale, for the transports that build the wire request. */
function withLocale(endpoint: TesterEndpoint | undefined, locale: string | undefined): TesterEndpoint | undefined {
  if (locale !== undefined && (typeof locale !== 'string' || locale === '')) throw new TypeError('locale must be a non-empty string such as "pt_BR"');
  if (typeof endpoint !== 'object' || endpoint === null || typeof (endpoint as { exchange?: unknown }).exchange === 'function') return endpoint;
  const own = endpoint as { userLocale?: string };
  return { ...endpoint, userLocale: own.userLocale ?? locale ?? DEFAULT_LOCALE } as TesterEndpoint;
}

/** A step that could not be done, or that ended the flow in an error (427, an unreachable endpoint...). */
export class FlowStepError extends Error {
  readonly sessionError: SessionError | undefined;
  /** Set when starting the flow failed: the exchanges made before it did. */
  exchanges?: readonly ExchangeRecord[];

  constructor(message: string, sessionError?: SessionError) {
    super(message);
    this.name = 'FlowStepError';
    this.sessionError = sessionError;
  }
}

export const DEFAULT_FLOW_TOKEN = 'waflow-test-flow-token';

// Components a person can fill, pick from, check and toggle (Flow JSON components reference).
const PICKERS = new Set(['Dropdown', 'RadioButtonsGroup']);
const MULTI = new Set(['CheckboxGroup', 'ChipsSelector']);
const TAPPABLE = new Set(['EmbeddedLink', 'NavigationList', 'OptIn']);

function parseFlow(flow: unknown): unknown {
  if (typeof flow !== 'string') return flow;
  const parsed = parseJson(flow);
  const first = parsed.diagnostics.find((d) => d.severity === 'error');
  if (first !== undefined) {
    const at = first.range === undefined ? '' : ` at line ${first.range.start.line}, column ${first.range.start.column}`;
    throw new TypeError(`the flow is not valid JSON${at}: ${first.message}`);
  }
  return parsed.value;
}

export { FlowSteps };
export type { TesterEndpoint };

export class FlowTester {
  private session!: FlowSession;
  private readonly log: HostLog = { exchanges: [], openedUrls: [], completion: undefined, lastFailure: undefined };
  private queue: Promise<unknown> = Promise.resolve();

  private constructor() {}

  /** Opens the flow (sending INIT first when `init` is set) and resolves once the first screen shows. */
  static async start(options: FlowTesterOptions): Promise<FlowTester> {
    if (typeof options !== 'object' || options === null) throw new TypeError('FlowTester.start needs an options object with a flow');
    const flow = parseFlow(options.flow);
    const tester = new FlowTester();
    const host = testerHost(withLocale(options.endpoint, options.locale), tester.log);
    const mode = options.init === true
      ? ({ action: 'data_exchange' } as const)
      : ({ action: 'navigate', ...(options.screen !== undefined ? { screen: options.screen } : {}), ...(options.data !== undefined ? { data: options.data } : {}) } as const);
    tester.session = await startFlow({
      flow,
      flowToken: options.flowToken ?? DEFAULT_FLOW_TOKEN,
      host,
      mode,
      ...(options.version !== undefined ? { version: options.version } : {}),
      ...(options.dataApiVersion !== undefined ? { dataApiVersion: options.dataApiVersion } : {}),
    });
    try {
      tester.checkSession('starting the flow');
    } catch (error) {
      if (error instanceof FlowStepError) error.exchanges = tester.exchanges;
      throw error;
    }
    return tester;
  }

  // ---- readers ---------------------------------------------------------------------------

  get status(): SessionStatus { return this.session.status; }
  /** Why the flow ended in an error, if it did. */
  get error(): SessionError | undefined { return this.session.error; }
  get screen(): { id: string; title: string; terminal: boolean } {
    const { id, title, terminal } = this.session.screen;
    return { id, title, terminal };
  }
  /** The full render model, for anything the summaries leave out. */
  get view(): ScreenView { return this.session.screen; }
  /** Screen ids of the back stack, oldest first. */
  get history(): readonly string[] { return this.session.history; }
  /** The response_json the flow completed with (flow_token included), once it has. */
  get completion(): Record<string, unknown> | undefined { return this.session.completion ?? this.log.completion; }
  /** Every request the endpoint saw, in order, with its status and latency (a 421 retry is two). */
  get exchanges(): readonly ExchangeRecord[] { return this.log.exchanges; }
  /** URLs the flow asked to open (open_url actions). */
  get openedUrls(): readonly string[] { return this.log.openedUrls; }
  /** The answered fields as the client's response summary shows them (sensitive ones masked). */
  summary(): SummaryItem[] { return this.session.summary(); }
  /** Current form values of the screen. */
  get form(): Readonly<Record<string, unknown>> { return this.session.form; }

  /** The visible components in screen order, with their current values. */
  components(): ComponentSummary[] { return visibleComponents(this.session.screen).map(summarize); }
  field(nameOrLabel: string): ComponentSummary { return summarize(this.find(nameOrLabel, 'a field')); }
  /** Field errors and the endpoint's error_message banner. */
  errors(): FieldErrorSummary[] { return fieldErrors(this.session.screen); }
  footer(): FooterSummary | undefined {
    const footer = this.session.screen.footer;
    if (footer === undefined) return undefined;
    return { label: footer.label, enabled: footer.enabled, ...(footer.disabledReason !== undefined ? { disabledReason: footer.disabledReason } : {}) };
  }
  /** The screen as a transcript entry: what a person sees. */
  snapshot(): { screen: string; title: string; components: ComponentSummary[]; errors: FieldErrorSummary[]; footer: FooterSummary | undefined } {
    return { screen: this.session.screen.id, title: this.session.screen.title, components: this.components(), errors: this.errors(), footer: this.footer() };
  }
  /** What is on screen, in words (used in every error message). */
  describe(): string { return describeScreen(this.session.screen); }

  // ---- assertions --------------------------------------------------------------------------

  expectScreen(id: string): this {
    if (this.session.screen.id !== id) {
      const failure = this.session.error === undefined ? '' : `\nthe flow ended in an error: ${this.session.error.message}`;
      throw new FlowAssertionError(`expected screen ${id}, but ${this.describe()}${failure}`, id, this.session.screen.id);
    }
    return this;
  }

  expectCompletion(partial: Record<string, unknown>): this {
    const completion = this.completion;
    if (completion === undefined) {
      throw new FlowAssertionError(`expected the flow to have completed, but it is ${this.session.status}; ${this.describe()}`, partial, undefined);
    }
    const mismatch = partialMismatch(completion, partial);
    if (mismatch !== undefined) throw new FlowAssertionError(`the completion does not match: ${mismatch}\ncompletion: ${show(completion)}`, partial, completion);
    return this;
  }

  expectField(nameOrLabel: string, value: unknown): this {
    const field = this.field(nameOrLabel);
    const mismatch = partialMismatch(field.value, value);
    if (mismatch !== undefined) throw new FlowAssertionError(`field "${nameOrLabel}" does not hold the expected value: ${mismatch}`, value, field.value);
    return this;
  }

  // ---- actions (queued, so chains run in order) ---------------------------------------------

  /** Types text (or a date string) into a TextInput, TextArea, DatePicker or CalendarPicker. */
  fill(nameOrLabel: string, value: unknown): FlowSteps {
    return this.enqueue(() => {
      const field = this.find(nameOrLabel, 'a field');
      if (PICKERS.has(field.type) || MULTI.has(field.type)) throw new FlowStepError(`"${nameOrLabel}" is a ${field.type}; use pick() or check() to choose its options`);
      const name = this.nameOf(field, nameOrLabel);
      const result = this.session.setValue(name, value);
      // Text the field rejects stays in it with its error, as on the phone: read it with errors().
      if (!result.ok && this.fieldError(name) === result.error) return;
      this.settle(result, nameOrLabel);
    });
  }

  /** Chooses one option of a Dropdown or RadioButtonsGroup, by option id or title. */
  pick(nameOrLabel: string, optionIdOrTitle: string): FlowSteps {
    return this.enqueue(async () => {
      const field = this.find(nameOrLabel, 'a field');
      if (!PICKERS.has(field.type)) throw new FlowStepError(`"${nameOrLabel}" is a ${field.type}, not a Dropdown or RadioButtonsGroup${MULTI.has(field.type) ? '; use check()' : ''}`);
      const option = this.option(field, optionIdOrTitle, nameOrLabel);
      const result = await this.session.select(this.nameOf(field, nameOrLabel), option);
      this.checkSession(`picking "${optionIdOrTitle}" in "${nameOrLabel}"`);
      this.settle(result, nameOrLabel);
    });
  }

  /** Checks options of a CheckboxGroup or ChipsSelector (others stay as they are). */
  check(nameOrLabel: string, ...optionIdsOrTitles: string[]): FlowSteps {
    return this.enqueue(() => this.multi(nameOrLabel, optionIdsOrTitles, true));
  }

  uncheck(nameOrLabel: string, ...optionIdsOrTitles: string[]): FlowSteps {
    return this.enqueue(() => this.multi(nameOrLabel, optionIdsOrTitles, false));
  }

  /** Flips an OptIn. */
  toggle(nameOrLabel: string): FlowSteps {
    return this.enqueue(() => {
      const field = this.find(nameOrLabel, 'a field');
      if (field.type !== 'OptIn') throw new FlowStepError(`"${nameOrLabel}" is a ${field.type}; toggle() works on an OptIn`);
      this.settle(this.session.setValue(this.nameOf(field, nameOrLabel), field.value !== true), nameOrLabel);
    });
  }

  /**
   * Taps the Footer (no argument, or its label), or an EmbeddedLink, NavigationList item or an
   * OptIn's "read more" by its name or text.
   */
  tap(labelOrName?: string | null): FlowSteps {
    return this.enqueue(async () => {
      const target = labelOrName ?? undefined;
      const footer = this.session.screen.footer;
      const isFooter = target === undefined || (footer !== undefined && (footer.label === target || footer.label.toLowerCase() === target.toLowerCase()));
      if (isFooter) {
        if (footer === undefined) throw new FlowStepError(`there is no Footer to tap; ${this.describe()}`);
        this.act(await this.session.submit(), `tapping "${footer.label}"`);
        return;
      }
      this.act(await this.session.activate(this.tapRef(target)), `tapping "${target}"`);
    });
  }

  /** The back button: the previous screen (or closing the flow on the first). */
  back(): FlowSteps {
    return this.enqueue(async () => { this.act(await this.session.back(), 'going back'); });
  }

  // ---- internals -----------------------------------------------------------------------------

  private enqueue(step: () => void | Promise<void>): FlowSteps {
    const run = this.queue.then(step);
    // A failed step fails its own chain; the next independent call still runs.
    this.queue = run.catch(() => undefined);
    return new FlowSteps(this, run);
  }

  private find(nameOrLabel: string, what: string): ComponentView {
    if (typeof nameOrLabel !== 'string' || nameOrLabel === '') throw new LookupError(`${what} must be named by a non-empty name or label`);
    const candidates = visibleComponents(this.session.screen).filter((c) => c.name !== undefined);
    try {
      return findOne(candidates, nameOrLabel, { name: (c) => c.name, label: labelOf }, (matches) => matches.map((m) => `${m.type} "${m.name ?? ''}"`).join(', '));
    } catch (error) {
      if (error instanceof LookupError) throw new LookupError(`${error.message}\n${this.describe()}`);
      throw error;
    }
  }

  private nameOf(component: ComponentView, asked: string): string {
    if (component.name === undefined) throw new LookupError(`"${asked}" has no name, so it holds no value`);
    return component.name;
  }

  private option(field: ComponentView, wanted: string, fieldName: string): string {
    const options = field.options ?? [];
    try {
      return findOne(options, wanted, { name: (o) => o.id, label: (o) => o.title }, (m) => m.map((o) => `"${o.id}"`).join(', ')).id;
    } catch (error) {
      if (!(error instanceof LookupError)) throw error;
      const listed = options.map((o) => `${o.id} ("${o.title}")${o.enabled ? '' : ' disabled'}`).join(', ');
      throw new LookupError(`${error.message.replace('nothing named or labelled', 'no option with id or title')} in "${fieldName}"; its options: ${listed || '(none)'}`);
    }
  }

  private async multi(nameOrLabel: string, wanted: readonly string[], on: boolean): Promise<void> {
    const field = this.find(nameOrLabel, 'a field');
    if (!MULTI.has(field.type)) throw new FlowStepError(`"${nameOrLabel}" is a ${field.type}, not a CheckboxGroup or ChipsSelector${PICKERS.has(field.type) ? '; use pick()' : ''}`);
    if (wanted.length === 0) throw new FlowStepError(`name at least one option of "${nameOrLabel}" to ${on ? 'check' : 'uncheck'}`);
    const name = this.nameOf(field, nameOrLabel);
    for (const each of wanted) {
      const id = this.option(field, each, nameOrLabel);
      const result = await (on ? this.session.select(name, id) : this.session.unselect(name, id));
      this.checkSession(`${on ? 'checking' : 'unchecking'} "${each}" in "${nameOrLabel}"`);
      this.settle(result, nameOrLabel);
    }
  }

  /** The reference session.activate() takes for a tappable component named or labelled `target`. */
  private tapRef(target: string): string {
    const tappable = visibleComponents(this.session.screen).filter((c) => TAPPABLE.has(c.type));
    const items = tappable.flatMap((c) =>
      c.type === 'NavigationList'
        ? (c.options ?? []).map((o) => ({ ref: c.name === undefined ? o.id : `${c.name}.${o.id}`, name: o.id, label: o.title }))
        : [{ ref: c.name ?? c.pointer, name: c.name, label: labelOf(c) }],
    );
    try {
      return findOne(items, target, { name: (i) => i.name, label: (i) => i.label }, (m) => m.map((i) => `"${i.label ?? i.ref}"`).join(', ')).ref;
    } catch (error) {
      if (error instanceof LookupError) throw new LookupError(`nothing to tap named or labelled "${target}"${error.message.startsWith('"') ? ` (${error.message})` : ''}\n${this.describe()}`);
      throw error;
    }
  }

  private fieldError(name: string): string | undefined {
    return visibleComponents(this.session.screen).find((c) => c.name === name)?.error;
  }

  private settle(result: FieldResult, field: string): void {
    if (!result.ok) throw new FlowStepError(`"${field}" refused the value: ${result.error}\n${this.describe()}`);
  }

  private act(result: ActionResult, what: string): void {
    this.checkSession(what);
    if (!result.ok) throw new FlowStepError(`${what} did nothing: ${result.reason}\n${this.describe()}`);
  }

  private checkSession(what: string): void {
    const error = this.session.error;
    if (this.session.status === 'error' && error !== undefined) {
      const cause = this.log.lastFailure === undefined ? '' : `\ncause: ${this.log.lastFailure}`;
      throw new FlowStepError(`${what} ended the flow with an error: ${error.message}${cause}`, error);
    }
  }
}
