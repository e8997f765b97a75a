// Wire shapes of the WhatsApp Flows data channel, as Meta documents them in
// "Implementing Endpoint for Flows" (developers.facebook.com/docs/whatsapp/flows/guides/implementingyourflowendpoint).
// Pure types: no runtime code, no `node:` import, so browsers and edge runtimes can use them.

/** The JSON body WhatsApp POSTs to the endpoint. All three fields are base64 text. */
export interface EncryptedRequestEnvelope {
  encrypted_flow_data: string;
  encrypted_aes_key: string;
  initial_vector: string;
}

/** `data_api_version` of the Flow JSON; 4.0 adds flow-token signatures. */
export type DataApiVersion = '3.0' | '4.0';

/** Health check sent by WhatsApp; answered with `{ data: { status: 'active' } }`. */
export interface PingRequest {
  version: DataApiVersion;
  action: 'ping';
}

/** Fields every user-driven request carries. */
interface FlowRequestBase {
  version: DataApiVersion;
  flow_token: string;
  /** Data API 4.0: signature of the flow token by Meta (see flow-token-signature.ts). */
  flow_token_signature?: string;
}

/** The user opened a flow whose first screen needs data. */
export interface InitRequest extends FlowRequestBase {
  action: 'INIT';
  screen?: string;
  data?: Record<string, unknown>;
  user_locale?: string;
}

/** The user pressed back on a screen with `refresh_on_back: true`. */
export interface BackRequest extends FlowRequestBase {
  action: 'BACK';
  screen: string;
  data?: Record<string, unknown>;
}

/** A `data_exchange` action fired on a screen. */
export interface DataExchangeRequest extends FlowRequestBase {
  action: 'data_exchange';
  screen: string;
  data: Record<string, unknown>;
}

/**
 * The client tells the endpoint that its previous response was invalid
 * ("Error notification request"): action INIT or data_exchange, usually without `screen`,
 * and `data` with `error` (a key such as `invalid-screen-transition`) and `error_message`.
 * The endpoint answers `{ data: { acknowledged: true } }`.
 */
export interface ErrorNotificationRequest extends FlowRequestBase {
  action: 'INIT' | 'data_exchange';
  screen?: string;
  data: { error: string; error_message: string } & Record<string, unknown>;
}

export type DataChannelRequest =
  | PingRequest
  | InitRequest
  | BackRequest
  | DataExchangeRequest
  | ErrorNotificationRequest;

/** Next screen to show, with its data. */
export interface ScreenResponse {
  screen: string;
  data: Record<string, unknown>;
}

/** Ends the flow; the params go back to the chat in the completion message. */
export interface CompletionResponse {
  screen: 'SUCCESS';
  data: { extension_message_response: { params: Record<string, unknown> & { flow_token: string } } };
}

export interface PingResponse {
  data: { status: 'active' };
}

export interface ErrorAckResponse {
  data: { acknowledged: true };
}

export type DataChannelResponse = ScreenResponse | CompletionResponse | PingResponse | ErrorAckResponse;
