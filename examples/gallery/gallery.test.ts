// The gallery's starter flows (our own, in the shape of Meta's use-case templates) driven to
// completion headlessly, as a user would fill them on the phone: each answer must reach the
// completion payload unchanged, across screens.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startFlow } from '../../src/runtime/index.js';
import type { FlowSession } from '../../src/runtime/index.js';

const read = (file: string): Record<string, unknown> => JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as Record<string, unknown>;

const start = (file: string, token: string): Promise<FlowSession> => startFlow({ flow: read(file), flowToken: token, mode: { action: 'navigate' } });

/** Sets each field and expects the runtime to accept it. */
function fill(session: FlowSession, values: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(values)) expect(session.setValue(name, value), name).toMatchObject({ ok: true });
}

describe('examples/gallery', () => {
  it('appointment-booking.json: payloads carry the choices through details to the confirmation', async () => {
    const session = await start('./appointment-booking.json', 'apt');
    expect(session.screen.footer?.enabled).toBe(false);
    fill(session, { service: 'eye_test', store: 'old_town', date: '2026-03-14', time_of_day: 'evening' });
    expect(await session.submit()).toMatchObject({ ok: true, screen: 'DETAILS' });
    expect(session.setValue('phone', 'call me')).toEqual({ ok: false, error: 'Enter a valid phone number' });
    fill(session, { full_name: 'Ana Lima', phone: '+351912345678', notes: 'Bring old glasses' });
    expect(await session.submit()).toMatchObject({ ok: true, screen: 'CONFIRM' });
    const texts = session.screen.components.map((c) => c.props['text']);
    expect(texts).toContain('See you on 2026-03-14');
    expect(texts).toContain('We hold a evening slot for Ana Lima and text +351912345678 the day before.');
    await session.select('reminder', 'true');
    expect(await session.submit()).toEqual({ ok: true, outcome: 'completed' });
    expect(session.completion).toEqual({
      flow_token: 'apt', service: 'eye_test', store: 'old_town', date: '2026-03-14', time_of_day: 'evening',
      full_name: 'Ana Lima', phone: '+351912345678', notes: 'Bring old glasses', reminder: true,
    });
  });

  it('lead-generation.json: the privacy notice opens from its OptIn; the answers reach the completion', async () => {
    const session = await start('./lead-generation.json', 'lead');
    fill(session, { property: 'terraced' });
    expect(session.screen.footer?.enabled).toBe(false);
    fill(session, { interests: ['panels', 'battery'] });
    expect(await session.submit()).toMatchObject({ ok: true, screen: 'CONTACT' });
    fill(session, { full_name: 'Rui Costa', phone: '+351 912 345 678', best_time: 'saturday' });
    expect(await session.activate('privacy')).toMatchObject({ ok: true, screen: 'PRIVACY' });
    await session.back();
    expect(session.screen.footer?.enabled).toBe(false);
    await session.select('privacy', 'true');
    expect(await session.submit()).toEqual({ ok: true, outcome: 'completed' });
    expect(session.completion).toMatchObject({
      flow_token: 'lead', property: 'terraced', interests: ['panels', 'battery'], full_name: 'Rui Costa', phone: '+351 912 345 678', best_time: 'saturday', privacy: true,
    });
  });

  it('customer-satisfaction.json: a rating, highlights and a comment', async () => {
    const session = await start('./customer-satisfaction.json', 'csat');
    fill(session, { satisfaction: '4', highlights: ['staff', 'location'] });
    expect(await session.submit()).toMatchObject({ ok: true, screen: 'COMMENTS' });
    expect(session.setValue('comment', 'x'.repeat(501))).toEqual({ ok: false, error: 'Enter up to 500 characters' });
    fill(session, { recommend: 'yes', comment: 'Quiet room, great coffee' });
    expect(await session.submit()).toEqual({ ok: true, outcome: 'completed' });
    expect(session.completion).toMatchObject({ flow_token: 'csat', satisfaction: '4', highlights: ['staff', 'location'], recommend: 'yes', comment: 'Quiet room, great coffee' });
  });

  it('purchase-interest.json: a model, up to two colours and a size, then the reservation', async () => {
    const session = await start('./purchase-interest.json', 'bike');
    expect(session.setValue('colours', ['black', 'sage', 'red'])).toEqual({ ok: false, error: 'Choose up to 2' });
    fill(session, { model: 'gravel_x', colours: ['sage', 'sand'], frame_size: 'l' });
    expect(await session.submit()).toMatchObject({ ok: true, screen: 'RESERVE' });
    expect(session.screen.data).toEqual({ model: 'gravel_x', colours: ['sage', 'sand'], frame_size: 'l' });
    fill(session, { full_name: 'Ana Lima', email: 'ana@example.com', pickup: 'delivery' });
    expect(await session.submit()).toEqual({ ok: true, outcome: 'completed' });
    expect(session.completion).toEqual({ flow_token: 'bike', model: 'gravel_x', colours: ['sage', 'sand'], frame_size: 'l', full_name: 'Ana Lima', email: 'ana@example.com', pickup: 'delivery' });
  });

  it('support-request.json: the order number must match its pattern; the request completes', async () => {
    const session = await start('./support-request.json', 'help');
    expect(session.setValue('order_number', 'ab12345')).toMatchObject({ ok: false });
    fill(session, { order_number: 'AB-12345', problem: 'damaged', details: 'The box was crushed' });
    expect(await session.submit()).toMatchObject({ ok: true, screen: 'RESOLUTION' });
    const inForm = session.screen.components[0]?.children ?? [];
    expect(inForm.find((c) => c.type === 'TextSubheading')?.props['text']).toBe('Order AB-12345');
    fill(session, { outcome: 'replacement', reply_by: 'email' });
    expect(await session.submit()).toEqual({ ok: true, outcome: 'completed' });
    expect(session.completion).toEqual({ flow_token: 'help', order_number: 'AB-12345', problem: 'damaged', details: 'The box was crushed', outcome: 'replacement', reply_by: 'email' });
  });

  it('insurance-quote.json: three screens collected by global references', async () => {
    const session = await start('./insurance-quote.json', 'quote');
    expect(session.setValue('year', 'old')).toEqual({ ok: false, error: 'Enter a number' });
    fill(session, { vehicle_type: 'estate', year: '2019', postcode: '1000-001' });
    expect(await session.submit()).toMatchObject({ ok: true, screen: 'COVER' });
    fill(session, { cover: 'comprehensive', claims: 'none' });
    expect(await session.submit()).toMatchObject({ ok: true, screen: 'CONTACT' });
    fill(session, { full_name: 'Rui Costa', email: 'rui@example.com' });
    expect(session.screen.footer?.enabled).toBe(false);
    await session.select('consent', 'true');
    expect(await session.submit()).toEqual({ ok: true, outcome: 'completed' });
    expect(session.completion).toEqual({
      flow_token: 'quote', vehicle_type: 'estate', year: 2019, postcode: '1000-001', cover: 'comprehensive', claims: 'none', full_name: 'Rui Costa', email: 'rui@example.com', consent: true,
    });
  });
});
