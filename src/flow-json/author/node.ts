// The runtime side of the builders: a component is a plain Flow JSON object (type first, then the
// properties as given, references still Ref values until toFlowJson); an action likewise. Only the
// TypeScript types (components.generated.ts) differ by version.

/** A component built for a flow; `T` is its Flow JSON `type`. */
export interface Component<T extends string = string> {
  readonly type: T;
  readonly [property: string]: unknown;
}

/** Builds the component `type` from its properties (what every generated builder calls). */
export function component<T extends string>(type: T, props: object): Component<T> {
  return { type, ...props };
}

/**
 * Escape hatch: a value passed through exactly as written and not type-checked (typed `any`, so
 * it fits any place). For components, properties or actions the builders do not express (a newer
 * platform feature, an unusual shape); `waflow convert` uses it so any real flow converts losslessly.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- unchecked on purpose: any place accepts it
export function raw(value: unknown): any {
  return value;
}

/** Data an action carries: literals, references and nested objects or arrays of them. */
export type Payload = { readonly [key: string]: unknown };

export interface NavigateAction {
  readonly name: 'navigate';
  readonly next: { readonly type: 'screen'; readonly name: string };
  readonly payload?: Payload;
}
export interface DataExchangeAction {
  readonly name: 'data_exchange';
  readonly payload?: Payload;
}
export interface CompleteAction {
  readonly name: 'complete';
  readonly payload?: Payload;
}
export interface UpdateDataAction {
  readonly name: 'update_data';
  readonly payload: Payload;
}
export interface OpenUrlAction {
  readonly name: 'open_url';
  readonly url: string;
}

/** Where a data_exchange may lead; read by toFlowJson for routing_model, never written to the JSON. */
export const ROUTES: unique symbol = Symbol.for('waflow.author.routes');

/** Opens screen `screen`; `payload` becomes its `${data.*}`. Adds screen → screen to routing_model. */
export function navigate(screen: string, payload?: Payload): NavigateAction {
  const next = { type: 'screen', name: screen } as const;
  return payload === undefined ? { name: 'navigate', next } : { name: 'navigate', next, payload };
}

export interface DataExchangeOptions {
  /**
   * The screens the endpoint may answer this exchange with. The endpoint decides at run time, so
   * routing_model cannot see them in the flow: list them here and toFlowJson adds the edges.
   */
  readonly next?: readonly string[];
}

/** Sends `payload` to the flow endpoint, which answers with the next screen (see options.next). */
export function dataExchange(payload?: Payload, options: DataExchangeOptions = {}): DataExchangeAction {
  const action: DataExchangeAction = payload === undefined ? { name: 'data_exchange' } : { name: 'data_exchange', payload };
  if (options.next !== undefined) Object.defineProperty(action, ROUTES, { value: [...options.next], enumerable: false });
  return action;
}

/** Ends the flow; `payload` is delivered to the business in the response message. */
export function complete(payload?: Payload): CompleteAction {
  return payload === undefined ? { name: 'complete' } : { name: 'complete', payload };
}

/** Updates the current screen's data at once (Flow JSON 6.0 and later). */
export function updateData(payload: Payload): UpdateDataAction {
  return { name: 'update_data', payload };
}

/** Opens a web address in the device's browser (Flow JSON 6.0 and later). */
export function openUrl(url: string): OpenUrlAction {
  return { name: 'open_url', url };
}

/** The data_exchange targets given with `options.next`, if any. */
export function routesOf(value: object): readonly string[] | undefined {
  const routes = (value as { [ROUTES]?: readonly string[] })[ROUTES];
  return Array.isArray(routes) ? routes : undefined;
}
