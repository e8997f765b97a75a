// A node:http request listener that runs the endpoint core without building web Request and
// Response objects; same behaviour as `toNodeHandler(createFlowEndpoint(options))`, less CPU.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createFlowProcessor } from '../handler.js';
import type { FlowProcessor, FlowReply } from '../handler.js';
import type { FlowEndpointOptions, ScreenDataMap } from '../types.js';
import { readNodeBody } from './node-body.js';

export type FlowRequestListener = (req: IncomingMessage, res: ServerResponse) => void;

function send(res: ServerResponse, reply: FlowReply): void {
  res.writeHead(reply.status, { ...reply.headers, 'content-length': Buffer.byteLength(reply.body) });
  res.end(reply.body);
}

/** Serves a FlowProcessor; the promise settles once the reply is written. */
export function listenerFor(run: FlowProcessor): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return (req, res) => {
    const header = (name: string): string | undefined => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(', ') : value;
    };
    return run({ method: req.method ?? 'GET', header, readBody: (maxBytes) => readNodeBody(req, maxBytes) }).then(
      (reply) => {
        send(res, reply);
        // A body the endpoint refused to read (413) may still be arriving; drop it.
        if (!req.readableEnded) req.resume();
      },
      () => {
        // The processor never rejects; this guards the server against a bug all the same.
        if (res.headersSent) res.destroy();
        else send(res, { status: 500, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"error":{"code":"INTERNAL_ERROR","message":"the endpoint failed"}}' });
      },
    );
  };
}

export function createFlowRequestListener<M extends ScreenDataMap = ScreenDataMap>(options: FlowEndpointOptions<M>): FlowRequestListener {
  const listener = listenerFor(createFlowProcessor(options));
  return (req, res) => void listener(req, res);
}
