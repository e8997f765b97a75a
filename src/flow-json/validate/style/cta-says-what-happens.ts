import { GUIDANCE } from './guidance.js';
import { clickAction, isDynamic, quote, textTargets } from './text.js';
import type { StyleRule } from './types.js';

/**
 * Labels that name no task, on any button or link: whatever the action, they leave the user to
 * guess what tapping does ("Submit" what? "Confirm" what?). English only, matched whole.
 */
export const GENERIC_CTA_LABELS: readonly string[] = [
  'submit', 'send', 'done', 'ok', 'okay', 'confirm', 'complete', 'finish', 'yes', 'go', 'enter', 'click', 'tap',
  'click here', 'tap here', 'press here', 'here', 'link', 'this link',
];

/**
 * Labels that say "move on": on a button that navigates or exchanges data they do say what
 * happens next (the next step; nothing is sent yet; Meta's own templates use "Continue" so), but
 * on a button that completes the flow they hide that the answers are sent and the flow closes.
 */
export const PROGRESS_CTA_LABELS: readonly string[] = ['next', 'continue', 'proceed', 'go on', 'next step'];

const GENERIC = new Set(GENERIC_CTA_LABELS);
const PROGRESS = new Set(PROGRESS_CTA_LABELS);

/** The label as compared: trimmed of punctuation, arrows and emoji at both ends, in lower case. */
export function normaliseLabel(label: string): string {
  return label
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/**
 * Footer labels and EmbeddedLink texts that do not say what tapping does ("Submit", "OK",
 * "Click here", or "Continue" on the button that completes the flow).
 */
export const ctaSaysWhatHappens: StyleRule = {
  id: 'style/cta-says-what-happens',
  codes: ['style/cta-says-what-happens'],
  description: 'Footer labels and EmbeddedLink texts say what happens next ("Confirm booking"), not a generic word ("Submit", "OK", "Click here").',
  check({ model, report }) {
    for (const target of textTargets(model)) {
      if ((target.kind !== 'footer' && target.kind !== 'link') || isDynamic(target.text)) continue;
      const label = normaliseLabel(target.text);
      const action = clickAction(target)?.name;
      const completes = action === 'complete';
      if (!GENERIC.has(label) && !(completes && PROGRESS.has(label))) continue;
      const example =
        target.kind === 'link'
          ? action === 'open_url'
            ? 'name where it leads, e.g. "Read our privacy policy"'
            : 'name what it opens, e.g. "See delivery options"'
          : completes
            ? 'name what completing the flow does, e.g. "Confirm booking", "Send feedback", "Place order"'
            : action === 'data_exchange'
              ? 'name what sending this screen does, e.g. "Check availability", "Get my quote"'
              : 'name the next step or the task of this screen, e.g. "Choose a time", "Review order"';
      const why = completes && PROGRESS.has(label) ? ' This button completes the flow and sends the answers, which it does not say.' : '';
      report({
        code: 'style/cta-says-what-happens',
        pointer: target.pointer,
        severity: 'warning',
        message: `${target.what} ${quote(target.text)} does not say what happens when tapped.${why} Meta's design guidance says: "${GUIDANCE.cta}" Instead, ${example}.`,
      });
    }
  },
};
