import { analyseCase } from './case.js';
import { GUIDANCE } from './guidance.js';
import { quote, textTargets } from './text.js';
import type { StyleRule } from './types.js';

/**
 * Screen titles, headings (TextHeading, TextSubheading) and CTAs (Footer labels, EmbeddedLink
 * texts) in Title Case: the seed asks for sentence case. Acronyms, names written with inner
 * capitals, one-word texts and dynamic values are never flagged.
 */
export const sentenceCase: StyleRule = {
  id: 'style/sentence-case',
  codes: ['style/sentence-case'],
  description: 'Screen titles, headings and CTAs use sentence case ("Book your appointment"), not Title Case.',
  check({ model, report }) {
    for (const target of textTargets(model)) {
      if (target.kind === 'label') continue; // input labels are not named by the guidance
      const { style, sentenceCase: suggestion } = analyseCase(target.text);
      if (style !== 'title') continue;
      report({
        code: 'style/sentence-case',
        pointer: target.pointer,
        severity: 'warning',
        message: `${target.what} ${quote(target.text)} is in Title Case; Meta's design guidance says: "${GUIDANCE.sentenceCase}" Write ${quote(suggestion)} (keep names and brands capitalised).`,
      });
    }
  },
};
