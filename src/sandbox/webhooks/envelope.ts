// Webhook bodies in each hosting type's envelope. Cloud API wraps every change as
// `{ object: "whatsapp_business_account", entry: [{ id, changes: [{ field, value }] }] }`
// (Meta, Cloud API webhooks); On-Premise posts the seed's top-level `{ contacts, messages }` or
// `{ statuses }`. Flow status and endpoint alerts are WABA-level `flows` webhooks, which only
// exist in the Cloud envelope (Meta, "Flows Webhooks"), so both hosting types get that one.
import type { HostingType } from '../../api/types.js';

export interface WebhookAccount {
  /** WhatsApp Business Account id (entry.id). */
  wabaId: string;
  /** The business number (digits) and its phone_number_id. */
  displayPhoneNumber: string;
  phoneNumberId: string;
}

export interface WebhookContact {
  waId: string;
  name?: string;
}

/** Unix seconds as a string, the type both APIs use for `timestamp`. */
export function unixSeconds(at: Date): string {
  return String(Math.floor(at.getTime() / 1000));
}

function contactsOf(contact: WebhookContact): Record<string, unknown>[] {
  return [{ profile: { name: contact.name ?? contact.waId }, wa_id: contact.waId }];
}

function cloudEnvelope(account: WebhookAccount, field: string, value: Record<string, unknown>, at?: Date): Record<string, unknown> {
  const entry: Record<string, unknown> = { id: account.wabaId, changes: [{ value, field }] };
  if (at !== undefined) entry.time = Math.floor(at.getTime() / 1000);
  return { object: 'whatsapp_business_account', entry: [entry] };
}

/** An inbound message (a user's reply, a flow completion) from `contact`. */
export function messageWebhook(hostingType: HostingType, account: WebhookAccount, contact: WebhookContact, message: Record<string, unknown>): Record<string, unknown> {
  if (hostingType === 'on-premise') return { contacts: contactsOf(contact), messages: [message] };
  return cloudEnvelope(account, 'messages', {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: account.displayPhoneNumber, phone_number_id: account.phoneNumberId },
    contacts: contactsOf(contact),
    messages: [message],
  });
}

export interface StatusUpdate {
  messageId: string;
  recipientId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  at: Date;
  errors?: { code: number; title: string }[];
}

/** A delivery status of a business message. */
export function statusWebhook(hostingType: HostingType, account: WebhookAccount, update: StatusUpdate): Record<string, unknown> {
  const status: Record<string, unknown> = {
    id: update.messageId,
    status: update.status,
    timestamp: unixSeconds(update.at),
    recipient_id: update.recipientId,
  };
  if (update.errors !== undefined) status.errors = update.errors;
  if (hostingType === 'on-premise') return { statuses: [status] };
  return cloudEnvelope(account, 'messages', {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: account.displayPhoneNumber, phone_number_id: account.phoneNumberId },
    statuses: [status],
  });
}

/** A `flows` change: FLOW_STATUS_CHANGE or an endpoint alert (value as Meta's "Flows Webhooks" lists it). */
export function flowsWebhook(account: WebhookAccount, value: Record<string, unknown>, at: Date): Record<string, unknown> {
  return cloudEnvelope(account, 'flows', value, at);
}
