// Typed events parsed from WhatsApp's webhooks as 360dialog delivers them: the Cloud API
// envelope (object/entry/changes, field "messages" or "flows") and the On-Premise envelope
// (contacts/messages/statuses at the top level).
import type { HostingType } from '../store/completions.js';
import type { CompletionOf } from '../flow-json/typegen/types.js';

export type { HostingType };

interface EventBase {
  /** Cloud API or On-Premise, decided from the envelope. */
  readonly hostingType: HostingType;
  /** JSON pointer into the delivered body where this event came from. */
  readonly pointer: string;
}

/** Where a Cloud API change came from (absent for On-Premise, which has no metadata). */
export interface CloudOrigin {
  /** entry[].id: the WhatsApp Business Account id. */
  readonly wabaId?: string;
  readonly phoneNumberId?: string;
  readonly displayPhoneNumber?: string;
}

/**
 * A flow response message (interactive nfm_reply): the user completed a flow. `C` types
 * `response`: a flow's generated types (`FlowCompletionEvent<BookingFlow>` reads its `completion`)
 * or the response_json shape itself. The parser does not know which flow a message answers, so
 * narrow an event to its flow where you know it (by flow token or flowId).
 */
export interface FlowCompletionEvent<C = Record<string, unknown>> extends EventBase, CloudOrigin {
  readonly kind: 'flow_completion';
  readonly messageId: string;
  /** The user's WhatsApp id. */
  readonly from: string;
  /** The flow message the user replied to (context.id). */
  readonly contextMessageId?: string;
  /** flow_token from response_json; absent only if the flow message was sent without one. */
  readonly flowToken?: string;
  /** response_json parsed. */
  readonly response: CompletionOf<C>;
  /** response_json exactly as received (a string on the wire). */
  readonly responseJsonRaw: string;
  /** Unix seconds, as sent. */
  readonly timestamp: string;
  /** nfm_reply.name: "flow" on Cloud API, "galaxy_message" on On-Premise. */
  readonly replyName: string;
  /** The sender's profile name from `contacts`, when given. */
  readonly profileName?: string;
}

/** Any other inbound message; the raw object is kept for the fields we do not model. */
export interface MessageEvent extends EventBase, CloudOrigin {
  readonly kind: 'message';
  readonly messageId: string;
  readonly from: string;
  readonly type: string;
  readonly timestamp: string;
  readonly contextMessageId?: string;
  /** text.body for text messages. */
  readonly text?: string;
  readonly profileName?: string;
  readonly raw: Record<string, unknown>;
}

export interface StatusError {
  readonly code?: number;
  readonly title?: string;
  readonly message?: string;
  readonly details?: string;
}

/** Known values; other strings (e.g. On-Premise "deleted", "warning") pass through. */
export type MessageStatus = 'sent' | 'delivered' | 'read' | 'failed' | (string & {});

/** Delivery status of a message the business sent. */
export interface StatusEvent extends EventBase, CloudOrigin {
  readonly kind: 'status';
  readonly messageId: string;
  readonly status: MessageStatus;
  readonly recipientId?: string;
  readonly timestamp: string;
  /** Present with status "failed". */
  readonly errors: StatusError[];
  readonly raw: Record<string, unknown>;
}

export type FlowStatus = 'DRAFT' | 'PUBLISHED' | 'DEPRECATED' | 'BLOCKED' | 'THROTTLED' | (string & {});

/** `flows` field, event FLOW_STATUS_CHANGE (on creation only `newStatus: 'DRAFT'`). */
export interface FlowStatusChangeEvent extends EventBase {
  readonly kind: 'flow_status_change';
  readonly wabaId?: string;
  readonly flowId: string;
  readonly oldStatus?: FlowStatus;
  readonly newStatus: FlowStatus;
  readonly message?: string;
  /** A version freeze/expiry warning, which may come with the change at creation. */
  readonly warning?: string;
  /** entry[].time, Unix seconds. */
  readonly time?: number;
}

export type FlowAlertType =
  | 'ENDPOINT_ERROR_RATE'
  | 'ENDPOINT_LATENCY'
  | 'ENDPOINT_AVAILABILITY'
  | 'CLIENT_ERROR_RATE'
  | 'FLOW_VERSION_EXPIRY_WARNING'
  | (string & {});

/** The error types of Flows alerts (platform-protocols.md §6.3), in their documented spelling. */
export type FlowErrorType =
  // Endpoint errors
  | 'timeout_error'
  | 'missing_capability'
  | 'cannot_be_served'
  | 'no_http_response_error'
  | 'unexpected_http_status_code'
  // Client errors
  | 'public-key-missing'
  | 'public-key-signiture-verification'
  | 'response-decryption-error'
  | 'invalid-screen-transition'
  | 'payload-schema-error'
  | 'business-decryption-error';

/** One line of an error-rate alert's `errors` breakdown. */
export interface FlowAlertError {
  /** error_type exactly as sent (Meta's examples also use upper-case names such as TIMEOUT). */
  readonly errorType: string;
  /** The documented type it stands for, when known (TIMEOUT → timeout_error). */
  readonly code?: FlowErrorType;
  /** Percent of the window's requests that failed this way. */
  readonly errorRate?: number;
  readonly errorCount?: number;
}

/**
 * `flows` field, a health alert or FLOW_VERSION_EXPIRY_WARNING (or another event on that field we
 * pass through). Thresholds (each reported on crossing up, ACTIVATED, and back down, DEACTIVATED):
 * ENDPOINT_ERROR_RATE and CLIENT_ERROR_RATE 5/10/50 % (30 and 60 min windows), ENDPOINT_LATENCY p90
 * 1000/5000/7000 ms (30 min), ENDPOINT_AVAILABILITY below 90 % (10 min). Alert kinds and their
 * throttling effect: developers.facebook.com/documentation/business-messaging/whatsapp/flows/guides/healthmonitoring
 */
export interface FlowAlertEvent extends EventBase {
  readonly kind: 'flow_alert';
  readonly wabaId?: string;
  readonly flowId: string;
  readonly alert: FlowAlertType;
  /** ACTIVATED when the threshold is crossed, DEACTIVATED when it recovers. */
  readonly alertState?: 'ACTIVATED' | 'DEACTIVATED' | (string & {});
  /** The threshold crossed: percent for rates and availability, ms for latency. */
  readonly threshold?: number;
  readonly message?: string;
  /** requests_count: requests in the alert's window. */
  readonly requestsCount?: number;
  /** error_rate: overall percent of failed requests (error-rate alerts). */
  readonly errorRate?: number;
  /** errors: the error rate by error type (error-rate alerts). */
  readonly errors?: readonly FlowAlertError[];
  /** p50_latency / p90_latency in ms (latency alerts). */
  readonly p50Latency?: number;
  readonly p90Latency?: number;
  /** availability in percent (availability alerts). */
  readonly availability?: number;
  /** warning: the version expiry warning (FLOW_VERSION_EXPIRY_WARNING). */
  readonly warning?: string;
  /** Every field of the value but event, flow_id, message, alert_state, threshold and warning, as sent. */
  readonly metrics: Record<string, unknown>;
  readonly time?: number;
}

/** A part of the body that could not be read as any event; never thrown, always reported. */
export interface UnrecognizedEvent {
  readonly kind: 'unrecognized';
  readonly reason: string;
  /** JSON pointer to the offending part. */
  readonly pointer: string;
}

export type WebhookEvent =
  | FlowCompletionEvent
  | MessageEvent
  | StatusEvent
  | FlowStatusChangeEvent
  | FlowAlertEvent
  | UnrecognizedEvent;

/** Every event but the unrecognized parts: the ones with an identity, stored by the handler. */
export type RecognizedEvent = Exclude<WebhookEvent, UnrecognizedEvent>;

/**
 * Why an event was quarantined: a NUL character or an unpaired surrogate in one of its strings,
 * nesting deeper than the handler follows, or the database refusing its content (SQLSTATE
 * class 22 or 54) for another reason.
 */
export type QuarantineCode = 'NUL_CHARACTER' | 'LONE_SURROGATE' | 'TOO_DEEP' | 'REJECTED_BY_STORE';

/** An event the webhook handler set aside rather than store or pass to the callbacks. */
export interface QuarantinedWebhookEvent {
  readonly code: QuarantineCode;
  /** Where the problem is, in words; never quotes the content. */
  readonly reason: string;
  /** The event exactly as parsed, hostile characters included: handle with care. */
  readonly event: RecognizedEvent;
  /** What the quarantine keeps: the event as JSON text, storable and lossless (see storable.ts). */
  readonly eventJson: string;
  /** Identifies the event across redeliveries (a digest of its content). */
  readonly key: string;
}
