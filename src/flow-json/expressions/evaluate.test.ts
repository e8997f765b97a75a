import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, evaluate, switchKey, toBoolean, toText } from './evaluate.js';
import type { ValueEnv } from './evaluate.js';
import { parseCondition, parseDynamic } from './parser.js';

const env: ValueEnv = {
  data: {
    name: 'Ana',
    age: 30,
    price: 2.5,
    zero: 0,
    member: true,
    off: false,
    tags: ['a', 'b'],
    empty: [],
    user: { address: { city: 'Lisbon' } },
    items: [{ id: 'x1' }, { id: 'x2' }],
    age_text: '42',
  },
  form: { first: 'Bo', last: 'Bo', opt_in: true, group: 4, total: 10 },
  screens: { WELCOME: { data: { promo: 'SPRING' }, form: { email: 'a@b.c' } } },
};

function run(source: string, values: ValueEnv = env): unknown {
  const parsed = source.startsWith('?') ? parseCondition(source.slice(1)) : parseDynamic(source);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return evaluate(parsed.value, values);
}

describe('evaluate: values', () => {
  it('returns static text as is', () => {
    expect(run('Hello')).toBe('Hello');
  });

  it('returns the raw typed value of a single reference', () => {
    expect(run('${data.age}')).toBe(30);
    expect(run('${data.member}')).toBe(true);
    expect(run('${data.tags}')).toEqual(['a', 'b']);
    expect(run('${data.user.address.city}')).toBe('Lisbon');
    expect(run('${data.items[1].id}')).toBe('x2');
    expect(run('${form.first}')).toBe('Bo');
    expect(run('${screen.WELCOME.data.promo}')).toBe('SPRING');
    expect(run('${screen.WELCOME.form.email}')).toBe('a@b.c');
  });

  it('returns undefined for anything missing, never throwing', () => {
    expect(run('${data.nope}')).toBeUndefined();
    expect(run('${data.nope.deeper}')).toBeUndefined();
    expect(run('${data.name.length}')).toBeUndefined();
    expect(run('${data.items[9].id}')).toBeUndefined();
    expect(run('${data.user[0]}')).toBeUndefined();
    expect(run('${screen.OTHER.data.promo}')).toBeUndefined();
    expect(run('${screen.WELCOME.data.promo}', { data: {}, form: {} })).toBeUndefined();
  });

  it('does not read inherited properties', () => {
    expect(run('${data.constructor}')).toBeUndefined();
    expect(run('${data.__proto__}')).toBeUndefined();
    expect(run('${data.tags.map}')).toBeUndefined();
  });

  it('renders a mixed template as text', () => {
    expect(run('Hi ${data.name}, ${data.age}! ${data.nope}.')).toBe('Hi Ana, 30! .');
  });
});

describe('evaluate: nested expressions', () => {
  it.each([
    ["`'Hello ' ${form.first}`", 'Hello Bo'],
    ["`${form.first} ' you are ' ${data.age} ' years old.'`", 'Bo you are 30 years old.'],
    ["`'Member: ' ${data.member}`", 'Member: true'],
    ["`'missing[' ${data.nope} ']'`", 'missing[]'],
    // An array is spelled as WhatsApp's client spells it; the validator refuses it here.
    ["`'list ' ${data.tags}`", 'list a,b'],
    ["`'Adult: ' ${data.age} > 18`", 'Adult: true'],
    ["`'The amount per person is: ' ${form.total} / ${form.group}`", 'The amount per person is: 2.5'],
    ["`'Born ' 2024 - ${data.age} ' or ' 2023 - ${data.age}`", 'Born 1994 or 1993'],
    ["`'Share: ' ${data.age} / 9`", 'Share: 3.33'],
    ["`'Ana\\`s house'`", 'Ana`s house'],
  ])('%s → %j', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  it.each([
    ['`${data.age} + 1`', 31],
    ['`${data.age} - 1`', 29],
    ['`${data.age} * 2`', 60],
    ['`${data.age} / 4`', 7.5],
    ['`${data.age} % 7`', 2],
    ['`-${data.price}`', -2.5],
    ['`${data.age} + ${data.price} * 2`', 35],
    ['`(${data.age} + ${data.price}) * 2`', 65],
    ['`${data.age_text} + 1`', 43],
    ['`${data.age} / 9`', 3.33],
    ['`10 / 3 * 3`', 9.99],
    ['`${data.price} * 1.005`', 2.51],
  ])('math %s → %j', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  it('gives zero for division or modulo by zero or a missing value, as Meta documents', () => {
    expect(run('`${data.age} / ${data.zero}`')).toBe(0);
    expect(run('`${data.age} % 0`')).toBe(0);
    expect(run('`${data.age} / ${data.nope}`')).toBe(0);
    expect(run('`${data.nope} % 3`')).toBe(0);
  });

  it('counts a missing or empty operand as 0 and a boolean as 1 or 0; other text is not a number', () => {
    expect(run('`${data.nope} + 1`')).toBe(1);
    expect(run('`${data.nope} * 3`')).toBe(0);
    expect(run('`${form.blank} + 2`', { ...env, form: { blank: '' } })).toBe(2);
    expect(run('`-${data.member}`')).toBe(-1);
    expect(run('`${data.off} + 1`')).toBe(1);
    expect(run('`${data.name} - 1`')).toBeNaN();
  });

  it.each([
    ['`${data.age} == 30`', true],
    ['`${data.age} != 30`', false],
    ["`${data.name} == 'Ana'`", true],
    ["`${data.name} != 'Ana'`", false],
    ['`${form.first} == ${form.last}`', true],
    ['`${data.member} == true`', true],
    ["`${data.age_text} == 42`", true],
    ["`${data.age} == '30'`", true],
    ["`${data.age} == 'thirty'`", false],
    ["`${data.member} == 'true'`", false],
    ['`${data.nope} == ${data.nope2}`', true],
    ['`${data.age} < 31`', true],
    ['`${data.age} <= 30`', true],
    ['`${data.age} > 30`', false],
    ['`${data.age} >= 30`', true],
    ['`${data.nope} < 5`', false],
    ['`${data.nope} >= 0`', false],
    ['`${data.member} && ${form.opt_in}`', true],
    ['`${data.member} && ${data.off}`', false],
    ['`${data.off} || ${form.opt_in}`', true],
    ['`${data.off} || ${data.nope}`', false],
    ['`!${data.off}`', true],
    ['`!${data.nope}`', true],
    ['`${data.off} || ${data.member} && ${data.off}`', false],
    ['`(${data.off} || ${data.member}) && ${data.member}`', true],
  ])('%s → %s', (source, expected) => {
    expect(run(source)).toBe(expected);
  });
});

describe('evaluate: If conditions', () => {
  it('evaluates conditions to booleans', () => {
    expect(run('?(${data.age} > 18) && ${form.opt_in}')).toBe(true);
    expect(run("?${form.opt_in} && (${data.name} != '')")).toBe(true);
    expect(run('?!(${data.age} > 5)')).toBe(false);
    expect(run('?`${data.age} > 18 && ${form.opt_in}`')).toBe(true);
  });

  it('shows then only for a real true: other values, and ! && || on them, are false', () => {
    expect(run('?${data.empty}')).toBe(false);
    expect(run('?${data.tags}')).toBe(false);
    expect(run('?${data.nope}')).toBe(false);
    expect(run('?!${data.empty}')).toBe(false);
    expect(run('?!${data.nope}')).toBe(false);
    expect(run('?!${data.off}')).toBe(true);
    expect(run('?${data.member} && ${data.age}')).toBe(false);
    expect(run('?${data.age} || ${data.member}')).toBe(true);
  });

  it('compares numbers as whole numbers', () => {
    expect(run('?${data.price} > 2')).toBe(false);
    expect(run('?${data.price} == 2')).toBe(true);
    expect(run('?${data.age_text} >= 42')).toBe(true);
    expect(run("?${data.nope} == ''")).toBe(true);
  });
});

describe('conversions used by the runtime', () => {
  it('reads values as booleans', () => {
    expect([true, false, 1, 0, NaN, 'x', '', 'false', [], [1], {}, null, undefined].map(toBoolean)).toEqual([
      true, false, true, false, false, true, false, false, false, true, true, false, false,
    ]);
  });

  it('reads values as text', () => {
    expect(['a', 1.5, false, undefined, null, [1], { a: 1 }].map(toText)).toEqual(['a', '1.5', 'false', '', '', '', '']);
  });

  it('turns a Switch value into a case key', () => {
    expect([switchKey('cat'), switchKey(3), switchKey(true), switchKey(undefined), switchKey({})]).toEqual(['cat', '3', 'true', undefined, undefined]);
  });
});

describe('compile', () => {
  it('compiles once per AST and re-evaluates against new values', () => {
    const parsed = parseDynamic('`${form.n} * 2`');
    if (!parsed.ok) throw new Error('parse');
    const fn = compile(parsed.value);
    expect(compile(parsed.value)).toBe(fn);
    expect(fn({ data: {}, form: { n: 2 } })).toBe(4);
    expect(fn({ data: {}, form: { n: 5 } })).toBe(10);
  });
});

describe('property: evaluate never throws', () => {
  const name = fc.constantFrom('a', 'b', 'c', 'items', 'constructor', '__proto__', 'toString', 'length');
  const reference = fc.tuple(fc.constantFrom('data', 'form', 'screen.S.data', 'screen.T.form'), fc.array(fc.oneof(name, fc.nat(3).map((n) => n)), { minLength: 1, maxLength: 3 }))
    .map(([root, path]) => {
      const [first, ...rest] = path;
      const head = typeof first === 'number' ? 'a' : first;
      return `\${${root}.${head}${rest.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('')}}`;
    });
  const literal = fc.oneof(fc.integer({ min: 0, max: 100 }).map(String), fc.constantFrom('true', 'false', "'x'", "''", '0.5'));
  const { expression } = fc.letrec<{ expression: string }>((tie) => ({
    expression: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      reference,
      literal,
      fc.tuple(tie('expression'), fc.constantFrom('+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '&&', '||'), tie('expression')).map(([l, op, r]) => `${l} ${op} ${r}`),
      fc.tuple(fc.constantFrom('!', '-'), tie('expression')).map(([op, e]) => `${op}${e}`),
      tie('expression').map((e) => `(${e})`),
      fc.tuple(tie('expression'), tie('expression')).map(([a, b]) => `${a} ${b}`),
    ),
  }));
  const scope = fc.dictionary(name, fc.anything(), { maxKeys: 6 });
  const values = fc.record({
    data: scope,
    form: scope,
    screens: fc.option(fc.dictionary(fc.constantFrom('S', 'T', 'constructor'), fc.record({ data: scope, form: scope })), { nil: undefined }),
  });

  it('evaluates every parsed expression against arbitrary values without throwing', () => {
    fc.assert(
      fc.property(expression, values, fc.boolean(), (source, valueEnv, asCondition) => {
        // Not every generated text is in the If grammar or free of calls; what parses must evaluate.
        const parsed = asCondition ? parseCondition(source) : parseDynamic(`\`${source}\``);
        if (!parsed.ok) return;
        const result = evaluate(parsed.value, valueEnv as ValueEnv);
        if (asCondition) expect(typeof result).toBe('boolean');
        else expect(['string', 'number', 'boolean', 'undefined', 'object', 'bigint', 'symbol', 'function']).toContain(typeof result);
      }),
      { numRuns: 1000 },
    );
  });

  it('evaluates whatever the parser accepts from arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), values, (source, valueEnv) => {
        for (const parsed of [parseDynamic(source), parseCondition(source)]) {
          if (parsed.ok) evaluate(parsed.value, valueEnv as ValueEnv);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
