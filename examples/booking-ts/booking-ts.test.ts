// The TypeScript-authored booking: its Flow JSON validates and is the JSON booking's, its types
// file is current, and its endpoint (typed from it) compiles and completes a booking over real HTTP
// with real encryption.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../src/data-channel/index.js';
import { createMemoryTokenStore } from '../../src/endpoint/index.js';
import { PlatformClient, captureLogger, serveEndpoint } from '../../src/endpoint/test-kit.js';
import type { RunningServer } from '../../src/endpoint/test-kit.js';
import { generateFlowTypes } from '../../src/flow-json/typegen/index.js';
import { formatProblems, typeCheck } from '../../src/flow-json/typegen/typecheck-test-kit.js';
import { validateFlow } from '../../src/flow-json/validate/index.js';
import { Calendar } from '../booking/calendar.js';
import { createBookingEndpoint } from './endpoint.js';
import { BOOKING_FLOW_JSON } from './flow.js';

const TYPES = join(import.meta.dirname, 'booking.types.ts');

describe('the TypeScript-authored booking flow', () => {
  it('gives Flow JSON the validator accepts, equal to examples/booking/flow.json', () => {
    const result = validateFlow(BOOKING_FLOW_JSON);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(BOOKING_FLOW_JSON).toEqual(JSON.parse(readFileSync(join(import.meta.dirname, '..', 'booking', 'flow.json'), 'utf8')));
    expect(BOOKING_FLOW_JSON.routing_model).toEqual({ APPOINTMENT: ['DETAILS'], DETAILS: ['SUMMARY'], SUMMARY: [] });
  });

  it('has booking.types.ts generated from it (WAFLOW_WRITE_GENERATED=1 rewrites it)', () => {
    const source = generateFlowTypes(BOOKING_FLOW_JSON, { name: 'BookingFlow', source: 'flow.ts' }).replace(
      'run `waflow typegen` again after changing the flow.',
      'run `WAFLOW_WRITE_GENERATED=1 npx vitest run examples/booking-ts` after changing flow.ts.',
    );
    if (process.env['WAFLOW_WRITE_GENERATED'] === '1') writeFileSync(TYPES, source);
    expect(readFileSync(TYPES, 'utf8') === source, 'booking.types.ts is stale').toBe(true);
  });

  it('has an endpoint that compiles against those types', () => {
    const problems = typeCheck([join(import.meta.dirname, 'endpoint.ts')]);
    expect(problems, formatProblems(problems)).toEqual([]);
  }, 120_000);
});

describe('its endpoint', () => {
  // Monday 7 Dec 2026, 08:00 UTC: the whole day is free.
  const NOW = new Date(Date.UTC(2026, 11, 7, 8, 0));
  const store = createMemoryTokenStore();
  const logger = captureLogger();
  let server: RunningServer;
  let phone: PlatformClient;

  beforeAll(async () => {
    const keys = await generateKeyPair();
    server = await serveEndpoint(createBookingEndpoint({ privateKey: keys.privateKeyPem, tokenStore: store, logger, calendar: new Calendar(() => NOW) }));
    phone = await PlatformClient.create(server.url, keys.publicKeyPem);
  });
  afterAll(() => server.close());

  it('books an appointment from INIT to completion', async () => {
    await store.issue('bk', { ttlSeconds: 600 });
    const call = (body: Record<string, unknown>) => phone.call({ version: '3.0', flow_token: 'bk', ...body } as Parameters<PlatformClient['call']>[0]);
    const init = await call({ action: 'INIT' });
    expect(init.body).toMatchObject({ screen: 'APPOINTMENT', data: { is_time_enabled: false, times: [] } });
    const day = await call({ action: 'data_exchange', screen: 'APPOINTMENT', data: { trigger: 'date_selected', date: '2026-12-07' } });
    expect(day.body).toMatchObject({ screen: 'APPOINTMENT', data: { is_time_enabled: true } });
    const slot = { service: 'haircut', date: '2026-12-07', time: '09:00' };
    const details = await call({ action: 'data_exchange', screen: 'APPOINTMENT', data: slot });
    expect(details.body).toMatchObject({ screen: 'DETAILS', data: slot });
    const bad = await call({ action: 'data_exchange', screen: 'DETAILS', data: { ...slot, name: 'Ana Lima', email: 'not-an-email' } });
    expect(bad.body).toMatchObject({ screen: 'DETAILS', data: { error_message: 'Please enter a valid email address.' } });
    const review = await call({ action: 'data_exchange', screen: 'DETAILS', data: { ...slot, name: 'Ana Lima', email: 'ana@example.com', phone: '', notes: '' } });
    expect(review.body).toMatchObject({ screen: 'SUMMARY', data: { contact: 'Ana Lima, ana@example.com', name: 'Ana Lima' } });
    const summary = (review.body as { data: Record<string, string> }).data;
    const { service, date, time, name, email, phone: tel, notes } = summary;
    const done = await call({ action: 'data_exchange', screen: 'SUMMARY', data: { service, date, time, name, email, phone: tel, notes } });
    expect(done.body).toMatchObject({ screen: 'SUCCESS', data: { extension_message_response: { params: { flow_token: 'bk', service: 'haircut', time: '09:00', name: 'Ana Lima' } } } });
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
