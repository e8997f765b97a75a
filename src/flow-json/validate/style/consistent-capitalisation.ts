import { analyseCase } from './case.js';
import type { CaseStyle } from './case.js';
import { GUIDANCE } from './guidance.js';
import { quote, textTargets } from './text.js';
import type { TextKind, TextTarget } from './text.js';
import type { StyleRule } from './types.js';

const KINDS: readonly { kind: TextKind; plural: string }[] = [
  { kind: 'title', plural: 'screen titles' },
  { kind: 'heading', plural: 'headings' },
  { kind: 'footer', plural: 'Footer labels' },
];

/**
 * Within one flow, texts of the same kind (screen titles, headings, Footer labels) written some in
 * sentence case and some in Title Case: the odd ones out (the minority, counting distinct texts;
 * Title Case on a tie, as the seed prefers sentence case) are flagged. Texts whose case cannot be
 * told (one word, acronyms, names, dynamic values) are not counted.
 */
export const consistentCapitalisation: StyleRule = {
  id: 'style/consistent-capitalisation',
  codes: ['style/consistent-capitalisation'],
  description: 'Texts of one kind (screen titles, headings, Footer labels) are capitalised the same way across the flow.',
  // A Title Case odd one out is already told to use sentence case.
  supersededBy: ['style/sentence-case'],
  check({ model, report }) {
    const targets = textTargets(model);
    for (const { kind, plural } of KINDS) {
      const judged: { target: TextTarget; style: CaseStyle; suggestion: string }[] = [];
      for (const target of targets) {
        if (target.kind !== kind) continue;
        const { style, sentenceCase } = analyseCase(target.text);
        if (style) judged.push({ target, style, suggestion: sentenceCase });
      }
      // A text repeated on several screens is one choice of the author: count distinct texts.
      const titles = new Set(judged.filter((j) => j.style === 'title').map((j) => j.target.text)).size;
      const sentences = new Set(judged.filter((j) => j.style === 'sentence').map((j) => j.target.text)).size;
      if (titles === 0 || sentences === 0) continue;
      const odd: CaseStyle = titles <= sentences ? 'title' : 'sentence';
      const counts = `${sentences} in sentence case, ${titles} in Title Case, counting each text once`;
      for (const { target, style, suggestion } of judged) {
        if (style !== odd) continue;
        const fix =
          odd === 'title'
            ? `Write it like the others, in sentence case: ${quote(suggestion)}.`
            : 'Most use Title Case: write them all one way, preferably in sentence case like this one (see style/sentence-case).';
        report({
          code: 'style/consistent-capitalisation',
          pointer: target.pointer,
          severity: 'warning',
          message: `The ${plural} of this flow mix capitalisations (${counts}) and ${quote(target.text)} is the odd one out; Meta's design guidance says: "${GUIDANCE.consistent}" ${fix}`,
        });
      }
    }
  },
};
