// webhooks/: the sandbox's webhook dispatcher (signed, persisted, retried deliveries).
import type { SandboxContext } from '../context.js';
import { startPhoneReceiver } from '../phone/receiver.js';
import { startWebhookDispatcher as startDispatcher } from './dispatcher.js';
import type { DispatcherOptions, WebhookDispatcher } from './dispatcher.js';

export { dispatcherOf, sandboxWabaId } from './dispatcher.js';
export type { DispatcherOptions, FlowWebhookEvent, WebhookDispatcher } from './dispatcher.js';
export { DEFAULT_RETRY_POLICY, nextAttemptAt } from './backoff.js';
export type { RetryPolicy } from './backoff.js';
export { listDeliveries, insertDelivery, dueDeliveries } from './deliveries.js';
export type { Delivery, DeliveryAttempt, DeliveryStatus, DeliveryWithAttempts, ListDeliveriesOptions, NewDelivery } from './deliveries.js';
export { flowsWebhook, messageWebhook, statusWebhook, unixSeconds } from './envelope.js';
export type { StatusUpdate, WebhookAccount, WebhookContact } from './envelope.js';

/**
 * The sandbox's registration point: starts the dispatcher, and with it the phones' receiver
 * (delivery receipts of business messages), which needs the event bus that only started parts get.
 */
export function startWebhookDispatcher(ctx: SandboxContext, options: DispatcherOptions = {}): WebhookDispatcher {
  const dispatcher = startDispatcher(ctx, options);
  const stopReceiver = startPhoneReceiver(ctx);
  return {
    ...dispatcher,
    async stop() {
      stopReceiver();
      await dispatcher.stop();
    },
  };
}
