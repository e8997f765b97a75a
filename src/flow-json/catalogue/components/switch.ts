import type { ComponentSpec } from '../types.js';
import { SWITCH_CASE_TYPES } from './conditional-children.js';

export const switchComponent: ComponentSpec = {
  type: 'Switch',
  category: 'conditional',
  versions: { since: '4.0' },
  description: 'Shows the set of components whose case key matches a value.',
  properties: {
    value: { value: { kind: 'string', minLength: 1 }, required: true, dynamic: true, description: 'Reference whose runtime value selects the case.' },
    cases: {
      value: {
        kind: 'object',
        properties: {},
        additionalProperties: { kind: 'components', allowedTypes: SWITCH_CASE_TYPES },
        minProperties: 1,
      },
      required: true,
      description: 'Map from case value to the components shown for it; not empty.',
    },
  },
};
