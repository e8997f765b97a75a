// The event stream does not queue without bound for a client that stops reading: past
// MAX_QUEUED_EVENTS unread events it lets go of its subscriptions and errors the stream (the
// browser's EventSource reconnects); a client that reads is never cut off.
import { describe, expect, it } from 'vitest';
import type { SandboxContext } from '../context.js';
import { createEventBus } from '../events.js';
import type { SandboxEvents } from '../events.js';
import type { SessionChangedEvent } from './sessions.js';
import { MAX_QUEUED_EVENTS, eventStream } from './stream.js';

/** A bus that counts live subscriptions. */
function countingBus(): { events: SandboxEvents; active(): number } {
  const bus = createEventBus();
  let active = 0;
  const events: SandboxEvents = {
    ...bus,
    on(name, listener) {
      active += 1;
      const off = bus.on(name, listener);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        active -= 1;
        off();
      };
    },
  };
  return { events, active: () => active };
}

function change(i: number): SessionChangedEvent {
  return { sessionId: `ps_${i}`, waId: '4915100000001', messageId: 'wamid.x', flowId: '1', status: 'open', screen: 'ASK', at: new Date(0) };
}

describe('eventStream', () => {
  it('drops a client that leaves MAX_QUEUED_EVENTS events unread', async () => {
    const { events, active } = countingBus();
    const controller = new AbortController();
    const res = eventStream({ events } as SandboxContext, new Request('http://127.0.0.1/_sandbox/events', { signal: controller.signal }));
    expect(active()).toBe(4);
    for (let i = 0; i < MAX_QUEUED_EVENTS + 10; i++) await events.emit('session.changed', change(i));
    expect(active()).toBe(0);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await expect(reader.read()).rejects.toThrow(`did not read ${MAX_QUEUED_EVENTS} queued events`);
    controller.abort();
  });

  it('keeps a client that reads, however many events pass', async () => {
    const { events, active } = countingBus();
    const controller = new AbortController();
    const res = eventStream({ events } as SandboxContext, new Request('http://127.0.0.1/_sandbox/events', { signal: controller.signal }));
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value); // the greeting
    expect(text).toContain(': connected');
    let seen = 0;
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < MAX_QUEUED_EVENTS - 1; i++) await events.emit('session.changed', change(i));
      for (let i = 0; i < MAX_QUEUED_EVENTS - 1; i++) {
        text = decoder.decode((await reader.read()).value);
        if (text.includes('event: session.changed')) seen += 1;
      }
    }
    expect(seen).toBe(3 * (MAX_QUEUED_EVENTS - 1));
    expect(active()).toBe(4);
    controller.abort();
    expect(active()).toBe(0);
  });
});
