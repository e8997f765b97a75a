import { describe, expect, it } from 'vitest';
import { check, flow, terminalScreen } from '../test-helpers.js';

const items = [{ id: '1', title: 'One' }, { id: '2', title: 'Two' }, { id: '3', title: 'Three' }];
describe('min-max', () => {
  it('refuses min-selected-items above max-selected-items', () => {
    const c = { type: 'CheckboxGroup', name: 'cbg', label: 'Pick', 'min-selected-items': 3, 'max-selected-items': 2, 'data-source': items };
    expect(check(flow('7.3', [terminalScreen('A', [c])]))).toContain('MIN_VALUE_GREATER_THAN_MAX@/screens/0/layout/children/0/min-selected-items');
  });
  it('refuses min-chars above max-chars', () => {
    const c = { type: 'TextInput', name: 't', label: 'T', 'min-chars': 10, 'max-chars': 5 };
    expect(check(flow('7.3', [terminalScreen('A', [c])]))).toContain('MIN_VALUE_GREATER_THAN_MAX@/screens/0/layout/children/0/min-chars');
  });
  it('accepts equal bounds and ignores dynamic ones', () => {
    const c = { type: 'CheckboxGroup', name: 'cbg', label: 'Pick', 'min-selected-items': 2, 'max-selected-items': 2, 'data-source': items };
    expect(check(flow('7.3', [terminalScreen('A', [c])]))).toEqual([]);
  });
});
