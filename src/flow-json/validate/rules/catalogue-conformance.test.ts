import { describe, expect, it } from 'vitest';
import { validateFlow } from '../index.js';
import { check, flow, terminalScreen } from '../test-helpers.js';

const one = (component: unknown, version = '7.3') => check(flow(version, [terminalScreen('A', [component])]));
const at = (i = 0) => `/screens/0/layout/children/${i}`;

describe('catalogue-conformance', () => {
  it('refuses unknown top-level and component properties, with a suggestion', () => {
    expect(check({ ...flow('7.3', [terminalScreen('A')]), myNewProp: 'hello' })).toContain('INVALID_PROPERTY_KEY@/myNewProp');
    expect(one({ type: 'TextBody', text: 'x', txt: 'y' })).toContain(`INVALID_PROPERTY_KEY@${at()}/txt`);
  });
  it('refuses a property that exists only in later versions', () => {
    expect(check(flow('2.1', [terminalScreen('A', [], { sensitive: [] })]))).toContain('INVALID_PROPERTY_KEY@/screens/0/sensitive');
  });
  it('refuses data_channel_uri from 3.0', () => {
    expect(check(flow('3.0', [terminalScreen('A')], { data_channel_uri: 'https://example.com' }))).toContain('INVALID_PROPERTY_KEY@/data_channel_uri');
  });
  it('checks the format of data_channel_uri', () => {
    expect(check(flow('2.1', [terminalScreen('A')], { data_channel_uri: 'placeholder_uri' }))).toContain('INVALID_PROPERTY_VALUE_FORMAT@/data_channel_uri');
  });
  it('requires required properties and a component type', () => {
    expect(one({ type: 'TextInput', label: 'Name' })).toContain(`MISSING_REQUIRED_PROPERTY@${at()}`);
    expect(one({ text: 'Description' })).toContain(`MISSING_REQUIRED_TYPE_PROPERTY@${at()}`);
  });
  it('refuses unknown component types and components from later versions', () => {
    expect(one({ type: 'newComponent' })).toContain(`INVALID_PROPERTY_VALUE@${at()}/type`);
    expect(one({ type: 'RichText', text: '# Hi' }, '4.0')).toContain(`INVALID_PROPERTY_VALUE@${at()}/type`);
  });
  it('checks JSON types', () => {
    expect(one({ type: 'TextArea', name: 'x', label: 'Your input', enabled: 'yes' })).toContain(`INVALID_PROPERTY_TYPE@${at()}/enabled`);
    expect(check({ version: '7.3', screens: {} })).toContain('INVALID_PROPERTY_TYPE@/screens');
  });
  it('checks enums', () => {
    expect(one({ type: 'TextInput', name: 'x', label: 'L', 'input-type': 'colour' })).toContain(`INVALID_ENUM_VALUE@${at()}/input-type`);
  });
  it('checks which actions a property allows', () => {
    const link = { type: 'EmbeddedLink', text: 'link', 'on-click-action': { name: 'complete', payload: {} } };
    expect(one(link)).toContain(`INVALID_ENUM_VALUE@${at()}/on-click-action/name`);
  });
  it('checks character limits, counting characters rather than UTF-16 units', () => {
    expect(one({ type: 'TextHeading', text: 'x'.repeat(81) })).toContain(`MAX_CHARS_EXCEEDED@${at()}/text`);
    expect(one({ type: 'TextHeading', text: '😀'.repeat(81) })).toContain(`MAX_CHARS_EXCEEDED@${at()}/text`);
    expect(one({ type: 'TextHeading', text: '😀'.repeat(80) })).toEqual([]);
    expect(check(flow('7.3', [{ ...terminalScreen('A'), id: '' }]))).toContain('MIN_CHARS_REQUIRED@/screens/0/id');
  });
  it('reports a documented maximum length as a warning naming the limit, not as an error', () => {
    // Meta documents the limits but no error code, and published flows exceed them (corpus valid/23:
    // a 25-character TextInput label, metadata of 34 characters).
    const result = validateFlow(flow('7.3', [terminalScreen('A', [{ type: 'TextInput', name: 'n', label: 'Your full name, as on ID' }])]));
    expect(result.valid).toBe(true);
    const [warning] = result.diagnostics.filter((d) => d.code === 'MAX_CHARS_EXCEEDED');
    expect(warning).toMatchObject({ severity: 'warning', pointer: `${at()}/label` });
    expect(warning?.message).toMatch(/24 characters; Meta documents a limit of 20/);
  });
  it('keeps minimum lengths and required properties as errors', () => {
    const result = validateFlow(flow('7.3', [terminalScreen('A', [{ type: 'TextHeading', text: '' }])]));
    expect(result.valid).toBe(false);
    expect(result.diagnostics.find((d) => d.code === 'MIN_CHARS_REQUIRED')?.severity).toBe('error');
  });
  it('refuses screen ids other than letters and underscores (Meta: "alphabets and underscores")', () => {
    const ids = (id: string, version = '7.3') => check(flow(version, [terminalScreen(id)])).filter((f) => f.startsWith('PATTERN_MISMATCH'));
    expect(ids('MY-SCREEN')).toEqual(['PATTERN_MISMATCH@/screens/0/id']);
    expect(ids('STEP2')).toEqual(['PATTERN_MISMATCH@/screens/0/id']);
    expect(ids('MY SCREEN', '3.1')).toEqual(['PATTERN_MISMATCH@/screens/0/id']);
    expect(ids('screen_one_Two')).toEqual([]);
    // WhatsApp's client pattern: from 7.0 an id may not be only underscores.
    expect(ids('___', '6.3')).toEqual([]);
    expect(ids('___', '7.0')).toEqual(['PATTERN_MISMATCH@/screens/0/id']);
    const message = validateFlow(flow('7.3', [terminalScreen('MY-SCREEN')])).diagnostics.find((d) => d.code === 'PATTERN_MISMATCH')?.message;
    expect(message).toMatch(/only alphabets and underscores.*"MY-SCREEN"/);
  });
  it('refuses a blank item in a RichText text array from 6.0 (no blank strings)', () => {
    const rich = (text: unknown, version = '7.3') => check(flow(version, [terminalScreen('A', [{ type: 'RichText', text }])]));
    expect(rich(['# Title', '   ', 'Body'])).toEqual([`PATTERN_MISMATCH@${at()}/text/1`]);
    expect(rich(['# Title', ''])).toEqual([`PATTERN_MISMATCH@${at()}/text/1`]);
    expect(rich('\n')).toEqual([`PATTERN_MISMATCH@${at()}/text`]);
    expect(rich(['# Title', 'Body'])).toEqual([]);
    expect(rich(['# Title', ' '], '5.1').filter((f) => f.startsWith('PATTERN_MISMATCH'))).toEqual([]);
  });
  it('checks item counts and unique ids', () => {
    expect(check({ version: '7.3', screens: [] })).toContain('MIN_ITEMS_REQUIRED@/screens');
    const radio = (ids: string[]) => ({ type: 'RadioButtonsGroup', name: 'r', label: 'Pick', 'data-source': ids.map((id) => ({ id, title: `T${id}` })) });
    expect(one(radio(['1', '1']))).toContain(`DUPLICATE_ITEM_IDS@${at()}/data-source/1/id`);
    expect(one(radio(Array.from({ length: 21 }, (_, i) => String(i))))).toContain(`MAX_ITEMS_REQUIRED@${at()}/data-source`);
    expect(one(radio(['1', '2']))).toEqual([]);
  });
  it('checks number ranges', () => {
    expect(one({ type: 'PhotoPicker', name: 'p', label: 'Photo', 'min-uploaded-photos': -1 })).toContain(`MINIMUM_VALUE_REQUIRED@${at()}/min-uploaded-photos`);
    expect(one({ type: 'PhotoPicker', name: 'p', label: 'Photo', 'max-uploaded-photos': 40 })).toContain(`MAXIMUM_VALUE_REQUIRED@${at()}/max-uploaded-photos`);
  });
  it('accepts a dynamic reference where the property allows one', () => {
    const doc = flow('7.3', [terminalScreen('A', [{ type: 'TextHeading', text: '${data.title}' }], { data: { title: { type: 'string', __example__: 'Hi' } } })]);
    expect(check(doc)).toEqual([]);
  });
  it('never throws on values of the wrong JSON type anywhere', () => {
    for (const bad of [null, 1, 'x', true, [], {}]) {
      expect(() => one(bad)).not.toThrow();
      expect(() => check({ version: '7.3', screens: [{ id: 'A', layout: bad }] })).not.toThrow();
      expect(() => check({ version: '7.3', screens: [bad] })).not.toThrow();
    }
  });
});
