import { describe, expect, it } from 'vitest';
import { validateFlow } from '../index.js';
import { findEmoji } from './restrained-emoji.js';
import { footer, heading, link, lint, messages, oneScreen } from './test-helpers.js';

const CODE = 'style/restrained-emoji';

describe('style/restrained-emoji', () => {
  it('flags any emoji on a Footer button and suggests the label without it', () => {
    const doc = oneScreen([footer('Book now 📅')]);
    expect(lint(doc)).toEqual([`${CODE}@/screens/0/layout/children/0/label`]);
    const [message] = messages(doc, CODE);
    expect(message).toContain('"Book now"');
    expect(message).toContain('no emoji');
  });

  it('flags more than one emoji in a title, heading, link or label', () => {
    const doc = oneScreen(
      [heading('🎉 Big sale 🎉'), link('🔗 Terms 📄'), { type: 'TextInput', name: 'n', label: 'Your name 🙂🙂' }, footer('Confirm booking')],
      '🛒 Your cart 🛍️',
    );
    expect(lint(doc)).toEqual([
      `${CODE}@/screens/0/layout/children/0/text`,
      `${CODE}@/screens/0/layout/children/1/text`,
      `${CODE}@/screens/0/layout/children/2/label`,
      `${CODE}@/screens/0/title`,
    ]);
    expect(messages(doc, CODE)[3]).toContain('Always consider the context of the content when using emojis');
  });

  it('allows one emoji outside buttons, and text symbols such as ® and ™ anywhere', () => {
    expect(lint(oneScreen([heading('Your cart 🛒'), footer('Pay with Acme® card')], 'Acme® rewards™ 🎉'))).toEqual([]);
  });

  it('ignores dynamic parts', () => {
    expect(lint(oneScreen([heading('${data.emoji} ${data.more}'), footer('${data.cta}')]))).toEqual([]);
  });

  it('counts an emoji as the user sees it', () => {
    expect(findEmoji('👩🏽‍💻')).toHaveLength(1); // skin tone and ZWJ sequence
    expect(findEmoji('👨‍👩‍👧‍👦')).toHaveLength(1);
    expect(findEmoji('❤️')).toHaveLength(1);
    expect(findEmoji('🇩🇪🇫🇷')).toHaveLength(2);
    expect(findEmoji('1️⃣ step')).toHaveLength(1);
    expect(findEmoji('Acme® Plus™ © 2025')).toEqual([]);
    expect(findEmoji('→ « 1 »')).toEqual([]);
  });

  it('is a warning that leaves the flow valid', () => {
    const result = validateFlow(oneScreen([footer('Book now 📅')]), { style: true });
    expect(result.valid).toBe(true);
    expect(result.diagnostics.map((d) => d.severity)).toEqual(['warning']);
  });
});
