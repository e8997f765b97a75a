import { describe, expect, it } from 'vitest';
import { check, flow, terminalScreen } from '../test-helpers.js';

describe('reserved-screen-id', () => {
  it.each(['SUCCESS', 'success'])('refuses %s as a screen id', (id) => {
    expect(check(flow('7.3', [terminalScreen(id)]))).toContain('SCREEN_ID_IS_RESERVED_KEYWORD@/screens/0/id');
  });
  it('accepts ids that merely contain the word', () => {
    expect(check(flow('7.3', [terminalScreen('SUCCESS_PAGE')]))).toEqual([]);
  });
});
