// A typed in-process event bus: the API routes announce what happened (a message reached a phone,
// a flow or template changed status) and the phone UI, webhook dispatcher and health monitor
// listen. Listeners run after the emitter's work is done; one failing listener never breaks the
// request that emitted, nor the other listeners.
import type { HostingType } from '../api/types.js';

/** A business message as the simulated phone receives it. */
export interface MessageSentEvent {
  /** The wamid the send call answered with. */
  readonly messageId: string;
  readonly chatId: string;
  /** The business number (digits) and its phone record id. */
  readonly businessPhoneId: string;
  readonly from: string;
  /** The recipient's wa_id (digits). */
  readonly to: string;
  readonly userPhoneId: string;
  /** Wire `type` of the message: text, interactive, template. */
  readonly type: string;
  /** The message object exactly as stored (wire shape of the hosting type it was sent with). */
  readonly payload: Record<string, unknown>;
  readonly hostingType: HostingType;
  /** The flow this message opens, when it is a flow message or a template with a FLOW button. */
  readonly flowId?: string;
  readonly flowMode?: 'draft' | 'published';
  /** What the send read of that flow, so listeners need not read it again. */
  readonly flow?: { readonly name: string; readonly jsonVersion: string | undefined };
  readonly at: Date;
}

/** A message a simulated phone sent to the business (a reply, a flow completion). */
export interface MessageReceivedEvent {
  readonly messageId: string;
  readonly chatId: string;
  readonly businessPhoneId: string;
  readonly from: string;
  readonly to: string;
  readonly type: string;
  readonly payload: Record<string, unknown>;
  readonly hostingType: HostingType;
  readonly at: Date;
}

/** The delivery status of an outbound message changed (sent, delivered, read, failed). */
export interface MessageStatusEvent {
  readonly messageId: string;
  readonly chatId: string;
  readonly businessPhoneId: string;
  readonly recipient: string;
  readonly status: 'sent' | 'delivered' | 'read' | 'failed';
  readonly hostingType: HostingType;
  readonly at: Date;
}

export type FlowStatus = 'DRAFT' | 'PUBLISHED' | 'DEPRECATED' | 'THROTTLED' | 'BLOCKED';

export interface FlowStatusEvent {
  readonly flowId: string;
  readonly flowName: string;
  readonly oldStatus: FlowStatus | undefined;
  readonly newStatus: FlowStatus;
  readonly at: Date;
}

/** A template's review status; DELETED marks a deleted template that was approved (see data/templates.ts). */
export type TemplateStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'PAUSED' | 'DISABLED' | 'IN_APPEAL' | 'DELETED';

export interface TemplateStatusEvent {
  readonly templateId: string;
  readonly name: string;
  readonly language: string;
  readonly oldStatus: TemplateStatus | undefined;
  readonly newStatus: TemplateStatus;
  readonly reason?: string;
  readonly at: Date;
}

/** The events and their payloads. Other sandbox folders may add events by declaration merging. */
export interface SandboxEventMap {
  'message.sent': MessageSentEvent;
  'message.received': MessageReceivedEvent;
  'message.status': MessageStatusEvent;
  'flow.status': FlowStatusEvent;
  'template.status': TemplateStatusEvent;
}

export type SandboxEventName = keyof SandboxEventMap;
export type SandboxListener<K extends SandboxEventName> = (event: SandboxEventMap[K]) => void | Promise<void>;

export interface SandboxEvents {
  /** Subscribes; returns the function that unsubscribes. */
  on<K extends SandboxEventName>(name: K, listener: SandboxListener<K>): () => void;
  /** Resolves with the next event of that name (for tests and one-shot waits). */
  once<K extends SandboxEventName>(name: K, filter?: (event: SandboxEventMap[K]) => boolean): Promise<SandboxEventMap[K]>;
  /** Calls every listener; resolves when all have settled (rejections are reported, not thrown). */
  emit<K extends SandboxEventName>(name: K, event: SandboxEventMap[K]): Promise<void>;
  /** Drops every listener (on close). */
  clear(): void;
}

export function createEventBus(onListenerError: (name: string, error: unknown) => void = () => undefined): SandboxEvents {
  const listeners = new Map<string, Set<(event: never) => void | Promise<void>>>();

  const on = <K extends SandboxEventName>(name: K, listener: SandboxListener<K>): (() => void) => {
    let set = listeners.get(name);
    if (set === undefined) {
      set = new Set();
      listeners.set(name, set);
    }
    const entry = listener as (event: never) => void | Promise<void>;
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  };

  return {
    on,
    once(name, filter) {
      return new Promise((resolve) => {
        const off = on(name, (event) => {
          if (filter !== undefined && !filter(event)) return;
          off();
          resolve(event);
        });
      });
    },
    async emit(name, event) {
      const set = listeners.get(name);
      if (set === undefined) return;
      // A copy: a listener may unsubscribe itself while we iterate.
      const results = [...set].map(async (listener) => {
        try {
          await (listener as (e: typeof event) => void | Promise<void>)(event);
        } catch (error) {
          onListenerError(name, error);
        }
      });
      await Promise.all(results);
    },
    clear() {
      listeners.clear();
    },
  };
}
