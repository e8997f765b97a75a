import { describe, expect, it } from 'vitest';
import { validateFlow } from '../index.js';
import { check, errors, flow, terminalScreen } from '../test-helpers.js';

const withData = (data: unknown, version = '7.3') => flow(version, [terminalScreen('A', [], { data })]);
const dataFindings = (data: unknown, version = '7.3') => check(withData(data, version)).filter((f) => f.startsWith('INVALID_SCREEN_DATA'));

describe('data-model', () => {
  it('accepts well-formed declarations in old and new versions', () => {
    const data = {
      name: { type: 'string', __example__: 'Ann' },
      tags: { type: 'array', items: { type: 'string' }, __example__: ['a'] },
      user: { type: 'object', properties: { age: { type: 'integer' } }, __example__: { age: 3 } },
      any: { type: 'array', items: true, __example__: [] },
    };
    expect(errors(withData(data, '2.1'))).toEqual([]);
    expect(check(withData(data))).toEqual([]);
  });
  it('requires a type on every field', () => {
    expect(dataFindings({ name: {} })).toEqual(['INVALID_SCREEN_DATA@/screens/0/data/name']);
    expect(dataFindings({ u: { type: 'object', properties: { a: {} }, __example__: {} } })).toEqual(['INVALID_SCREEN_DATA@/screens/0/data/u/properties/a']);
  });
  it('requires __example__ on every top-level field, in every version, and only there', () => {
    // Flow JSON reference, "Screen data model": the __example__ field "is mandatory".
    for (const v of ['2.1', '5.0', '7.3']) expect(dataFindings({ name: { type: 'string' } }, v)).toEqual(['INVALID_SCREEN_DATA@/screens/0/data/name']);
    expect(validateFlow(withData({ n: { type: 'integer' } })).diagnostics[0]?.message).toMatch(/Missing property '__example__' for data model field 'n'.*"__example__": 1/);
    // Nested properties carry none: they are part of the top-level example.
    expect(dataFindings({ user: { type: 'object', properties: { age: { type: 'integer' } }, __example__: { age: 3 } } })).toEqual([]);
  });
  it('requires type to be a known type name', () => {
    expect(dataFindings({ name: { type: 123 } })).toEqual(['INVALID_SCREEN_DATA@/screens/0/data/name/type']);
    const result = check(withData({ name: { type: 'strng', __example__: 'x' } }));
    expect(result).toEqual(['INVALID_SCREEN_DATA@/screens/0/data/name/type']);
  });
  it('requires items on arrays, as an object or boolean', () => {
    expect(dataFindings({ name: { type: 'array', __example__: [] } })).toEqual(['INVALID_SCREEN_DATA@/screens/0/data/name']);
    expect(dataFindings({ name: { type: 'array', items: 'string', __example__: [] } })).toEqual(['INVALID_SCREEN_DATA@/screens/0/data/name/items']);
    expect(dataFindings({ name: { type: 'array', items: { type: 'array' }, __example__: [] } })).toEqual(['INVALID_SCREEN_DATA@/screens/0/data/name/items']);
  });
  it('allows __example__ only on top-level fields', () => {
    const nested = { v: { type: 'object', properties: { number: { type: 'number' }, __example__: { number: 1 } }, __example__: { number: 1 } } };
    expect(dataFindings(nested)).toEqual(['INVALID_SCREEN_DATA@/screens/0/data/v/properties/__example__']);
    const inner = { v: { type: 'object', properties: { number: { type: 'number', __example__: 1 } }, __example__: { number: 1 } } };
    expect(dataFindings(inner)).toEqual(['INVALID_SCREEN_DATA@/screens/0/data/v/properties/number/__example__']);
  });
  it('checks __example__ against the declared type, down to the wrong element', () => {
    expect(dataFindings({ name: { type: 'number', __example__: '123' } })).toEqual(['INVALID_SCREEN_DATA@/screens/0/data/name/__example__']);
    const list = { l: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } }, __example__: [{ id: 'a' }, { id: 2 }] } };
    expect(dataFindings(list)).toEqual(['INVALID_SCREEN_DATA@/screens/0/data/l/__example__/1/id']);
  });
  it('says what to do in its messages', async () => {
    const { validateFlow } = await import('../index.js');
    const d = validateFlow(withData({ name: { type: 'strng', __example__: 'x' } })).diagnostics[0];
    expect(d?.message).toContain("Did you mean 'string'?");
  });
  it('never throws on odd declarations', () => {
    for (const odd of [null, 1, 'x', [], { a: null }, { a: [] }, { a: { type: 'object', properties: [] } }, { a: { type: 'array', items: null } }]) {
      expect(() => check(withData(odd))).not.toThrow();
    }
  });
});
