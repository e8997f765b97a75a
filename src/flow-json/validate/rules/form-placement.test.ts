import { describe, expect, it } from 'vitest';
import { check, flow, terminalScreen } from '../test-helpers.js';

const loose = { type: 'TextInput', name: 'path2', label: 'Path' };
const form = { type: 'Form', name: 'flow_path', children: [{ type: 'TextInput', name: 'path', label: 'Path' }] };

describe('form-placement', () => {
  it('requires a Form around inputs before 4.0', () => {
    expect(check(flow('3.1', [terminalScreen('A', [loose])]))).toContain('KEYWORD_ONE_OF@/screens/0/layout/children/0');
  });
  it('accepts inputs without a Form from 4.0', () => {
    expect(check(flow('4.0', [terminalScreen('A', [loose])])).filter((f) => !f.startsWith('DEPRECATED'))).toEqual([]);
  });
  it('refuses inputs outside the Form when the screen has one (4.0+)', () => {
    expect(check(flow('7.3', [terminalScreen('A', [loose, form])]))).toContain('COMPONENTS_OUTSIDE_FORM@/screens/0/layout/children/0');
  });
});
