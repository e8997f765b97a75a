import { describe, expect, it } from 'vitest';
import { check, flow } from '../test-helpers.js';

const footer = { type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete', payload: {} } };
const input = { type: 'TextInput', name: 'n', label: 'Name' };
const data = { ti: { type: 'boolean', __example__: true } };
const terminal = (children: unknown[]) => flow('7.3', [{ id: 'A', title: 'A', terminal: true, data, layout: { type: 'SingleColumnLayout', children } }]);

describe('footers', () => {
  it('refuses two Footers on one screen', () => {
    expect(check(terminal([footer, footer]))).toContain('MORE_THAN_ONE_FOOTER@/screens/0/layout/children/1');
  });
  it('counts a Footer in a branch against one outside the conditional', () => {
    const doc = terminal([{ type: 'If', condition: '${data.ti}', then: [footer], else: [footer] }, footer]);
    expect(check(doc)).toContain('MORE_THAN_ONE_FOOTER@/screens/0/layout/children/1');
  });
  it('accepts one Footer in each exclusive branch', () => {
    expect(check(terminal([{ type: 'If', condition: '${data.ti}', then: [footer], else: [footer] }]))).toEqual([]);
  });
  it('requires an else branch when then has the Footer', () => {
    expect(check(terminal([{ type: 'If', condition: '${data.ti}', then: [footer] }]))).toContain('MISSING_FOOTER_IN_IF_ELSE_BRANCHES@/screens/0/layout/children/0');
  });
  it('requires the Footer in then when else has it', () => {
    expect(check(terminal([{ type: 'If', condition: '${data.ti}', then: [input], else: [footer] }]))).toContain('MISSING_FOOTER_IN_IF_ELSE_BRANCHES@/screens/0/layout/children/0');
  });
  it('requires the Footer in every Switch case once one has it', () => {
    const doc = terminal([{ type: 'Switch', value: '${data.ti}', cases: { a: [input], b: [footer] } }]);
    expect(check(doc)).toContain('MISSING_FOOTER_IN_SWITCH_BRANCHES@/screens/0/layout/children/0');
    const ok = terminal([{ type: 'Switch', value: '${data.ti}', cases: { a: [footer], b: [footer] } }]);
    expect(check(ok).filter((f) => f.includes('FOOTER'))).toEqual([]);
  });
});
