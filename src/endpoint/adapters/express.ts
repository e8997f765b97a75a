// Express adapter: `app.post('/flow', toExpressHandler(endpoint))`. Mount it before any JSON
// body parser, or give it the raw bytes (`express.raw({ type: '*/*' })`, or `req.rawBody`),
// since the request signature covers the exact bytes. Express is only a type here.
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express';
import type { FlowEndpoint } from '../types.js';
import { sendInternalError, sendWebResponse, toWebRequest } from './node-request.js';

type WithRawBody = ExpressRequest & { rawBody?: unknown };

function rawBytes(req: WithRawBody): Uint8Array | undefined | 'parsed' {
  if (req.rawBody instanceof Uint8Array) return req.rawBody;
  if (req.body instanceof Uint8Array) return req.body;
  // A body parser already consumed the stream and kept only the parsed value.
  if (req.readableEnded || (req.body !== undefined && typeof req.body === 'object' && Object.keys(req.body as object).length > 0)) {
    return 'parsed';
  }
  return undefined;
}

export function toExpressHandler(endpoint: FlowEndpoint): (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => void {
  return (req, res, next) => {
    const raw = rawBytes(req as WithRawBody);
    if (raw === 'parsed') {
      next(
        new Error(
          'waflow endpoint: the request body was already parsed, so its signature cannot be checked; mount the Flows route before express.json() or use express.raw({ type: "*/*" })',
        ),
      );
      return;
    }
    endpoint(toWebRequest(req, raw))
      .then((response) => sendWebResponse(res, response))
      .catch(() => sendInternalError(res));
  };
}
