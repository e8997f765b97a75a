// Typed events parsed from WhatsApp's webhooks as 360dialog delivers them: the Cloud API
// envelope (object/entry/changes, field "messages" or "flows") and the On-Premise envelope
// (contacts/messages/statuses at the top level).
import type { HostingType } from '../store/completions.js';

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

/** A flow response message (interactive nfm_reply): the user completed a flow. */
export interface FlowCompletionEvent extends EventBase, CloudOrigin {
  readonly kind: 'flow_completion';
  readonly messageId: string;
  /** The user's WhatsApp id. */
  readonly from: string;
  /** The flow message the user replied to (context.id). */
  readonly contextMessageId?: string;
  /** flow_token from response_json; absent only if the flow message was sent without one. */
  readonly flowToken?: string;
  /** response_json parsed. */
  readonly response: Record<string, unknown>;
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

/** `flows` field, event FLOW_STATUS_CHANGE. */
export interface FlowStatusChangeEvent extends EventBase {
  readonly kind: 'flow_status_change';
  readonly wabaId?: string;
  readonly flowId: string;
  readonly oldStatus?: FlowStatus;
  readonly newStatus: FlowStatus;
  readonly message?: string;
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

/**
 * `flows` field, a health alert (or another event on that field we pass through). Alert kinds and
 * their throttling effect: developers.facebook.com/documentation/business-messaging/whatsapp/flows/guides/healthmonitoring
 */
export interface FlowAlertEvent extends EventBase {
  readonly kind: 'flow_alert';
  readonly wabaId?: string;
  readonly flowId: string;
  readonly alert: FlowAlertType;
  /** ACTIVATED when the threshold is crossed, DEACTIVATED when it recovers. */
  readonly alertState?: 'ACTIVATED' | 'DEACTIVATED' | (string & {});
  readonly threshold?: number;
  readonly message?: string;
  /** The measured figures Meta sends with the alert (error_rate, p50_latency, p90_latency, requests_count, availability, errors). */
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
