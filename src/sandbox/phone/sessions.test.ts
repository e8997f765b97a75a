// Flow sessions on a simulated phone against a real encrypted endpoint (the booking example's):
// the 421 refetch-and-retry, the 427 that disables a message's button, the event stream, and the
// phone API's answers to bad input.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../data-channel/index.js';
import { createMemoryTokenStore } from '../../endpoint/index.js';
import { captureLogger, serveEndpoint } from '../../endpoint/test-kit.js';
import type { CapturedLogger, RunningServer } from '../../endpoint/test-kit.js';
import { createBookingEndpoint } from '../../../examples/booking/endpoint.js';
import type { ApiClient } from '../../api/index.js';
import { START_TIMEOUT_MS, startApiSandbox } from '../api-test-kit.js';
import type { ApiTestSandbox } from '../api-test-kit.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type KeyPair = { privateKeyPem: string; publicKeyPem: string };

const APP_SECRET = 'sessions-test-secret';
const BOOKING_JSON = readFileSync(join(import.meta.dirname, '..', '..', '..', 'examples', 'booking', 'flow.json'), 'utf8');
const WA_ID = '4915120000001';

let t: ApiTestSandbox;
let api: ApiClient;
let keyA: KeyPair;
let keyB: KeyPair;
const servers: RunningServer[] = [];

/** An endpoint whose handler can be swapped while it runs (a business rotating its key). */
async function switchableEndpoint(initial: (req: Request) => Promise<Response>): Promise<{ url: string; use(h: (req: Request) => Promise<Response>): void }> {
  let current = initial;
  const server = await serveEndpoint((req) => current(req));
  servers.push(server);
  return { url: server.url, use: (h) => (current = h) };
}

beforeAll(async () => {
  [keyA, keyB] = await Promise.all([generateKeyPair(), generateKeyPair()]);
  t = await startApiSandbox('pglite', { appSecret: APP_SECRET });
  api = t.client('cloud');
  await call('POST', '/_sandbox/phones', { wa_id: WA_ID, name: 'Bo' });
}, START_TIMEOUT_MS);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await t?.cleanup();
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${t.sandbox.url}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

let flows = 0;

async function publishBooking(endpointUri: string): Promise<string> {
  flows += 1;
  const { id } = await api.flows.create({ name: `booking_${flows}`, categories: ['APPOINTMENT_BOOKING'], endpointUri });
  await api.flows.uploadJson(id, BOOKING_JSON);
  await api.flows.publish(id);
  return id;
}

/** The endpoint's log says why it answered 421 (the business's key does not match), and nothing else. */
function expectDecryptWarnings(logger: CapturedLogger): void {
  expect(logger.lines).not.toEqual([]);
  for (const line of logger.lines) expect(line).toMatchObject({ level: 'warn', message: expect.stringContaining('could not decrypt a request') });
}

const APPOINTMENT_DATA = {
  services: [{ id: 'haircut', title: 'Haircut (30 min)' }],
  dates: [{ id: '2030-01-07', title: 'Mon 7 Jan' }],
  times: [],
  is_time_enabled: false,
};

describe('flow sessions on a phone', () => {
  it('after a 421 refetches the business public key from the store and retries once', { timeout: 120_000 }, async () => {
    await api.encryption.setPublicKey(keyA.publicKeyPem);
    const endpoint = await switchableEndpoint(createBookingEndpoint({ privateKey: keyA.privateKeyPem, appSecret: APP_SECRET }));
    const flowId = await publishBooking(endpoint.url);
    const sent = await api.messages.sendFlow({ to: WA_ID, body: 'Book', flowId, flowCta: 'Book', flowToken: 'rotate-1', flowAction: 'navigate', flowActionPayload: { screen: 'APPOINTMENT', data: APPOINTMENT_DATA } });
    const opened = await call('POST', `/_sandbox/phones/${WA_ID}/messages/${encodeURIComponent(sent.messages[0]?.id ?? '')}/open`);
    expect(opened.status).toBe(201);
    expect(opened.body.session.exchanges).toEqual([]); // navigate: nothing asked of the endpoint yet
    const id = opened.body.session_id as string;

    // The business rotates its key pair while the phone still holds the old public key.
    const logger = captureLogger();
    endpoint.use(createBookingEndpoint({ privateKey: keyB.privateKeyPem, appSecret: APP_SECRET, logger }));
    await api.encryption.setPublicKey(keyB.publicKeyPem);

    const picked = await call('POST', `/_sandbox/sessions/${id}/select`, { name: 'date', option_id: '2030-01-07' });
    expect(picked.status).toBe(200);
    expect(picked.body.session.exchanges.map((e: Json) => e.status)).toEqual([421, 200]);
    expect(picked.body.session.status).toBe('open');
    // The retried request was answered: the screen now shows the endpoint's own calendar.
    expect(picked.body.session.screen.data.dates).not.toEqual(APPOINTMENT_DATA.dates);
    expect((picked.body.session.screen.data.dates as unknown[]).length).toBeGreaterThan(0);
    expectDecryptWarnings(logger);
  });

  it('ends the session with a decrypt error when the refetched key still does not match', { timeout: 120_000 }, async () => {
    await api.encryption.setPublicKey(keyA.publicKeyPem);
    const endpoint = await switchableEndpoint(createBookingEndpoint({ privateKey: keyA.privateKeyPem, appSecret: APP_SECRET }));
    const flowId = await publishBooking(endpoint.url);
    const sent = await api.messages.sendFlow({ to: WA_ID, body: 'Book', flowId, flowCta: 'Book', flowToken: 'stale-1', flowAction: 'navigate', flowActionPayload: { screen: 'APPOINTMENT', data: APPOINTMENT_DATA } });
    const opened = await call('POST', `/_sandbox/phones/${WA_ID}/messages/${encodeURIComponent(sent.messages[0]?.id ?? '')}/open`);
    const logger = captureLogger();
    endpoint.use(createBookingEndpoint({ privateKey: keyB.privateKeyPem, appSecret: APP_SECRET, logger })); // store still has A
    const picked = await call('POST', `/_sandbox/sessions/${opened.body.session_id as string}/select`, { name: 'date', option_id: '2030-01-07' });
    expect(picked.status).toBe(422);
    expect(picked.body.session.exchanges.map((e: Json) => e.status)).toEqual([421, 421]);
    expect(picked.body.session).toMatchObject({ status: 'error', errors: { session: { kind: 'decrypt', status: 421 } } });
    expectDecryptWarnings(logger);
  });

  it('on a 427 ends the session and disables that message\'s button', { timeout: 120_000 }, async () => {
    await api.encryption.setPublicKey(keyA.publicKeyPem);
    // A token store that has never issued this flow token: INIT gets 427.
    const logger = captureLogger();
    const endpoint = await switchableEndpoint(createBookingEndpoint({ privateKey: keyA.privateKeyPem, appSecret: APP_SECRET, tokenStore: createMemoryTokenStore(), logger }));
    const flowId = await publishBooking(endpoint.url);
    const sent = await api.messages.sendFlow({ to: WA_ID, body: 'Book', flowId, flowCta: 'Book now', flowToken: 'never-issued', flowAction: 'data_exchange' });
    const messageId = sent.messages[0]?.id ?? '';
    const opened = await call('POST', `/_sandbox/phones/${WA_ID}/messages/${encodeURIComponent(messageId)}/open`);
    expect(opened.status).toBe(201);
    expect(opened.body.session).toMatchObject({ status: 'error', errors: { session: { kind: 'flow-token-expired', status: 427 } } });

    const again = await call('POST', `/_sandbox/phones/${WA_ID}/messages/${encodeURIComponent(messageId)}/open`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/disabled/);
    const chat = await call('GET', `/_sandbox/phones/${WA_ID}/chat`);
    const message = (chat.body.messages as Json[]).find((m) => m.id === messageId);
    expect(message?.cta).toMatchObject({ text: 'Book now', enabled: false });
    expect(message?.cta.disabled_reason).toMatch(/427/);
    expect(logger.lines.map((l) => `${l.level} ${l.message}`)).toEqual(['warn rejected a request with a flow token that is unknown']);
  });

  it('streams chat messages and session changes as server-sent events', { timeout: 60_000 }, async () => {
    const controller = new AbortController();
    const res = await t.sandbox.fetch(new Request(`${t.sandbox.url}/_sandbox/events?wa_id=${WA_ID}`, { signal: controller.signal }));
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const text = await api.messages.sendText({ to: WA_ID, body: 'Hello from the business' });
    await api.messages.sendText({ to: '4915120000999', body: 'someone else' });
    let buffer = '';
    const decoder = new TextDecoder();
    while (!buffer.includes('event: message.status') || !buffer.includes('"status":"delivered"')) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value);
    }
    controller.abort();
    await reader.cancel().catch(() => undefined);
    expect(buffer).toContain('event: message.sent');
    expect(buffer).toContain(text.messages[0]?.id ?? 'missing');
    expect(buffer).not.toContain('4915120000999');
  });

  it('answers bad input with a clear 4xx', { timeout: 60_000 }, async () => {
    expect((await call('POST', '/_sandbox/phones', { wa_id: 'abc' })).body.error.message).toMatch(/wa_id/);
    expect((await call('POST', '/_sandbox/phones', { wa_id: t.sandbox.context.config.businessNumber })).status).toBe(409);
    expect((await call('GET', '/_sandbox/phones/4915199999999/chat')).status).toBe(404);
    expect((await call('POST', `/_sandbox/phones/${WA_ID}/messages/wamid.nope/open`)).status).toBe(404);
    const text = await api.messages.sendText({ to: WA_ID, body: 'not a flow' });
    const notFlow = await call('POST', `/_sandbox/phones/${WA_ID}/messages/${encodeURIComponent(text.messages[0]?.id ?? '')}/open`);
    expect(notFlow.status).toBe(400);
    expect(notFlow.body.error.message).toMatch(/no flow button/);
    expect((await call('GET', '/_sandbox/sessions/ps_missing')).status).toBe(404);
    const res = await fetch(`${t.sandbox.url}/_sandbox/phones`, { method: 'POST', body: '{not json' });
    expect(res.status).toBe(400);
  });
});
