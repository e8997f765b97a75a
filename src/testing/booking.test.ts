// FlowTester against the booking example's real endpoint: in process, and over real HTTP on
// 127.0.0.1 with request signatures, including endpoint errors, back navigation, 427 and 421.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOKING_FLOW, createBookingEndpoint } from '../../examples/booking/endpoint.js';
import { Calendar } from '../../examples/booking/calendar.js';
import { generateKeyPair } from '../data-channel/index.js';
import { createMemoryTokenStore } from '../endpoint/index.js';
import type { EndpointLogger, FlowTokenStore } from '../endpoint/index.js';
import { FlowStepError, FlowTester } from './flow-tester.js';
import type { TesterEndpoint } from './flow-tester.js';
import { serveLocally } from './serve.js';
import type { LocalServer } from './serve.js';

// Saturday 5 Dec 2026, 16:10 UTC: Monday 7 Dec is fully open.
const NOW = new Date(Date.UTC(2026, 11, 5, 16, 10));
const APP_SECRET = 'booking-tester-secret-8812';
const quiet: EndpointLogger = { warn: () => undefined, error: () => undefined };

let keys: { privateKeyPem: string; publicKeyPem: string };
let otherKeys: { privateKeyPem: string; publicKeyPem: string };
const servers: LocalServer[] = [];

beforeAll(async () => {
  [keys, otherKeys] = await Promise.all([generateKeyPair(), generateKeyPair()]);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

interface Setup {
  store: FlowTokenStore;
  endpoint: TesterEndpoint;
}

/** A fresh booking business (calendar, token store) reached in process or over HTTP. */
const transports: [string, (privateKeyPem: string, extra?: Partial<{ refetchPublicKey: () => Promise<string>; publicKeyPem: string }>) => Promise<Setup>][] = [
  [
    'in process',
    async (privateKeyPem, extra = {}) => {
      const store = createMemoryTokenStore();
      const handler = createBookingEndpoint({ privateKey: privateKeyPem, tokenStore: store, logger: quiet, calendar: new Calendar(() => NOW) });
      return { store, endpoint: { handler, publicKeyPem: keys.publicKeyPem, ...extra } };
    },
  ],
  [
    'over HTTP',
    async (privateKeyPem, extra = {}) => {
      const store = createMemoryTokenStore();
      const handler = createBookingEndpoint({ privateKey: privateKeyPem, appSecret: APP_SECRET, tokenStore: store, logger: quiet, calendar: new Calendar(() => NOW) });
      const server = await serveLocally(handler);
      servers.push(server);
      return { store, endpoint: { url: server.url, publicKeyPem: keys.publicKeyPem, appSecret: APP_SECRET, ...extra } };
    },
  ],
];

describe.each(transports)('FlowTester on the booking example (%s)', (_name, setup) => {
  it('books an appointment: endpoint error message, back navigation, completion, then 427 for the used token', async () => {
    const { store, endpoint } = await setup(keys.privateKeyPem);
    await store.issue('book-1', { ttlSeconds: 600 });
    const t = await FlowTester.start({ flow: BOOKING_FLOW, flowToken: 'book-1', init: true, endpoint });
    t.expectScreen('APPOINTMENT');
    expect(t.field('Time').enabled).toBe(false);
    expect(t.field('Day').options?.slice(0, 2).map((o) => o.title)).toEqual(['Sat 5 Dec', 'Mon 7 Dec']);

    await t.pick('Service', 'Haircut (30 min)').pick('Day', 'Mon 7 Dec');
    // Picking the day asked the endpoint for its free times.
    expect(t.field('Time').enabled).toBe(true);
    expect(t.field('Time').options?.[0]).toEqual({ id: '09:00', title: '09:00', enabled: true });
    await t.pick('Time', '09:30').tap('Continue');
    t.expectScreen('DETAILS');
    expect(t.components()[0]).toMatchObject({ type: 'TextBody', label: 'Haircut (30 min) on Mon 7 Dec at 09:30' });

    await t.back();
    t.expectScreen('APPOINTMENT');
    expect(t.form).toEqual({ service: 'haircut', date: '2026-12-07', time: '09:30' });
    await t.tap();
    t.expectScreen('DETAILS');

    await t.fill('Full name', 'A').fill('email', 'ana@example.com').tap('Review');
    t.expectScreen('DETAILS');
    expect(t.errors()).toEqual([{ message: 'Please enter your full name.' }]);

    await t.fill('Full name', 'Ana Lima').tap('review');
    t.expectScreen('SUMMARY');
    expect(t.components().map((c) => c.label)).toEqual(['Haircut (30 min) on Mon 7 Dec at 09:30', 'Ana Lima, ana@example.com']);
    expect(t.errors()).toEqual([]);

    await t.tap('Confirm booking');
    expect(t.status).toBe('completed');
    t.expectCompletion({ flow_token: 'book-1', service: 'haircut', date: '2026-12-07', time: '09:30', name: 'Ana Lima' });
    expect(t.completion?.booking_id).toMatch(/^BK-\d+20261207$/);
    expect((await store.get('book-1'))?.status).toBe('completed');

    expect(t.exchanges.map((e) => [e.action, e.screen ?? null, e.status])).toEqual([
      ['INIT', null, 200],
      ['data_exchange', 'APPOINTMENT', 200],
      ['data_exchange', 'APPOINTMENT', 200],
      ['data_exchange', 'APPOINTMENT', 200],
      ['data_exchange', 'DETAILS', 200],
      ['data_exchange', 'DETAILS', 200],
      ['data_exchange', 'SUMMARY', 200],
    ]);
    expect(t.exchanges[1]?.data).toEqual({ trigger: 'date_selected', date: '2026-12-07' });
    expect(t.exchanges[4]?.response).toMatchObject({ screen: 'DETAILS', data: { error_message: 'Please enter your full name.' } });

    // The token store marked the token completed: opening the flow again gets 427.
    const error = await FlowTester.start({ flow: BOOKING_FLOW, flowToken: 'book-1', init: true, endpoint }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(FlowStepError);
    expect((error as FlowStepError).sessionError).toMatchObject({ kind: 'flow-token-expired', status: 427 });
    expect((error as Error).message).toMatch(/HTTP 427 \(FLOW_TOKEN_COMPLETED\)/);
  });

  it('ends the flow with 427 when the token is completed elsewhere mid-flow', async () => {
    const { store, endpoint } = await setup(keys.privateKeyPem);
    await store.issue('book-2', { ttlSeconds: 600 });
    const t = await FlowTester.start({ flow: BOOKING_FLOW, flowToken: 'book-2', init: true, endpoint });
    await t.pick('Service', 'beard').pick('Day', 'Sat 5 Dec');
    expect(t.field('Time').options?.map((o) => o.id)).toEqual(['16:30']);
    await t.pick('Time', '16:30');
    await store.markCompleted('book-2');
    await expect(t.tap()).rejects.toThrow(/tapping "Continue" ended the flow with an error: The flow token is no longer valid/);
    expect(t.status).toBe('error');
    expect(t.error?.kind).toBe('flow-token-expired');
    expect(t.exchanges.at(-1)).toMatchObject({ action: 'data_exchange', screen: 'APPOINTMENT', status: 427 });
  });

  it('handles 421 as WhatsApp does: fails with a stale key, re-fetches the right one and retries', async () => {
    // The endpoint holds the other private key; the tester starts with the stale public key.
    const stale = await setup(otherKeys.privateKeyPem);
    await stale.store.issue('book-3', { ttlSeconds: 600 });
    const error = await FlowTester.start({ flow: BOOKING_FLOW, flowToken: 'book-3', init: true, endpoint: stale.endpoint }).then(() => undefined, (e: unknown) => e);
    expect((error as FlowStepError).sessionError).toMatchObject({ kind: 'decrypt', status: 421 });

    let refetched = 0;
    const healed = await setup(otherKeys.privateKeyPem, {
      refetchPublicKey: async () => {
        refetched++;
        return otherKeys.publicKeyPem;
      },
    });
    await healed.store.issue('book-3', { ttlSeconds: 600 });
    const t = await FlowTester.start({ flow: BOOKING_FLOW, flowToken: 'book-3', init: true, endpoint: healed.endpoint });
    t.expectScreen('APPOINTMENT');
    await t.pick('Day', 'Mon 7 Dec');
    expect(refetched).toBe(1);
    expect(t.exchanges.map((e) => e.status)).toEqual([421, 200, 200]);
  });
});
