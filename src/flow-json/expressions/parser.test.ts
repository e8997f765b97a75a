import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DynamicParseResult, DynamicValue, Expr } from './ast.js';
import { isDynamic, parseCondition, parseDynamic } from './parser.js';

/** Compact s-expression of an expression, to assert tree shape (precedence, grouping). */
function show(e: Expr): string {
  switch (e.kind) {
    case 'literal':
      return typeof e.value === 'string' ? `'${e.value}'` : String(e.value);
    case 'reference':
      return `${e.screen === undefined ? '' : `screen.${e.screen}.`}${e.scope}${e.path.map((s) => (typeof s.key === 'number' ? `[${s.key}]` : `.${s.key}`)).join('')}`;
    case 'unary':
      return `(${e.operator} ${show(e.operand)})`;
    case 'binary':
      return `(${e.operator} ${show(e.left)} ${show(e.right)})`;
    case 'concat':
      return `(concat ${e.parts.map(show).join(' ')})`;
    case 'group':
      return `[${show(e.expression)}]`;
  }
}

function ok(result: DynamicParseResult): { value: DynamicValue; problems: DynamicParseResult & { ok: true } extends { problems: infer P } ? P : never } {
  if (!result.ok) throw new Error(`expected success, got: ${result.error.message} at ${result.error.offset}`);
  return result;
}

function expr(source: string): Expr {
  const { value } = ok(parseDynamic(source));
  if (value.kind !== 'expression') throw new Error(`not an expression: ${value.kind}`);
  return value.expression;
}

const nested = (inner: string): string => show(expr(`\`${inner}\``));

describe('parseDynamic: the three kinds of property value', () => {
  it('reads text without ${ as static text', () => {
    const { value, problems } = ok(parseDynamic('Hello world $5 {x}'));
    expect(value).toEqual({ kind: 'static', text: 'Hello world $5 {x}', start: 0, end: 18 });
    expect(problems).toEqual([]);
  });

  it('reads a whole-value reference as a typed reference', () => {
    const { value } = ok(parseDynamic('${data.user.name}'));
    expect(value.kind === 'expression' && value.form).toBe('reference');
    const e = expr('${data.user.name}');
    expect(e).toMatchObject({ kind: 'reference', scope: 'data', start: 0, end: 17 });
    expect(e.kind === 'reference' && e.path.map((p) => [p.key, p.start, p.end])).toEqual([
      ['user', 7, 11],
      ['name', 12, 16],
    ]);
  });

  it('reads form references and names with characters Meta allows (e.g. "T&Cs")', () => {
    expect(show(expr('${form.first_name}'))).toBe('form.first_name');
    expect(show(expr('${form.T&Cs}'))).toBe('form.T&Cs');
  });

  it('reads global references with the screen id and its span', () => {
    const e = expr('${screen.SCREEN_ONE.form.field1}');
    expect(e).toMatchObject({ kind: 'reference', scope: 'form', screen: 'SCREEN_ONE', screenSpan: { start: 9, end: 19 } });
    expect(show(expr('${screen.A.data.x.y}'))).toBe('screen.A.data.x.y');
  });

  it('reads array index access and flags it as undocumented', () => {
    const { problems } = ok(parseDynamic('${data.items[0].title}'));
    expect(show(expr('${data.items[0].title}'))).toBe('data.items[0].title');
    expect(problems).toEqual([expect.objectContaining({ code: 'undocumented-index-access', start: 12, end: 15 })]);
  });

  it('reads a backtick value as a nested expression', () => {
    const { value } = ok(parseDynamic("`'Hello ' ${form.first_name}`"));
    expect(value).toMatchObject({ kind: 'expression', form: 'nested', start: 0, end: 29 });
    expect(nested("'Hello ' ${form.first_name}")).toBe("(concat 'Hello ' form.first_name)");
  });

  it('parses text mixed with ${...} as a template, reports it and suggests the nested form', () => {
    const { value, problems } = ok(parseDynamic("Hi ${data.name}, it's ${data.day}", { version: '7.0' }));
    expect(value.kind).toBe('template');
    expect(value.kind === 'template' && value.parts.map((p) => p.kind)).toEqual(['text', 'reference', 'text', 'reference']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      code: 'mixed-static-dynamic',
      suggestion: "`'Hi ' ${data.name} ', it\\'s ' ${data.day}`",
    });
    // The suggestion itself parses as a nested concatenation of the same pieces.
    expect(nested("'Hi ' ${data.name} ', it\\'s ' ${data.day}")).toBe("(concat 'Hi ' data.name ', it's ' data.day)");
  });

  it('points a mixed value before 6.0 at the version that allows nested expressions', () => {
    const { problems } = ok(parseDynamic('${data.a} km', { version: '5.1' }));
    expect(problems[0]).toMatchObject({ code: 'mixed-static-dynamic', since: '6.0' });
  });
});

describe('nested expression operators', () => {
  it.each([
    ['${data.a} + 1', '(+ data.a 1)'],
    ['${data.a} - 1', '(- data.a 1)'],
    ['${data.a} * 2', '(* data.a 2)'],
    ['${data.a} / 2', '(/ data.a 2)'],
    ['${data.a} % 2', '(% data.a 2)'],
    ['${data.a} == 1', '(== data.a 1)'],
    ["${data.a} != 'x'", "(!= data.a 'x')"],
    ['${data.a} < 1', '(< data.a 1)'],
    ['${data.a} <= 1', '(<= data.a 1)'],
    ['${data.a} > 1', '(> data.a 1)'],
    ['${data.a} >= 1.5', '(>= data.a 1.5)'],
    ['${data.a} && true', '(&& data.a true)'],
    ['${data.a} || false', '(|| data.a false)'],
    ['!${data.a}', '(! data.a)'],
    ['-${data.a}', '(- data.a)'],
  ])('parses %s', (inner, tree) => {
    expect(nested(inner)).toBe(tree);
  });

  it('applies precedence: * / % over + -, over comparisons, over equality, over &&, over ||', () => {
    expect(nested('${data.a} + ${data.b} * 2')).toBe('(+ data.a (* data.b 2))');
    expect(nested('${data.a} - ${data.b} % 3 / 2')).toBe('(- data.a (/ (% data.b 3) 2))');
    expect(nested('${data.a} + 1 > ${data.b} - 1')).toBe('(> (+ data.a 1) (- data.b 1))');
    expect(nested('${data.a} < 1 == ${data.b}')).toBe('(== (< data.a 1) data.b)');
    expect(nested('${data.x} || ${data.y} && ${data.z}')).toBe('(|| data.x (&& data.y data.z))');
    expect(nested('${data.a} == 1 && ${data.b} != 2')).toBe('(&& (== data.a 1) (!= data.b 2))');
    expect(nested('!${data.a} && ${data.b}')).toBe('(&& (! data.a) data.b)');
  });

  it('is left-associative', () => {
    expect(nested('10 - ${data.a} - 2')).toBe('(- (- 10 data.a) 2)');
    expect(nested('${data.a} / 2 / 2')).toBe('(/ (/ data.a 2) 2)');
  });

  it('lets parentheses override precedence', () => {
    expect(nested('(${data.a} + ${data.b}) * 2')).toBe('(* [(+ data.a data.b)] 2)');
    expect(nested('!(${form.opt_in} || ${data.b})')).toBe('(! [(|| form.opt_in data.b)])');
    expect(nested('((${data.a}))')).toBe('[[data.a]]');
  });

  it("reads each space-separated part as a whole expression (Meta's examples; measured against WhatsApp's client)", () => {
    expect(nested("'The amount per person is: ' ${data.total} / ${form.group_size}")).toBe(
      "(concat 'The amount per person is: ' (/ data.total form.group_size))",
    );
    expect(nested("${form.first_name} ' you are ' ${form.age} ' years old.'")).toBe(
      "(concat form.first_name ' you are ' form.age ' years old.')",
    );
    expect(nested("'Adult: ' ${form.age} > 18")).toBe("(concat 'Adult: ' (> form.age 18))");
    expect(nested("${data.a} > 1 ' and ' ${data.b} && ${data.c}")).toBe("(concat (> data.a 1) ' and ' (&& data.b data.c))");
    expect(nested("'You were born on either ' 2024 - ${form.age} ' or ' 2023 - ${form.age}")).toBe(
      "(concat 'You were born on either ' (- 2024 form.age) ' or ' (- 2023 form.age))",
    );
    expect(nested("'Total: ' 5 (${data.a})")).toBe("(concat 'Total: ' 5 [data.a])");
  });

  it("refuses '(' after text, a reference, true/false or ')', which WhatsApp reads as a function call", () => {
    const docs = "`'You were born on either ' (2024 - ${form.age}) ' or ' (2023 - ${form.age})`";
    const refused = parseDynamic(docs);
    expect(refused).toMatchObject({ ok: false, error: { offset: 28, message: expect.stringMatching(/function call, which it refuses/) } });
    expect(!refused.ok && refused.error.suggestion).toBe("`'You were born on either ' 2024 - ${form.age} ' or ' 2023 - ${form.age}`");
    for (const source of ['`${data.a} (1)`', '`true (${data.a})`', '`(${data.a}) (${data.b})`', "`'x' (${data.a} + 1) * 2`", '`${data.a} + ${data.b} (1)`']) {
      const r = parseDynamic(source);
      expect(!r.ok && r.error.message).toMatch(/function call/);
    }
    const noFix = parseDynamic("`'x' (${data.a} + 1) * 2`");
    expect(!noFix.ok && 'suggestion' in noFix.error).toBe(false);
  });

  it('refuses parts side by side inside parentheses, which WhatsApp cannot join', () => {
    const r = parseDynamic("`('a' ${data.b})`");
    expect(!r.ok && r.error.message).toMatch(/only at the top level/);
  });

  it('reads escaped backticks and quotes in text literals', () => {
    expect(nested("'This is an example for Ana\\`s house.'")).toBe("'This is an example for Ana`s house.'");
    expect(nested("'it\\'s' ${data.a}")).toBe("(concat 'it's' data.a)");
  });

  it('keeps offsets of operators and operands inside the source', () => {
    const source = '`${form.age} >= 18`';
    const e = expr(source);
    expect(e).toMatchObject({ kind: 'binary', start: 1, end: 18, operatorSpan: { start: 13, end: 15 } });
    if (e.kind !== 'binary') throw new Error('binary expected');
    expect(source.slice(e.left.start, e.left.end)).toBe('${form.age}');
    expect(source.slice(e.right.start, e.right.end)).toBe('18');
  });

  it("flags '*' as missing from Meta's documented math operators", () => {
    const { problems } = ok(parseDynamic('`${data.a} * 2`', { version: '7.0' }));
    expect(problems).toEqual([expect.objectContaining({ code: 'undocumented-operator', start: 11, end: 12 })]);
  });
});

describe('version gating', () => {
  it('reports nested expressions before 6.0 with the version that introduced them', () => {
    const { problems } = ok(parseDynamic('`${data.a} + 1`', { version: '5.1' }));
    expect(problems).toEqual([expect.objectContaining({ code: 'requires-version', since: '6.0', start: 0, end: 15 })]);
    expect(ok(parseDynamic('`${data.a} + 1`', { version: '6.0' })).problems).toEqual([]);
  });

  it('reports global references before 4.0, pointing at the reference', () => {
    const source = '`${data.a} ${screen.S.form.b}`';
    const { problems } = ok(parseDynamic('${screen.S.form.b}', { version: '3.1' }));
    expect(problems).toEqual([expect.objectContaining({ code: 'requires-version', since: '4.0', start: 0, end: 18 })]);
    expect(ok(parseDynamic('${screen.S.form.b}', { version: '4.0' })).problems).toEqual([]);
    const inside = ok(parseDynamic(source, { version: '3.0' })).problems;
    expect(inside.map((p) => p.since)).toEqual(['6.0', '4.0']);
    expect(inside[1]).toMatchObject({ start: 11, end: 29 });
  });

  it('refuses math and juxtaposition in bare If conditions at every version, pointing at backticks', () => {
    expect(ok(parseCondition('(${form.age} > 18) && ${data.ok}', { version: '4.0' })).problems).toEqual([]);
    for (const version of ['5.0', '7.3'] as const) {
      const math = parseCondition('${form.age} + 1 > 18', { version });
      expect(!math.ok && math.error.message).toMatch(/'\+' is not an If condition operator.*backticks/);
      const joined = parseCondition("${form.a} 'x' == 'y'", { version });
      expect(!joined.ok && joined.error.message).toMatch(/an operator is missing/);
    }
    expect(ok(parseCondition('`${form.age} + 1 > 18`', { version: '6.0' })).problems.map((p) => p.code)).toEqual(['not-portable']);
  });

  it('reads backtick text that is no expression as plain text before 6.0, and as an error from 6.0', () => {
    expect(ok(parseDynamic('`npm install`', { version: '5.1' }))).toEqual({
      ok: true,
      value: { kind: 'static', text: '`npm install`', start: 0, end: 13 },
      problems: [],
    });
    expect(parseDynamic('`npm install`', { version: '6.0' }).ok).toBe(false);
    expect(parseDynamic('`npm install`').ok).toBe(false);
  });

  it('reports nothing when no version is given', () => {
    expect(ok(parseDynamic('`${screen.S.data.a} / 2`')).problems).toEqual([]);
  });
});

describe('parseCondition', () => {
  it('parses the bare boolean expressions of the If component', () => {
    const parse = (s: string): string => {
      const { value } = ok(parseCondition(s));
      if (value.kind !== 'expression') throw new Error('expression expected');
      expect(value.form).toBe('condition');
      return show(value.expression);
    };
    expect(parse('${form.opt_in} || (${data.num_value} > 5)')).toBe('(|| form.opt_in [(> data.num_value 5)])');
    expect(parse("${form.opt_in} && (${form.address} != '')")).toBe("(&& form.opt_in [(!= form.address '')])");
    expect(parse('!${form.value1}')).toBe('(! form.value1)');
    expect(parse("${form.city} == 'London'")).toBe("(== form.city 'London')");
    expect(parse('${form.has_account}')).toBe('form.has_account');
  });

  it('accepts a backtick-wrapped condition as a nested expression', () => {
    const { value } = ok(parseCondition('`${form.age} >= 18`', { version: '6.0' }));
    expect(value).toMatchObject({ kind: 'expression', form: 'condition', dialect: 'nested' });
    expect(ok(parseCondition('${form.age} >= 18')).value).toMatchObject({ form: 'condition', dialect: 'if' });
  });

  it("binds '&&' tighter than every other operator, the rest right to left (components reference, If)", () => {
    const parse = (s: string): string => {
      const { value } = ok(parseCondition(s));
      if (value.kind !== 'expression') throw new Error('expression expected');
      return show(value.expression);
    };
    expect(parse('${data.a} || ${data.b} && ${data.c}')).toBe('(|| data.a (&& data.b data.c))');
    expect(parse('${data.a} && ${data.b} || ${data.c}')).toBe('(|| (&& data.a data.b) data.c)');
    expect(parse('${data.a} || ${data.b} || ${data.c}')).toBe('(|| data.a (|| data.b data.c))');
    expect(parse('!${data.a} && !(${data.b} == -5)')).toBe('(&& (! data.a) (! [(== data.b -5)]))');
  });

  it('refuses a comparison next to another operator without parentheses, suggesting where they go', () => {
    const cases: [string, RegExp, string | undefined][] = [
      ['${form.age} > 18 && ${data.ok}', /'>' is combined with '&&'.*binds tighter/, '(${form.age} > 18) && ${data.ok}'],
      ['${data.ok} && ${form.age} > 18', /'>' is combined with '&&'/, '${data.ok} && (${form.age} > 18)'],
      ["${data.ok} || ${form.city} == 'Rome'", /'==' is combined with '\|\|'/, "${data.ok} || (${form.city} == 'Rome')"],
      ['${data.a} == ${data.b} == ${data.c}', /'==' is combined with '=='/, '(${data.a} == ${data.b}) == ${data.c}'],
      ['!${data.a} == true', /'==' is combined with '!'/, '(!${data.a}) == true'],
    ];
    for (const [source, message, suggestion] of cases) {
      const r = parseCondition(source);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.message).toMatch(message);
      expect(r.error.suggestion).toBe(suggestion);
      if (suggestion !== undefined) expect(parseCondition(suggestion).ok).toBe(true);
    }
  });

  it('reads numbers as the If grammar writes them: whole, no leading zero, a sign glued to digits', () => {
    expect(ok(parseCondition('${data.a} > -5')).value).toMatchObject({ expression: { right: { kind: 'literal', value: -5 } } });
    const refused: [string, RegExp][] = [
      ['${data.a} > 9.5', /decimal numbers cannot be written in an If condition/],
      ['${data.a} == 07', /cannot start with 0; write 7/],
      ['${data.a} == -0', /cannot start with 0/],
      ['${data.a} > - 5', /a number is expected right after the negative sign/],
      ['-${data.a} > 5', /a number is expected right after the negative sign/],
      ['${data.a} * 2 > 5', /'\*' is not an If condition operator/],
      ['${data.a} % 2 == 0', /'%' is not an If condition operator/],
    ];
    for (const [source, message] of refused) {
      const r = parseCondition(source);
      expect(!r.ok && r.error.message).toMatch(message);
    }
    expect(ok(parseDynamic('`${data.a} > 9.5 && ${data.b} == 07`')).problems).toEqual([]);
  });

  it('rejects an empty condition', () => {
    const r = parseCondition('  ');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/empty condition/);
  });
});

describe('portability: documented, but WhatsApp Web shows something else', () => {
  const notPortable = (r: DynamicParseResult) => ok(r).problems.filter((p) => p.code === 'not-portable');

  it('flags an If condition in backticks, which WhatsApp Web never evaluates, offering the bare form', () => {
    expect(notPortable(parseCondition('`(${form.age} > 18) && ${data.ok}`', { version: '6.0' }))).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/always shows the 'else' branch; write it without backticks/), suggestion: '(${form.age} > 18) && ${data.ok}', start: 0, end: 34 }),
    ]);
    const math = notPortable(parseCondition('`${form.age} + 1 > 18`', { version: '7.3' }));
    expect(math[0]?.message).toMatch(/'visible' property/);
    expect(math[0]?.suggestion).toBeUndefined();
    expect(ok(parseCondition('`${form.age} > 18`', { version: '5.1' })).problems.map((p) => p.code)).toEqual(['requires-version']);
  });

  it('flags true/false written right before another character in a bare condition, offering a space', () => {
    expect(notPortable(parseCondition('(${data.a} == true)&&(${data.b} == false)'))).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/skips the character right after 'true'.*'true\)'/), start: 14, end: 18, suggestion: '(${data.a} == true )&&(${data.b} == false )' }),
      expect.objectContaining({ message: expect.stringMatching(/after 'false'/), start: 35, end: 40 }),
    ]);
    expect(notPortable(parseCondition('${data.a} == true'))).toEqual([]);
    expect(notPortable(parseCondition('(${data.a} == true ) && ${data.b}'))).toEqual([]);
  });

  it('flags a form value as divisor or modulus, which WhatsApp Web divides as text', () => {
    const source = "`'Each: ' ${data.total} / (${form.people}) ' left: ' ${data.total} % ${form.people}`";
    const found = notPortable(parseDynamic(source));
    expect(found.map((p) => source.slice(p.start, p.end))).toEqual(['(${form.people})', '${form.people}']);
    expect(found[0]?.message).toMatch(/Infinity.*instead of 0 as documented.*\$\{form.people\} > 0/);
    expect(notPortable(parseDynamic('`${form.a} / ${data.b}`'))).toEqual([]);
    expect(notPortable(parseDynamic('`${data.a} / (${form.b} - 1)`'))).toEqual([]);
  });
});

describe('syntax errors are values with offsets', () => {
  it.each([
    ['${data.name', /unterminated/, 0],
    ['${user.name}', /unknown reference root 'user'/, 2],
    ['${data}', /expected a field after 'data'/, 6],
    ['${data.}', /expected a field name/, 7],
    ['${ data.x }', /expected 'data', 'form' or 'screen'/, 2],
    ['${data.a b}', /spaces are not allowed/, 8],
    ['${screen.S.other.x}', /expected 'data' or 'form'/, 11],
    ['${screen.S}', /expected '.data' or '.form'/, 10],
    ['${data.items[x]}', /array index/, 12],
    ['`${data.a} +`', /expected a value, found the end/, 12],
    ['`(${data.a} + 1`', /expected '\)'/, 15],
    ['`${data.a} + 1)`', /unmatched '\)'/, 14],
    ["`'abc`", /unterminated string|backtick/, 1],
    ['`${data.a} = 1`', /use '=='/, 11],
    ['`${data.a} & ${data.b}`', /use '&&'/, 11],
    ['`${data.a} | ${data.b}`', /use '\|\|'/, 11],
    ['`"x"`', /single quotes/, 1],
    ['`hello`', /text must be in single quotes/, 1],
    ['`data.x > 1`', /references are written inside/, 1],
    ['`${data.a} == null`', /null is not supported/, 14],
    ['`1.`', /digit after the decimal point/, 2],
    ['`12ab`', /after a number/, 3],
    ['``', /empty nested expression/, 0],
    ['`$data`', /'\$' must start a reference/, 1],
    ['`a` `b`', /unexpected/, 1],
  ])('%s', (source, message, offset) => {
    const r = parseDynamic(source);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(message);
    expect(r.error.offset).toBe(offset);
  });

  it('rejects hostile nesting depth and length instead of overflowing the stack', () => {
    const deep = parseDynamic(`\`${'('.repeat(5000)}1${')'.repeat(5000)}\``);
    expect(deep.ok).toBe(false);
    const long = parseDynamic(`\`${Array.from({ length: 3000 }, () => '1').join(' + ')}\``);
    expect(!long.ok && long.error.message).toMatch(/too long/);
  });
});

describe('isDynamic', () => {
  it('tells dynamic values from static text', () => {
    expect(isDynamic('${data.a}')).toBe(true);
    expect(isDynamic("`'a'`")).toBe(true);
    expect(isDynamic('Hi ${data.a}')).toBe(true);
    expect(isDynamic('Price: $5 {each}')).toBe(false);
    expect(isDynamic('`')).toBe(false);
  });
});

describe('property: the parser never throws', () => {
  const alphabet = fc.constantFrom(
    ...'${}`\'"()[]!=<>&|+-*/% .\\0123456789abdfmortsceSA_'.split(''),
    '${data.a}',
    '${form.b}',
    '${screen.S.data.c}',
    ' && ',
    ' || ',
    ' == ',
  );
  const source = fc.oneof(fc.string(), fc.array(alphabet, { maxLength: 40 }).map((parts) => parts.join('')));

  it('returns a result for any string, with offsets inside the source', () => {
    fc.assert(
      fc.property(source, fc.constantFrom(undefined, '3.0', '5.1', '7.3' as const), (s, version) => {
        for (const parse of [parseDynamic, parseCondition]) {
          const r = parse(s, version === undefined ? {} : { version });
          if (r.ok) {
            expect(r.value.start).toBeGreaterThanOrEqual(0);
            expect(r.value.end).toBeLessThanOrEqual(s.length);
            for (const p of r.problems) expect(p.end).toBeLessThanOrEqual(s.length);
          } else {
            expect(r.error.offset).toBeGreaterThanOrEqual(0);
            expect(r.error.offset).toBeLessThanOrEqual(s.length);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});
