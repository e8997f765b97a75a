import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../data-channel/index.js';
import { createFlowEndpoint } from '../handler.js';
import { nextScreen } from '../results.js';
import { PlatformClient, captureLogger } from '../test-kit.js';
import { registerFlowEndpoint } from './fastify.js';

const SECRET = 'fastify-app-secret';
let keys: { privateKeyPem: string; publicKeyPem: string };
const app = Fastify();
let base: string;

beforeAll(async () => {
  keys = await generateKeyPair();
  const endpoint = createFlowEndpoint({
    privateKey: keys.privateKeyPem,
    appSecret: SECRET,
    logger: captureLogger(),
    handlers: { dataExchange: { FORM: (ctx) => nextScreen('THANKS', { echo: String(ctx.data.name) }) } },
  });
  await registerFlowEndpoint(app, '/flow', endpoint, { bodyLimit: 64 * 1024 });
  // The rest of the app keeps Fastify's JSON parsing.
  app.post('/other', async (request) => ({ got: request.body }));
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => app.close());

describe('registerFlowEndpoint', () => {
  it('serves the endpoint with the signature checked over the raw bytes', async () => {
    const client = await PlatformClient.create(`${base}/flow`, keys.publicKeyPem);
    const request = { version: '3.0', action: 'data_exchange', flow_token: 't', screen: 'FORM', data: { name: 'Rui' } } as const;
    expect(await client.call(request, { appSecret: SECRET })).toEqual({ status: 200, body: { screen: 'THANKS', data: { echo: 'Rui' } } });
    expect((await client.call(request)).status).toBe(432);
  });

  it('answers 405 to GET and leaves JSON parsing of other routes alone', async () => {
    expect((await fetch(`${base}/flow`)).status).toBe(405);
    const other = await fetch(`${base}/other`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(await other.json()).toEqual({ got: { a: 1 } });
  });

  it('answers 413 past the route body limit', async () => {
    const response = await fetch(`${base}/flow`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(70 * 1024) });
    expect(response.status).toBe(413);
  });
});
