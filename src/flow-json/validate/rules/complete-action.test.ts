import { describe, expect, it } from 'vitest';
import { check, flow, screen, terminalScreen } from '../test-helpers.js';

describe('complete-action', () => {
  const completeFooter = { type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete', payload: {} } };
  it('refuses complete on a non-terminal screen', () => {
    const doc = flow('7.3', [screen('A', [completeFooter]), terminalScreen('B')]);
    expect(check(doc)).toContain('INVALID_COMPLETE_ACTION@/screens/0/layout/children/0/on-click-action/name');
  });
  it('accepts complete on a terminal screen', () => {
    expect(check(flow('7.3', [terminalScreen('A')]))).toEqual([]);
  });
});
