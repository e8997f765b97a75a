import type { ComponentSpec } from '../types.js';
import { IF_BRANCH_TYPES } from './conditional-children.js';

export const ifComponent: ComponentSpec = {
  type: 'If',
  category: 'conditional',
  versions: { since: '4.0' },
  description: 'Shows one of two sets of components depending on a boolean condition.',
  properties: {
    // A boolean expression with at least one ${...} reference; parsed by expressions/.
    condition: { value: { kind: 'string', minLength: 1 }, required: true, dynamic: true, description: 'Boolean expression deciding which branch shows.' },
    then: { value: { kind: 'components', minItems: 1, allowedTypes: IF_BRANCH_TYPES }, required: true, description: 'Components shown when the condition is true.' },
    // Docs: `else` becomes mandatory when `then` holds a Footer (validator rule).
    else: { value: { kind: 'components', allowedTypes: IF_BRANCH_TYPES }, description: 'Components shown when the condition is false.' },
  },
};
