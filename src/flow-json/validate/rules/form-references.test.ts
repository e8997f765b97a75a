import { describe, expect, it } from 'vitest';
import { validateFlow } from '../index.js';
import { errors, flow, terminalScreen } from '../test-helpers.js';

const inputs = [
  { type: 'TextInput', name: 'first_name', label: 'Name' },
  { type: 'CheckboxGroup', name: 'tags', label: 'Tags', 'data-source': [{ id: 'a', title: 'A' }] },
  { type: 'OptIn', name: 'agree', label: 'Agree' },
];
const withForm = (props: Record<string, unknown>, version = '7.3', screenExtra: Record<string, unknown> = {}) =>
  flow(version, [terminalScreen('A', [{ type: 'Form', name: 'f', ...props, children: inputs }], screenExtra)]);
const base = '/screens/0/layout/children/0';

describe('form-references', () => {
  it('accepts init-values and error-messages naming the inputs with matching types', () => {
    const props = { 'init-values': { first_name: 'Ann', tags: ['a'], agree: true }, 'error-messages': { first_name: 'Required' } };
    expect(errors(withForm(props, '3.0'))).toEqual([]);
    expect(errors(withForm(props))).toEqual([]);
  });
  it('refuses keys that name no input, with a hint', () => {
    const doc = withForm({ 'init-values': { firstname: 'Ann' }, 'error-messages': { nope: 'x' } });
    expect(errors(doc)).toEqual([`INVALID_PROPERTY_VALUE@${base}/error-messages/nope`, `INVALID_PROPERTY_VALUE@${base}/init-values/firstname`]);
    expect(validateFlow(doc).diagnostics[1]?.message).toContain("Did you mean 'first_name'?");
  });
  it("refuses initial values of the wrong type for the input", () => {
    expect(errors(withForm({ 'init-values': { agree: 'yes' } }))).toEqual([`INVALID_PROPERTY_VALUE@${base}/init-values/agree`]);
    expect(errors(withForm({ 'init-values': { tags: 'a' } }))).toEqual([`INVALID_PROPERTY_VALUE@${base}/init-values/tags`]);
  });
  it('type-checks dynamic initial values against the screen data', () => {
    const data = { flag: { type: 'boolean', __example__: true }, s: { type: 'string', __example__: 'x' } };
    const doc = (v: string) => flow('7.3', [terminalScreen('A', [{ type: 'Form', name: 'f', 'init-values': { agree: v }, children: inputs }], { data })]);
    expect(errors(doc('${data.flag}'))).toEqual([]);
    expect(errors(doc('${data.s}'))).toEqual([`INVALID_PROPERTY_VALUE@${base}/init-values/agree`]);
  });
  it('requires sensitive fields to name inputs on the screen (5.1+)', () => {
    expect(errors(withForm({}, '5.1', { sensitive: ['first_name'] }))).toEqual([]);
    expect(errors(withForm({}, '7.3', { sensitive: ['first_name', 'password'] }))).toEqual(['INVALID_SENSITIVE_FIELD@/screens/0/sensitive/1']);
  });
});
