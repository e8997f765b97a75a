import { describe, expect, it } from 'vitest';
import { errors, flow, screen, terminalScreen } from '../test-helpers.js';

const rich = { type: 'RichText', text: '# Terms' };
const heading = { type: 'TextHeading', text: 'Hi' };
const only = (doc: unknown) => errors(doc).filter((f) => f.startsWith('INVALID_RICHTEXT_PLACEMENT'));

describe('rich-text-placement', () => {
  it('accepts RichText alone before 6.3', () => {
    const alone = flow('6.2', [screen('A', [rich]), terminalScreen('B')]);
    expect(only(alone)).toEqual([]);
  });
  it('refuses a Footer beside RichText before 6.3 and accepts it from 6.3', () => {
    expect(only(flow('6.2', [terminalScreen('A', [rich])]))).toEqual(['INVALID_RICHTEXT_PLACEMENT@/screens/0/layout/children/0']);
    expect(only(flow('6.3', [terminalScreen('A', [rich])]))).toEqual([]);
    expect(only(flow('7.3', [terminalScreen('A', [rich, rich])]))).toEqual([]);
  });
  it('refuses other components beside RichText in every version', () => {
    for (const v of ['5.1', '6.3', '7.3']) {
      expect(only(flow(v, [terminalScreen('A', [heading, rich])]))).toEqual(['INVALID_RICHTEXT_PLACEMENT@/screens/0/layout/children/1']);
    }
  });
});
