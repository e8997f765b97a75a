import type { ComponentSpec } from '../types.js';
import { styledTextProperties } from './text-styles.js';

export const textCaption: ComponentSpec = {
  type: 'TextCaption',
  category: 'text',
  versions: { since: '2.1' },
  description: 'Small supporting text such as hints or disclaimers.',
  properties: styledTextProperties(409),
};
