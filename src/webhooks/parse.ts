// parseWebhook: a delivered body (already JSON-parsed) → typed events. Never throws: every
// part it cannot read becomes an `unrecognized` event that says why and where (JSON pointer).
//
// Shapes (Meta's webhook docs, developers.facebook.com/documentation/business-messaging/
// whatsapp/flows/guides/flowswebhooks, and the seed's 360dialog guide):
//   Cloud API:  { object: 'whatsapp_business_account', entry: [{ id, time?, changes: [{ field, value }] }] }
//               field 'messages': value { messaging_product, metadata, contacts?, messages?, statuses? }
//               field 'flows':    value { event, flow_id, message, old_status/new_status, warning? | alert
//                                 fields: alert_state, threshold, requests_count, error_rate, errors,
//                                 p50_latency, p90_latency, availability, warning }
//   On-Premise: { contacts?, messages? } or { statuses? } at the top level.
// A flow completion is a message of type 'interactive' with interactive.type 'nfm_reply';
// nfm_reply.response_json is a string holding a JSON object that carries flow_token.
import { normalizeFlowErrorType } from './flow-errors.js';
import { printable } from './storable.js';
import type {
  CloudOrigin,
  FlowAlertError,
  FlowAlertEvent,
  FlowCompletionEvent,
  FlowStatusChangeEvent,
  HostingType,
  MessageEvent,
  StatusError,
  StatusEvent,
  UnrecognizedEvent,
  WebhookEvent,
} from './types.js';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unrecognized(pointer: string, reason: string): UnrecognizedEvent {
  return { kind: 'unrecognized', reason, pointer };
}

/**
 * A wire string quoted in a reason: an id can hold anything, and a reason goes to logs and
 * databases, so NUL, control characters and lone surrogates are escaped and the length capped.
 */
function shown(text: string): string {
  return printable(text, 80);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Ids and timestamps are strings on the wire; a number is accepted and turned into one. */
function idLike(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

interface Context {
  readonly hostingType: HostingType;
  readonly names: ReadonlyMap<string, string>;
  /** Spread into every event of the change (empty for On-Premise), built once per change. */
  readonly origin: CloudOrigin;
}

/**
 * Optional fields are left out rather than set to undefined, so events compare cleanly. Copied
 * rather than deleted in place: `delete` turns an object into a slow dictionary.
 */
function defined<T extends object>(value: T): T {
  const out: Partial<T> = {};
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] !== undefined) out[key] = value[key];
  return out as T;
}

export function parseWebhook(body: unknown): WebhookEvent[] {
  if (!isRecord(body)) return [unrecognized('', 'the body is not a JSON object')];
  if ('object' in body || 'entry' in body) return parseCloud(body);
  if ('messages' in body || 'statuses' in body || 'contacts' in body) {
    return parseMessagesValue(body, '', { hostingType: 'on_premise', names: new Map(), origin: {} });
  }
  return [unrecognized('', 'neither a Cloud API envelope (object, entry) nor an On-Premise one (contacts, messages, statuses)')];
}

function parseCloud(body: Json): WebhookEvent[] {
  if (body.object !== 'whatsapp_business_account') {
    return [unrecognized('/object', `object must be "whatsapp_business_account"; got ${describe(body.object)}`)];
  }
  if (!Array.isArray(body.entry)) return [unrecognized('/entry', 'entry must be an array')];
  const events: WebhookEvent[] = [];
  body.entry.forEach((entry: unknown, i) => {
    const at = `/entry/${i}`;
    if (!isRecord(entry)) return events.push(unrecognized(at, 'an entry must be an object'));
    if (!Array.isArray(entry.changes)) return events.push(unrecognized(`${at}/changes`, 'changes must be an array'));
    const wabaId = idLike(entry.id);
    const time = num(entry.time);
    entry.changes.forEach((change: unknown, j) => {
      const cat = `${at}/changes/${j}`;
      if (!isRecord(change)) return events.push(unrecognized(cat, 'a change must be an object'));
      if (!isRecord(change.value)) return events.push(unrecognized(`${cat}/value`, 'value must be an object'));
      if (change.field === 'messages') {
        const metadata = isRecord(change.value.metadata) ? change.value.metadata : {};
        const context: Context = {
          hostingType: 'cloud',
          names: contactNames(change.value.contacts),
          origin: defined({ wabaId, phoneNumberId: idLike(metadata.phone_number_id), displayPhoneNumber: str(metadata.display_phone_number) }),
        };
        events.push(...parseMessagesValue(change.value, `${cat}/value`, context));
      } else if (change.field === 'flows') {
        events.push(parseFlowsValue(change.value, `${cat}/value`, wabaId, time));
      } else {
        events.push(unrecognized(`${cat}/field`, `field ${describe(change.field)} is not one this parser handles (messages, flows)`));
      }
    });
  });
  return events;
}

function contactNames(contacts: unknown): Map<string, string> {
  const names = new Map<string, string>();
  if (!Array.isArray(contacts)) return names;
  for (const c of contacts) {
    if (!isRecord(c)) continue;
    const waId = idLike(c.wa_id);
    const name = isRecord(c.profile) ? str(c.profile.name) : undefined;
    if (waId !== undefined && name !== undefined) names.set(waId, name);
  }
  return names;
}

function parseMessagesValue(value: Json, at: string, base: Context): WebhookEvent[] {
  const context: Context = base.hostingType === 'on_premise' ? { ...base, names: contactNames(value.contacts) } : base;
  const events: WebhookEvent[] = [];
  const hasMessages = value.messages !== undefined;
  const hasStatuses = value.statuses !== undefined;
  if (hasMessages) {
    if (!Array.isArray(value.messages)) events.push(unrecognized(`${at}/messages`, 'messages must be an array'));
    else value.messages.forEach((m: unknown, i) => events.push(parseMessage(m, `${at}/messages/${i}`, context)));
  }
  if (hasStatuses) {
    if (!Array.isArray(value.statuses)) events.push(unrecognized(`${at}/statuses`, 'statuses must be an array'));
    else value.statuses.forEach((s: unknown, i) => events.push(parseStatus(s, `${at}/statuses/${i}`, context)));
  }
  if (!hasMessages && !hasStatuses && context.hostingType === 'cloud') {
    events.push(unrecognized(at, 'a messages change without messages or statuses'));
  }
  return events;
}

function origin(context: Context): CloudOrigin {
  return context.origin;
}

function parseMessage(m: unknown, at: string, context: Context): WebhookEvent {
  if (!isRecord(m)) return unrecognized(at, 'a message must be an object');
  const messageId = idLike(m.id);
  if (messageId === undefined) return unrecognized(`${at}/id`, 'the message has no id');
  const from = idLike(m.from);
  if (from === undefined) return unrecognized(`${at}/from`, `message ${shown(messageId)} has no sender (from)`);
  const timestamp = idLike(m.timestamp) ?? '';
  const contextMessageId = isRecord(m.context) ? idLike(m.context.id) : undefined;
  const profileName = context.names.get(from);
  const interactive = isRecord(m.interactive) ? m.interactive : undefined;
  if (m.type === 'interactive' && interactive?.type === 'nfm_reply') {
    return parseCompletion(interactive.nfm_reply, `${at}/interactive/nfm_reply`, { messageId, from, timestamp, contextMessageId, profileName }, context);
  }
  const type = str(m.type);
  if (type === undefined) return unrecognized(`${at}/type`, `message ${shown(messageId)} has no type`);
  const text = isRecord(m.text) ? str(m.text.body) : undefined;
  const event: MessageEvent = defined({
    kind: 'message' as const,
    hostingType: context.hostingType,
    pointer: at,
    ...origin(context),
    messageId,
    from,
    type,
    timestamp,
    contextMessageId,
    text,
    profileName,
    raw: m,
  });
  return event;
}

interface MessageHead {
  messageId: string;
  from: string;
  timestamp: string;
  contextMessageId: string | undefined;
  profileName: string | undefined;
}

function parseCompletion(reply: unknown, at: string, head: MessageHead, context: Context): WebhookEvent {
  if (!isRecord(reply)) return unrecognized(at, `message ${shown(head.messageId)} is an nfm_reply without an nfm_reply object`);
  const raw = reply.response_json;
  let response: unknown;
  let responseJsonRaw: string;
  if (typeof raw === 'string') {
    responseJsonRaw = raw;
    try {
      response = JSON.parse(raw);
    } catch (error) {
      // The parser's message quotes the input (the user's answers); report only where it broke.
      const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
      return unrecognized(
        `${at}/response_json`,
        `response_json of message ${shown(head.messageId)} is not valid JSON${position === undefined ? '' : ` (error at character ${position})`}`,
      );
    }
  } else if (isRecord(raw)) {
    // The seed's sample shows an object here; Meta sends a string. Accept both.
    response = raw;
    responseJsonRaw = JSON.stringify(raw);
  } else {
    return unrecognized(`${at}/response_json`, `response_json of message ${shown(head.messageId)} is missing or not a string`);
  }
  if (!isRecord(response)) {
    return unrecognized(`${at}/response_json`, `response_json of message ${shown(head.messageId)} must hold a JSON object; got ${describe(response)}`);
  }
  const event: FlowCompletionEvent = defined({
    kind: 'flow_completion' as const,
    hostingType: context.hostingType,
    pointer: at.replace(/\/interactive\/nfm_reply$/, ''),
    ...origin(context),
    messageId: head.messageId,
    from: head.from,
    contextMessageId: head.contextMessageId,
    flowToken: str(response.flow_token),
    response,
    responseJsonRaw,
    timestamp: head.timestamp,
    replyName: str(reply.name) ?? '',
    profileName: head.profileName,
  });
  return event;
}

function parseStatus(s: unknown, at: string, context: Context): WebhookEvent {
  if (!isRecord(s)) return unrecognized(at, 'a status must be an object');
  const messageId = idLike(s.id);
  if (messageId === undefined) return unrecognized(`${at}/id`, 'the status has no message id');
  const status = str(s.status);
  if (status === undefined || status === '') return unrecognized(`${at}/status`, `the status of message ${shown(messageId)} has no status value`);
  const errors: StatusError[] = Array.isArray(s.errors)
    ? s.errors.filter(isRecord).map((e) =>
        defined({
          code: num(e.code),
          title: str(e.title),
          message: str(e.message),
          details: isRecord(e.error_data) ? str(e.error_data.details) : undefined,
        }),
      )
    : [];
  const event: StatusEvent = defined({
    kind: 'status' as const,
    hostingType: context.hostingType,
    pointer: at,
    ...origin(context),
    messageId,
    status,
    recipientId: idLike(s.recipient_id),
    timestamp: idLike(s.timestamp) ?? '',
    errors,
    raw: s,
  });
  return event;
}

// Fields of a flows alert that are not the measured figures.
const ALERT_HEAD = new Set(['event', 'flow_id', 'message', 'alert_state', 'threshold', 'warning']);

/** An alert's `errors` breakdown; entries that are not objects with an error_type are left out. */
function alertErrors(value: unknown): FlowAlertError[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter(isRecord).flatMap((e) => {
    const errorType = str(e.error_type);
    if (errorType === undefined) return [];
    return [defined({ errorType, code: normalizeFlowErrorType(errorType), errorRate: num(e.error_rate), errorCount: num(e.error_count) })];
  });
}

function parseFlowsValue(value: Json, at: string, wabaId: string | undefined, time: number | undefined): WebhookEvent {
  const event = str(value.event);
  if (event === undefined || event === '') return unrecognized(`${at}/event`, 'a flows change has no event');
  const flowId = idLike(value.flow_id);
  if (flowId === undefined) return unrecognized(`${at}/flow_id`, `the ${shown(event)} event has no flow_id`);
  const message = str(value.message);
  if (event === 'FLOW_STATUS_CHANGE') {
    const newStatus = str(value.new_status);
    if (newStatus === undefined) return unrecognized(`${at}/new_status`, `the status change of flow ${shown(flowId)} has no new_status`);
    const change: FlowStatusChangeEvent = defined({
      kind: 'flow_status_change' as const,
      hostingType: 'cloud' as const,
      pointer: at,
      wabaId,
      flowId,
      oldStatus: str(value.old_status),
      newStatus,
      message,
      warning: str(value.warning),
      time,
    });
    return change;
  }
  const metrics: Json = {};
  for (const [key, v] of Object.entries(value)) if (!ALERT_HEAD.has(key)) metrics[key] = v;
  const alert: FlowAlertEvent = defined({
    kind: 'flow_alert' as const,
    hostingType: 'cloud' as const,
    pointer: at,
    wabaId,
    flowId,
    alert: event,
    alertState: str(value.alert_state),
    threshold: num(value.threshold),
    message,
    requestsCount: num(value.requests_count),
    errorRate: num(value.error_rate),
    errors: alertErrors(value.errors),
    p50Latency: num(value.p50_latency),
    p90Latency: num(value.p90_latency),
    availability: num(value.availability),
    warning: str(value.warning),
    metrics,
    time,
  });
  return alert;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return `a ${typeof value}`;
}
