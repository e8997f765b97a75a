// node:http adapter: `http.createServer(toNodeWebhookHandler(createWebhookHandler(...)))`.
// A handler from createWebhookHandler is served from its byte-level core: the body is read into
// a Buffer straight from the socket (the signature sees the exact bytes) and the reply written
// with writeHead/end, no web Request, Response or streams. Any other `(Request) => Response`
// (a wrapper around the handler, say) goes through the endpoint's web adapter.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toNodeHandler } from '../endpoint/adapters/node-http.js';
import type { NodeRequestListener } from '../endpoint/adapters/node-http.js';
import type { ReadBodyResult } from '../endpoint/read-body.js';
import type { WebhookInput, WebhookProcessor, WebhookReply } from './core.js';
import { webhookProcessorOf } from './handler.js';
import type { WebhookHandler } from './handler.js';

export type { NodeRequestListener };

function send(res: ServerResponse, reply: WebhookReply): void {
  // A flat [name, value, ...] list: node takes it as is, without walking an object's keys.
  const headers: string[] = [];
  for (const name in reply.headers) headers.push(name, reply.headers[name]!);
  headers.push('content-length', String(Buffer.byteLength(reply.body)));
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

const DIGITS = /^\d+$/;

/**
 * Reads the body as one Buffer straight from the socket, stopping once it grows past
 * `maxBytes`, and calls `done` once. Callbacks rather than a promise: this runs for every
 * delivery. The listeners stay on the request, which is dropped after its reply.
 */
function readBody(req: IncomingMessage, maxBytes: number, done: (result: ReadBodyResult) => void): void {
  const declared = req.headers['content-length'];
  if (declared !== undefined && DIGITS.test(declared) && Number(declared) > maxBytes) {
    done({ ok: false, reason: 'too-large' });
    return;
  }
  let first: Buffer | undefined;
  let chunks: Buffer[] | undefined;
  let total = 0;
  let settled = false;
  const settle = (result: ReadBodyResult): void => {
    if (settled) return;
    settled = true;
    done(result);
  };
  req.on('data', (chunk: Buffer) => {
    if (settled) return;
    total += chunk.length;
    if (total > maxBytes) settle({ ok: false, reason: 'too-large' });
    else if (first === undefined) first = chunk;
    else (chunks ??= [first]).push(chunk);
  });
  req.on('end', () => settle({ ok: true, bytes: chunks === undefined ? (first ?? Buffer.alloc(0)) : Buffer.concat(chunks, total) }));
  // 'close' before 'end' means the client went away mid-body.
  req.on('error', () => settle({ ok: false, reason: 'unreadable' }));
  req.on('close', () => settle({ ok: false, reason: 'unreadable' }));
}

/** A node:http listener around a webhook core; the promise settles once the reply is written. */
export function webhookListener(core: WebhookProcessor): NodeRequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const reply = (input: WebhookInput): Promise<void> =>
      core(input).then((answer) => {
        try {
          send(res, answer);
        } catch {
          // The core never rejects; a reply node refuses to write must not crash the server either.
          res.destroy();
        }
        // A body the handler did not read (GET, 405, 413) may still be arriving; drop it.
        if (!req.readableEnded) req.resume();
      });
    if (method !== 'POST') {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      return reply({ method, query: q < 0 ? '' : url.slice(q + 1) });
    }
    const header = req.headers['x-hub-signature-256'];
    const signature = Array.isArray(header) ? header.join(', ') : header;
    return new Promise<void>((resolve) => {
      readBody(req, core.maxBodyBytes, (read) => {
        // The bytes themselves, or the reason they are missing for the core to answer.
        void reply({ method, signature, body: read.ok ? read.bytes : () => Promise.resolve(read) }).then(resolve);
      });
    });
  };
}

/** A node:http listener for a handler from createWebhookHandler, its core, or any web handler. */
export function toNodeWebhookHandler(handler: WebhookHandler): NodeRequestListener;
export function toNodeWebhookHandler(processor: WebhookProcessor): NodeRequestListener;
export function toNodeWebhookHandler(handler: WebhookHandler | WebhookProcessor): NodeRequestListener {
  if ('maxBodyBytes' in handler) return webhookListener(handler);
  const core = webhookProcessorOf(handler);
  return core === undefined ? toNodeHandler(handler) : webhookListener(core);
}
