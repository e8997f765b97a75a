import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../src/data-channel/index.js';
import { createMemoryTokenStore } from '../../src/endpoint/index.js';
import { PlatformClient, captureLogger, serveEndpoint } from '../../src/endpoint/test-kit.js';
import type { RunningServer } from '../../src/endpoint/test-kit.js';
import { Calendar } from './calendar.js';
import { createBookingEndpoint } from './endpoint.js';

// Saturday 5 Dec 2026, 16:10 UTC: today has one slot left (16:30), Sunday is closed.
const NOW = new Date(Date.UTC(2026, 11, 5, 16, 10));
let server: RunningServer;
let phone: PlatformClient;
const store = createMemoryTokenStore();
const logger = captureLogger();

beforeAll(async () => {
  const keys = await generateKeyPair();
  server = await serveEndpoint(createBookingEndpoint({ privateKey: keys.privateKeyPem, tokenStore: store, logger, calendar: new Calendar(() => NOW) }));
  phone = await PlatformClient.create(server.url, keys.publicKeyPem);
});
afterAll(() => server.close());

describe('booking endpoint', () => {
  it('offers six days from today, skipping Sunday, and only future times today', async () => {
    await store.issue('t1', { ttlSeconds: 600 });
    const init = await phone.call({ version: '3.0', action: 'INIT', flow_token: 't1' });
    const data = (init.body as { data: { dates: { id: string; title: string }[] } }).data;
    expect(data.dates.slice(0, 3)).toEqual([
      { id: '2026-12-05', title: 'Sat 5 Dec' },
      { id: '2026-12-07', title: 'Mon 7 Dec' },
      { id: '2026-12-08', title: 'Tue 8 Dec' },
    ]);
    const today = await phone.call({ version: '3.0', action: 'data_exchange', flow_token: 't1', screen: 'APPOINTMENT', data: { trigger: 'date_selected', date: '2026-12-05' } });
    expect((today.body as { data: { times: unknown } }).data.times).toEqual([{ id: '16:30', title: '16:30' }]);
  });

  it('keeps the user on the screen with an error for a closed day', async () => {
    await store.issue('t2', { ttlSeconds: 600 });
    const sunday = await phone.call({ version: '3.0', action: 'data_exchange', flow_token: 't2', screen: 'APPOINTMENT', data: { trigger: 'date_selected', date: '2026-12-06' } });
    expect(sunday.body).toMatchObject({ screen: 'APPOINTMENT', data: { times: [], is_time_enabled: false, error_message: 'No free times that day. Please pick another day.' } });
  });

  it('closes the session on completion: the same flow token then gets 427', async () => {
    await store.issue('t3', { ttlSeconds: 600 });
    const booking = { service: 'beard', date: '2026-12-07', time: '09:00', name: 'Rui Costa', email: 'rui@example.com', phone: '', notes: 'window seat' };
    const done = await phone.call({ version: '3.0', action: 'data_exchange', flow_token: 't3', screen: 'SUMMARY', data: booking });
    expect(done.body).toMatchObject({ screen: 'SUCCESS', data: { extension_message_response: { params: { flow_token: 't3', service: 'beard' } } } });
    expect((await phone.call({ version: '3.0', action: 'INIT', flow_token: 't3' })).status).toBe(427);
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});

describe('the calendar', () => {
  it('offers today only while a slot is left, so the first day offered always has free times', () => {
    const morning = new Calendar(() => new Date('2026-12-02T08:00:00Z')); // a Wednesday
    expect(morning.dates()[0]?.id).toBe('2026-12-02');
    const evening = new Calendar(() => new Date('2026-12-02T16:45:00Z')); // after the last slot began
    expect(evening.dates()[0]?.id).toBe('2026-12-03');
    expect(evening.dates()).toHaveLength(7);
    for (const calendar of [morning, evening]) expect(calendar.freeTimes(calendar.dates()[0]?.id ?? '').length).toBeGreaterThan(0);
  });
});
