import { createServer } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../data-channel/index.js';
import { createFlowEndpoint } from '../handler.js';
import { nextScreen } from '../results.js';
import { PlatformClient, captureLogger, listen } from '../test-kit.js';
import { toExpressHandler } from './express.js';
import type { RunningServer } from '../test-kit.js';

const SECRET = 'express-app-secret';
let keys: { privateKeyPem: string; publicKeyPem: string };
let server: RunningServer;
let base: string;

beforeAll(async () => {
  keys = await generateKeyPair();
  const endpoint = createFlowEndpoint({
    privateKey: keys.privateKeyPem,
    appSecret: SECRET,
    logger: captureLogger(),
    handlers: { init: (ctx) => nextScreen('HELLO', { locale: ctx.userLocale ?? 'none' }) },
  });
  const app = express();
  // The Flows route streams its own body; the raw-body route receives bytes from express.raw.
  app.post('/flow', toExpressHandler(endpoint));
  app.post('/raw', express.raw({ type: '*/*' }), toExpressHandler(endpoint));
  app.post('/parsed', express.json(), toExpressHandler(endpoint));
  app.use((error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(500).json({ error: { code: 'CONFIG', message: error.message } });
  });
  server = await listen(createServer(app));
  base = server.url;
});
afterAll(() => server.close());

describe('toExpressHandler', () => {
  it('serves the endpoint with the signature checked over the streamed raw body', async () => {
    const client = await PlatformClient.create(`${base}flow`, keys.publicKeyPem);
    const request = { version: '3.0', action: 'INIT', flow_token: 't', user_locale: 'en_US' } as const;
    expect(await client.call(request, { appSecret: SECRET })).toEqual({ status: 200, body: { screen: 'HELLO', data: { locale: 'en_US' } } });
    expect((await client.call(request, { appSecret: 'wrong' })).status).toBe(432);
  });

  it('accepts bytes from express.raw()', async () => {
    const client = await PlatformClient.create(`${base}raw`, keys.publicKeyPem);
    expect((await client.call({ version: '3.0', action: 'ping' }, { appSecret: SECRET })).body).toEqual({ data: { status: 'active' } });
  });

  it('explains the problem when express.json() consumed the body first', async () => {
    const client = await PlatformClient.create(`${base}parsed`, keys.publicKeyPem);
    const result = await client.call({ version: '3.0', action: 'ping' }, { appSecret: SECRET });
    expect(result.status).toBe(500);
    expect(JSON.stringify(result.body)).toContain('mount the Flows route before express.json()');
  });
});
