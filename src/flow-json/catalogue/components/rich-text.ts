import type { ComponentSpec } from '../types.js';
import { oneOf, visible } from './common.js';

export const richText: ComponentSpec = {
  type: 'RichText',
  category: 'text',
  versions: { since: '5.1' },
  description: 'Long markdown text with headings, lists, tables, links and inline images.',
  properties: {
    text: {
      value: oneOf({ kind: 'string', format: 'markdown' }, { kind: 'array', items: { kind: 'string', format: 'markdown' } }),
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
