// Shared by the Node adapters: node:http request → web Request (raw bytes untouched, so the
// X-Hub-Signature-256 check sees exactly what was sent) and web Response → node:http reply.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

function toHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    // HTTP/2 pseudo-headers (":path") are not valid Fetch header names.
    if (name.startsWith(':')) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  return headers;
}

/**
 * Builds a web Request. `rawBody` is for frameworks that already read the body; otherwise the
 * body is streamed, so the handler's size limit stops an oversized upload early.
 */
export function toWebRequest(req: IncomingMessage, rawBody?: Uint8Array): Request {
  const host = req.headers.host ?? 'localhost';
  const url = new URL(req.url ?? '/', `http://${host}`);
  const method = req.method ?? 'GET';
  const headers = toHeaders(req.headers);
  if (method === 'GET' || method === 'HEAD') return new Request(url, { method, headers });
  if (rawBody !== undefined) {
    headers.delete('content-length'); // the bytes we pass decide it
    headers.delete('transfer-encoding');
    return new Request(url, { method, headers, body: rawBody as Uint8Array<ArrayBuffer> });
  }
  const body = Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>;
  return new Request(url, { method, headers, body, duplex: 'half' } as RequestInit & { duplex: 'half' });
}

/**
 * Writes a web Response to a node:http response. Bodies are buffered (one write with a
 * content-length), except server-sent event streams, which are written as they come and
 * cancelled when the client goes away so their producers can release listeners.
 */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (response.body && (response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    res.writeHead(response.status, headers);
    res.flushHeaders();
    const reader = response.body.getReader();
    res.on('close', () => void reader.cancel().catch(() => undefined));
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        res.write(value);
      }
    } catch {
      // the client left or the producer failed: either way the stream is over
    }
    res.end();
    return;
  }
  const body = new Uint8Array(await response.arrayBuffer());
  headers['content-length'] = String(body.byteLength);
  res.writeHead(response.status, headers);
  res.end(body);
}

/** Last resort when an adapter itself fails (the handler never throws). */
export function sendInternalError(res: ServerResponse): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: { code: 'INTERNAL_ERROR', message: 'the endpoint adapter failed' } }));
}
