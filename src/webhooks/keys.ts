// The identity of an event across redeliveries: the platform retries the same payload, so the
// same key means "already processed". Unrecognized parts have no identity and no key.
import { createHash } from 'node:crypto';
import type { WebhookEvent } from './types.js';

export function eventKey(event: WebhookEvent): string | undefined {
  switch (event.kind) {
    case 'flow_completion':
    case 'message':
      return `message:${event.messageId}`;
    case 'status':
      // One message goes through several statuses; each is its own event.
      return `status:${event.messageId}:${event.status}`;
    case 'flow_status_change':
    case 'flow_alert': {
      // No id on the wire: a digest of the whole event (entry time included) stands in for one.
      const { pointer: _pointer, ...content } = event;
      const digest = createHash('sha256').update(JSON.stringify(content)).digest('base64url').slice(0, 22);
      return `${event.kind}:${event.flowId}:${digest}`;
    }
    case 'unrecognized':
      return undefined;
  }
}
