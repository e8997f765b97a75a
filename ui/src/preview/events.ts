// What `<waflow-phone>` tells the page: the events' names and details, and the endpoint stub's
// signature. The hand-written public declarations (public-types.d.ts) mirror these.
import type { ExchangeRequest } from '../../../src/runtime/index.js';

/** `waflow-navigate`: a screen is showing (the first one included), with the data it got. */
export interface WaflowNavigateDetail {
  readonly screen: string;
  readonly data: Record<string, unknown>;
}

/** `waflow-complete`: the flow completed; response_json as the nfm_reply webhook carries it. */
export interface WaflowCompleteDetail {
  readonly response_json: Record<string, unknown>;
}

/** `waflow-error`: the flow cannot start (bad JSON, unknown screen) or stopped (an endpoint failure). */
export interface WaflowErrorDetail {
  readonly message: string;
  /** The runtime's error kind when the flow stopped: endpoint, flow-token-expired, invalid-response… */
  readonly kind?: string;
  /** The endpoint's HTTP status, for endpoint errors. */
  readonly status?: number;
}

/**
 * The data_exchange stub: gets each INIT, BACK and data_exchange request and resolves with the
 * endpoint's decrypted answer (`{ screen, data }`), or rejects (an EndpointError carries a status).
 */
export type WaflowEndpoint = (request: ExchangeRequest) => Promise<unknown>;

export const NAVIGATE_EVENT = 'waflow-navigate';
export const COMPLETE_EVENT = 'waflow-complete';
export const ERROR_EVENT = 'waflow-error';
