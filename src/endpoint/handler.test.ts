import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withBackend } from '../data-channel/backend-test-kit.js';
import { activeCryptoBackend, encryptRequest, generateKeyPair, loadPublicKey, signFlowToken } from '../data-channel/index.js';
import type { DataChannelRequest } from '../data-channel/index.js';
import { EndpointResponseError } from './errors.js';
import { createFlowEndpoint } from './handler.js';
import { complete, nextScreen, showError } from './results.js';
import { PlatformClient, captureLogger, serveEndpoint } from './test-kit.js';
import type { CapturedLogger, RunningServer } from './test-kit.js';
import { createMemoryTokenStore } from './token-store/memory.js';
import type { ErrorNotification, FlowContext, FlowEndpointOptions } from './types.js';

const APP_SECRET = 'test-app-secret-4f7c1d';

const FLOW = {
  version: '7.3',
  data_api_version: '3.0',
  routing_model: { PICK: ['DETAILS'], DETAILS: [] },
  screens: [
    {
      id: 'PICK',
      data: {
        slots: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' } } } },
        open: { type: 'boolean' },
      },
      layout: { type: 'SingleColumnLayout', children: [] },
    },
    { id: 'DETAILS', terminal: true, data: { slot: { type: 'string' }, seats: { type: 'integer' } }, layout: { type: 'SingleColumnLayout', children: [] } },
  ],
};

let keys: { privateKeyPem: string; publicKeyPem: string };
let otherKeys: { privateKeyPem: string; publicKeyPem: string };
const servers: RunningServer[] = [];

beforeAll(async () => {
  [keys, otherKeys] = await Promise.all([generateKeyPair(), generateKeyPair()]);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

interface Harness {
  client: PlatformClient;
  logger: CapturedLogger;
  seen: FlowContext[];
  notifications: ErrorNotification[];
  responseErrors: EndpointResponseError[];
  store: ReturnType<typeof createMemoryTokenStore>;
  clock: { now: number };
}

async function start(overrides: Partial<FlowEndpointOptions> = {}): Promise<Harness> {
  const logger = captureLogger();
  const seen: FlowContext[] = [];
  const notifications: ErrorNotification[] = [];
  const responseErrors: EndpointResponseError[] = [];
  const clock = { now: Date.now() };
  const store = createMemoryTokenStore({ now: () => clock.now });
  const endpoint = createFlowEndpoint({
    privateKey: keys.privateKeyPem,
    logger,
    handlers: {
      init: (ctx) => {
        seen.push(ctx);
        return nextScreen('PICK', { slots: [{ id: 'a', title: '09:00' }], open: true });
      },
      back: (ctx) => {
        seen.push(ctx);
        return nextScreen('PICK', { slots: [], open: false });
      },
      dataExchange: {
        PICK: (ctx) => {
          seen.push(ctx);
          if (ctx.data.slot === 'taken') return showError('That slot was just booked');
          return nextScreen('DETAILS', { slot: String(ctx.data.slot), seats: 2 });
        },
        DETAILS: (ctx) => {
          seen.push(ctx);
          return complete({ booking_id: 'B-1', slot: ctx.data.slot });
        },
      },
    },
    onErrorNotification: (n) => void notifications.push(n),
    onResponseError: (e) => void responseErrors.push(e),
    ...overrides,
  });
  const server = await serveEndpoint(endpoint);
  servers.push(server);
  return { client: await PlatformClient.create(server.url, keys.publicKeyPem), logger, seen, notifications, responseErrors, store, clock };
}

const init = (token = 'tok-1'): DataChannelRequest => ({ version: '3.0', action: 'INIT', flow_token: token, user_locale: 'pt_BR' });

describe('createFlowEndpoint: actions', () => {
  it('answers a ping with status active, encrypted with the request key', async () => {
    const h = await start();
    const result = await h.client.call({ version: '3.0', action: 'ping' });
    expect(result).toEqual({ status: 200, body: { data: { status: 'active' } } });
    expect(h.seen).toHaveLength(0);
  });

  it('routes INIT to handlers.init with a camelCase context', async () => {
    const h = await start();
    const result = await h.client.call(init('tok-init'));
    expect(result).toEqual({ status: 200, body: { screen: 'PICK', data: { slots: [{ id: 'a', title: '09:00' }], open: true } } });
    expect(h.seen[0]).toMatchObject({ action: 'INIT', screen: undefined, data: {}, flowToken: 'tok-init', version: '3.0', userLocale: 'pt_BR', session: undefined });
  });

  it('routes BACK to handlers.back', async () => {
    const h = await start();
    const result = await h.client.call({ version: '3.0', action: 'BACK', flow_token: 't', screen: 'DETAILS' });
    expect(result.body).toEqual({ screen: 'PICK', data: { slots: [], open: false } });
    expect(h.seen[0]).toMatchObject({ action: 'BACK', screen: 'DETAILS' });
  });

  it('routes data_exchange by screen id and passes the form data', async () => {
    const h = await start();
    const result = await h.client.call({ version: '3.0', action: 'data_exchange', flow_token: 't', screen: 'PICK', data: { slot: 'a' } });
    expect(result.body).toEqual({ screen: 'DETAILS', data: { slot: 'a', seats: 2 } });
    expect(h.seen[0]).toMatchObject({ action: 'data_exchange', screen: 'PICK', data: { slot: 'a' } });
  });

  it('accepts one function for every data_exchange screen', async () => {
    const h = await start({ handlers: { dataExchange: (ctx) => nextScreen('DETAILS', { slot: `from ${ctx.screen ?? ''}`, seats: 1 }) } });
    const result = await h.client.call({ version: '3.0', action: 'data_exchange', flow_token: 't', screen: 'ANY', data: {} });
    expect(result.body).toEqual({ screen: 'DETAILS', data: { slot: 'from ANY', seats: 1 } });
  });

  it('keeps the user on the current screen with data.error_message for showError', async () => {
    const h = await start();
    const result = await h.client.call({ version: '3.0', action: 'data_exchange', flow_token: 't', screen: 'PICK', data: { slot: 'taken' } });
    expect(result.body).toEqual({ screen: 'PICK', data: { error_message: 'That slot was just booked' } });
  });

  it('completes with SUCCESS and the flow token in the params', async () => {
    const h = await start();
    const result = await h.client.call({ version: '3.0', action: 'data_exchange', flow_token: 'tok-done', screen: 'DETAILS', data: { slot: 'a' } });
    expect(result.body).toEqual({
      screen: 'SUCCESS',
      data: { extension_message_response: { params: { booking_id: 'B-1', slot: 'a', flow_token: 'tok-done' } } },
    });
  });

  it('acknowledges an error notification and hands it to onErrorNotification', async () => {
    const h = await start();
    const result = await h.client.call({
      version: '3.0',
      action: 'data_exchange',
      flow_token: 'tok-err',
      screen: 'PICK',
      data: { error: 'invalid-screen-transition', error_message: 'DETAILS is not reachable' },
    });
    expect(result).toEqual({ status: 200, body: { data: { acknowledged: true } } });
    expect(h.notifications).toEqual([
      { action: 'data_exchange', screen: 'PICK', flowToken: 'tok-err', error: 'invalid-screen-transition', errorMessage: 'DETAILS is not reachable', version: '3.0' },
    ]);
    expect(h.seen).toHaveLength(0);
  });
});

describe('createFlowEndpoint: status codes', () => {
  async function post(url: string, body: string, init: RequestInit = {}): Promise<{ status: number; json: { error: { code: string } } }> {
    const response = await fetch(url, { method: 'POST', body, ...init });
    return { status: response.status, json: (await response.json()) as { error: { code: string } } };
  }

  it('421 for an envelope whose fields are not base64', async () => {
    const h = await start();
    const r = await post(h.client.url, JSON.stringify({ encrypted_flow_data: '!!', encrypted_aes_key: '@@', initial_vector: '##' }));
    expect(r.status).toBe(421);
  });

  it('421 for a request encrypted with another business key', async () => {
    const h = await start();
    const { envelope } = await encryptRequest(init(), await loadPublicKey(otherKeys.publicKeyPem));
    expect((await post(h.client.url, JSON.stringify(envelope))).status).toBe(421);
  });

  it('421 when the GCM tag was tampered with', async () => {
    const h = await start();
    const { envelope } = await encryptRequest(init(), await loadPublicKey(keys.publicKeyPem));
    const data = Buffer.from(envelope.encrypted_flow_data, 'base64');
    data[data.length - 1] = (data[data.length - 1] as number) ^ 1;
    const r = await post(h.client.url, JSON.stringify({ ...envelope, encrypted_flow_data: data.toString('base64') }));
    expect(r.status).toBe(421);
    expect(h.seen).toHaveLength(0);
  });

  it('432 when X-Hub-Signature-256 is missing, 432 when wrong, 200 when right', async () => {
    const h = await start({ appSecret: APP_SECRET });
    expect((await h.client.call(init())).status).toBe(432);
    expect((await h.client.call(init(), { signature: `sha256=${'0'.repeat(64)}` })).status).toBe(432);
    expect((await h.client.call(init(), { appSecret: 'another-secret' })).status).toBe(432);
    expect((await h.client.call(init(), { appSecret: APP_SECRET })).status).toBe(200);
    expect(h.logger.text()).not.toContain(APP_SECRET);
  });

  it('427 for an unknown, an expired and a completed flow token; 200 for a live one', async () => {
    const h = await start();
    const store = h.store;
    const h2 = await start({ tokenStore: store });
    await store.issue('live', { ttlSeconds: 60 });
    await store.issue('old', { ttlSeconds: 60 });
    h.clock.now += 61_000; // both expire...
    await store.issue('live', { ttlSeconds: 60 }); // ...but live is re-issued
    await store.issue('done', { ttlSeconds: 60 });
    await store.markCompleted('done');
    expect((await h2.client.call(init('nobody'))).body).toMatchObject({ error: { code: 'FLOW_TOKEN_UNKNOWN' } });
    const expired = await h2.client.call(init('old'));
    expect(expired.status).toBe(427);
    const completed = await h2.client.call(init('done'));
    expect(completed).toMatchObject({ status: 427, body: { error: { code: 'FLOW_TOKEN_COMPLETED' } } });
    expect((await h2.client.call(init('live'))).status).toBe(200);
  });

  it('marks the token completed on completion, so the next request gets 427', async () => {
    const h = await start();
    const h2 = await start({ tokenStore: h.store });
    await h.store.issue('tok-c', { ttlSeconds: 600, data: { customer: 'ana' } });
    const done = await h2.client.call({ version: '3.0', action: 'data_exchange', flow_token: 'tok-c', screen: 'DETAILS', data: { slot: 'a' } });
    expect(done.status).toBe(200);
    expect((await h.store.get('tok-c'))?.status).toBe('completed');
    expect((await h2.client.call(init('tok-c'))).status).toBe(427);
  });

  it('gives handlers the stored session and lets them save it', async () => {
    const h = await start();
    const endpoint = await start({
      tokenStore: h.store,
      handlers: {
        init: async (ctx) => {
          await ctx.session?.save({ ...ctx.session.data, visits: 1 });
          return nextScreen('DETAILS', { slot: String(ctx.session?.data?.customer), seats: 1 });
        },
      },
    });
    await h.store.issue('tok-s', { ttlSeconds: 600, data: { customer: 'ana' } });
    expect((await endpoint.client.call(init('tok-s'))).body).toEqual({ screen: 'DETAILS', data: { slot: 'ana', seats: 1 } });
    expect((await h.store.get('tok-s'))?.data).toEqual({ customer: 'ana', visits: 1 });
  });

  it('413 for a body over maxBodyBytes, streamed or declared', async () => {
    const h = await start({ maxBodyBytes: 1000 });
    const big = JSON.stringify({ encrypted_flow_data: 'A'.repeat(2000), encrypted_aes_key: 'A', initial_vector: 'A' });
    expect((await post(h.client.url, big)).status).toBe(413);
    // Chunked upload (no content-length): the limit applies while reading.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(400)));
        controller.close();
      },
    });
    const chunked = await fetch(h.client.url, { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    // The same small request still works.
    expect((await h.client.call({ version: '3.0', action: 'ping' })).status).toBe(200);
  });

  it('400 for a body that is not JSON and for an envelope missing fields', async () => {
    const h = await start();
    const notJson = await post(h.client.url, 'hello');
    expect(notJson).toMatchObject({ status: 400, json: { error: { code: 'NOT_JSON' } } });
    const missing = await post(h.client.url, JSON.stringify({ encrypted_flow_data: 'AAAA' }));
    expect(missing).toMatchObject({ status: 400, json: { error: { code: 'MALFORMED_ENVELOPE' } } });
  });

  it('400 for a decryptable payload that is not a data-channel request', async () => {
    const h = await start();
    const bogus = { version: '3.0', action: 'dance' } as unknown as DataChannelRequest;
    expect(await h.client.call(bogus)).toMatchObject({ status: 400, body: { error: { code: 'MALFORMED_PAYLOAD' } } });
  });

  it('405 for methods other than POST', async () => {
    const h = await start();
    const response = await fetch(h.client.url, { method: 'GET' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('500 with a clear report when the private key cannot be loaded, without the passphrase', async () => {
    const protectedKey = await generateKeyPair({ passphrase: 'right-horse-battery' });
    const h = await start({ privateKey: protectedKey.privateKeyPem, passphrase: 'wrong-passphrase-xyz' });
    const r = await h.client.call({ version: '3.0', action: 'ping' });
    expect(r).toMatchObject({ status: 500, body: { error: { code: 'PASSPHRASE_WRONG' } } });
    expect(h.logger.text()).toContain('passphrase does not open');
    expect(h.logger.text()).not.toContain('wrong-passphrase-xyz');
  });

  it('500 when a handler throws or is missing, with the reason in the log', async () => {
    const h = await start({
      handlers: {
        init: () => {
          throw new Error('database down');
        },
      },
    });
    expect((await h.client.call(init())).status).toBe(500);
    expect(h.logger.text()).toContain('database down');
    const missing = await h.client.call({ version: '3.0', action: 'data_exchange', flow_token: 't', screen: 'PICK', data: {} });
    expect(missing).toMatchObject({ status: 500, body: { error: { code: 'NO_HANDLER' } } });
    expect(h.logger.text()).toContain('data_exchange on screen "PICK"');
  });
});

describe('createFlowEndpoint: Flow JSON response check', () => {
  it('500 and a report naming screen, field and expected type when data does not match', async () => {
    const h = await start({
      flow: FLOW,
      handlers: { init: () => nextScreen('DETAILS', { slot: 'a', seats: 2.5 }) },
    });
    const r = await h.client.call(init());
    expect(r).toMatchObject({ status: 500, body: { error: { code: 'DATA_MISMATCH' } } });
    expect(h.responseErrors).toHaveLength(1);
    const error = h.responseErrors[0] as EndpointResponseError;
    expect(error).toBeInstanceOf(EndpointResponseError);
    expect(error.screen).toBe('DETAILS');
    expect(error.issues).toMatchObject([{ path: '/seats', expected: 'integer', actual: 'number 2.5' }]);
    expect(h.logger.lines.find((l) => l.level === 'error')?.message).toContain('screen "DETAILS"');
    expect(h.logger.text()).toContain('field "/seats": expected integer');
  });

  it('500 for an unknown target screen and for an undeclared key', async () => {
    const unknown = await start({ flow: FLOW, handlers: { init: () => nextScreen('NOPE', {}) } });
    expect((await unknown.client.call(init())).status).toBe(500);
    expect(unknown.responseErrors[0]?.code).toBe('UNKNOWN_SCREEN');
    const extra = await start({ flow: FLOW, handlers: { init: () => nextScreen('DETAILS', { slot: 'a', seats: 1, colour: 'red' }) } });
    expect((await extra.client.call(init())).status).toBe(500);
    expect(extra.responseErrors[0]?.issues).toMatchObject([{ path: '/colour', expected: 'nothing', actual: 'string "red"' }]);
  });

  it('lets matching responses, error messages and completions through', async () => {
    const h = await start({ flow: FLOW });
    expect((await h.client.call(init())).status).toBe(200);
    expect((await h.client.call({ version: '3.0', action: 'data_exchange', flow_token: 't', screen: 'PICK', data: { slot: 'taken' } })).status).toBe(200);
    expect((await h.client.call({ version: '3.0', action: 'data_exchange', flow_token: 't', screen: 'DETAILS', data: { slot: 'a' } })).status).toBe(200);
    expect(h.responseErrors).toEqual([]);
  });

  it('reports a handler result that is not a screen, an error or a completion', async () => {
    const h = await start({ handlers: { init: () => ({ screen: 'PICK' }) as never } });
    expect((await h.client.call(init())).status).toBe(500);
    expect(h.responseErrors[0]?.code).toBe('INVALID_HANDLER_RESULT');
  });
});

describe('createFlowEndpoint: Data API 4.0 flow-token signature', () => {
  const v4 = (token: string, signature: string): DataChannelRequest => ({ version: '4.0', action: 'INIT', flow_token: token, flow_token_signature: signature });

  it('accepts a valid signature and refuses a forged or mismatched one with 432', async () => {
    const h = await start({ appSecret: APP_SECRET });
    const good = await signFlowToken({ flowToken: 'tok-4', appSecret: APP_SECRET });
    expect((await h.client.call(v4('tok-4', good), { appSecret: APP_SECRET })).status).toBe(200);
    const forged = await signFlowToken({ flowToken: 'tok-4', appSecret: 'attacker' });
    expect((await h.client.call(v4('tok-4', forged), { appSecret: APP_SECRET })).body).toMatchObject({ error: { code: 'FLOW_TOKEN_SIGNATURE_BAD_SIGNATURE' } });
    expect((await h.client.call(v4('other', good), { appSecret: APP_SECRET })).status).toBe(432);
  });

  it('answers 427 when the signature has expired', async () => {
    const h = await start({ appSecret: APP_SECRET });
    const old = await signFlowToken({ flowToken: 'tok-4', appSecret: APP_SECRET, issuedAt: 1_000_000, expiresIn: 60 });
    expect((await h.client.call(v4('tok-4', old), { appSecret: APP_SECRET })).status).toBe(427);
  });
});

describe('createFlowEndpoint: configuration', () => {
  it('refuses bad options at creation with a message that names the option and no secret', () => {
    const base = { privateKey: 'pem', handlers: {} };
    expect(() => createFlowEndpoint({ ...base, privateKey: '' })).toThrow(/privateKey must be the PEM text/);
    expect(() => createFlowEndpoint({ ...base, maxBodyBytes: 0 })).toThrow(/maxBodyBytes/);
    expect(() => createFlowEndpoint({ ...base, flow: { version: '7.3' } })).toThrow(/"screens" array/);
    expect(() => createFlowEndpoint({ ...base, handlers: null as never })).toThrow(/handlers/);
    expect(() => createFlowEndpoint({ ...base, appSecret: '' })).toThrow(/appSecret/);
    expect(() => createFlowEndpoint({ ...base, tokenLeaseMs: 0 })).toThrow(/tokenLeaseMs/);
  });

  it('loads the key lazily: an unusable PEM is reported on the first request, not at creation', async () => {
    const secretLooking = '-----BEGIN PRIVATE KEY-----\nTOP-SECRET-MATERIAL\n-----END PRIVATE KEY-----\n';
    const h = await start({ privateKey: secretLooking });
    const r = await h.client.call({ version: '3.0', action: 'ping' });
    expect(r).toMatchObject({ status: 500, body: { error: { code: 'KEY_INVALID' } } });
    expect(JSON.stringify(r.body)).not.toContain('TOP-SECRET');
    expect(h.logger.text()).not.toContain('TOP-SECRET');
  });
});

// What Bun, Deno and workerd run (test/runtimes/ drives those runtimes for real).
describe('createFlowEndpoint on the WebCrypto backend', () => {
  withBackend('web');

  it('serves ping, INIT, data_exchange and completion, and answers 421 and 432', async () => {
    expect(await activeCryptoBackend()).toBe('web');
    const h = await start({ appSecret: APP_SECRET });
    const signed = { appSecret: APP_SECRET };
    expect(await h.client.call({ version: '3.0', action: 'ping' }, signed)).toEqual({ status: 200, body: { data: { status: 'active' } } });
    expect((await h.client.call(init('tok-w'), signed)).body).toMatchObject({ screen: 'PICK' });
    const done = await h.client.call({ version: '3.0', action: 'data_exchange', flow_token: 'tok-w', screen: 'DETAILS', data: { slot: 'a' } }, signed);
    expect(done.body).toMatchObject({ screen: 'SUCCESS' });
    const v4 = await signFlowToken({ flowToken: 'tok-w', appSecret: APP_SECRET });
    expect((await h.client.call({ version: '4.0', action: 'INIT', flow_token: 'tok-w', flow_token_signature: v4 }, signed)).status).toBe(200);
    const stranger = await PlatformClient.create(h.client.url, otherKeys.publicKeyPem);
    expect((await stranger.call(init(), signed)).status).toBe(421);
    expect((await h.client.call(init(), { signature: `sha256=${'0'.repeat(64)}` })).status).toBe(432);
  });

  it('answers 500 to a passphrase-protected key and logs why, without the key or passphrase', async () => {
    const passphrase = 'endpoint-web-passphrase';
    const encrypted = await generateKeyPair({ passphrase });
    const h = await start({ privateKey: encrypted.privateKeyPem, passphrase });
    const result = await (await PlatformClient.create(h.client.url, encrypted.publicKeyPem)).call(init());
    expect(result).toMatchObject({ status: 500, body: { error: { code: 'ENCRYPTED_KEY_UNSUPPORTED' } } });
    expect(h.logger.text()).toContain("unencrypted in the platform's secret store");
    expect(h.logger.text()).not.toContain(passphrase);
    expect(h.logger.text()).not.toContain('-----BEGIN');
  });
});
