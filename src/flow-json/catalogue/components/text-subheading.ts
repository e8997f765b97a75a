import type { ComponentSpec } from '../types.js';
import { text, visible } from './common.js';

export const textSubheading: ComponentSpec = {
  type: 'TextSubheading',
  category: 'text',
  versions: { since: '2.1' },
  description: 'Section title within a screen.',
  properties: {
    text: { value: text(80), required: true, dynamic: true, description: 'Subheading text, at most 80 characters, not blank.' },
    visible: visible(),
  },
};
