// node:http adapter: `http.createServer(toNodeHandler(endpoint))`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { processorOf } from '../handler.js';
import { listenerFor } from '../serve/listener.js';
import type { FlowEndpoint } from '../types.js';
import { sendInternalError, sendWebResponse, toWebRequest } from './node-request.js';

export type NodeRequestListener = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function toNodeHandler(endpoint: FlowEndpoint): NodeRequestListener {
  // An endpoint from createFlowEndpoint is served without web Request/Response objects, which
  // cost a node:http server 1.5–2.5× in throughput (bench/endpoint.ts, "web" vs "single").
  const core = processorOf(endpoint);
  if (core !== undefined) return listenerFor(core);
  return async (req, res) => {
    try {
      const response = await endpoint(toWebRequest(req));
      await sendWebResponse(res, response);
      // A body the handler refused to read (413) may still be arriving; drop it.
      if (!req.readableEnded) req.resume();
    } catch {
      sendInternalError(res);
    }
  };
}
