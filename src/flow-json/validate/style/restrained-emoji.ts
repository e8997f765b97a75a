import { GUIDANCE } from './guidance.js';
import { quote, textTargets } from './text.js';
import type { StyleRule } from './types.js';

/**
 * One emoji as the user sees it: a pictograph with its variation selector, skin tone and ZWJ
 * sequence ("👩🏽‍💻" counts once), a flag (two regional indicators) or a keycap ("1️⃣").
 */
const EMOJI = /\p{Regional_Indicator}{2}|[#*0-9]\uFE0F?\u20E3|\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?)*/gu;
/** Pictographs that are ordinary text in brand names unless asked to look like emoji (U+FE0F). */
const TEXT_SYMBOLS = new Set(['\u00A9', '\u00AE', '\u2122']);

/** The emoji of a text, outside its `${...}` references. */
export function findEmoji(text: string): string[] {
  return Array.from(text.replace(/\$\{[^}]*\}/g, ' ').matchAll(EMOJI), (m) => m[0]).filter((e) => !TEXT_SYMBOLS.has(e));
}

function withoutEmoji(text: string): string {
  return text.replace(EMOJI, (e) => (TEXT_SYMBOLS.has(e) ? e : '')).replace(/\s{2,}/g, ' ').trim();
}

/**
 * Any emoji on a Footer button (Meta allows none on the message's CTA button, the same kind of
 * button) and more than one in a screen title, heading, link or label.
 */
export const restrainedEmoji: StyleRule = {
  id: 'style/restrained-emoji',
  codes: ['style/restrained-emoji'],
  description: 'No emoji on Footer buttons, and at most one in a screen title, heading, link text or label.',
  check({ model, report }) {
    for (const target of textTargets(model)) {
      const emoji = findEmoji(target.text);
      if (target.kind === 'footer' ? emoji.length === 0 : emoji.length <= 1) continue;
      const plain = withoutEmoji(target.text);
      const message =
        target.kind === 'footer'
          ? `${target.what} ${quote(target.text)} carries emoji (${emoji.join(' ')}). A button should say its action in words: Meta allows no emoji on the CTA button that opens a flow ("${GUIDANCE.ctaNoEmoji}"), and the design guidance says: "${GUIDANCE.emoji}". Remove ${emoji.length === 1 ? 'it' : 'them'}${plain ? `: ${quote(plain)}` : ' and name the action'}.`
          : `${target.what} ${quote(target.text)} has ${emoji.length} emoji (${emoji.join(' ')}). Meta's design guidance says: "${GUIDANCE.emoji}" (are they appropriate, do they add to the content, do they fit the brand?); several in one short text crowd it. Keep one at most, or none.`;
      report({ code: 'style/restrained-emoji', pointer: target.pointer, severity: 'warning', message });
    }
  },
};
