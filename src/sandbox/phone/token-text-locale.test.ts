// A simulated phone against a real encrypted endpoint: a 427 with the business's text
// (invalidFlowToken) ends the session showing that text and disables the message's button with it
// as the reason; the phone's locale (POST /_sandbox/phones { locale }, default en_US) reaches the
// handler as ctx.userLocale through the request's user_locale.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../data-channel/index.js';
import { createFlowEndpoint, invalidFlowToken, nextScreen } from '../../endpoint/index.js';
import { captureLogger, serveEndpoint } from '../../endpoint/test-kit.js';
import type { RunningServer } from '../../endpoint/test-kit.js';
import type { ApiClient } from '../../api/index.js';
import { START_TIMEOUT_MS, startApiSandbox } from '../api-test-kit.js';
import type { ApiTestSandbox } from '../api-test-kit.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const APP_SECRET = 'token-text-test-secret';
const BOOKING_JSON = readFileSync(join(import.meta.dirname, '..', '..', '..', 'examples', 'booking', 'flow.json'), 'utf8');
const PLACED = 'This order was already placed';
const APPOINTMENT_DATA = {
  services: [{ id: 'haircut', title: 'Haircut (30 min)' }],
  dates: [{ id: '2030-01-07', title: 'Mon 7 Jan' }],
  times: [],
  is_time_enabled: false,
};

let t: ApiTestSandbox;
let api: ApiClient;
let server: RunningServer;
let flowId: string;
/** [flow_token, ctx.userLocale] of every INIT the endpoint saw. */
const inits: [string, string | undefined][] = [];

beforeAll(async () => {
  const keys = await generateKeyPair();
  t = await startApiSandbox('pglite', { appSecret: APP_SECRET });
  api = t.client('cloud');
  server = await serveEndpoint(
    createFlowEndpoint({
      privateKey: keys.privateKeyPem,
      appSecret: APP_SECRET,
      logger: captureLogger(),
      handlers: {
        init: (ctx) => {
          inits.push([ctx.flowToken, ctx.userLocale]);
          return ctx.flowToken.startsWith('placed') ? invalidFlowToken(PLACED) : nextScreen('APPOINTMENT', APPOINTMENT_DATA);
        },
      },
    }),
  );
  await api.encryption.setPublicKey(keys.publicKeyPem);
  const created = await api.flows.create({ name: 'token_text_booking', categories: ['APPOINTMENT_BOOKING'], endpointUri: server.url });
  await api.flows.uploadJson(created.id, BOOKING_JSON);
  await api.flows.publish(created.id);
  flowId = created.id;
}, START_TIMEOUT_MS);

afterAll(async () => {
  await server?.close();
  await t?.cleanup();
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${t.sandbox.url}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

/** Sends the booking flow (INIT first) to `waId` and taps its button. */
async function sendAndOpen(waId: string, flowToken: string): Promise<{ messageId: string; opened: { status: number; body: Json } }> {
  const sent = await api.messages.sendFlow({ to: waId, body: 'Book', flowId, flowCta: 'Book now', flowToken, flowAction: 'data_exchange' });
  const messageId = sent.messages[0]?.id ?? '';
  const opened = await call('POST', `/_sandbox/phones/${waId}/messages/${encodeURIComponent(messageId)}/open`);
  return { messageId, opened };
}

describe('a 427 with the business\'s text on the phone', () => {
  it('ends the session showing the text, and disables the message\'s button with it as the reason', { timeout: 120_000 }, async () => {
    const waId = '4915120000101';
    await call('POST', '/_sandbox/phones', { wa_id: waId });
    const { messageId, opened } = await sendAndOpen(waId, 'placed-1');
    expect(opened.status).toBe(201);
    expect(opened.body.session).toMatchObject({
      status: 'error',
      errors: { session: { kind: 'flow-token-expired', status: 427, userMessage: PLACED } },
      exchanges: [{ action: 'INIT', status: 427 }],
    });
    expect(opened.body.session.errors.session.message).toContain(`the client shows "${PLACED}"`);

    const chat = await call('GET', `/_sandbox/phones/${waId}/chat`);
    const message = (chat.body.messages as Json[]).find((m) => m.id === messageId);
    expect(message?.cta).toEqual({ text: 'Book now', enabled: false, disabled_reason: PLACED });
    const again = await call('POST', `/_sandbox/phones/${waId}/messages/${encodeURIComponent(messageId)}/open`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(`the button of message ${messageId} is disabled: ${PLACED}`);
  });
});

describe('the phone\'s locale', () => {
  it('reaches the handler as userLocale: the locale the phone was created with, else en_US', { timeout: 120_000 }, async () => {
    const created = await call('POST', '/_sandbox/phones', { wa_id: '4915120000102', locale: 'pt-br' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ phone: { wa_id: '4915120000102', locale: 'pt_BR' } });
    const plainPhone = await call('POST', '/_sandbox/phones', { wa_id: '4915120000103', name: 'No locale set' });
    expect(plainPhone.body).toMatchObject({ phone: { locale: 'en_US' } });
    inits.length = 0;

    const [br, plain] = [await sendAndOpen('4915120000102', 'tok-br'), await sendAndOpen('4915120000103', 'tok-plain')];
    expect(br.opened.body.session).toMatchObject({ status: 'open', user_locale: 'pt_BR', screen: { id: 'APPOINTMENT' } });
    expect(plain.opened.body.session).toMatchObject({ status: 'open', user_locale: 'en_US' });
    expect(inits).toEqual([['tok-br', 'pt_BR'], ['tok-plain', 'en_US']]);

    // Changing an existing phone's locale applies to its next session.
    expect((await call('POST', '/_sandbox/phones', { wa_id: '4915120000103', locale: 'de_DE' })).status).toBe(200);
    await sendAndOpen('4915120000103', 'tok-de');
    expect(inits.at(-1)).toEqual(['tok-de', 'de_DE']);
  });

  it('refuses a locale that is not a language code', { timeout: 60_000 }, async () => {
    const bad = await call('POST', '/_sandbox/phones', { wa_id: '4915120000104', locale: 'English please' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/locale must be a language code with an optional region, such as "en_US"/);
  });
});
