import { describe, expect, it } from 'vitest';
import { parseDataModel } from './parse.js';

describe('parseDataModel: well-formed declarations', () => {
  it('builds a shape tree for every type, keeping examples, enums and descriptions', () => {
    const { shape, problems } = parseDataModel({
      title: { type: 'string', description: 'Heading', __example__: 'Hi' },
      size: { type: 'string', enum: ['S', 'M'], __example__: 'S' },
      count: { type: 'integer', __example__: 2 },
      price: { type: 'number', __example__: 2.5 },
      visible: { type: 'boolean', __example__: false },
      options: {
        type: 'array',
        items: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' } }, required: ['id'] },
        __example__: [{ id: '1', title: 'One' }],
      },
      meta: { type: 'object', __example__: { anything: [1] } },
    });
    expect(problems).toEqual([]);
    expect(shape).toEqual({
      type: 'object',
      properties: {
        title: { type: 'string', description: 'Heading', example: 'Hi' },
        size: { type: 'string', enum: ['S', 'M'], example: 'S' },
        count: { type: 'integer', example: 2 },
        price: { type: 'number', example: 2.5 },
        visible: { type: 'boolean', example: false },
        options: {
          type: 'array',
          items: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' } }, required: ['id'] },
          example: [{ id: '1', title: 'One' }],
        },
        meta: { type: 'object', example: { anything: [1] } },
      },
    });
  });

  it('accepts an empty declaration', () => {
    expect(parseDataModel({})).toEqual({ shape: { type: 'object', properties: {} }, problems: [] });
  });

  it("parses Meta's update_data example model without problems", () => {
    const item = { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' } } };
    const { problems } = parseDataModel({
      countries: { type: 'array', items: item, __example__: [{ id: '1', title: 'USA', 'on-select-action': { name: 'update_data', payload: {} } }] },
      states: { type: 'array', items: item, __example__: [] },
      state_visibility: { type: 'boolean', __example__: false },
    });
    expect(problems).toEqual([]);
  });
});

describe('parseDataModel: malformed declarations', () => {
  const problemsOf = (decl: unknown, requireExamples = false) => parseDataModel(decl, { requireExamples }).problems;

  it('rejects a declaration that is not an object', () => {
    expect(parseDataModel([1])).toEqual({ problems: [{ pointer: '', message: expect.stringMatching(/must be an object.*got array/) }] });
    expect(parseDataModel('x').shape).toBeUndefined();
  });

  it.each([
    [{ a: 'string' }, '/a', /expected a declaration object.*got string "string"/],
    [{ a: {} }, '/a', /missing "type"/],
    [{ a: { type: 'text' } }, '/a/type', /unknown type "text"/],
    [{ a: { type: ['string', 'null'] } }, '/a/type', /unions/],
    [{ a: { type: 'array' } }, '/a', /needs "items"/],
    [{ a: { type: 'array', items: [{ type: 'string' }] } }, '/a/items', /tuple/],
    [{ a: { type: 'array', items: { type: 'strin' } } }, '/a/items/type', /unknown type "strin"/],
    [{ a: { type: 'object', properties: [] } }, '/a/properties', /must be an object of declarations/],
    [{ a: { type: 'object', properties: { 'x/y': { type: 'nope' } } } }, '/a/properties/x~1y/type', /unknown type/],
    [{ a: { type: 'object', properties: { x: { type: 'string' } }, required: ['y'] } }, '/a/required/0', /"y" is required but not declared/],
    [{ a: { type: 'object', required: 'x' } }, '/a/required', /array of property names/],
    [{ a: { type: 'string', enum: [] } }, '/a/enum', /non-empty array of strings/],
    [{ a: { type: 'string', items: { type: 'string' } } }, '/a/items', /applies to type "array", not "string"/],
    [{ a: { type: 'number', properties: {} } }, '/a/properties', /applies to type "object"/],
  ])('%j → %s', (decl, pointer, message) => {
    const problems = problemsOf(decl);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.pointer).toBe(pointer);
    expect(problems[0]?.message).toMatch(message);
  });

  it('leaves unusable fields out of the shape but keeps the rest', () => {
    const { shape } = parseDataModel({ bad: { type: 'x' }, good: { type: 'string', __example__: 'g' } });
    expect(Object.keys(shape?.properties ?? {})).toEqual(['good']);
  });

  it('keeps an array whose items are unusable, with unchecked items', () => {
    const { shape } = parseDataModel({ list: { type: 'array', items: { type: 'x' }, __example__: [1, 'a'] } }, { requireExamples: false });
    expect(shape?.properties?.list).toEqual({ type: 'array', example: [1, 'a'] });
  });

  it('requires __example__ on every top-level field by default, with a hint per type', () => {
    const { problems } = parseDataModel({ a: { type: 'integer' }, b: { type: 'string', enum: ['x'] }, c: { type: 'string', __example__: 'ok' } });
    expect(problems).toEqual([
      { pointer: '/a', message: expect.stringMatching(/missing "__example__".*"__example__": 1/) },
      { pointer: '/b', message: expect.stringMatching(/"__example__": "x"/) },
    ]);
    expect(problemsOf({ a: { type: 'integer' } }, false)).toEqual([]);
  });

  it('checks __example__ against the declaration, pointing inside the example', () => {
    const problems = problemsOf({
      items: {
        type: 'array',
        items: { type: 'object', properties: { id: { type: 'string' }, qty: { type: 'integer' } } },
        __example__: [{ id: '1', qty: 1 }, { id: 2, qty: 1.5 }],
      },
      flag: { type: 'boolean', __example__: 'yes' },
      nothing: { type: 'string', __example__: null },
    });
    expect(problems).toEqual([
      { pointer: '/items/__example__/1/id', message: expect.stringMatching(/expected string, got number 2/) },
      { pointer: '/items/__example__/1/qty', message: expect.stringMatching(/expected integer, got number 1.5/) },
      { pointer: '/flag/__example__', message: expect.stringMatching(/expected boolean, got string "yes"/) },
      { pointer: '/nothing/__example__', message: expect.stringMatching(/null is not allowed/) },
    ]);
  });

  it('stops at absurd nesting depth instead of overflowing', () => {
    let decl: unknown = { type: 'string' };
    for (let i = 0; i < 100; i++) decl = { type: 'array', items: decl };
    const problems = problemsOf({ deep: decl });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/nested more than 32 levels/);
  });

  it('treats a field named __proto__ as an ordinary field', () => {
    const decl = JSON.parse('{"__proto__": {"type": "string", "__example__": "p"}}') as unknown;
    const { shape, problems } = parseDataModel(decl);
    expect(problems).toEqual([]);
    expect(Object.keys(shape?.properties ?? {})).toEqual(['__proto__']);
  });
});
