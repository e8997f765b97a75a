import type { ComponentSpec } from '../types.js';
import { styledTextProperties } from './text-styles.js';

export const textBody: ComponentSpec = {
  type: 'TextBody',
  category: 'text',
  versions: { since: '2.1' },
  description: 'Paragraph of body text.',
  properties: styledTextProperties(4096),
};
