import { describe, expect, it } from 'vitest';
import { check, flow, navigateFooter, screen, terminalScreen } from '../test-helpers.js';

describe('navigate-target', () => {
  it('refuses an unknown target and suggests a close id', () => {
    const doc = flow('7.3', [screen('FIRST', [navigateFooter('SECND')]), terminalScreen('SECOND')]);
    const found = check(doc);
    expect(found).toContain('INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME@/screens/0/layout/children/0/on-click-action/next/name');
  });
  it('refuses navigation to the same screen', () => {
    const doc = flow('7.3', [screen('FIRST', [navigateFooter('FIRST')]), terminalScreen('B')]);
    expect(check(doc)).toContain('INVALID_NAVIGATE_ACTION_NEXT_SCREEN_NAME@/screens/0/layout/children/0/on-click-action/next/name');
  });
  it('accepts a known target', () => {
    expect(check(flow('7.3', [screen('FIRST', [navigateFooter('SECOND')]), terminalScreen('SECOND')]))).toEqual([]);
  });
});
