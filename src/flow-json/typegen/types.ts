// The shape of the types `generateFlowTypes` writes for a flow: what the endpoint and webhooks
// SDKs take as a type argument (`createFlowEndpoint<BookingFlow>`, `FlowCompletionEvent<BookingFlow>`).
// Generated types are object type literals, not interfaces, so they also fit the endpoint's
// `ScreenDataMap` constraint and stay assignable to `Record<string, unknown>` wherever a handler
// passes `ctx` on to code written for untyped contexts.

/** One screen of a flow, as typegen describes it. */
export interface ScreenTypes {
  /** The screen's data model: what `nextScreen(screen, data)` must send (every declared field). */
  data: Record<string, unknown>;
  /** What a data_exchange on this screen sends the endpoint (`ctx.data`); `never` when the screen has none. */
  exchange: Record<string, unknown>;
  /** navigate payloads from this screen, by target screen id. */
  navigate: Record<string, Record<string, unknown>>;
}

/** A flow's types as `waflow typegen` writes them. */
export interface FlowTypes {
  screens: { [screen: string]: ScreenTypes };
  /** What `response_json` of the completion message (nfm_reply) holds, `flow_token` included. */
  completion: Record<string, unknown>;
}

/** The completion payload of flow types `F`, or `F` itself when it already is one. */
export type CompletionOf<F> = F extends FlowTypes ? F['completion'] : F;
