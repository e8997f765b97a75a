// The session: a flow being run as the WhatsApp client runs it. Holds the back stack of screen
// states, applies user input through the catalogue's rules, runs actions, and sends endpoint
// requests through the host. Every outcome is a value; nothing here throws at a caller after start.
import { getActionSpec } from '../flow-json/catalogue/index.js';
import { checkValue, exampleOf } from '../flow-json/data-model/index.js';
import type { ScopeValues } from '../flow-json/expressions/index.js';
import { toText } from '../flow-json/expressions/index.js';
import { describeRange, inRange, type FlowJsonVersion } from '../flow-json/versions.js';
import { isRecord, loadFlow, type FlowDoc, type Json, type ScreenDef } from './document.js';
import { RuntimeError } from './errors.js';
import { resolveDeep, type ValueEnv } from './evaluate.js';
import { renderScreen, type FieldInfo, type Rendered, type ScreenState } from './render.js';
import { checkFieldValue } from './rules.js';
import { summarise } from './summary.js';
import type {
  ActionResult, ExchangeRequest, FieldResult, FlowSession, RuntimeHost, ScreenView, SessionError, SessionStatus, StartOptions,
  SummaryItem,
} from './types.js';

const EMPTY_VIEW: ScreenView = { id: '', title: '', terminal: false, data: {}, components: [] };

function newState(id: string, data: Record<string, unknown>): ScreenState {
  // Field names come from the flow: maps without a prototype keep "constructor" or "__proto__" plain keys.
  return { id, data, form: Object.create(null) as Record<string, unknown>, inputErrors: Object.create(null) as Record<string, string>, dismissed: new Set(), initialized: new Set() };
}

/** What an endpoint failure means to the client (endpoint guide, "Error handling" status codes). */
function endpointFailure(err: unknown): SessionError {
  const status = isRecord(err) || err instanceof Error ? (err as { status?: unknown }).status : undefined;
  // Read duck-typed: a host may reject with its own error class carrying the same fields.
  const kind = isRecord(err) || err instanceof Error ? (err as { kind?: unknown }).kind : undefined;
  if (kind === 'decrypt') {
    return { kind: 'decrypt', message: 'The client could not decrypt the endpoint response (response-decryption-error): encrypt it with the request\'s AES key and the flipped IV.' };
  }
  if (kind === 'network') return { kind: 'endpoint', message: 'The endpoint could not be reached; the client shows "Something went wrong".' };
  if (status === 427) {
    const shown = (err as { userMessage?: unknown }).userMessage;
    if (typeof shown === 'string' && shown !== '') {
      return { kind: 'flow-token-expired', status, userMessage: shown, message: `The flow token is no longer valid (HTTP 427): the client shows "${shown}" and disables the button.` };
    }
    return { kind: 'flow-token-expired', status, message: 'The flow token is no longer valid (HTTP 427): the client shows an error and disables the button.' };
  }
  if (status === 421) {
    return { kind: 'decrypt', status, message: 'The endpoint could not decrypt the request (HTTP 421) even after the client refetched the public key.' };
  }
  if (typeof status === 'number') return { kind: 'endpoint', status, message: `The endpoint answered HTTP ${status}; the client shows "Something went wrong".` };
  return { kind: 'endpoint', message: 'The endpoint could not be reached; the client shows "Something went wrong".' };
}

class Session implements FlowSession {
  private stack: ScreenState[] = [];
  private cache: Rendered | undefined;
  private busy = false;
  private readonly listeners = new Set<(s: FlowSession) => void>();
  status: SessionStatus = 'open';
  completion?: Record<string, unknown>;
  error?: SessionError;

  constructor(
    private readonly doc: FlowDoc,
    private readonly flowToken: string,
    private readonly host: RuntimeHost | undefined,
  ) {}

  get version(): FlowJsonVersion {
    return this.doc.version;
  }

  get history(): readonly string[] {
    return this.stack.map((s) => s.id);
  }

  get screen(): ScreenView {
    return this.rendered()?.view ?? EMPTY_VIEW;
  }

  get form(): Readonly<Record<string, unknown>> {
    const r = this.rendered();
    const top = this.top();
    return r && top ? this.activeForm(r, top) : {};
  }

  // ---- state helpers -------------------------------------------------------------------------

  private top(): ScreenState | undefined {
    return this.stack[this.stack.length - 1];
  }

  private def(id: string): ScreenDef {
    return this.doc.screens.get(id) as ScreenDef;
  }

  private env(state: ScreenState, form: Record<string, unknown> = state.form): ValueEnv {
    const screens: Record<string, ScopeValues> = {};
    for (const s of this.stack) screens[s.id] = { data: s.data, form: s.form };
    return { data: state.data, form, screens };
  }

  /** Renders a screen state, applying init values the first time each field appears. */
  private renderState(state: ScreenState): Rendered {
    let rendered = renderScreen(this.def(state.id), state, this.env(state), this.doc.version);
    // Init values can switch If branches on, which can bring more fields (each initialised once).
    for (let round = 0; round < 8; round++) {
      let changed = false;
      for (const f of rendered.fields.values()) {
        if (state.initialized.has(f.name)) continue;
        state.initialized.add(f.name);
        if (f.initValue === undefined || state.form[f.name] !== undefined) continue;
        const checked = checkFieldValue(f.ctx, f.initValue);
        // An empty init value leaves the field untouched (out of payloads), as before any typing;
        // only a field the user empties holds "".
        if (checked.ok && checked.value !== undefined && checked.value !== '') {
          state.form[f.name] = checked.value;
          changed = true;
        }
      }
      if (!changed) break;
      rendered = renderScreen(this.def(state.id), state, this.env(state), this.doc.version);
    }
    return rendered;
  }

  private rendered(): Rendered | undefined {
    const top = this.top();
    if (!top) return undefined;
    this.cache ??= this.renderState(top);
    return this.cache;
  }

  private changed(): void {
    this.cache = undefined;
    for (const listener of [...this.listeners]) {
      try {
        listener(this);
      } catch {
        // A failing UI listener must not break the flow or the other listeners.
      }
    }
  }

  /** The values `${form.x}` reads in payloads: fields in active branches that are visible. */
  private activeForm(r: Rendered, state: ScreenState): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of r.fields.values()) {
      if (!f.visible) continue;
      const value = state.form[f.name] ?? (f.type === 'OptIn' ? false : undefined);
      if (value !== undefined) out[f.name] = value;
    }
    return out;
  }

  private fail(error: SessionError): ActionResult {
    this.status = 'error';
    this.error = error;
    this.changed();
    return { ok: false, reason: error.message };
  }

  private refuse(): string | undefined {
    if (this.status === 'error') return `the flow stopped: ${this.error?.message ?? 'error'}`;
    if (this.status !== 'open') return `the flow is ${this.status}`;
    if (this.busy) return 'waiting for the endpoint to answer';
    return undefined;
  }

  // ---- input ---------------------------------------------------------------------------------

  private field(name: string): { field: FieldInfo; state: ScreenState } | { error: string } {
    const r = this.rendered();
    const state = this.top();
    const field = r?.fields.get(name);
    if (!r || !state || !field) {
      const names = r ? [...r.fields.keys()] : [];
      return { error: `no field named "${name}" on this screen${names.length ? ` (fields: ${names.join(', ')})` : ''}` };
    }
    if (!field.visible) return { error: `"${field.label}" is not visible` };
    if (!field.enabled) return { error: `"${field.label}" is disabled` };
    return { field, state };
  }

  setValue(name: string, value: unknown): FieldResult {
    if (this.status !== 'open') return { ok: false, error: `the flow is ${this.status}` };
    const found = this.field(name);
    if ('error' in found) return { ok: false, error: found.error };
    const { field, state } = found;
    const checked = checkFieldValue(field.ctx, value);
    state.dismissed.add(name);
    if (checked.ok) {
      delete state.inputErrors[name];
      if (checked.value === undefined) delete state.form[name];
      else state.form[name] = checked.value;
    } else {
      state.inputErrors[name] = checked.error;
      // What the user typed stays in the field, shown with its error, as on the phone.
      if (checked.value !== undefined) state.form[name] = checked.value;
    }
    this.changed();
    return checked.ok ? { ok: true, value: checked.value } : { ok: false, error: checked.error };
  }

  private option(field: FieldInfo, id: string): Json | undefined {
    return field.view.options?.find((o) => o.id === id)?.raw;
  }

  /** The field a selection changes, with its current value, or why it cannot be changed now. */
  private selectable(name: string): { field: FieldInfo; current: unknown } | { error: string } {
    const refused = this.refuse();
    if (refused) return { error: refused };
    const found = this.field(name);
    if ('error' in found) return found;
    return { field: found.field, current: found.state.form[name] };
  }

  async select(name: string, optionId: string): Promise<FieldResult> {
    const found = this.selectable(name);
    if ('error' in found) return { ok: false, error: found.error };
    const { field, current } = found;
    let next: unknown;
    let unselected: string | undefined;
    switch (field.type) {
      case 'CheckboxGroup':
      case 'ChipsSelector': {
        const list = Array.isArray(current) ? current : [];
        if (list.includes(optionId)) return { ok: true, value: list };
        next = [...list, optionId];
        break;
      }
      case 'OptIn':
        if (current === true) return { ok: true, value: true };
        next = true;
        break;
      case 'Dropdown':
      case 'RadioButtonsGroup':
        if (current === optionId) return { ok: true, value: current };
        if (typeof current === 'string') unselected = current;
        next = optionId;
        break;
      case 'CalendarPicker':
        next = field.ctx.props['mode'] === 'range' && optionId.includes('/')
          ? { 'start-date': optionId.split('/')[0], 'end-date': optionId.split('/')[1] }
          : optionId;
        break;
      case 'DatePicker':
        next = optionId;
        break;
      default:
        return { ok: false, error: `"${field.label}" (${field.type}) has no options to select` };
    }
    const previousOption = unselected === undefined ? undefined : this.option(field, unselected);
    const result = this.setValue(name, next);
    if (!result.ok) return result;
    // Changing a single choice unselects the old option; its own on-unselect-action runs first.
    if (previousOption?.['on-unselect-action'] !== undefined) {
      const r = await this.runAction(previousOption['on-unselect-action'], `${field.pointer}/data-source`);
      if (!r.ok) return { ok: false, error: r.reason };
    }
    const action = this.option(field, optionId)?.['on-select-action'] ?? field.raw['on-select-action'];
    if (action !== undefined) {
      const r = await this.runAction(action, `${field.pointer}/on-select-action`);
      if (!r.ok) return { ok: false, error: r.reason };
    }
    return result;
  }

  async unselect(name: string, optionId: string): Promise<FieldResult> {
    const found = this.selectable(name);
    if ('error' in found) return { ok: false, error: found.error };
    const { field, current } = found;
    let next: unknown;
    switch (field.type) {
      case 'CheckboxGroup':
      case 'ChipsSelector': {
        const list = Array.isArray(current) ? current : [];
        if (!list.includes(optionId)) return { ok: true, value: list };
        next = list.filter((id) => id !== optionId);
        break;
      }
      case 'OptIn':
        if (current !== true) return { ok: true, value: false };
        next = false;
        break;
      default:
        if (current !== optionId) return { ok: true, value: current };
        next = undefined;
    }
    const result = this.setValue(name, next);
    if (!result.ok) return result;
    // Per option first, then the component's; multi-selects without one reuse on-select-action
    // ("without it on-select-action handles both", components reference).
    const multi = field.type === 'CheckboxGroup' || field.type === 'ChipsSelector';
    const action = this.option(field, optionId)?.['on-unselect-action']
      ?? field.raw['on-unselect-action']
      ?? (multi ? field.raw['on-select-action'] : undefined);
    if (action !== undefined) {
      const r = await this.runAction(action, `${field.pointer}/on-unselect-action`);
      if (!r.ok) return { ok: false, error: r.reason };
    }
    return result;
  }

  // ---- actions -------------------------------------------------------------------------------

  async submit(): Promise<ActionResult> {
    const refused = this.refuse();
    if (refused) return { ok: false, reason: refused };
    const r = this.rendered();
    const footer = r?.view.footer;
    if (!r || !footer) return { ok: false, reason: 'this screen has no Footer' };
    if (!footer.enabled) return { ok: false, reason: footer.disabledReason ?? 'the Footer is disabled' };
    return this.runAction(r.footerAction, footer.pointer);
  }

  async activate(ref: string): Promise<ActionResult> {
    const refused = this.refuse();
    if (refused) return { ok: false, reason: refused };
    const r = this.rendered();
    const target = r?.activatables.find((a) => a.visible && a.refs.includes(ref));
    if (!r || !target) {
      const known = (r?.activatables ?? []).filter((a) => a.visible).map((a) => a.refs[0]);
      return { ok: false, reason: `nothing to tap named "${ref}" on this screen${known.length ? ` (try: ${known.join(', ')})` : ''}` };
    }
    if (target.action === undefined) return { ok: false, reason: `"${ref}" has no on-click-action` };
    return this.runAction(target.action, target.pointer);
  }

  private async runAction(action: unknown, where: string): Promise<ActionResult> {
    const state = this.top();
    const r = this.rendered();
    if (!state || !r) return { ok: false, reason: 'no screen is open' };
    if (!isRecord(action) || typeof action['name'] !== 'string') return { ok: false, reason: `the action at ${where} has no "name"` };
    const name = action['name'];
    const spec = getActionSpec(name);
    if (!spec) return { ok: false, reason: `unknown action "${name}" at ${where}` };
    if (!inRange(this.doc.version, spec.versions)) {
      return { ok: false, reason: `"${name}" is not available in Flow JSON ${this.doc.version} (${describeRange(spec.versions)})` };
    }
    if (state.errorMessage !== undefined) {
      delete state.errorMessage;
      this.cache = undefined;
    }
    const env = this.env(state, this.activeForm(r, state));
    const evaluated = resolveDeep(action['payload'] ?? {}, env, this.doc.version);
    const payload = isRecord(evaluated) ? evaluated : {};
    switch (name) {
      case 'navigate': {
        const next = isRecord(action['next']) ? action['next']['name'] : undefined;
        if (typeof next !== 'string' || !this.doc.screens.has(next)) {
          return this.fail({ kind: 'flow', message: `navigate at ${where} goes to ${JSON.stringify(next)}, which is not a screen of this flow` });
        }
        this.stack.push(newState(next, payload));
        this.changed();
        return { ok: true, outcome: 'navigated', screen: next };
      }
      case 'complete': {
        // response_json carries the flow_token first, whatever the payload says (webhook reference).
        const responseJson: Record<string, unknown> = { flow_token: this.flowToken, ...payload };
        responseJson['flow_token'] = this.flowToken;
        this.complete(responseJson);
        return { ok: true, outcome: 'completed' };
      }
      case 'update_data': {
        state.data = { ...state.data, ...payload };
        this.changed();
        return { ok: true, outcome: 'updated', screen: state.id };
      }
      case 'open_url': {
        const url = toText(resolveDeep(action['url'], env, this.doc.version));
        if (!url) return { ok: false, reason: `open_url at ${where} has no "url"` };
        this.host?.openUrl?.(url);
        return { ok: true, outcome: 'opened-url' };
      }
      case 'data_exchange':
        return this.exchange({ action: 'data_exchange', screen: state.id, data: payload }, 'forward');
      default:
        return { ok: false, reason: `unknown action "${name}"` };
    }
  }

  private complete(responseJson: Record<string, unknown>): void {
    this.status = 'completed';
    this.completion = responseJson;
    this.changed();
    try {
      this.host?.complete?.(responseJson);
    } catch {
      // The completion stands whatever the host does with it.
    }
  }

  /** Sends a request through the host and applies the response; `back` pops before applying. */
  private async exchange(request: Omit<ExchangeRequest, 'flowToken' | 'version'>, mode: 'init' | 'forward' | 'back'): Promise<ActionResult> {
    if (!this.host) return this.fail({ kind: 'flow', message: `a ${request.action} request needs an endpoint, and no host was given` });
    this.busy = true;
    let body: unknown;
    try {
      body = await this.host.exchange({ ...request, flowToken: this.flowToken, version: this.doc.dataApiVersion });
    } catch (err) {
      this.busy = false;
      return this.fail(endpointFailure(err));
    }
    this.busy = false;
    if (this.status !== 'open') return { ok: false, reason: `the flow is ${this.status}` };
    return this.applyResponse(body, mode);
  }

  private invalid(message: string, field?: string): ActionResult {
    return this.fail({ kind: 'invalid-response', message: `${message}; the client shows "Something went wrong"`, ...(field === undefined ? {} : { field }) });
  }

  private applyResponse(body: unknown, mode: 'init' | 'forward' | 'back'): ActionResult {
    if (!isRecord(body)) return this.invalid('the endpoint response is not a JSON object');
    const screen = body['screen'];
    const rawData = body['data'] ?? {};
    if (!isRecord(rawData)) return this.invalid('the response "data" is not an object', '/data');
    if (screen === 'SUCCESS') {
      // Endpoint guide: completion is { screen: "SUCCESS", data: { extension_message_response: { params } } }.
      const ext = rawData['extension_message_response'];
      const params = isRecord(ext) ? ext['params'] : undefined;
      if (!isRecord(params)) return this.invalid('a SUCCESS response needs data.extension_message_response.params', '/data/extension_message_response/params');
      if (typeof params['flow_token'] !== 'string') return this.invalid('extension_message_response.params needs the flow_token', '/data/extension_message_response/params/flow_token');
      this.complete({ ...params });
      return { ok: true, outcome: 'completed' };
    }
    const { error_message: errorMessage, ...data } = rawData;
    const current = this.top();
    if (screen === undefined && typeof errorMessage === 'string' && current && mode !== 'init') {
      current.errorMessage = errorMessage;
      this.changed();
      return { ok: true, outcome: 'error-message', screen: current.id };
    }
    if (typeof screen !== 'string') return this.invalid('the response has no "screen"', '/screen');
    const def = this.doc.screens.get(screen);
    if (!def) return this.invalid(`the response names screen "${screen}", which is not in this flow`, '/screen');
    if (mode === 'back') this.stack.pop();
    const top = this.top();
    const same = top !== undefined && top.id === screen && mode !== 'init';
    const nextData = same ? { ...top.data, ...data } : data;
    if (def.shape) {
      const mismatch = checkValue(nextData, def.shape)[0];
      if (mismatch) return this.invalid(`the response data does not fit screen "${screen}": ${mismatch.path || '/'} ${mismatch.message}`, `/data${mismatch.path}`);
    }
    const target = same ? top : newState(screen, nextData);
    if (same) {
      top.data = nextData;
      top.dismissed.clear(); // new error-messages from the endpoint show again
    } else {
      this.stack.push(target);
    }
    if (typeof errorMessage === 'string') target.errorMessage = errorMessage;
    this.changed();
    if (typeof errorMessage === 'string') return { ok: true, outcome: 'error-message', screen };
    return { ok: true, outcome: same ? 'updated' : mode === 'back' ? 'back' : 'navigated', screen };
  }

  async back(): Promise<ActionResult> {
    const refused = this.refuse();
    if (refused) return { ok: false, reason: refused };
    const current = this.top();
    if (!current) return { ok: false, reason: 'no screen is open' };
    if (this.stack.length <= 1) {
      this.close();
      return { ok: true, outcome: 'closed' };
    }
    // refresh_on_back: "whether to trigger a data exchange request ... when using the back button
    // while on this screen" (Flow JSON reference, screens); the endpoint answers with the previous
    // screen and its fresh data.
    if (this.def(current.id).refreshOnBack && this.host) {
      return this.exchange({ action: 'BACK', screen: current.id, data: {} }, 'back');
    }
    this.stack.pop();
    this.changed();
    return { ok: true, outcome: 'back', screen: this.top()?.id as string };
  }

  close(): void {
    if (this.status !== 'open') return;
    this.status = 'closed';
    this.changed();
  }

  subscribe(listener: (session: FlowSession) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  summary(): SummaryItem[] {
    const items: SummaryItem[] = [];
    const seen = new Set<string>();
    // The latest visit of each screen is what was answered.
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const state = this.stack[i] as ScreenState;
      if (seen.has(state.id)) continue;
      seen.add(state.id);
      const r = i === this.stack.length - 1 ? this.rendered() : this.renderState(state);
      if (r) items.unshift(...summarise(state.id, r.fields.values(), state.form, this.def(state.id).sensitive));
    }
    return items;
  }

  /** Opens the first screen (navigate start) or asks the endpoint for it (INIT). */
  async start(options: StartOptions): Promise<void> {
    const mode = options.mode;
    if (mode.action === 'data_exchange') {
      await this.exchange({ action: 'INIT', data: {} }, 'init');
      return;
    }
    const id = mode.screen ?? this.doc.entry;
    const def = this.doc.screens.get(id);
    if (!def) throw new RuntimeError('UNKNOWN_SCREEN', `screen "${id}" is not in this flow (screens: ${[...this.doc.screens.keys()].join(', ')})`);
    // Preview data is the data model's __example__ values, only when no data is given.
    const data = mode.data ?? (options.preview && def.shape ? exampleOf(def.shape) : {});
    this.stack.push(newState(id, { ...data }));
    this.changed();
  }
}

/**
 * Starts a flow as the WhatsApp client does: from `navigate` (the named or entry screen with the
 * given data) or from `data_exchange` (an INIT request through the host). Rejects with a
 * RuntimeError only for unusable options (no flow, unknown screen, INIT without a host); endpoint
 * failures during INIT leave the session in status "error".
 */
export async function startFlow(options: StartOptions): Promise<FlowSession> {
  if (!isRecord(options)) throw new RuntimeError('INVALID_OPTIONS', 'startFlow needs an options object');
  if (typeof options.flowToken !== 'string' || options.flowToken === '') throw new RuntimeError('INVALID_OPTIONS', 'startFlow needs a non-empty flowToken');
  const mode: unknown = options.mode;
  if (!isRecord(mode) || (mode['action'] !== 'navigate' && mode['action'] !== 'data_exchange')) {
    throw new RuntimeError('INVALID_OPTIONS', 'mode.action must be "navigate" or "data_exchange"');
  }
  if (mode['action'] === 'data_exchange' && !options.host) throw new RuntimeError('NO_HOST', 'starting with data_exchange (INIT) needs a host that reaches the endpoint');
  const doc = loadFlow(options.flow, options.version, options.dataApiVersion);
  const session = new Session(doc, options.flowToken, options.host);
  await session.start(options);
  return session;
}
