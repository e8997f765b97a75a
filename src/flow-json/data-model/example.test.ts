import { describe, expect, it } from 'vitest';
import { exampleOf } from './example.js';
import { parseDataModel } from './parse.js';
import type { ObjectShape } from './shape.js';

describe('exampleOf', () => {
  const shape = parseDataModel({
    greeting: { type: 'string', __example__: 'Hello' },
    options: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } }, __example__: [{ id: '1' }] },
    untyped: { type: 'boolean' },
  }).shape as ObjectShape;

  it("builds the screen's preview data from the __example__ values, skipping fields without one", () => {
    expect(exampleOf(shape)).toEqual({ greeting: 'Hello', options: [{ id: '1' }] });
  });

  it('returns copies the caller may change freely', () => {
    const first = exampleOf(shape);
    (first.options as { id: string }[])[0]!.id = 'changed';
    expect(exampleOf(shape)).toEqual({ greeting: 'Hello', options: [{ id: '1' }] });
  });

  it('builds nested objects from their properties when the object has no example of its own', () => {
    expect(exampleOf({ type: 'object', properties: { inner: { type: 'object', properties: { n: { type: 'integer', example: 3 } } } } })).toEqual({ inner: { n: 3 } });
  });

  it('returns the example of a leaf, or undefined', () => {
    expect(exampleOf({ type: 'integer', example: 7 })).toBe(7);
    expect(exampleOf({ type: 'string' })).toBeUndefined();
  });

  it('keeps a "__proto__" key as data', () => {
    const withProto = parseDataModel(JSON.parse('{"__proto__": {"type": "string", "__example__": "p"}}')).shape as ObjectShape;
    const example = exampleOf(withProto);
    expect(Object.keys(example)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(example)).toBe(Object.prototype);
  });
});
