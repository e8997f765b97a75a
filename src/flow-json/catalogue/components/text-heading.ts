import type { ComponentSpec } from '../types.js';
import { text, visible } from './common.js';

export const textHeading: ComponentSpec = {
  type: 'TextHeading',
  category: 'text',
  versions: { since: '2.1' },
  description: 'Top-level title of a screen.',
  properties: {
    text: { value: text(80), required: true, dynamic: true, description: 'Heading text, at most 80 characters, not blank.' },
    visible: visible(),
  },
};
