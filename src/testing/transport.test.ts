import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptRequest, generateKeyPair, loadPrivateKey, verifyFlowTokenSignature } from '../data-channel/index.js';
import { createFlowEndpoint, nextScreen } from '../endpoint/index.js';
import type { EndpointLogger, FlowEndpoint } from '../endpoint/index.js';
import { EndpointError as RuntimeEndpointError } from '../runtime/index.js';
import type { ExchangeRequest } from '../runtime/index.js';
import { EndpointError } from './errors.js';
import { serveLocally } from './serve.js';
import type { LocalServer } from './serve.js';
import { httpEndpoint, inProcessEndpoint } from './transport.js';
import type { ExchangeRecord } from './transport.js';

const APP_SECRET = 'transport-app-secret-5521';
const quiet: EndpointLogger = { warn: () => undefined, error: () => undefined };
let keys: { privateKeyPem: string; publicKeyPem: string };
let otherKeys: { privateKeyPem: string; publicKeyPem: string };
let endpoint: FlowEndpoint;
let signedEndpoint: FlowEndpoint;
let server: LocalServer;

const INIT: ExchangeRequest = { action: 'INIT', data: {}, flowToken: 'tok', version: '3.0' };
const EXCHANGE: ExchangeRequest = { action: 'data_exchange', screen: 'FIRST', data: { n: 2 }, flowToken: 'tok', version: '3.0' };

function failure(promise: Promise<unknown>): Promise<EndpointError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(EndpointError);
      return error as EndpointError;
    },
  );
}

beforeAll(async () => {
  [keys, otherKeys] = await Promise.all([generateKeyPair(), generateKeyPair()]);
  const handlers = {
    init: () => nextScreen('FIRST', { greeting: 'hello' }),
    dataExchange: (ctx: { data: Record<string, unknown>; screen: string | undefined }) => nextScreen('SECOND', { doubled: Number(ctx.data.n) * 2, from: ctx.screen ?? '' }),
  };
  endpoint = createFlowEndpoint({ privateKey: keys.privateKeyPem, handlers, logger: quiet });
  signedEndpoint = createFlowEndpoint({ privateKey: keys.privateKeyPem, appSecret: APP_SECRET, handlers, logger: quiet });
  server = await serveLocally(signedEndpoint);
});
afterAll(() => server.close());

describe('inProcessEndpoint', () => {
  it('encrypts the request, runs the endpoint, decrypts its answer and records the exchange', async () => {
    const records: ExchangeRecord[] = [];
    const transport = inProcessEndpoint(endpoint, { publicKeyPem: keys.publicKeyPem, onExchange: (r) => records.push(r) });
    expect(await transport.exchange(INIT)).toEqual({ screen: 'FIRST', data: { greeting: 'hello' } });
    expect(await transport.exchange(EXCHANGE)).toEqual({ screen: 'SECOND', data: { doubled: 4, from: 'FIRST' } });
    expect(records.map((r) => [r.action, r.screen, r.status])).toEqual([['INIT', undefined, 200], ['data_exchange', 'FIRST', 200]]);
    expect(records[1]?.data).toEqual({ n: 2 });
    expect(records[1]?.response).toEqual({ screen: 'SECOND', data: { doubled: 4, from: 'FIRST' } });
    expect(records.every((r) => r.latencyMs >= 0 && r.latencyMs < 10_000)).toBe(true);
  });

  it('signs the body when given the app secret; a wrong secret is a 432 EndpointError', async () => {
    const good = inProcessEndpoint(signedEndpoint, { publicKeyPem: keys.publicKeyPem, appSecret: APP_SECRET });
    expect(await good.exchange(INIT)).toMatchObject({ screen: 'FIRST' });
    const unsigned = inProcessEndpoint(signedEndpoint, { publicKeyPem: keys.publicKeyPem });
    const error = await failure(unsigned.exchange(INIT));
    expect(error).toBeInstanceOf(RuntimeEndpointError); // the runtime reads its status
    expect(error).toMatchObject({ kind: 'status', status: 432, body: { error: { code: 'SIGNATURE_INVALID' } } });
    const wrong = inProcessEndpoint(signedEndpoint, { publicKeyPem: keys.publicKeyPem, appSecret: 'not-the-secret' });
    const wrongError = await failure(wrong.exchange(INIT));
    expect(wrongError.status).toBe(432);
    expect(wrongError.message).toMatch(/HTTP 432 \(SIGNATURE_INVALID\): the request signature did not verify/);
    expect(JSON.stringify({ m: wrongError.message, b: wrongError.body })).not.toContain('not-the-secret');
  });

  it('maps 421 to an EndpointError, and with refetchPublicKey retries once with the new key', async () => {
    const stale = inProcessEndpoint(endpoint, { publicKeyPem: otherKeys.publicKeyPem });
    expect(await failure(stale.exchange(INIT))).toMatchObject({ kind: 'status', status: 421 });

    const records: ExchangeRecord[] = [];
    let refetched = 0;
    const healing = inProcessEndpoint(endpoint, {
      publicKeyPem: otherKeys.publicKeyPem,
      refetchPublicKey: async () => {
        refetched++;
        return keys.publicKeyPem;
      },
      onExchange: (r) => records.push(r),
    });
    expect(await healing.exchange(INIT)).toMatchObject({ screen: 'FIRST' });
    expect(refetched).toBe(1);
    expect(records.map((r) => r.status)).toEqual([421, 200]);
    // The fetched key stays in use: no more 421s.
    await healing.exchange(EXCHANGE);
    expect(records.map((r) => r.status)).toEqual([421, 200, 200]);
  });

  it('retries a 421 only once', async () => {
    let refetched = 0;
    const records: ExchangeRecord[] = [];
    const stillWrong = inProcessEndpoint(endpoint, {
      publicKeyPem: otherKeys.publicKeyPem,
      refetchPublicKey: async () => {
        refetched++;
        return otherKeys.publicKeyPem;
      },
      onExchange: (r) => records.push(r),
    });
    expect(await failure(stillWrong.exchange(INIT))).toMatchObject({ status: 421 });
    expect(refetched).toBe(1);
    expect(records.map((r) => r.status)).toEqual([421, 421]);
  });

  it('rejects with kind "decrypt" when a 200 body does not decrypt, and keeps other statuses', async () => {
    const garbage = inProcessEndpoint(async () => new Response('bm90IGVuY3J5cHRlZA==', { status: 200 }), { publicKeyPem: keys.publicKeyPem });
    expect(await failure(garbage.exchange(INIT))).toMatchObject({ kind: 'decrypt', status: 200 });
    const plain = inProcessEndpoint(async () => new Response('{"screen":"FIRST"}', { status: 200 }), { publicKeyPem: keys.publicKeyPem });
    expect((await failure(plain.exchange(INIT))).message).toMatch(/could not be decrypted/);
    const gone = inProcessEndpoint(async () => new Response(JSON.stringify({ error: { code: 'FLOW_TOKEN_COMPLETED' } }), { status: 427 }), { publicKeyPem: keys.publicKeyPem });
    expect(await failure(gone.exchange(INIT))).toMatchObject({ kind: 'status', status: 427, body: { error: { code: 'FLOW_TOKEN_COMPLETED' } } });
    const broken = inProcessEndpoint(async () => new Response('upstream exploded', { status: 502 }), { publicKeyPem: keys.publicKeyPem });
    expect(await failure(broken.exchange(INIT))).toMatchObject({ kind: 'status', status: 502, body: 'upstream exploded' });
  });

  it('signs the flow token for Data API 4.0 with the app secret', async () => {
    const privateKey = await loadPrivateKey(keys.privateKeyPem);
    const seen: unknown[] = [];
    // Looks at what arrived before handing the request to the real endpoint.
    const inspecting = async (request: Request): Promise<Response> => {
      const { body } = await decryptRequest(await request.clone().json(), privateKey);
      seen.push(body);
      return signedEndpoint(request);
    };
    const transport = inProcessEndpoint(inspecting, { publicKeyPem: keys.publicKeyPem, appSecret: APP_SECRET });
    await transport.exchange({ ...INIT, version: '4.0', flowToken: 'tok-40' });
    await transport.exchange(INIT);
    const [v4, v3] = seen as { version: string; flow_token_signature?: string }[];
    expect(v4?.version).toBe('4.0');
    expect(await verifyFlowTokenSignature({ flowToken: 'tok-40', signature: v4?.flow_token_signature, appSecret: APP_SECRET })).toMatchObject({ valid: true });
    expect(v3?.flow_token_signature).toBeUndefined();
  });

  it('refuses bad options up front', () => {
    expect(() => inProcessEndpoint(endpoint, { publicKeyPem: '' })).toThrow(/publicKeyPem/);
    expect(() => httpEndpoint('not a url', { publicKeyPem: keys.publicKeyPem })).toThrow(/not a valid absolute URL/);
    expect(() => httpEndpoint('ftp://example.com/', { publicKeyPem: keys.publicKeyPem })).toThrow(/http or https/);
  });

  it('reports an unusable public key on the first exchange', async () => {
    const transport = inProcessEndpoint(endpoint, { publicKeyPem: keys.privateKeyPem });
    await expect(transport.exchange(INIT)).rejects.toThrow(/expected a public key PEM/);
  });
});

describe('httpEndpoint', () => {
  it('POSTs the signed envelope to a real server and decrypts the answer', async () => {
    const records: ExchangeRecord[] = [];
    const transport = httpEndpoint(server.url, { publicKeyPem: keys.publicKeyPem, appSecret: APP_SECRET, onExchange: (r) => records.push(r) });
    expect(await transport.exchange(INIT)).toEqual({ screen: 'FIRST', data: { greeting: 'hello' } });
    expect(await transport.exchange(EXCHANGE)).toEqual({ screen: 'SECOND', data: { doubled: 4, from: 'FIRST' } });
    expect(records.map((r) => r.status)).toEqual([200, 200]);
  });

  it('maps HTTP errors the same way as in process', async () => {
    const unsigned = httpEndpoint(server.url, { publicKeyPem: keys.publicKeyPem });
    expect(await failure(unsigned.exchange(INIT))).toMatchObject({ kind: 'status', status: 432 });
    let refetched = 0;
    const healing = httpEndpoint(server.url, {
      publicKeyPem: otherKeys.publicKeyPem,
      appSecret: APP_SECRET,
      refetchPublicKey: async () => {
        refetched++;
        return keys.publicKeyPem;
      },
    });
    expect(await healing.exchange(INIT)).toMatchObject({ screen: 'FIRST' });
    expect(refetched).toBe(1);
  });

  it('uses the given fetch, and reports an unreachable endpoint as kind "network"', async () => {
    const urls: string[] = [];
    const counting: typeof fetch = (input, init) => {
      urls.push(String(input));
      return fetch(input, init);
    };
    const transport = httpEndpoint(server.url, { publicKeyPem: keys.publicKeyPem, appSecret: APP_SECRET, fetch: counting });
    await transport.exchange(INIT);
    expect(urls).toEqual([server.url]);

    const closed = await serveLocally(endpoint);
    await closed.close();
    const records: ExchangeRecord[] = [];
    const dead = httpEndpoint(closed.url, { publicKeyPem: keys.publicKeyPem, onExchange: (r) => records.push(r) });
    expect(await failure(dead.exchange(INIT))).toMatchObject({ kind: 'network', status: 0 });
    expect(records).toHaveLength(1);
    expect(records[0]?.status).toBe(0);
  });
});
