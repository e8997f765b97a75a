// Every example flow driven to completion, as a user would on the phone. Flows with an endpoint
// talk to a small in-process endpoint written here: the test's peer, answering as a business would.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startFlow } from './index.js';
import type { ExchangeRequest, RuntimeHost } from './index.js';

const EXAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../examples');
const readExample = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as Record<string, unknown>;

/** A host that records requests and answers with `answer`; completions and URLs are recorded too. */
function hostFor(answer: (req: ExchangeRequest) => unknown): RuntimeHost & { requests: ExchangeRequest[]; completions: Record<string, unknown>[]; urls: string[] } {
  const requests: ExchangeRequest[] = [];
  const completions: Record<string, unknown>[] = [];
  const urls: string[] = [];
  return {
    requests,
    completions,
    urls,
    exchange: (req) => {
      requests.push(req);
      return Promise.resolve(answer(req));
    },
    complete: (json) => completions.push(json),
    openUrl: (url) => urls.push(url),
  };
}

describe('examples/', () => {
  it('covers every example file here', () => {
    const files = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual([
      'all-inputs.json', 'conditional-if-switch.json', 'data-exchange.json', 'feedback-form.json', 'navigation-payloads.json', 'sign-up.json', 'update-data.json',
    ]);
  });

  it('navigation-payloads.json: payloads become the next screens\' data and the completion', async () => {
    const session = await startFlow({ flow: readExample('navigation-payloads.json'), flowToken: 'nav', mode: { action: 'navigate' } });
    const workshops = session.screen.components.find((c) => c.name === 'workshop')?.options ?? [];
    const seats = session.screen.components.find((c) => c.name === 'seats')?.options ?? [];
    expect(workshops.length).toBeGreaterThan(0);
    const workshop = workshops[0]?.id as string;
    const seat = seats[1]?.id as string;
    expect(session.setValue('workshop', workshop).ok).toBe(true);
    expect(session.setValue('seats', seat).ok).toBe(true);
    expect(await session.submit()).toMatchObject({ ok: true, screen: 'ATTENDEE' });
    expect(session.screen.data).toEqual({ workshop, seats: seat });
    expect(session.setValue('email', 'not-an-email')).toEqual({ ok: false, error: 'Enter a valid email address' });
    session.setValue('full_name', 'Rui Costa');
    expect(session.screen.footer?.enabled).toBe(false);
    session.setValue('email', 'rui@example.com');
    expect(await session.submit()).toMatchObject({ ok: true, screen: 'CONFIRM' });
    // Nested expressions (7.3) render with the data.
    const texts = session.screen.components.map((c) => c.props['text']);
    expect(texts).toContain('Name: Rui Costa');
    expect(texts).toContain('Confirmation goes to rui@example.com');
    await session.submit();
    expect(session.completion).toEqual({ flow_token: 'nav', workshop, seats: seat, full_name: 'Rui Costa', email: 'rui@example.com' });
  });

  it('conditional-if-switch.json: Switch and If choose what shows and what is required', async () => {
    const session = await startFlow({ flow: readExample('conditional-if-switch.json'), flowToken: 'sup', mode: { action: 'navigate' } });
    const names = (): string[] => session.screen.components.filter((c) => c.visible).map((c) => c.name ?? c.type);
    expect(names()).not.toContain('invoice_number');
    session.setValue('topic', 'device');
    expect(names()).toContain('device_model');
    expect(names()).not.toContain('invoice_number');
    const device = session.screen.components.find((c) => c.name === 'device_model')?.options?.[0]?.id as string;
    session.setValue('device_model', device);
    session.setValue('contact_method', 'call');
    expect(names()).toContain('callback_phone');
    expect(session.screen.footer?.disabledReason).toContain('Phone number');
    expect(session.setValue('callback_phone', 'call me')).toEqual({ ok: false, error: 'Enter a valid phone number' });
    expect(session.setValue('callback_phone', '+351 912 345 678').ok).toBe(true);
    // The second If (topic device and contact call) shows its caption.
    expect(session.screen.components.some((c) => c.props['text'] === 'Keep the device nearby when we call.')).toBe(true);
    expect(await session.submit()).toEqual({ ok: true, outcome: 'completed' });
    expect(session.completion).toMatchObject({ flow_token: 'sup', topic: 'device', device_model: device, contact_method: 'call', callback_phone: '+351 912 345 678' });
    expect(session.completion).not.toHaveProperty('invoice_number');
  });

  it('update-data.json: per-option and OptIn update_data actions show fields and replace options', async () => {
    const session = await startFlow({ flow: readExample('update-data.json'), flowToken: 'del', mode: { action: 'navigate', data: { address_visible: false, lockers_visible: false, lockers: [], note_visible: false } } });
    const visible = (name: string): boolean | undefined => session.screen.components.find((c) => c.name === name)?.visible;
    expect(visible('city')).toBe(false);
    expect(await session.select('method', 'locker')).toEqual({ ok: true, value: 'locker' });
    expect(visible('city')).toBe(true);
    expect(visible('address')).toBe(false);
    expect(await session.select('city', 'porto')).toEqual({ ok: true, value: 'porto' });
    expect(session.screen.components.find((c) => c.name === 'locker')?.options?.map((o) => o.id)).toEqual(['opo_ribeira', 'opo_campanha']);
    await session.select('locker', 'opo_campanha');
    await session.select('add_note', 'true');
    expect(visible('courier_note')).toBe(true);
    expect(session.setValue('courier_note', 'x'.repeat(61))).toEqual({ ok: false, error: 'Enter up to 60 characters' });
    session.setValue('courier_note', 'Ring twice');
    await session.unselect('add_note', 'true');
    expect(visible('courier_note')).toBe(false);
    await session.submit();
    // The hidden note and address are not part of the answer.
    expect(session.completion).toEqual({ flow_token: 'del', method: 'locker', city: 'porto', locker: 'opo_campanha' });
  });

  it('sign-up.json: read-more opens the terms, global references collect the first screen', async () => {
    const session = await startFlow({ flow: readExample('sign-up.json'), flowToken: 'gym', mode: { action: 'navigate' } });
    session.setValue('first_name', 'Ana');
    session.setValue('last_name', 'Lima');
    session.setValue('email', 'ana@example.com');
    expect(session.setValue('date_of_birth', '2012-05-01')).toEqual({ ok: false, error: '2012-05-01 is after the latest date allowed' });
    session.setValue('date_of_birth', '1990-05-01');
    expect(await session.activate('accepts_terms')).toEqual({ ok: true, outcome: 'navigated', screen: 'TERMS' });
    await session.back();
    expect(session.screen.footer?.enabled).toBe(false);
    await session.select('accepts_terms', 'true');
    expect(await session.submit()).toMatchObject({ ok: true, screen: 'SECURE_ACCOUNT' });
    expect(session.screen.components[0]?.props['text']).toBe('Almost there, Ana');
    expect(session.setValue('door_pin', '12a4')).toEqual({ ok: false, error: 'Enter digits only' });
    expect(session.setValue('password', 'short')).toEqual({ ok: false, error: 'Enter at least 8 characters' });
    session.setValue('password', 'correct horse');
    session.setValue('door_pin', '2468');
    expect(await session.submit()).toEqual({ ok: true, outcome: 'completed' });
    expect(session.completion).toMatchObject({ flow_token: 'gym', first_name: 'Ana', last_name: 'Lima', email: 'ana@example.com', date_of_birth: '1990-05-01', accepts_terms: true });
    const secure = session.summary().filter((i) => i.screen === 'SECURE_ACCOUNT');
    expect(secure.map((i) => [i.name, i.value])).toEqual([['password', '••••'], ['door_pin', '••••']]);
  });

  it('data-exchange.json: INIT, on-select data_exchange, footer data_exchange, then complete', async () => {
    const showrooms = [{ id: 'downtown', title: 'Downtown', description: '12 Harbour Street' }, { id: 'airport', title: 'Airport', description: 'Terminal road 4' }];
    const host = hostFor((req) => {
      if (req.action === 'INIT') return { screen: 'PICK_SLOT', data: { greeting: 'Hi Ana', showrooms, slots: [], slots_visible: false } };
      if (req.data['slot'] === undefined) {
        return { screen: 'PICK_SLOT', data: { slots: [{ id: 'd-10', title: 'Tue 10:00' }, { id: 'd-14', title: 'Tue 14:00' }], slots_visible: true } };
      }
      return { screen: 'CONFIRMED', data: { booking_id: 'TD-1', summary: `${String(req.data['showroom'])} at ${String(req.data['slot'])}` } };
    });
    const session = await startFlow({ flow: readExample('data-exchange.json'), flowToken: 'td', host, mode: { action: 'data_exchange' } });
    expect(session.screen.id).toBe('PICK_SLOT');
    expect(session.screen.components[0]?.props['text']).toBe('Hi Ana');
    expect(await session.select('showroom', 'airport')).toEqual({ ok: true, value: 'airport' });
    expect(host.requests[1]).toEqual({ action: 'data_exchange', screen: 'PICK_SLOT', data: { showroom: 'airport' }, flowToken: 'td', version: '3.0' });
    expect(session.screen.components.find((c) => c.name === 'slot')?.visible).toBe(true);
    expect(session.form['showroom']).toBe('airport'); // same-screen update keeps the form
    session.setValue('slot', 'd-14');
    expect(await session.submit()).toEqual({ ok: true, outcome: 'navigated', screen: 'CONFIRMED' });
    expect(session.screen.components.find((c) => c.type === 'TextBody')?.props['text']).toBe('airport at d-14');
    await session.submit();
    expect(host.completions).toEqual([{ flow_token: 'td', booking_id: 'TD-1' }]);
  });

  it('booking/flow.json: the appointment endpoint flow, with an error message and a SUCCESS completion', async () => {
    const dates = [{ id: '2026-12-01', title: 'Tue 1 Dec' }, { id: '2026-12-02', title: 'Wed 2 Dec' }];
    const services = [{ id: 'haircut', title: 'Haircut (30 min)' }];
    const host = hostFor((req) => {
      const d = req.data;
      if (req.action === 'INIT') return { screen: 'APPOINTMENT', data: { services, dates, times: [], is_time_enabled: false } };
      if (req.screen === 'APPOINTMENT' && d['trigger'] === 'date_selected') {
        return d['date'] === '2026-12-02'
          ? { screen: 'APPOINTMENT', data: { services, dates, times: [], is_time_enabled: false, error_message: 'No free times that day. Please pick another day.' } }
          : { screen: 'APPOINTMENT', data: { services, dates, times: [{ id: '09:00', title: '09:00' }], is_time_enabled: true } };
      }
      if (req.screen === 'APPOINTMENT') return { screen: 'DETAILS', data: { service: d['service'], date: d['date'], time: d['time'], slot_label: 'Haircut on Tue 1 Dec at 09:00' } };
      if (req.screen === 'DETAILS') {
        return { screen: 'SUMMARY', data: { summary: 'Haircut on Tue 1 Dec at 09:00', contact: `${String(d['name'])}, ${String(d['email'])}`, service: d['service'], date: d['date'], time: d['time'], name: d['name'], email: d['email'], phone: d['phone'] ?? '', notes: d['notes'] ?? '' } };
      }
      return { screen: 'SUCCESS', data: { extension_message_response: { params: { flow_token: req.flowToken, booking: `${String(d['date'])} ${String(d['time'])}` } } } };
    });
    const session = await startFlow({ flow: readExample('booking/flow.json'), flowToken: 'bk', host, mode: { action: 'data_exchange' } });
    await session.select('service', 'haircut');
    expect(await session.select('date', '2026-12-02')).toEqual({ ok: true, value: '2026-12-02' });
    expect(session.screen.errorMessage).toBe('No free times that day. Please pick another day.');
    expect(session.screen.components.find((c) => c.name === 'time')?.enabled).toBe(false);
    await session.select('date', '2026-12-01');
    expect(session.screen.errorMessage).toBeUndefined();
    expect(session.setValue('time', '09:00')).toEqual({ ok: true, value: '09:00' });
    expect(await session.submit()).toMatchObject({ ok: true, screen: 'DETAILS' });
    session.setValue('name', 'Ana Lima');
    session.setValue('email', 'ana@example.com');
    await session.submit();
    expect(session.screen.id).toBe('SUMMARY');
    expect(session.screen.components[1]?.props['text']).toBe('Ana Lima, ana@example.com');
    expect(await session.submit()).toEqual({ ok: true, outcome: 'completed' });
    expect(session.completion).toEqual({ flow_token: 'bk', booking: '2026-12-01 09:00' });
    expect(host.completions).toHaveLength(1);
  });

  it('all-inputs.json: every input of 7.3 to completion, photos through the endpoint', async () => {
    const host = hostFor((req) => {
      expect(req).toMatchObject({ action: 'data_exchange', screen: 'PHOTOS' });
      return { screen: 'DOCUMENTS', data: {} };
    });
    const session = await startFlow({ flow: readExample('all-inputs.json'), flowToken: 'bike', host, mode: { action: 'navigate' } });
    expect(session.setValue('postcode', '12345')).toEqual({ ok: false, error: 'Format 1234-567' });
    expect(session.setValue('bikes_owned', 'two')).toEqual({ ok: false, error: 'Enter a number' });
    expect(session.setValue('locker_pin', '12345')).toEqual({ ok: false, error: 'Enter up to 4 characters' });
    for (const [k, v] of Object.entries({ full_name: 'Ana Lima', email: 'ana@example.com', phone: '+351912345678', postcode: '1234-567', bikes_owned: '2', account_password: 's3cret-pass', locker_pin: '1234', history: 'New tyres in May', purchase_date: '2024-03-10' })) {
      // bikes_owned is a number field: it holds the number 2.
      expect(session.setValue(k, v)).toEqual({ ok: true, value: k === 'bikes_owned' ? 2 : v });
    }
    expect(await session.activate('accepts_terms.read-more')).toMatchObject({ ok: true, screen: 'TERMS' });
    await session.back();
    await session.select('accepts_terms', 'true');
    expect(await session.submit()).toMatchObject({ ok: true, screen: 'SERVICE' });
    session.setValue('service', 'full');
    session.setValue('bike_type', 'road');
    expect(session.setValue('extras', ['wash', 'chain', 'tubes'])).toEqual({ ok: false, error: 'Choose up to 2' });
    session.setValue('extras', ['wash', 'chain']);
    await session.select('symptoms', 'gears');
    await session.select('symptoms', 'brakes');
    expect(session.setValue('stay', { 'start-date': '2026-12-05', 'end-date': '2026-12-06' })).toEqual({ ok: false, error: '2026-12-06 is not a selectable weekday' });
    expect(session.screen.footer?.enabled).toBe(false);
    session.setValue('stay', { 'start-date': '2026-12-07', 'end-date': '2026-12-10' });
    expect(await session.submit()).toMatchObject({ ok: true, screen: 'PHOTOS' });
    const photo = { file_name: 'side.jpg', media_id: 'm-1', cdn_url: 'https://cdn.example/m-1', encryption_metadata: {} };
    session.setValue('bike_photos', [photo]);
    expect(await session.submit()).toMatchObject({ ok: true, screen: 'DOCUMENTS' });
    expect(host.requests[0]?.data).toEqual({ bike_photos: [photo] });
    session.setValue('receipt', [{ file_name: 'receipt.pdf', media_id: 'm-2' }]);
    await session.submit();
    expect(session.screen.id).toBe('MENU');
    expect(await session.activate('next_step.guide')).toMatchObject({ ok: true, screen: 'GUIDE' });
    await session.submit();
    expect(session.screen.id).toBe('REVIEW');
    expect(session.screen.components.find((c) => c.type === 'TextSubheading')?.props['text']).toBe('Ana Lima');
    expect(await session.activate('Workshop location')).toEqual({ ok: true, outcome: 'opened-url' });
    expect(host.urls).toEqual(['https://example.com/workshop-map']);
    expect(await session.submit()).toEqual({ ok: true, outcome: 'completed' });
    expect(session.completion).toEqual({
      flow_token: 'bike', full_name: 'Ana Lima', email: 'ana@example.com', phone: '+351912345678', postcode: '1234-567', bikes_owned: 2,
      account_password: 's3cret-pass', locker_pin: '1234', history: 'New tyres in May', purchase_date: '2024-03-10', accepts_terms: true,
      service: 'full', bike_type: 'road', extras: ['wash', 'chain'], symptoms: ['gears', 'brakes'],
      stay: { 'start-date': '2026-12-07', 'end-date': '2026-12-10' }, receipt: [{ file_name: 'receipt.pdf', media_id: 'm-2' }],
    });
    const summary = session.summary();
    expect(summary.find((i) => i.name === 'account_password')?.value).toBe('••••');
    expect(summary.find((i) => i.name === 'service')?.value).toBe('Full service');
  });
});
