import { describe, expect, it } from 'vitest';
import { validateFlow } from '../index.js';
import { errors, flow, navigateFooter, screen, terminalScreen } from '../test-helpers.js';

const photo = (extra: Record<string, unknown> = {}) => ({ type: 'PhotoPicker', name: 'photo', label: 'Photo', ...extra });
const doc = (extra: Record<string, unknown> = {}) => ({ type: 'DocumentPicker', name: 'doc', label: 'Doc', ...extra });
const completing = (children: unknown[], payload: Record<string, unknown>, version = '7.3') =>
  flow(version, [{ id: 'A', title: 'A', terminal: true, layout: { type: 'SingleColumnLayout', children: [...children, { type: 'Footer', label: 'Send', 'on-click-action': { name: 'complete', payload } }] } }]);
const payloadAt = (i: number) => `/screens/0/layout/children/${i}/on-click-action/payload`;
const only = (d: unknown) => errors(d).filter((f) => f.startsWith('INVALID_ON_CLICK') || f.startsWith('NATIVE') || f.startsWith('COMPONENT_TYPE'));

describe('native-components', () => {
  it('accepts one single-file picker as a top-level complete payload value', () => {
    expect(errors(completing([photo({ 'max-uploaded-photos': 1 })], { p: '${form.photo}' }))).toEqual([]);
    expect(errors(completing([doc({ 'max-uploaded-documents': 1 })], { d: '${form.doc}' }))).toEqual([]);
  });
  it('refuses init-values for media pickers', () => {
    const form = { type: 'Form', name: 'f', 'init-values': { photo: 'abc', name: 'x' }, children: [photo(), { type: 'TextInput', name: 'name', label: 'N' }] };
    const d = flow('4.0', [terminalScreen('A', [form])]);
    expect(only(d)).toEqual(['NATIVE_COMPONENT_IN_FORM_INIT_VALUES@/screens/0/layout/children/0/init-values']);
  });
  it('refuses picker values in navigate payloads, also through global references', () => {
    const first = screen('A', [photo({ 'max-uploaded-photos': 1 }), navigateFooter('B', { p: '${form.photo}', q: '${screen.A.form.photo}' })]);
    const d = flow('7.3', [first, terminalScreen('B', [], { data: { p: { type: 'array', items: { type: 'object' }, __example__: [] }, q: { type: 'array', items: { type: 'object' }, __example__: [] } } })]);
    expect(only(d)).toContain(`INVALID_ON_CLICK_ACTION_PAYLOAD@${payloadAt(1)}/p`);
    expect(only(d)).toContain(`INVALID_ON_CLICK_ACTION_PAYLOAD@${payloadAt(1)}/q`);
  });
  it('requires a top-level string in complete and data_exchange payloads', () => {
    const d = completing([photo({ 'max-uploaded-photos': 1 })], { p: { nested: ['x', '${form.photo}'] } });
    expect(only(d)).toEqual([`INVALID_ON_CLICK_ACTION_PAYLOAD@${payloadAt(1)}/p/nested/1`]);
  });
  it('before 5.0 limits complete payloads to one picker of at most one file (default 30)', () => {
    const def = completing([photo()], { p: '${form.photo}' }, '4.0');
    expect(only(def)).toEqual([`INVALID_ON_CLICK_ACTION_PAYLOAD@${payloadAt(1)}/p`]);
    expect(validateFlow(def).diagnostics[0]?.message).toContain('the default');
    const both = completing([photo({ 'max-uploaded-photos': 1 }), doc({ 'max-uploaded-documents': 1 })], { p: '${form.photo}', d: '${form.doc}' }, '4.0');
    expect(only(both)).toContain(`INVALID_ON_CLICK_ACTION_PAYLOAD@${payloadAt(2)}`);
  });
  it('from 5.0 lets a complete payload carry pickers holding up to 10 files in all', () => {
    const twoScreens = (photos: number, docs: number, version: string) => {
      const first = screen('A', [photo({ 'max-uploaded-photos': photos }), navigateFooter('B')]);
      const last = { id: 'B', title: 'B', terminal: true, layout: { type: 'SingleColumnLayout', children: [doc({ 'max-uploaded-documents': docs }), { type: 'Footer', label: 'Send', 'on-click-action': { name: 'complete', payload: { p: '${screen.A.form.photo}', d: '${form.doc}' } } }] } };
      return flow(version, [first, last]);
    };
    expect(only(twoScreens(5, 5, '5.0'))).toEqual([]);
    expect(only(twoScreens(1, 1, '7.3'))).toEqual([]);
    expect(only(twoScreens(6, 5, '7.3'))).toEqual(['INVALID_ON_CLICK_ACTION_PAYLOAD@/screens/1/layout/children/1/on-click-action/payload']);
    const message = validateFlow(twoScreens(6, 5, '7.3')).diagnostics.find((d) => d.code === 'INVALID_ON_CLICK_ACTION_PAYLOAD')?.message;
    expect(message).toContain('at most 10 media files');
    expect(message).toContain("PhotoPicker 'photo' up to 6");
    // 4.x keeps the one-picker rule for the same flow.
    expect(only(twoScreens(1, 1, '4.0'))).toEqual(['INVALID_ON_CLICK_ACTION_PAYLOAD@/screens/1/layout/children/1/on-click-action/payload']);
  });
  it('from 5.0 counts an unset max-uploaded-* as its default of 30', () => {
    const def = completing([photo()], { p: '${form.photo}' }, '6.0');
    expect(only(def)).toEqual([`INVALID_ON_CLICK_ACTION_PAYLOAD@${payloadAt(1)}`]);
    expect(validateFlow(def).diagnostics.find((d) => d.code === 'INVALID_ON_CLICK_ACTION_PAYLOAD')?.message).toContain('(the default)');
  });
  it('allows one media picker per screen', () => {
    const d = completing([photo({ 'max-uploaded-photos': 1 }), doc()], {});
    expect(only(d)).toEqual(['COMPONENT_TYPE_MAX_NUMBER_PER_SCREEN@/screens/0/layout/children/1']);
  });
});
