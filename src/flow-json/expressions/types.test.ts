import { describe, expect, it } from 'vitest';
import { parseDataModel } from '../data-model/parse.js';
import type { ObjectShape } from '../data-model/shape.js';
import type { ExprType } from './expr-type.js';
import { T } from './expr-type.js';
import { parseCondition, parseDynamic } from './parser.js';
import { closestName, createTypeEnv, formatType, inferType, isAssignable } from './types.js';
import type { InferOptions } from './types.js';

function model(declaration: unknown): ObjectShape {
  const { shape } = parseDataModel(declaration, { requireExamples: false });
  if (!shape) throw new Error('bad model');
  return shape;
}

const env = createTypeEnv({
  data: model({
    name: { type: 'string' },
    age: { type: 'integer' },
    price: { type: 'number' },
    is_member: { type: 'boolean' },
    tags: { type: 'array', items: { type: 'string' } },
    user: { type: 'object', properties: { email: { type: 'string' }, address: { type: 'object', properties: { city: { type: 'string' } } } } },
    meta: { type: 'object' },
    items: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, qty: { type: 'integer' } } } },
  }),
  form: { first_name: T.string, opt_in: T.boolean, quantity: T.number, picks: T.array(T.string) },
  screens: {
    WELCOME: { data: model({ promo: { type: 'string' } }), form: { email: T.string } },
    EMPTY: {},
  },
});

function infer(source: string, options: InferOptions = {}) {
  const parsed = source.startsWith('?') ? parseCondition(source.slice(1)) : parseDynamic(source);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const result = inferType(parsed.value, env, options);
  return { type: formatType(result.type), problems: result.problems, codes: result.problems.map((p) => p.code) };
}

describe('inferType: types of values', () => {
  it.each([
    ['plain text', 'string'],
    ['${data.name}', 'string'],
    ['${data.age}', 'integer'],
    ['${data.price}', 'number'],
    ['${data.is_member}', 'boolean'],
    ['${data.tags}', 'array<string>'],
    ['${data.user.address.city}', 'string'],
    ['${data.items[0].qty}', 'integer'],
    ['${data.meta.anything}', 'unknown'],
    ['${form.picks}', 'array<string>'],
    ['${screen.WELCOME.data.promo}', 'string'],
    ['${screen.WELCOME.form.email}', 'string'],
    ['`${data.age} + 1`', 'integer'],
    ['`${data.age} / 2`', 'number'],
    ['`${data.price} - 1`', 'number'],
    ['`-${data.age}`', 'integer'],
    ['`${data.age} > 1`', 'boolean'],
    ["`${data.name} == 'x'`", 'boolean'],
    ['`!${data.is_member}`', 'boolean'],
    ['`${data.is_member} && ${form.opt_in}`', 'boolean'],
    ["`'Hi ' ${data.name} ' aged ' ${data.age} ${data.is_member}`", 'string'],
    ["`'Adult: ' ${data.age} > 18`", 'string'],
    ['`(${data.age})`', 'integer'],
    ['`1.5`', 'number'],
    ['Hi ${data.name}', 'string'],
  ])('%s is %s', (source, type) => {
    const result = infer(source);
    expect(result.problems).toEqual([]);
    expect(result.type).toBe(type);
  });

  it('formats object types with their fields', () => {
    expect(infer('${data.user}').type).toBe('object { email: string, address: object { city: string } }');
    expect(infer('${data.meta}').type).toBe('object { ... }');
  });
});

describe('inferType: unknown references', () => {
  it('reports a misspelt data field with the declared names and a suggestion', () => {
    const { problems, type } = infer('${data.nmae}');
    expect(type).toBe('unknown');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'unknown-reference', suggestion: 'name', start: 7, end: 11 });
    expect(problems[0]?.available).toContain('age');
    expect(problems[0]?.message).toMatch(/\$\{data\.nmae\} is not declared in this screen's data model\. Did you mean "name"\?/);
  });

  it('reports unknown form fields and nested object fields at the failing segment', () => {
    expect(infer('${form.firstname}').problems[0]).toMatchObject({ code: 'unknown-reference', suggestion: 'first_name' });
    const nested = infer('${data.user.adress.city}').problems[0];
    expect(nested).toMatchObject({ code: 'unknown-reference', suggestion: 'address', start: 12, end: 18 });
    expect(nested?.message).toMatch(/the object \$\{data\.user\}/);
  });

  it('reports an unknown screen with the screen ids', () => {
    const p = infer('${screen.WELCOM.form.email}').problems[0];
    expect(p).toMatchObject({ code: 'unknown-screen', suggestion: 'WELCOME', start: 9, end: 15 });
    expect(p?.available).toEqual(['WELCOME', 'EMPTY']);
  });

  it('reports a field of a screen that declares nothing', () => {
    const p = infer('${screen.EMPTY.data.x}').problems[0];
    expect(p).toMatchObject({ code: 'unknown-reference', available: [] });
  });

  it('reports field access on a non-object and indexing a non-array', () => {
    expect(infer('${data.name.first}').codes).toEqual(['not-an-object']);
    expect(infer('${data.user[0]}').codes).toEqual(['not-an-object']);
    expect(infer('${data.tags.first}').codes).toEqual(['not-an-object']);
  });

  it('does not suggest far-off names', () => {
    expect(infer('${data.zzzzzz}').problems[0]?.suggestion).toBeUndefined();
    expect(closestName('qty', ['quantity', 'id'])).toBeUndefined();
    expect(closestName('quantty', ['quantity', 'id'])).toBe('quantity');
  });

  it('checks the references of a mixed template too', () => {
    expect(infer('Hi ${data.nope}').codes).toEqual(['unknown-reference']);
  });
});

describe('inferType: operator types', () => {
  it.each([
    ["`${data.name} - 1`", 'operand-type', /'-' needs numbers, but the left side is string/],
    ["`${data.name} + ${data.name}`", 'operand-type', /to join text/],
    ['`${data.is_member} * 2`', 'operand-type', /'\*' needs numbers/],
    ['`${data.age} / ${data.tags}`', 'operand-type', /right side is array<string>/],
    ["`${data.age} % 'x'`", 'operand-type', /right side is string/],
    ["`${data.name} > 3`", 'operand-type', /'>' needs numbers/],
    ['`${data.age} <= true`', 'operand-type', /'<=' needs numbers/],
    ['`${data.age} && ${form.opt_in}`', 'operand-type', /'&&' needs booleans, but the left side is integer/],
    ["`${form.opt_in} || 'yes'`", 'operand-type', /'\|\|' needs booleans/],
    ['`!${data.name}`', 'operand-type', /'!' needs a boolean/],
    ["`-${data.name}`", 'operand-type', /'-' needs a number/],
    ["`${data.age} == '18'`", 'comparison-mismatch', /compares integer with string/],
    ['`${data.is_member} != 1`', 'comparison-mismatch', /boolean with integer/],
    ['`${data.tags} == ${data.tags}`', 'operand-type', /'==' needs text, numbers or booleans/],
    ["`'Tags: ' ${data.tags}`", 'operand-type', /joined into text/],
  ])('%s → %s', (source, code, message) => {
    const { problems } = infer(source);
    expect(problems.map((p) => p.code)).toContain(code);
    expect(problems.find((p) => p.code === code)?.message).toMatch(message);
  });

  it('treats integer and number as comparable', () => {
    expect(infer('`${data.age} == ${data.price}`').problems).toEqual([]);
  });

  it('does not pile problems onto unknown values', () => {
    expect(infer('`${data.meta.x} - 1 > ${data.meta.y}`').problems).toEqual([]);
    expect(infer('`${data.nope} + 1`').codes).toEqual(['unknown-reference']);
  });

  it('points an operand problem at the operand', () => {
    const source = "`1 + ${data.name}`";
    const p = infer(source).problems[0];
    expect(p && source.slice(p.start, p.end)).toBe('${data.name}');
  });
});

describe('inferType: If conditions', () => {
  it('accepts boolean conditions that read a dynamic value', () => {
    expect(infer('?${form.opt_in}').problems).toEqual([]);
    expect(infer("?${form.opt_in} && (${data.name} != '')").problems).toEqual([]);
    expect(infer('?!(${data.age} > 5)').problems).toEqual([]);
  });

  it('reports a condition that is not boolean', () => {
    const { problems } = infer('?${data.age}');
    expect(problems).toEqual([expect.objectContaining({ code: 'not-boolean', expected: 'boolean', actual: 'integer' })]);
    expect(infer('?${data.name}').codes).toEqual(['not-boolean']);
    expect(infer('?`${data.age} + 1`').codes).toEqual(['not-boolean']);
  });

  it('reports conditions made only of literals, and comparisons of two literals', () => {
    expect(infer('?true').codes).toEqual(['no-dynamic-value']);
    expect(infer('?(1 > 2) || ${form.opt_in}').codes).toEqual(['literal-comparison']);
    expect(infer("?'a' == 'a'").codes).toEqual(['literal-comparison', 'no-dynamic-value']);
  });

  it("reads '&&' tighter than a comparison in a bare condition, so an unparenthesised mix is refused by the parser", () => {
    expect(parseCondition('${data.age} > 18 && ${form.opt_in}').ok).toBe(false);
    expect(infer('?(${data.age} > 18) && ${form.opt_in}').problems).toEqual([]);
    expect(infer('?`${data.age} > 18 && ${form.opt_in}`').problems).toEqual([]);
  });

  it('does not apply the condition-only rules to nested expressions in properties', () => {
    expect(infer('`1 > 2`').problems).toEqual([]);
  });
});

describe('inferType: expected property type', () => {
  it('reports a value whose type does not fit the property', () => {
    expect(infer('`${data.age} + 1`', { expected: T.boolean }).problems).toEqual([
      expect.objectContaining({ code: 'wrong-type', expected: 'boolean', actual: 'integer', start: 0, end: 17 }),
    ]);
    expect(infer('${data.age}', { expected: T.number }).problems).toEqual([]);
    expect(infer('${data.price}', { expected: T.integer }).codes).toEqual(['wrong-type']);
  });
});

describe('isAssignable', () => {
  const cases: [ExprType, ExprType, boolean][] = [
    [T.integer, T.number, true],
    [T.number, T.integer, false],
    [T.string, T.string, true],
    [T.string, T.number, false],
    [T.boolean, T.string, false],
    [T.unknown, T.integer, true],
    [T.boolean, T.unknown, true],
    [T.array(T.integer), T.array(T.number), true],
    [T.array(T.number), T.array(T.integer), false],
    [T.array(T.string), T.string, false],
    [T.object({ id: T.string, extra: T.number }), T.object({ id: T.string, title: T.string }), true],
    [T.object({ id: T.integer }), T.object({ id: T.string }), false],
    [T.array(T.object({ id: T.string })), T.object({}), false],
    [{ kind: 'string', enum: ['a'] }, { kind: 'string', enum: ['a', 'b'] }, true],
    [{ kind: 'string', enum: ['a', 'c'] }, { kind: 'string', enum: ['a', 'b'] }, false],
    [{ kind: 'string', enum: ['a'] }, T.string, true],
  ];
  it.each(cases)('%j → %j is %s', (from, to, expected) => {
    expect(isAssignable(from, to)).toBe(expected);
  });
});

describe('formatType', () => {
  it('names every kind', () => {
    expect([T.string, T.number, T.integer, T.boolean, T.unknown].map(formatType)).toEqual(['string', 'number', 'integer', 'boolean', 'unknown']);
    expect(formatType(T.array(T.array(T.integer)))).toBe('array<array<integer>>');
    expect(formatType({ kind: 'string', enum: ['a', 'b'] })).toBe("string ('a' | 'b')");
    expect(formatType(T.object({}))).toBe('object');
  });
});
