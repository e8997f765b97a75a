import { describe, expect, it } from 'vitest';
import { validateFlow } from '../index.js';
import { errors, flow, terminalScreen } from '../test-helpers.js';

const data = {
  show: { type: 'boolean', __example__: true },
  age: { type: 'integer', __example__: 20 },
  text: { type: 'string', __example__: 'a' },
};
const body = { type: 'TextBody', text: 'Hi' };
const withIf = (condition: unknown, version = '7.3', extra: Record<string, unknown> = {}) =>
  flow(version, [terminalScreen('A', [{ type: 'If', condition, then: [body], ...extra }], { data })]);
const cond = '/screens/0/layout/children/0/condition';
const messageOf = (doc: unknown) => validateFlow(doc).diagnostics.find((d) => d.pointer === cond)?.message ?? '';

describe('conditionals', () => {
  it('accepts boolean conditions from 4.0 on', () => {
    for (const v of ['4.0', '6.0', '7.3']) {
      expect(errors(withIf('${data.show}', v))).toEqual([]);
      expect(errors(withIf("(${data.age} > 18) && ((${data.text} == 'a') || !${data.show})", v))).toEqual([]);
    }
  });
  it('refuses an empty condition', () => {
    const doc = withIf(' ');
    expect(errors(doc)).toEqual([`INVALID_PROPERTY_VALUE@${cond}`]);
    expect(messageOf(doc)).toContain('at least one operand');
  });
  it('points at empty parentheses and other syntax errors by column', () => {
    expect(messageOf(withIf('( )'))).toContain('empty parentheses at column 1');
    expect(errors(withIf('))${data.show}(('))).toEqual([`INVALID_PROPERTY_VALUE@${cond}`]);
    expect(messageOf(withIf('${data.show} &&'))).toMatch(/column \d+/);
  });
  it('refuses literals on both sides of an operator and literal-only conditions', () => {
    expect(errors(withIf('573 == 376'))).toEqual([`INVALID_PROPERTY_VALUE@${cond}`]);
    expect(messageOf(withIf('573 == 376'))).toContain('literals on both sides');
    expect(errors(withIf('true'))).toEqual([`INVALID_PROPERTY_VALUE@${cond}`]);
    expect(messageOf(withIf('true'))).toContain('only operand is a literal');
  });
  it('requires a boolean result', () => {
    expect(errors(withIf('((${data.text}))'))).toEqual([`INVALID_PROPERTY_VALUE@${cond}`]);
    expect(messageOf(withIf('((${data.text}))'))).toContain('single operand to be a boolean');
    expect(errors(withIf("${data.age} == 'x'"))).toEqual([`INVALID_PROPERTY_VALUE@${cond}`]);
  });
  it('refuses a Switch without cases', () => {
    const doc = flow('7.3', [terminalScreen('A', [{ type: 'Switch', value: '${data.text}', cases: {} }], { data })]);
    expect(errors(doc)).toEqual(['EMPTY_SWITCH_CASES@/screens/0/layout/children/0/cases']);
  });
  it(`allows three nested Ifs but not four`, () => {
    const nest = (depth: number): Record<string, unknown> => ({ type: 'If', condition: '${data.show}', then: depth > 1 ? [nest(depth - 1)] : [body] });
    expect(errors(flow('7.3', [terminalScreen('A', [nest(3)], { data })]))).toEqual([]);
    expect(errors(flow('7.3', [terminalScreen('A', [nest(4)], { data })]))).toEqual(['MAXIMUM_IF_NESTING@/screens/0/layout/children/0/then/0/then/0/then/0']);
  });
});

describe('conditionals: the If grammar (issue 15)', () => {
  const diagnostics = (doc: unknown) => validateFlow(doc).diagnostics.filter((d) => d.pointer === cond);

  it("refuses a comparison next to '&&' without parentheses, since '&&' binds tighter, and shows the fix", () => {
    const doc = withIf('${data.age} > 18 && ${data.show}');
    expect(errors(doc)).toEqual([`INVALID_PROPERTY_VALUE@${cond}`]);
    expect(messageOf(doc)).toMatch(/column 13: '>' is combined with '&&' without parentheses \('&&' binds tighter.*For example: \(\$\{data\.age\} > 18\) && \$\{data\.show\}$/);
    expect(errors(withIf('(${data.age} > 18) && ${data.show}'))).toEqual([]);
  });

  it('refuses decimal literals, leading zeros and math in a bare condition', () => {
    for (const condition of ['${data.age} > 17.5', '${data.age} == 018', '${data.age} + 1 > 18', '${data.age} - 1 > 18']) {
      expect(errors(withIf(condition))).toEqual([`INVALID_PROPERTY_VALUE@${cond}`]);
    }
    expect(messageOf(withIf('${data.age} > 17.5'))).toContain('decimal numbers cannot be written in an If condition');
  });

  it('warns that WhatsApp Web shows else for a backtick condition, offering the bare form', () => {
    const found = diagnostics(withIf('`${data.age} > 18`', '6.0'));
    expect(found.map((d) => `${d.code}:${d.severity}`)).toEqual(['NON_PORTABLE_EXPRESSION:warning']);
    expect(found[0]?.message).toMatch(/always shows the 'else' branch.*Portable form: \$\{data\.age\} > 18$/);
    expect(errors(withIf('`${data.age} > 18`', '6.0'))).toEqual([]);
    expect(errors(withIf('`${data.age} > 18`', '5.1'))).toEqual([`INVALID_PROPERTY_VALUE@${cond}`]);
  });

  it("warns that WhatsApp Web skips the character after 'true'/'false', offering a space", () => {
    const found = diagnostics(withIf('(${data.show} == true)'));
    expect(found.map((d) => d.code)).toEqual(['NON_PORTABLE_EXPRESSION']);
    expect(found[0]?.message).toContain('Portable form: (${data.show} == true )');
    expect(diagnostics(withIf('(${data.show} == true )'))).toEqual([]);
  });
});
