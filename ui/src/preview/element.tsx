// <waflow-phone>: the browser app's phone as a custom element any page can use, with no sandbox
// and no server. It runs the flow with the headless runtime in the page; an `endpoint` function
// stands in for the data_exchange endpoint (default: the builder's example stand-in). Its styles
// live in an open shadow root, so the page's CSS and the phone's do not meet.
import { render } from 'preact';
import { parseJson } from '../../../src/flow-json/parse/parse-json.js';
import { isFlowJsonVersion } from '../../../src/flow-json/versions.js';
import type { FlowJsonVersion } from '../../../src/runtime/index.js';
import { exampleData } from '../builder/preview-host.js';
import phoneCss from '../phone/phone.css?inline';
import { COMPLETE_EVENT, ERROR_EVENT, NAVIGATE_EVENT } from './events.js';
import type { WaflowEndpoint } from './events.js';
import elementCss from './preview.css?inline';
import { PreviewPhone } from './PreviewPhone.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON text to a value, or the problem with its line and column. */
function parseText(text: string, what: string): { value: unknown } | { problem: string } {
  const parsed = parseJson(text);
  const first = parsed.diagnostics.find((d) => d.severity === 'error');
  if (first === undefined) return { value: parsed.value };
  const at = first.range === undefined ? '' : ` at line ${first.range.start.line}, column ${first.range.start.column}`;
  return { problem: `${what} is not valid JSON${at}: ${first.message}` };
}

// Importable where there is no DOM (server rendering, Node): the class exists; only a browser defines it.
const ElementBase: typeof HTMLElement = typeof HTMLElement === 'undefined' ? (class {} as unknown as typeof HTMLElement) : HTMLElement;

export class WaflowPhoneElement extends ElementBase {
  static readonly observedAttributes = ['flow', 'src', 'screen', 'data', 'flow-token', 'version'];

  #flow: unknown;
  #flowProblem: string | undefined;
  #screen: string | undefined;
  #data: Json | undefined;
  #dataProblem: string | undefined;
  #flowToken: string | undefined;
  #version: FlowJsonVersion | undefined;
  #versionProblem: string | undefined;
  #endpoint: WaflowEndpoint | undefined;
  /** Rebuilt only when the flow, screen or data change: a new object restarts the session. */
  #start: { screen?: string; data?: Json } | undefined;
  #loading: AbortController | undefined;
  #scheduled = false;
  readonly #mount: HTMLDivElement;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = `${phoneCss}\n${elementCss}`;
    this.#mount = document.createElement('div');
    root.append(style, this.#mount);
    // Properties a page set before this module defined the element are own data properties that
    // hide the accessors: take them over.
    for (const key of ['flow', 'screen', 'data', 'flowToken', 'version', 'endpoint'] as const) {
      if (Object.prototype.hasOwnProperty.call(this, key)) {
        const value: unknown = (this as Record<string, unknown>)[key];
        delete (this as Record<string, unknown>)[key];
        (this as Record<string, unknown>)[key] = value;
      }
    }
  }

  /** The Flow JSON: an object, or JSON text. */
  get flow(): unknown {
    return this.#flow;
  }
  set flow(value: unknown) {
    this.#loading?.abort();
    this.#setFlow(value);
  }

  /** The screen to open (default: the entry screen). */
  get screen(): string | undefined {
    return this.#screen;
  }
  set screen(value: string | undefined) {
    this.#screen = value === null || value === '' ? undefined : value;
    this.#restart();
  }

  /** The opened screen's data (default: its `__example__` values). An object, or JSON text. */
  get data(): Json | undefined {
    return this.#data;
  }
  set data(value: Json | string | undefined) {
    this.#dataProblem = undefined;
    let parsed: unknown = value;
    if (typeof value === 'string') {
      const read = parseText(value, 'data');
      parsed = 'value' in read ? read.value : undefined;
      if ('problem' in read) this.#dataProblem = read.problem;
    }
    if (parsed !== undefined && parsed !== null && !isObject(parsed)) this.#dataProblem = 'data must be a JSON object';
    this.#data = isObject(parsed) ? parsed : undefined;
    this.#restart();
  }

  get flowToken(): string | undefined {
    return this.#flowToken;
  }
  set flowToken(value: string | undefined) {
    this.#flowToken = value === null || value === '' ? undefined : value;
    this.#schedule();
  }

  /** Overrides the flow's own `version`. */
  get version(): FlowJsonVersion | undefined {
    return this.#version;
  }
  set version(value: string | undefined) {
    this.#versionProblem = undefined;
    this.#version = undefined;
    if (value === undefined || value === null || value === '') {
      // no override
    } else if (isFlowJsonVersion(value)) this.#version = value;
    else this.#versionProblem = `version "${String(value)}" is not a Flow JSON version`;
    this.#schedule();
  }

  /** The data_exchange stub (INIT, BACK, data_exchange); default: the example stand-in. */
  get endpoint(): WaflowEndpoint | undefined {
    return this.#endpoint;
  }
  set endpoint(value: WaflowEndpoint | undefined) {
    this.#endpoint = typeof value === 'function' ? value : undefined;
    this.#schedule();
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    const text = value ?? undefined;
    if (name === 'flow') this.flow = text;
    else if (name === 'src') this.#load(text);
    else if (name === 'screen') this.screen = text;
    else if (name === 'data') this.data = text;
    else if (name === 'flow-token') this.flowToken = text;
    else if (name === 'version') this.version = text;
  }

  connectedCallback(): void {
    this.#schedule();
  }

  disconnectedCallback(): void {
    // Unmounting ends the session; a later connect starts it afresh.
    render(null, this.#mount);
  }

  #setFlow(value: unknown): void {
    this.#flowProblem = undefined;
    if (typeof value === 'string') {
      const read = parseText(value, 'The Flow JSON');
      this.#flow = 'value' in read ? read.value : undefined;
      if ('problem' in read) this.#flowProblem = read.problem;
    } else {
      this.#flow = value ?? undefined;
    }
    this.#restart();
  }

  /** Fetches the Flow JSON from `src`; a later `src` or `flow` wins over a slower fetch. */
  #load(url: string | undefined): void {
    this.#loading?.abort();
    if (url === undefined || url === '') return;
    const loading = new AbortController();
    this.#loading = loading;
    this.#flow = undefined;
    this.#flowProblem = undefined;
    this.#schedule();
    fetch(new URL(url, document.baseURI), { signal: loading.signal })
      .then(async (res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return res.text();
      })
      .then((text) => {
        if (!loading.signal.aborted) this.#setFlow(text);
      })
      .catch((error: unknown) => {
        if (loading.signal.aborted) return;
        this.#flow = undefined;
        this.#flowProblem = `Could not load the Flow JSON from ${url}: ${error instanceof Error ? error.message : String(error)}`;
        this.#schedule();
      });
  }

  #restart(): void {
    const screen = this.#screen;
    // A screen opened without data shows its examples, as the builder's preview does.
    const data = this.#data ?? (screen === undefined ? undefined : exampleData(this.#flow, screen));
    this.#start = screen === undefined && data === undefined ? undefined : { ...(screen === undefined ? {} : { screen }), ...(data === undefined ? {} : { data }) };
    this.#schedule();
  }

  /** Renders once per task however many properties were set in a row. */
  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.isConnected) this.#render();
    });
  }

  #render(): void {
    const problem = this.#flowProblem ?? this.#dataProblem ?? this.#versionProblem;
    render(
      <PreviewPhone
        flow={this.#flow}
        {...(problem === undefined ? {} : { problem })}
        {...(this.#start === undefined ? {} : { start: this.#start })}
        {...(this.#flowToken === undefined ? {} : { flowToken: this.#flowToken })}
        {...(this.#version === undefined ? {} : { version: this.#version })}
        {...(this.#endpoint === undefined ? {} : { endpoint: this.#endpoint })}
        onNavigate={(detail) => this.#emit(NAVIGATE_EVENT, detail)}
        onComplete={(detail) => this.#emit(COMPLETE_EVENT, detail)}
        onError={(detail) => this.#emit(ERROR_EVENT, detail)}
      />,
      this.#mount,
    );
  }

  #emit(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}
