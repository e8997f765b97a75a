import type { ComponentSpec } from '../types.js';
import { NON_BLANK_HINT, NON_BLANK_PATTERN, oneOf, visible } from './common.js';
import type { ValueSpec } from '../types.js';

const NON_BLANK_MARKDOWN: ValueSpec = { kind: 'string', format: 'markdown', pattern: NON_BLANK_PATTERN, patternHint: NON_BLANK_HINT };

export const richText: ComponentSpec = {
  type: 'RichText',
  category: 'text',
  versions: { since: '5.1' },
  description: 'Long markdown text with headings, lists, tables, links and inline images.',
  properties: {
    text: {
      value: oneOf({ kind: 'string', format: 'markdown' }, { kind: 'array', items: { kind: 'string', format: 'markdown' } }),
      // Flow JSON 6.0 (changelog, breaking): string properties may no longer be empty or blank
      // ("", " ", "\n"), which covers each line of the array form too (PATTERN_MISMATCH, "blank
      // string", error codes page). A paragraph break is a new array item, not a blank one.
      overrides: [{ versions: { since: '6.0' }, value: oneOf(NON_BLANK_MARKDOWN, { kind: 'array', items: NON_BLANK_MARKDOWN }) }],
      required: true,
      dynamic: true,
      description: 'Markdown, as one string or one string per line.',
    },
    visible: visible(),
  },
  // Docs: until 6.2 RichText must be alone on its screen; from 6.3 it may share it with a Footer.
  screenExclusive: [
    { versions: { since: '5.1', until: '6.2' }, allowWith: [] },
    { versions: { since: '6.3' }, allowWith: ['Footer'] },
  ],
};
