import { describe, expect, it } from 'vitest';
import { errors, flow, terminalScreen } from '../test-helpers.js';

const data = { note: { type: 'string', __example__: '' }, other: { type: 'string', __example__: '' }, count: { type: 'integer', __example__: 0 } };
const update = (payload: Record<string, unknown>) => ({ name: 'update_data', payload });
const group = (extra: Record<string, unknown>, item: Record<string, unknown> = {}) => ({
  type: 'RadioButtonsGroup',
  name: 'r',
  label: 'Pick',
  'data-source': [{ id: 'a', title: 'A', ...item }, { id: 'b', title: 'B' }],
  ...extra,
});
const doc = (c: unknown, version = '7.3') => flow(version, [terminalScreen('A', [c], { data })]);
const at = '/screens/0/layout/children/0';

describe('select-actions', () => {
  it('accepts update_data of declared keys at either level', () => {
    expect(errors(doc(group({ 'on-select-action': update({ note: '${data.other}', count: 2 }) }), '6.0'))).toEqual([]);
    expect(errors(doc(group({}, { 'on-select-action': update({ note: 'picked a' }) })))).toEqual([]);
  });
  it('refuses a callback at both the component and the data-source level', () => {
    const both = group({ 'on-select-action': update({ note: 'x' }), 'on-unselect-action': update({ note: 'y' }) }, { 'on-unselect-action': update({ note: 'z' }) });
    expect(errors(doc(both))).toEqual([`INVALID_PROPERTY_VALUE@${at}/on-unselect-action`]);
  });
  it('refuses update_data keys missing from the screen data model', () => {
    expect(errors(doc(group({ 'on-select-action': update({ nope: 'x' }) })))).toEqual([`INVALID_ACTION_PAYLOAD_PROPERTY@${at}/on-select-action/payload/nope`]);
  });
  it('refuses a static value of the wrong type', () => {
    expect(errors(doc(group({ 'on-select-action': update({ count: 'many' }) })))).toEqual([`INVALID_ACTION_PAYLOAD_PROPERTY@${at}/on-select-action/payload/count`]);
  });
  it('refuses updating a key with its own value', () => {
    expect(errors(doc(group({ 'on-select-action': update({ note: '${data.note}' }) })))).toEqual([`INVALID_PROPERTY_VALUE@${at}/on-select-action/payload/note`]);
    expect(errors(doc(group({ 'on-select-action': update({ note: '`${data.note}`' }) })))).toEqual([`INVALID_PROPERTY_VALUE@${at}/on-select-action/payload/note`]);
  });
});
