import { describe, expect, it } from 'vitest';
import { check, flow, navigateFooter, screen, terminalScreen } from '../test-helpers.js';

describe('duplicate-screen-ids', () => {
  it('reports the second screen with a used id', () => {
    const doc = flow('7.3', [screen('A', [navigateFooter('B')]), terminalScreen('B'), terminalScreen('B')]);
    expect(check(doc)).toContain('DUPLICATE_SCREEN_IDS@/screens/2/id');
  });
  it('stays quiet when ids differ', () => {
    const doc = flow('7.3', [screen('A', [navigateFooter('B')]), terminalScreen('B')]);
    expect(check(doc).filter((f) => f.startsWith('DUPLICATE_SCREEN_IDS'))).toEqual([]);
  });
});
