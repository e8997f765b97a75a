import { describe, expect, it } from 'vitest';
import { checkValue, describeShape } from './check.js';
import { parseDataModel } from './parse.js';
import type { DataShape, ObjectShape } from './shape.js';

const model = parseDataModel(
  {
    name: { type: 'string' },
    size: { type: 'string', enum: ['S', 'M'] },
    age: { type: 'integer' },
    price: { type: 'number' },
    ok: { type: 'boolean' },
    matrix: { type: 'array', items: { type: 'array', items: { type: 'integer' } } },
    people: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } }, address: { type: 'object', properties: { zip: { type: 'string' } } } },
        required: ['id'],
      },
    },
  },
  { requireExamples: false },
).shape as ObjectShape;

describe('checkValue', () => {
  it('accepts a value that matches, with optional properties left out', () => {
    expect(checkValue({ name: 'A', size: 'M', age: 3, price: 1.5, ok: true, matrix: [[1], []], people: [{ id: 'p', tags: [] }] }, model)).toEqual([]);
    expect(checkValue({}, model)).toEqual([]);
  });

  it.each([
    [{ name: 5 }, '/name', 'string', 'number 5'],
    [{ size: 'XL' }, '/size', 'string (one of "S", "M")', 'string "XL"'],
    [{ age: 2.5 }, '/age', 'integer', 'number 2.5'],
    [{ age: '2' }, '/age', 'integer', 'string "2"'],
    [{ price: Infinity }, '/price', 'number', 'number Infinity'],
    [{ ok: 'true' }, '/ok', 'boolean', 'string "true"'],
    [{ matrix: [1] }, '/matrix/0', 'array of integer', 'number 1'],
    [{ matrix: [[1, 'x']] }, '/matrix/0/1', 'integer', 'string "x"'],
    [{ people: {} }, '/people', 'array of object', 'object'],
    [{ people: [{ id: 'a' }, { id: 'b', tags: ['t', 3] }] }, '/people/1/tags/1', 'string', 'number 3'],
    [{ people: [{ id: 'a', address: { zip: 1000 } }] }, '/people/0/address/zip', 'string', 'number 1000'],
    [{ people: [{ id: 'a', address: [] }] }, '/people/0/address', 'object', 'array'],
    [{ people: [{}] }, '/people/0/id', 'string', 'nothing'],
    [{ name: null }, '/name', 'string', 'null'],
  ])('%j → mismatch at %s', (value, path, expected, actual) => {
    const mismatches = checkValue(value, model);
    expect(mismatches).toHaveLength(1);
    expect(mismatches[0]).toMatchObject({ path, expected, actual });
    expect(mismatches[0]?.message.length).toBeGreaterThan(10);
  });

  it('reports every mismatch, not just the first', () => {
    expect(checkValue({ name: 1, age: 'x', ok: 0 }, model).map((m) => m.path)).toEqual(['/name', '/age', '/ok']);
  });

  it('rejects a non-object value for the model', () => {
    expect(checkValue([], model)).toEqual([{ path: '', expected: 'object', actual: 'array', message: 'expected object, got array' }]);
  });

  it('can require every declared property (navigate payloads)', () => {
    const paths = checkValue({ name: 'x' }, model, '', { requireAll: true }).map((m) => m.path);
    expect(paths).toEqual(['/size', '/age', '/price', '/ok', '/matrix', '/people']);
  });

  it('can reject undeclared properties, naming the declared ones', () => {
    const shape: DataShape = { type: 'object', properties: { a: { type: 'string' } } };
    expect(checkValue({ a: 'x', b: 1 }, shape)).toEqual([]);
    expect(checkValue({ a: 'x', b: 1 }, shape, '', { rejectExtra: true })).toEqual([
      { path: '/b', expected: 'nothing', actual: 'number 1', message: '"b" is not declared; declared: a' },
    ]);
  });

  it('prefixes paths with the given base pointer and escapes keys', () => {
    const shape: DataShape = { type: 'object', properties: { 'a/b': { type: 'string' } } };
    expect(checkValue({ 'a/b': 1 }, shape, '/screens/0/data')[0]?.path).toBe('/screens/0/data/a~1b');
  });

  it('accepts anything inside objects and arrays whose contents are undeclared', () => {
    expect(checkValue({ x: [null] }, { type: 'object' })).toEqual([]);
    expect(checkValue([1, 'a'], { type: 'array' })).toEqual([]);
  });

  it('does not mistake inherited properties for present ones', () => {
    const properties: Record<string, DataShape> = {};
    properties['toString'] = { type: 'string' } as DataShape;
    const shape: DataShape = { type: 'object', properties, required: ['toString'] };
    expect(checkValue({}, shape).map((m) => m.path)).toEqual(['/toString']);
  });
});

describe('describeShape', () => {
  it('describes nested arrays', () => {
    expect(describeShape({ type: 'array', items: { type: 'array', items: { type: 'string', enum: ['a'] } } })).toBe('array of array of string (one of "a")');
  });
});
