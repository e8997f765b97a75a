// Fastify adapter: `await registerFlowEndpoint(app, '/flow', endpoint)`. It registers an
// encapsulated plugin whose body parser keeps the raw bytes (the request signature covers
// them), so the rest of the app keeps its own JSON parsing. Fastify is only a type here.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FlowEndpoint } from '../types.js';
import { Buffer } from 'node:buffer';
import { toWebRequest } from './node-request.js';

export interface FastifyFlowEndpointOptions {
  /** Fastify's own body limit for this route (default: Fastify's, 1 MiB); larger gets 413. */
  bodyLimit?: number;
}

async function reply(endpoint: FlowEndpoint, request: FastifyRequest, res: FastifyReply): Promise<FastifyReply> {
  const raw = request.body instanceof Uint8Array ? request.body : undefined;
  const response = await endpoint(toWebRequest(request.raw, raw));
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return res.code(response.status).headers(headers).send(Buffer.from(await response.arrayBuffer()));
}

export async function registerFlowEndpoint(
  app: FastifyInstance,
  path: string,
  endpoint: FlowEndpoint,
  options: FastifyFlowEndpointOptions = {},
): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }) }, (_req, body, done) => {
      done(null, body);
    });
    // Every method reaches the endpoint, which answers 405 for all but POST.
    scope.all(path, (request, res) => reply(endpoint, request, res));
  });
}
