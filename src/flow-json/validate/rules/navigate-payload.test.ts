import { describe, expect, it } from 'vitest';
import { validateFlow } from '../index.js';
import { errors, flow, navigateFooter, screen, terminalScreen } from '../test-helpers.js';

const name = { type: 'string', __example__: 'Ann' };
/** FIRST navigates to SECOND with `payload`; SECOND declares `data` (or nothing). */
function pair(payload: Record<string, unknown>, data?: unknown, extra: Record<string, unknown> = {}, children: unknown[] = []) {
  const first = screen('FIRST', [...children, navigateFooter('SECOND', payload)]);
  const second = terminalScreen('SECOND', [], data === undefined ? {} : { data });
  return flow('7.3', [first, second], extra);
}
const payloadAt = '/screens/0/layout/children/0/on-click-action/payload';
const only = (doc: unknown) => errors(doc).filter((f) => f.startsWith('INVALID_NAVIGATE_ACTION_PAYLOAD'));

describe('navigate-payload', () => {
  it('accepts a payload that matches the next screen data model', () => {
    expect(errors(pair({ name: 'Ann' }, { name }))).toEqual([]);
    expect(errors(pair({}, undefined))).toEqual([]);
  });
  it('refuses a payload for a screen without a data model', () => {
    expect(only(pair({ name: 'x' }))).toEqual([`INVALID_NAVIGATE_ACTION_PAYLOAD@${payloadAt}`]);
  });
  it('refuses payload keys the next screen does not declare', () => {
    expect(only(pair({ name: 'x' }, {}))).toEqual([`INVALID_NAVIGATE_ACTION_PAYLOAD@${payloadAt}/name`]);
  });
  it('requires every declared field without an endpoint, but not with one', () => {
    expect(only(pair({}, { name }))).toEqual([`INVALID_NAVIGATE_ACTION_PAYLOAD@${payloadAt}`]);
    const endpoint = pair({}, { name }, { data_api_version: '3.0', routing_model: { FIRST: ['SECOND'], SECOND: [] } });
    expect(only(endpoint)).toEqual([]);
  });
  it('checks static values against the declared type', () => {
    expect(only(pair({ name: 123 }, { name }))).toEqual([`INVALID_NAVIGATE_ACTION_PAYLOAD@${payloadAt}/name`]);
    const list = { tags: { type: 'array', items: { type: 'string' }, __example__: [] } };
    expect(only(pair({ tags: ['a', 2] }, list))).toEqual([`INVALID_NAVIGATE_ACTION_PAYLOAD@${payloadAt}/tags/1`]);
  });
  it('checks dynamic bindings against the declared type', () => {
    const input = { type: 'TextInput', name: 'input', label: 'In' };
    const at = '/screens/0/layout/children/1/on-click-action/payload/text';
    expect(only(pair({ text: '${form.input}' }, { text: { type: 'boolean', __example__: true } }, {}, [input]))).toEqual([`INVALID_NAVIGATE_ACTION_PAYLOAD@${at}`]);
    expect(errors(pair({ text: '${form.input}' }, { text: name }, {}, [input]))).toEqual([]);
  });
});

describe('navigate-payload: number inputs', () => {
  // A TextInput with input-type "number" holds a number (catalogue formValueOf).
  it('lets a number TextInput fill a number field of the next screen', () => {
    const next = (type: string) =>
      flow('7.3', [
        screen('A', [{ type: 'TextInput', name: 'age', label: 'Age', 'input-type': 'number' }, { type: 'Footer', label: 'Next', 'on-click-action': { name: 'navigate', next: { type: 'screen', name: 'B' }, payload: { age: '${form.age}' } } }]),
        terminalScreen('B', [], { data: { age: { type, __example__: type === 'string' ? '30' : 30 } } }),
      ]);
    expect(validateFlow(next('number')).valid).toBe(true);
    expect(errors(next('string'))).toEqual(['INVALID_NAVIGATE_ACTION_PAYLOAD@/screens/0/layout/children/1/on-click-action/payload/age']);
  });
});
