import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDataModel } from '../data-model/parse.js';
import type { DynamicValue } from './ast.js';
import type { ExprType } from './expr-type.js';
import { evaluate } from './evaluate.js';
import type { ValueEnv } from './evaluate.js';
import { parseCondition, parseDynamic } from './parser.js';
import { createTypeEnv, formatType, inferType } from './types.js';

// Issue 15, item 2: the type the validator infers for an expression it accepts is the type of the
// value the runtime computes, for any values of the declared types. Expressions are generated
// well-typed over a random data model and random form fields; the validator's verdict decides
// which count (what it refuses is not this property's business), and enough must be accepted
// for the property to say something.

type Kind = 'string' | 'number' | 'integer' | 'boolean';
const KINDS: readonly Kind[] = ['string', 'number', 'integer', 'boolean'];

interface Field {
  readonly scope: 'data' | 'form';
  readonly name: string;
  readonly kind: Kind;
}

const fieldsArb: fc.Arbitrary<Field[]> = fc
  .uniqueArray(fc.tuple(fc.constantFrom('data', 'form' as const), fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'), fc.constantFrom(...KINDS)), {
    minLength: 1,
    maxLength: 8,
    selector: ([scope, name]) => `${scope}.${name}`,
  })
  .map((list) => list.map(([scope, name, kind]) => ({ scope, name, kind })));

// Zero and empty text often, where division, modulo and juxtaposition have their edge cases.
const valueOf: Record<Kind, fc.Arbitrary<unknown>> = {
  string: fc.oneof(fc.constant(''), fc.string({ maxLength: 6 })),
  number: fc.oneof(fc.constant(0), fc.double({ min: -1e6, max: 1e6, noNaN: true })),
  integer: fc.oneof(fc.constant(0), fc.integer({ min: -1e6, max: 1e6 })),
  boolean: fc.boolean(),
};

const textLiteral = fc.stringMatching(/^[A-Za-z0-9 :,.!?-]{0,6}$/).map((s) => `'${s}'`);
const literalOf: Record<Kind, fc.Arbitrary<string>> = {
  string: textLiteral,
  integer: fc.oneof(fc.constant('0'), fc.integer({ min: 0, max: 500 }).map(String)),
  number: fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 99 })).map(([a, b]) => `${a}.${b}`),
  boolean: fc.constantFrom('true', 'false'),
};

const LEAF = /^('[^']*'|\$\{[^}]*\}|\d+(\.\d+)?|true|false)$/;
const composite = (s: string): string => (LEAF.test(s) ? s : `(${s})`);

/** A nested-expression operand of the given kind, `depth` levels of operators at most (no juxtaposition). */
function operand(fields: readonly Field[], kind: Kind, depth: number): fc.Arbitrary<string> {
  const refs = fields.filter((f) => f.kind === kind).map((f) => `\${${f.scope}.${f.name}}`);
  const leaves = refs.length > 0 ? [literalOf[kind], fc.constantFrom(...refs)] : [literalOf[kind]];
  if (depth === 0) return fc.oneof(...leaves);
  const sub = (k: Kind): fc.Arbitrary<string> => operand(fields, k, depth - 1).map(composite);
  const numeric = fc.oneof(sub('integer'), sub('number'));
  const binary = (l: fc.Arbitrary<string>, ops: readonly string[], r: fc.Arbitrary<string>): fc.Arbitrary<string> =>
    fc.tuple(l, fc.constantFrom(...ops), r).map(([a, op, b]) => `${a} ${op} ${b}`);
  switch (kind) {
    case 'integer':
      return fc.oneof(...leaves, binary(sub('integer'), ['+', '-', '*', '%'], sub('integer')), sub('integer').map((e) => `-${e}`));
    case 'number':
      return fc.oneof(...leaves, binary(numeric, ['+', '-', '*', '/', '%'], numeric), binary(sub('integer'), ['/'], sub('integer')));
    case 'boolean':
      return fc.oneof(
        ...leaves,
        binary(numeric, ['<', '<=', '>', '>=', '==', '!='], numeric),
        fc.constantFrom<Kind>('string', 'boolean').chain((k) => binary(sub(k), ['==', '!='], sub(k))),
        binary(sub('boolean'), ['&&', '||'], sub('boolean')),
        sub('boolean').map((e) => `!${e}`),
      );
    case 'string':
      return fc.oneof(...leaves);
  }
}

/** A whole nested expression: one operand, or parts of any kind written side by side. */
function nestedExpression(fields: readonly Field[]): fc.Arbitrary<string> {
  const anyOperand = fc.constantFrom(...KINDS).chain((k) => operand(fields, k, 2));
  return fc.oneof(anyOperand, fc.array(anyOperand, { minLength: 2, maxLength: 4 }).map((parts) => parts.join(' '))).map((e) => `\`${e}\``);
}

/** A bare If condition in the If grammar: comparisons in parentheses, whole numbers, no math. */
function ifCondition(fields: readonly Field[], depth: number): fc.Arbitrary<string> {
  const refOf = (kinds: readonly Kind[]): string[] => fields.filter((f) => kinds.includes(f.kind)).map((f) => `\${${f.scope}.${f.name}}`);
  const pick = (kinds: readonly Kind[], literal: fc.Arbitrary<string>): fc.Arbitrary<string> => {
    const refs = refOf(kinds);
    return refs.length > 0 ? fc.oneof(literal, fc.constantFrom(...refs)) : literal;
  };
  const whole = fc.integer({ min: -99, max: 99 }).map(String);
  const comparison = fc.oneof(
    fc.tuple(pick(['integer', 'number'], whole), fc.constantFrom('<', '<=', '>', '>=', '==', '!='), pick(['integer', 'number'], whole)),
    fc.tuple(pick(['string'], textLiteral), fc.constantFrom('==', '!='), pick(['string'], textLiteral)),
    fc.tuple(pick(['boolean'], literalOf.boolean), fc.constantFrom('==', '!='), pick(['boolean'], literalOf.boolean)),
  ).map(([l, op, r]) => `(${l} ${op} ${r})`);
  const leaf = fc.oneof(comparison, pick(['boolean'], literalOf.boolean));
  if (depth === 0) return leaf;
  const sub = ifCondition(fields, depth - 1).map((e) => (LEAF.test(e) ? e : `(${e})`));
  return fc.oneof(leaf, fc.tuple(sub, fc.constantFrom('&&', '||'), sub).map(([l, op, r]) => `${l} ${op} ${r}`), sub.map((e) => `!${e}`));
}

function declaration(fields: readonly Field[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (f.scope === 'data') out[f.name] = { type: f.kind };
  return out;
}

function formTypes(fields: readonly Field[]): Record<string, ExprType> {
  const out: Record<string, ExprType> = {};
  for (const f of fields) if (f.scope === 'form') out[f.name] = { kind: f.kind };
  return out;
}

function valuesArb(fields: readonly Field[]): fc.Arbitrary<ValueEnv> {
  const pick = (scope: 'data' | 'form') =>
    fc.record(Object.fromEntries(fields.filter((f) => f.scope === scope).map((f) => [f.name, valueOf[f.kind]])) as Record<string, fc.Arbitrary<unknown>>);
  return fc.record({ data: pick('data'), form: pick('form') });
}

function conforms(value: unknown, type: ExprType): boolean {
  switch (type.kind) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && !Number.isNaN(value);
    default:
      return false;
  }
}

interface Sample {
  readonly fields: Field[];
  readonly source: string;
  readonly values: ValueEnv;
}

function samples(expression: (fields: readonly Field[]) => fc.Arbitrary<string>): fc.Arbitrary<Sample> {
  return fieldsArb.chain((fields) => fc.record({ fields: fc.constant(fields), source: expression(fields), values: valuesArb(fields) }));
}

/** Parses and type-checks as the validator does; the inferred type when it accepts the expression. */
function accepted(sample: Sample, condition: boolean): { ast: DynamicValue; type: ExprType } | undefined {
  const parsed = condition ? parseCondition(sample.source, { version: '7.3' }) : parseDynamic(sample.source, { version: '7.3' });
  if (!parsed.ok || parsed.problems.some((p) => p.code === 'requires-version' || p.code === 'mixed-static-dynamic')) return undefined;
  const { shape } = parseDataModel(declaration(sample.fields), { requireExamples: false });
  const env = createTypeEnv({ ...(shape ? { data: shape } : {}), form: formTypes(sample.fields) });
  const inferred = inferType(parsed.value, env);
  return inferred.problems.length === 0 ? { ast: parsed.value, type: inferred.type } : undefined;
}

describe('property: the validator types what the runtime computes', () => {
  it('gives every accepted nested expression a value of its inferred type', () => {
    let checked = 0;
    fc.assert(
      fc.property(samples(nestedExpression), (sample) => {
        const ok = accepted(sample, false);
        if (!ok) return;
        checked++;
        const value = evaluate(ok.ast, sample.values);
        if (!conforms(value, ok.type)) throw new Error(`${sample.source} is typed ${formatType(ok.type)} but gave ${JSON.stringify(value)}`);
      }),
      { numRuns: 1500 },
    );
    expect(checked).toBeGreaterThan(750);
  });

  it('gives every accepted If condition a boolean', () => {
    let checked = 0;
    fc.assert(
      fc.property(samples((fields) => ifCondition(fields, 2)), (sample) => {
        const ok = accepted(sample, true);
        if (!ok) return;
        checked++;
        expect(ok.type.kind).toBe('boolean');
        // The expression itself, before If reads it as then/else (which is boolean whatever it is).
        const inner: DynamicValue = { ...ok.ast, form: 'nested' } as DynamicValue;
        const value = evaluate(inner, sample.values);
        if (typeof value !== 'boolean') throw new Error(`${sample.source} is typed boolean but gave ${JSON.stringify(value)}`);
      }),
      { numRuns: 1000 },
    );
    expect(checked).toBeGreaterThan(300);
  });
});
