import { describe, expect, it } from 'vitest';
import { textArea, textInput } from '../flow-json/catalogue/index.js';
import type { FlowJsonVersion } from '../flow-json/versions.js';
import { startFlow } from './index.js';
import type { FlowSession } from './index.js';

const done = { type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete', payload: {} } };

async function field(version: FlowJsonVersion, component: Record<string, unknown>): Promise<FlowSession> {
  const children = Number(version.split('.')[0]) < 4 ? [{ type: 'Form', name: 'f', children: [component, done] }] : [component, done];
  return startFlow({ flow: { version, screens: [{ id: 'S', terminal: true, layout: { type: 'SingleColumnLayout', children } }] }, flowToken: 't', mode: { action: 'navigate' } });
}

describe('TextInput', () => {
  it('uses the catalogue default max-chars when none is set', async () => {
    const max = textInput.properties['max-chars']?.default as number;
    const s = await field('7.3', { type: 'TextInput', name: 'x', label: 'X' });
    expect(s.setValue('x', 'a'.repeat(max)).ok).toBe(true);
    expect(s.setValue('x', 'a'.repeat(max + 1))).toEqual({ ok: false, error: `Enter up to ${max} characters` });
  });

  it('reads min-chars and max-chars written as strings', async () => {
    const s = await field('7.3', { type: 'TextInput', name: 'x', label: 'X', 'min-chars': '3', 'max-chars': '5' });
    expect(s.setValue('x', 'ab')).toEqual({ ok: false, error: 'Enter at least 3 characters' });
    expect(s.setValue('x', 'abcdef')).toEqual({ ok: false, error: 'Enter up to 5 characters' });
    expect(s.setValue('x', 'abcd')).toEqual({ ok: true, value: 'abcd' });
  });

  it.each([
    ['email', 'ana@example.com', 'ana@', 'Enter a valid email address', 'ana@example.com'],
    ['phone', '+44 (20) 7946-0958', '12ab', 'Enter a valid phone number', '+44 (20) 7946-0958'],
    // A number field holds a number (catalogue formValueOf, shared with the validator's types).
    ['number', '-12.5', '12e', 'Enter a number', -12.5],
    ['passcode', '0042', '00 42', 'Enter digits only', '0042'],
  ])('input-type %s accepts %s and refuses %s', async (type, good, bad, message, stored) => {
    const s = await field('7.3', { type: 'TextInput', name: 'x', label: 'X', 'input-type': type });
    expect(s.setValue('x', good)).toEqual({ ok: true, value: stored });
    expect(s.setValue('x', bad)).toEqual({ ok: false, error: message });
  });

  it('password takes any characters', async () => {
    const s = await field('7.3', { type: 'TextInput', name: 'x', label: 'X', 'input-type': 'password' });
    expect(s.setValue('x', 'p@ss word!')).toEqual({ ok: true, value: 'p@ss word!' });
  });

  it('pattern (6.2+) shows the helper text when the value does not match; older versions ignore it', async () => {
    const component = { type: 'TextInput', name: 'x', label: 'X', pattern: '[A-Z]{2}[0-9]{3}', 'helper-text': 'Two letters, three digits' };
    const s = await field('6.2', component);
    expect(s.setValue('x', 'ab123')).toEqual({ ok: false, error: 'Two letters, three digits' });
    expect(s.setValue('x', 'AB123').ok).toBe(true);
    const old = await field('6.1', component);
    expect(old.setValue('x', 'ab123').ok).toBe(true);
  });

  it('an invalid input keeps the typed value, shows the error and disables the Footer', async () => {
    const s = await field('7.3', { type: 'TextInput', name: 'x', label: 'Mail', 'input-type': 'email' });
    s.setValue('x', 'nope');
    expect(s.screen.components[0]).toMatchObject({ value: 'nope', error: 'Enter a valid email address' });
    expect(s.screen.footer).toMatchObject({ enabled: false, disabledReason: 'Required before continuing: correct Mail (Enter a valid email address)' });
  });
});

describe('TextArea', () => {
  it('uses max-length, with the catalogue default', async () => {
    const max = textArea.properties['max-length']?.default as number;
    const s = await field('7.3', { type: 'TextArea', name: 'x', label: 'X' });
    expect(s.setValue('x', 'a'.repeat(max + 1))).toEqual({ ok: false, error: `Enter up to ${max} characters` });
    const short = await field('7.3', { type: 'TextArea', name: 'x', label: 'X', 'max-length': 4 });
    expect(short.setValue('x', 'abcde')).toEqual({ ok: false, error: 'Enter up to 4 characters' });
  });
});

describe('selections', () => {
  const options = [{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }, { id: 'c', title: 'C', enabled: false }];

  it('Dropdown refuses unknown and disabled options', async () => {
    const s = await field('7.3', { type: 'Dropdown', name: 'x', label: 'X', 'data-source': options });
    expect(s.setValue('x', 'c')).toEqual({ ok: false, error: '"C" cannot be chosen' });
    expect(s.setValue('x', 'z')).toEqual({ ok: false, error: '"z" is not one of the options' });
    expect(s.setValue('x', 'b')).toEqual({ ok: true, value: 'b' });
  });

  it('CheckboxGroup enforces min and max selected items', async () => {
    const s = await field('7.3', { type: 'CheckboxGroup', name: 'x', label: 'X', 'min-selected-items': 2, 'max-selected-items': 2, 'data-source': [...options, { id: 'd', title: 'D' }] });
    expect(s.setValue('x', ['a'])).toEqual({ ok: false, error: 'Choose at least 2' });
    expect(s.setValue('x', ['a', 'b', 'd'])).toEqual({ ok: false, error: 'Choose up to 2' });
    expect(s.setValue('x', ['a', 'b'])).toEqual({ ok: true, value: ['a', 'b'] });
    expect(s.setValue('x', [])).toEqual({ ok: true, value: [] }); // not required: none is fine
  });

  it('a required ChipsSelector with min-selected-items keeps the Footer off until enough are chosen', async () => {
    const s = await field('7.3', { type: 'ChipsSelector', name: 'x', label: 'Chips', required: true, 'min-selected-items': 2, 'data-source': options.slice(0, 2) });
    expect(s.screen.footer?.enabled).toBe(false);
    expect(await s.select('x', 'a')).toEqual({ ok: false, error: 'Choose at least 2' });
    await s.select('x', 'b');
    expect(s.screen.footer?.enabled).toBe(true);
  });

  it('OptIn takes booleans only', async () => {
    const s = await field('7.3', { type: 'OptIn', name: 'x', label: 'X', required: true });
    expect(s.setValue('x', 'yes')).toEqual({ ok: false, error: 'Check or uncheck the box (true or false)' });
    expect(s.screen.footer?.enabled).toBe(false);
    s.setValue('x', true);
    expect(s.screen.footer?.enabled).toBe(true);
  });
});

describe('dates', () => {
  it('DatePicker (5.0+) checks the format, bounds and unavailable dates', async () => {
    const s = await field('7.3', { type: 'DatePicker', name: 'd', label: 'D', 'min-date': '2026-01-10', 'max-date': '2026-01-20', 'unavailable-dates': ['2026-01-15'] });
    expect(s.setValue('d', '2026-02-30')).toEqual({ ok: false, error: 'Pick a date as YYYY-MM-DD' });
    expect(s.setValue('d', '2026-01-09')).toEqual({ ok: false, error: '2026-01-09 is before the earliest date allowed' });
    expect(s.setValue('d', '2026-01-21')).toEqual({ ok: false, error: '2026-01-21 is after the latest date allowed' });
    expect(s.setValue('d', '2026-01-15')).toEqual({ ok: false, error: '2026-01-15 is not available' });
    expect(s.setValue('d', '2026-01-16')).toEqual({ ok: true, value: '2026-01-16' });
  });

  it('DatePicker before 5.0 takes millisecond timestamps', async () => {
    const day = (iso: string) => String(Date.parse(`${iso}T00:00:00Z`));
    const s = await field('3.0', { type: 'DatePicker', name: 'd', label: 'D', 'min-date': day('2024-01-10'), 'unavailable-dates': [day('2024-01-12')] });
    expect(s.setValue('d', '2024-01-11')).toMatchObject({ ok: false, error: expect.stringContaining('timestamp') as unknown });
    expect(s.setValue('d', day('2024-01-09'))).toEqual({ ok: false, error: 'This date is before the earliest date allowed' });
    expect(s.setValue('d', day('2024-01-12'))).toEqual({ ok: false, error: 'This date is not available' });
    expect(s.setValue('d', day('2024-01-11'))).toEqual({ ok: true, value: day('2024-01-11') });
  });

  it('CalendarPicker range checks order, span, unavailable days inside and required ends', async () => {
    const s = await field('7.3', {
      type: 'CalendarPicker', name: 'r', mode: 'range', label: { 'start-date': 'In', 'end-date': 'Out' },
      'min-days': 2, 'max-days': 5, 'unavailable-dates': ['2026-03-10'], required: { 'start-date': true, 'end-date': true },
    });
    expect(s.setValue('r', { 'start-date': '2026-03-05', 'end-date': '2026-03-04' })).toEqual({ ok: false, error: 'The end date is before the start date' });
    expect(s.setValue('r', { 'start-date': '2026-03-01', 'end-date': '2026-03-02' })).toEqual({ ok: false, error: 'Choose a range of at least 2 days' });
    expect(s.setValue('r', { 'start-date': '2026-03-01', 'end-date': '2026-03-08' })).toEqual({ ok: false, error: 'Choose a range of at most 5 days' });
    expect(s.setValue('r', { 'start-date': '2026-03-08', 'end-date': '2026-03-12' })).toEqual({ ok: false, error: 'The range includes a date that is not available' });
    expect(s.setValue('r', { 'start-date': '2026-03-01' })).toEqual({ ok: true, value: { 'start-date': '2026-03-01' } });
    expect(s.screen.footer?.disabledReason).toBe('Required before continuing: fill in In / Out');
    expect(await s.select('r', '2026-03-01/2026-03-04')).toEqual({ ok: true, value: { 'start-date': '2026-03-01', 'end-date': '2026-03-04' } });
    expect(s.screen.footer?.enabled).toBe(true);
  });

  it('CalendarPicker include-days limits the weekdays', async () => {
    const s = await field('7.3', { type: 'CalendarPicker', name: 'c', label: 'C', 'include-days': ['Mon'] });
    expect(s.setValue('c', '2026-03-03')).toEqual({ ok: false, error: '2026-03-03 is not a selectable weekday' });
    expect(s.setValue('c', '2026-03-02')).toEqual({ ok: true, value: '2026-03-02' });
  });
});

describe('media pickers', () => {
  it('min-uploaded makes a PhotoPicker required and max-uploaded caps it', async () => {
    const s = await field('7.3', { type: 'PhotoPicker', name: 'p', label: 'P', 'min-uploaded-photos': 1, 'max-uploaded-photos': 2 });
    expect(s.screen.footer?.enabled).toBe(false);
    const photo = { media_id: 'm', file_name: 'a.jpg' };
    expect(s.setValue('p', [photo, photo, photo])).toEqual({ ok: false, error: 'Add up to 2 photos' });
    expect(s.setValue('p', 'a.jpg')).toEqual({ ok: false, error: 'Attach files as media objects' });
    expect(s.setValue('p', [photo])).toEqual({ ok: true, value: [photo] });
    expect(s.screen.footer?.enabled).toBe(true);
  });
});
