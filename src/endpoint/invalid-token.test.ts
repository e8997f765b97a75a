// 427 as the platform defines it (spec §3.4): a handler ends its flow token with invalidFlowToken(),
// the token store's refusals carry tokenMessages' text, and either way the answer is HTTP 427 with
// the documented `{"error_msg"}` body, through the real endpoint over loopback HTTP with real
// encryption.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptResponse, encryptRequest, generateKeyPair, loadPublicKey, signFlowToken, signRequestBody } from '../data-channel/index.js';
import type { BusinessPublicKey } from '../data-channel/index.js';
import { createFlowEndpoint } from './handler.js';
import { complete, invalidFlowToken, nextScreen } from './results.js';
import { captureLogger, serveEndpoint } from './test-kit.js';
import type { CapturedLogger, RunningServer } from './test-kit.js';
import { createMemoryTokenStore } from './token-store/memory.js';
import type { FlowTokenRejection } from './token-store/types.js';
import type { FlowEndpointOptions } from './types.js';

const APP_SECRET = 'invalid-token-test-secret';
const PLACED = 'This order was already placed';

let keys: { privateKeyPem: string; publicKeyPem: string };
let publicKey: BusinessPublicKey;
const servers: RunningServer[] = [];

beforeAll(async () => {
  keys = await generateKeyPair();
  publicKey = await loadPublicKey(keys.publicKeyPem);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

interface Raw {
  status: number;
  contentType: string | null;
  /** The body exactly as sent: JSON text for errors. */
  text: string;
  /** The decrypted response, for a 200. */
  decrypted?: unknown;
}

/** POSTs `request` encrypted as WhatsApp does and returns the answer as it came. */
async function post(url: string, request: Record<string, unknown>): Promise<Raw> {
  const { envelope, aesKey, iv } = await encryptRequest(request as never, publicKey);
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(envelope) });
  const text = await response.text();
  const raw: Raw = { status: response.status, contentType: response.headers.get('content-type'), text };
  if (response.status === 200) raw.decrypted = await decryptResponse(text, aesKey, iv);
  return raw;
}

async function serve(options: Omit<FlowEndpointOptions, 'privateKey' | 'logger'>): Promise<{ url: string; logger: CapturedLogger }> {
  const logger = captureLogger();
  const server = await serveEndpoint(createFlowEndpoint({ privateKey: keys.privateKeyPem, logger, ...options }));
  servers.push(server);
  return { url: server.url, logger };
}

const init = (token: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ version: '3.0', action: 'INIT', flow_token: token, ...extra });
const order = (token: string): Record<string, unknown> => ({ version: '3.0', action: 'data_exchange', screen: 'CART', flow_token: token, data: { order: 'A-17' } });

describe('a handler that ends its flow token', () => {
  it('answers HTTP 427 with exactly {"error_msg": <its text>}', async () => {
    const { url, logger } = await serve({ handlers: { dataExchange: { CART: () => invalidFlowToken(PLACED) } } });
    const answer = await post(url, order('tok-1'));
    expect(answer.status).toBe(427);
    expect(answer.contentType).toMatch(/^application\/json/);
    expect(answer.text).toBe('{"error_msg":"This order was already placed"}');
    expect(logger.lines.filter((l) => l.level === 'error' || l.level === 'warn')).toEqual([]);
  });

  it('without a text answers 427 with the coded body, so the phone shows its generic error', async () => {
    const { url } = await serve({ handlers: { init: () => invalidFlowToken() } });
    const answer = await post(url, init('tok-2'));
    expect(answer.status).toBe(427);
    expect(JSON.parse(answer.text)).toEqual({ error: { code: 'FLOW_TOKEN_INVALIDATED', message: 'the endpoint ended this flow token' } });
  });

  it('spends the token in the token store, so the next request gets 427 too (with the store\'s text)', async () => {
    const store = createMemoryTokenStore();
    await store.issue('tok-3', { ttlSeconds: 600 });
    let calls = 0;
    const { url } = await serve({
      tokenStore: store,
      tokenMessages: { completed: 'You already finished this order' },
      handlers: {
        init: () => nextScreen('CART', {}),
        dataExchange: {
          CART: () => {
            calls += 1;
            return invalidFlowToken(PLACED);
          },
        },
      },
    });
    expect(await post(url, init('tok-3'))).toMatchObject({ status: 200, decrypted: { screen: 'CART', data: {} } });
    expect((await post(url, order('tok-3'))).text).toBe(JSON.stringify({ error_msg: PLACED }));
    expect((await store.get('tok-3'))?.status).toBe('completed');
    const again = await post(url, order('tok-3'));
    expect(again).toMatchObject({ status: 427, text: '{"error_msg":"You already finished this order"}' });
    expect(calls).toBe(1); // the spent token never reached the handler again
  });

  it('refuses an empty text when the handler builds the result, and a malformed hand-written one', async () => {
    expect(() => invalidFlowToken('  ')).toThrow(/non-empty string/);
    const { url, logger } = await serve({ handlers: { init: () => ({ invalidFlowToken: { message: 42 } }) as never } });
    expect((await post(url, init('tok-4'))).status).toBe(500);
    expect(logger.text()).toMatch(/invalidFlowToken\(message\): message must be a non-empty string/);
  });
});

describe('the token store\'s 427s with tokenMessages', () => {
  it('gives each refusal its text: unknown, expired, completed', async () => {
    const clock = { now: Date.now() };
    const store = createMemoryTokenStore({ now: () => clock.now });
    await store.issue('short', { ttlSeconds: 1 });
    await store.issue('done', { ttlSeconds: 600 });
    await store.markCompleted('done');
    const { url } = await serve({
      tokenStore: store,
      tokenMessages: { unknown: 'We could not find this request', expired: 'This offer has expired', completed: 'Already done' },
      handlers: { init: () => nextScreen('CART', {}) },
    });
    clock.now += 5_000;
    expect((await post(url, init('never-issued'))).text).toBe('{"error_msg":"We could not find this request"}');
    expect((await post(url, init('short'))).text).toBe('{"error_msg":"This offer has expired"}');
    expect((await post(url, init('done'))).text).toBe('{"error_msg":"Already done"}');
  });

  it('keeps the coded body for a reason without a text', async () => {
    const { url } = await serve({ tokenStore: createMemoryTokenStore(), tokenMessages: { completed: 'Already done' }, handlers: {} });
    const answer = await post(url, init('never-issued'));
    expect(answer.status).toBe(427);
    expect(JSON.parse(answer.text)).toEqual({ error: { code: 'FLOW_TOKEN_UNKNOWN', message: 'the flow token is unknown' } });
  });

  it('asks a function with the reason and the user\'s locale, to answer in the user\'s language', async () => {
    const asked: [FlowTokenRejection, string, string | undefined][] = [];
    const store = createMemoryTokenStore();
    await store.issue('done', { ttlSeconds: 600 });
    await store.markCompleted('done');
    const { url } = await serve({
      tokenStore: store,
      tokenMessages: (reason, request) => {
        asked.push([reason, request.flowToken, request.userLocale]);
        return request.userLocale === 'pt_BR' ? 'Este pedido já foi feito' : undefined;
      },
      handlers: {},
    });
    expect((await post(url, init('done', { user_locale: 'pt_BR' }))).text).toBe('{"error_msg":"Este pedido já foi feito"}');
    expect(JSON.parse((await post(url, init('done'))).text)).toMatchObject({ error: { code: 'FLOW_TOKEN_COMPLETED' } });
    expect(asked).toEqual([['completed', 'done', 'pt_BR'], ['completed', 'done', undefined]]);
  });

  it('a throwing function costs only the text, and says so in the log', async () => {
    const { url, logger } = await serve({
      tokenStore: createMemoryTokenStore(),
      tokenMessages: () => {
        throw new Error('translations not loaded');
      },
      handlers: {},
    });
    const answer = await post(url, init('never-issued'));
    expect(answer.status).toBe(427);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'FLOW_TOKEN_UNKNOWN' } });
    expect(logger.text()).toMatch(/tokenMessages threw for "unknown"; the 427 carries no text: translations not loaded/);
  });

  it('gives an expired Data API 4.0 token signature the expired text', async () => {
    const { url } = await serve({ appSecret: APP_SECRET, tokenMessages: { expired: 'This offer has expired' }, handlers: { init: () => complete() } });
    const old = await signFlowToken({ flowToken: 'tok-4', appSecret: APP_SECRET, issuedAt: 1_000_000, expiresIn: 60 });
    const { envelope } = await encryptRequest({ version: '4.0', action: 'INIT', flow_token: 'tok-4', flow_token_signature: old }, publicKey);
    const body = JSON.stringify(envelope);
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': await signRequestBody(body, APP_SECRET) }, body });
    expect(response.status).toBe(427);
    expect(await response.text()).toBe('{"error_msg":"This offer has expired"}');
  });

  it('refuses tokenMessages that name no reason or hold no text', () => {
    const base = { privateKey: keys.privateKeyPem, handlers: {} };
    expect(() => createFlowEndpoint({ ...base, tokenMessages: { finished: 'x' } as never })).toThrow(/tokenMessages.finished is not a reason; use unknown, expired, completed, claimed/);
    expect(() => createFlowEndpoint({ ...base, tokenMessages: { expired: '' } })).toThrow(/tokenMessages.expired must be a non-empty string/);
    expect(() => createFlowEndpoint({ ...base, tokenMessages: 'Gone' as never })).toThrow(/tokenMessages must be an object/);
  });
});
