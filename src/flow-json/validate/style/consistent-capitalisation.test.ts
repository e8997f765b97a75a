import { describe, expect, it } from 'vitest';
import { footer, lint, messages, page } from './test-helpers.js';

const CODE = 'style/consistent-capitalisation';
const SENTENCE = 'style/sentence-case';

/** A flow of terminal screens with these titles and Footer labels. */
function screens(...specs: [title: string, label: string][]): Record<string, unknown> {
  const ids = ['A', 'B', 'C', 'D', 'E'];
  return { version: '7.3', screens: specs.map(([title, label], i) => page(ids[i]!, title, [footer(label)])) };
}

describe('style/consistent-capitalisation', () => {
  it('flags the Title Case odd one out when sentence-case is off', () => {
    const doc = screens(['Your details', 'Send details'], ['Your address', 'Save address'], ['Payment Method', 'Pay order']);
    expect(lint(doc, { rules: { [SENTENCE]: 'off' } })).toEqual([`${CODE}@/screens/2/title`]);
    const [message] = messages(doc, CODE, { rules: { [SENTENCE]: 'off' } });
    expect(message).toContain('Use consistent capitalization throughout each flow.');
    expect(message).toContain('"Payment method"');
  });

  it('defers to style/sentence-case, which already flags a Title Case text', () => {
    const doc = screens(['Your details', 'Send details'], ['Your address', 'Save address'], ['Payment Method', 'Pay order']);
    expect(lint(doc)).toEqual([`${SENTENCE}@/screens/2/title`]);
  });

  it('flags the sentence-case odd one out when most texts of the kind are in Title Case', () => {
    const doc = screens(['Your Details', 'Send details'], ['Your Address', 'Save address'], ['Payment method', 'Pay order']);
    expect(lint(doc).filter((f) => f.startsWith(CODE))).toEqual([`${CODE}@/screens/2/title`]);
    expect(messages(doc, CODE)[0]).toContain('Most use Title Case');
  });

  it('compares Footer labels with Footer labels, not with titles', () => {
    const doc = screens(['Your details', 'Send Details'], ['Your address', 'Save Address'], ['Payment method', 'Pay order']);
    expect(lint(doc, { rules: { [SENTENCE]: 'off' } })).toEqual([`${CODE}@/screens/2/layout/children/0/label`]);
  });

  it('counts a text repeated on several screens once, and takes Title Case as the odd one on a tie', () => {
    const doc = screens(['Black Friday Deals', 'Send details'], ['Black Friday Deals', 'Save address'], ['Personalised offers', 'Pay order']);
    expect(lint(doc, { rules: { [SENTENCE]: 'off' } })).toEqual([`${CODE}@/screens/0/title`, `${CODE}@/screens/1/title`]);
  });

  it('is silent when every text of a kind is written one way, or cannot be judged', () => {
    expect(lint(screens(['Your details', 'Send details'], ['Your address', 'Save address']))).toEqual([]);
    expect(lint(screens(['Details', 'Send details'], ['FAQ', 'Save address'], ['${data.title}', 'Pay order']))).toEqual([]);
  });
});
