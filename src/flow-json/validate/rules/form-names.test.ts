import { describe, expect, it } from 'vitest';
import { check, flow, terminalScreen } from '../test-helpers.js';

const data = { ti: { type: 'boolean', __example__: true } };
describe('form-names', () => {
  it('refuses two inputs with one name in a Form', () => {
    const form = { type: 'Form', name: 'form', children: [{ type: 'TextInput', name: 'x', label: 'One' }, { type: 'TextInput', name: 'x', label: 'Two' }] };
    expect(check(flow('2.1', [terminalScreen('A', [form])]))).toContain('DUPLICATE_FORM_COMPONENT_NAMES@/screens/0/layout/children/0/children/1/name');
  });
  it('refuses a name reused across different conditionals', () => {
    const doc = flow('7.3', [terminalScreen('A', [
      { type: 'If', condition: '${data.ti}', then: [{ type: 'OptIn', name: 'name', label: 'Yes' }], else: [{ type: 'TextInput', name: 'name1', label: 'x' }] },
      { type: 'Switch', value: '${data.ti}', cases: { a: [{ type: 'DatePicker', name: 'name', label: 'd' }] } },
    ], { data })]);
    expect(check(doc)).toContain('DUPLICATE_FORM_COMPONENT_NAMES@/screens/0/layout/children/1/cases/a/0/name');
  });
  it('accepts one name in the two exclusive branches of an If', () => {
    const doc = flow('7.3', [terminalScreen('A', [
      { type: 'If', condition: '${data.ti}', then: [{ type: 'TextInput', name: 'n', label: 'a' }], else: [{ type: 'TextInput', name: 'n', label: 'b' }] },
    ], { data })]);
    expect(check(doc).filter((f) => f.startsWith('DUPLICATE'))).toEqual([]);
  });
});
