// Properties shared by TextBody and TextCaption, which differ only in their length limit.
import type { PropertySpec } from '../types.js';
import { BOOLEAN, oneOf, text, visible } from './common.js';

export function styledTextProperties(maxLength: number): Record<string, PropertySpec> {
  return {
    text: {
      value: text(maxLength),
      required: true,
      dynamic: true,
      // The markdown examples (5.1+) write the text as an array of lines.
      overrides: [{ versions: { since: '5.1' }, value: oneOf(text(maxLength), { kind: 'array', items: { kind: 'string' }, minItems: 1 }) }],
      description: `Text to show, at most ${maxLength} characters, not blank.`,
    },
    'font-weight': {
      value: { kind: 'string', enum: ['bold', 'italic', 'bold_italic', 'normal'] },
      dynamic: true,
      description: 'Weight and slant of the text.',
    },
    strikethrough: { value: BOOLEAN, dynamic: true, description: 'Draws a line through the text.' },
    visible: visible(),
    markdown: {
      value: BOOLEAN,
      default: false,
      versions: { since: '5.1' },
      description: 'Renders the limited markdown subset (bold, italic, strikethrough, lists, links).',
    },
  };
}
