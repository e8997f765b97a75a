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
      expect(errors(withIf("${data.age} > 18 && (${data.text} == 'a' || !${data.show})", v))).toEqual([]);
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
