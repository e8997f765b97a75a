// The version-independent shapes the generated builders refer to: screens, flows and the builder
// signatures of screen() and flow(). The runtime lives in screen.ts and flow.ts.
import type { DataModel, SchemaType } from './data-model.js';
import type { Component, Payload } from './node.js';
import type { Ref } from './ref.js';
import type { FlowJsonVersion } from '../versions.js';

/** A screen built for a flow: plain Flow JSON with references still as Ref values. */
export interface AuthoredScreen<Id extends string = string> {
  readonly id: Id;
  readonly layout: unknown;
  readonly [key: string]: unknown;
}

/** The references a screen body gets: `data.<field>` for its declared data, `form.<name>` for its declared form fields. */
export interface ScreenRefs<D, F extends readonly string[]> {
  readonly data: { readonly [K in keyof D]: Ref<SchemaType<D[K]>> };
  // A form value's type depends on the input (a TextInput of type number holds a number), which
  // the screen does not know before its body runs; the validator checks how it is used.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly form: { readonly [K in F[number]]: Ref<any> };
}

/** Options every screen has besides its catalogued properties (title, terminal...). */
export interface ScreenOptions<D, F extends readonly string[]> {
  /** The screen's data model; its fields become `data.<field>` in the body. */
  readonly data?: D;
  /**
   * The form fields the body reads as `form.<name>`: the `name`s of inputs on this screen.
   * Authoring only (not written to the JSON); a reference to a name not listed does not compile.
   */
  readonly form?: F;
  /** Screen keys written to the JSON exactly as given (escape hatch). */
  readonly extra?: Payload;
}

/** The layout of a screen: its children, a function of its references that returns them, or a layout component. */
export type ScreenBody<D, F extends readonly string[], C> =
  | readonly C[]
  | Component<'SingleColumnLayout'>
  | ((refs: ScreenRefs<D, F>) => readonly C[] | Component<'SingleColumnLayout'>);

/** `screen(id, options, body)` of one Flow JSON version: P its screen properties, C the components it allows. */
export type ScreenBuilder<P, C> = <const Id extends string, const D extends DataModel = Record<never, never>, const F extends readonly string[] = []>(
  id: Id,
  options: P & ScreenOptions<D, F>,
  body: ScreenBody<D, F, C>,
) => AuthoredScreen<Id>;

/** A flow's routing_model as written: screen id → the screens it may go to next. */
export type RoutingModel = { readonly [screen: string]: readonly string[] };

/** Options every flow has besides its catalogued properties (data_api_version...). */
export interface FlowOptions {
  readonly screens: readonly AuthoredScreen[];
  /**
   * "auto" derives it from the navigate actions and the `next` of dataExchange(payload, { next });
   * "none" leaves it out; or give it as written. Default: "auto" with a data_api_version (an
   * endpoint flow needs one), else "none".
   */
  readonly routing_model?: RoutingModel | 'auto' | 'none';
  /** Top-level keys written to the JSON exactly as given (escape hatch). */
  readonly extra?: Payload;
}

/** A flow built with the builders of version V; toFlowJson(flow) gives its Flow JSON. */
export interface AuthoredFlow<V extends FlowJsonVersion = FlowJsonVersion> {
  readonly version: V;
  readonly screens: readonly AuthoredScreen[];
  readonly routing_model?: RoutingModel | 'auto' | 'none';
  readonly [key: string]: unknown;
}

/** `flow(options)` of one Flow JSON version; P its top-level properties. */
export type FlowBuilder<V extends FlowJsonVersion, P> = (options: P & FlowOptions) => AuthoredFlow<V>;
