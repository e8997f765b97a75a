import type { ComponentSpec } from '../types.js';
import { STRING, oneOf } from './common.js';

export const form: ComponentSpec = {
  type: 'Form',
  category: 'container',
  versions: { since: '2.1' },
  description: 'Groups input components; optional from Flow JSON 4.0.',
  properties: {
    name: { value: { kind: 'string', minLength: 1 }, required: true, description: 'Name of the form.' },
    children: { value: { kind: 'components', minItems: 1 }, required: true, description: 'Components inside the form.' },
    'init-values': {
      // Keys are field names; values are a string, a string array (CheckboxGroup) or a boolean (OptIn).
      value: { kind: 'object', properties: {}, additionalProperties: oneOf(STRING, { kind: 'array', items: STRING }, { kind: 'boolean' }) },
      dynamic: true,
      description: 'Initial value of each field, by field name.',
    },
    'error-messages': {
      value: { kind: 'object', properties: {}, additionalProperties: STRING },
      dynamic: true,
      description: 'Error message of each field, by field name.',
    },
  },
};
