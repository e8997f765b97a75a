import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendWebResponse } from './node-request.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serve(respond: () => Response): Promise<string> {
  const server = createServer((_req, res) => void sendWebResponse(res, respond()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('sendWebResponse', () => {
  it('buffers ordinary bodies with a content-length', async () => {
    const url = await serve(() => new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } }));
    const res = await fetch(url);
    expect(res.headers.get('content-length')).toBe('11');
    expect(await res.json()).toEqual({ ok: true });
  });

  it('streams server-sent events as they are produced and cancels the producer when the client leaves', async () => {
    let cancelled!: () => void;
    const cancelledPromise = new Promise<void>((resolve) => { cancelled = resolve; });
    let timer: NodeJS.Timeout | undefined;
    const url = await serve(() => new Response(new ReadableStream<Uint8Array>({
      start(controller) {
        let n = 0;
        // Never ends by itself: only a streaming writer can deliver the first event.
        timer = setInterval(() => controller.enqueue(new TextEncoder().encode(`data: ${++n}\n\n`)), 20);
      },
      cancel() {
        clearInterval(timer);
        cancelled();
      },
    }), { headers: { 'content-type': 'text/event-stream' } }));
    const abort = new AbortController();
    const res = await fetch(url, { signal: abort.signal });
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toMatch(/^data: 1\n\n/);
    abort.abort();
    await cancelledPromise; // resolves only if the server cancelled the stream
  });
});
