// GET /_sandbox/events: server-sent events of chat messages, statuses and flow session changes,
// for the browser phone. `?wa_id=` narrows the stream to one phone.
import type { SandboxContext } from '../context.js';
import type { SandboxEventMap } from '../events.js';

const KEEPALIVE_MS = 15_000;
/**
 * Events queued for a client that does not read them (a stalled tab, a script that opened the
 * stream and forgot it) before the stream is dropped: the queue would otherwise grow with every
 * journey. EventSource reconnects after `retry`, and a client that reads keeps up with far fewer.
 */
export const MAX_QUEUED_EVENTS = 1_000;

type Streamed = 'message.sent' | 'message.received' | 'message.status' | 'session.changed';

/** Which phone an event concerns; undefined when it cannot tell (then it is always sent). */
function phoneOf(name: Streamed, event: SandboxEventMap[Streamed]): string | undefined {
  switch (name) {
    case 'message.sent':
      return (event as SandboxEventMap['message.sent']).to;
    case 'message.received':
      return (event as SandboxEventMap['message.received']).from;
    case 'message.status':
      return (event as SandboxEventMap['message.status']).recipient;
    case 'session.changed':
      return (event as SandboxEventMap['session.changed']).waId;
  }
}

function wire(name: Streamed, event: SandboxEventMap[Streamed]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    out[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = value instanceof Date ? value.toISOString() : value;
  }
  return { event: name, ...out };
}

export function eventStream(ctx: SandboxContext, req: Request): Response {
  const waId = new URL(req.url).searchParams.get('wa_id') ?? undefined;
  const encoder = new TextEncoder();
  const offs: (() => void)[] = [];
  let keepalive: NodeJS.Timeout | undefined;
  let seq = 0;
  const cleanup = (): void => {
    for (const off of offs.splice(0)) off();
    if (keepalive !== undefined) clearInterval(keepalive);
  };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string): void => {
        try {
          // desiredSize is 1 minus the chunks queued and not yet read.
          if ((controller.desiredSize ?? 0) < 1 - MAX_QUEUED_EVENTS) {
            cleanup();
            controller.error(new Error(`the event stream client did not read ${MAX_QUEUED_EVENTS} queued events`));
            return;
          }
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      send(`retry: 2000\n: connected\n\n`);
      const names: Streamed[] = ['message.sent', 'message.received', 'message.status', 'session.changed'];
      for (const name of names) {
        offs.push(
          ctx.events.on(name, (event: SandboxEventMap[Streamed]) => {
            const phone = phoneOf(name, event);
            if (waId !== undefined && phone !== undefined && phone !== waId) return;
            seq += 1;
            send(`id: ${seq}\nevent: ${name}\ndata: ${JSON.stringify(wire(name, event))}\n\n`);
          }),
        );
      }
      keepalive = setInterval(() => send(': keepalive\n\n'), KEEPALIVE_MS);
      keepalive.unref();
      req.signal.addEventListener('abort', () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, { status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' } });
}
