import type { ComponentSpec } from '../types.js';
import { COUNT, LABEL_VARIANT, NAME, errorMessage, initValue, requiredFlag, str, text, visible, STRING } from './common.js';

export const textInput: ComponentSpec = {
  type: 'TextInput',
  category: 'input',
  versions: { since: '2.1' },
  description: 'Single-line text field.',
  properties: {
    name: NAME,
    label: { value: text(20), required: true, dynamic: true, description: 'Field label, at most 20 characters.' },
    'label-variant': LABEL_VARIANT,
    'input-type': {
      value: { kind: 'string', enum: ['text', 'number', 'email', 'password', 'passcode', 'phone'] },
      default: 'text',
      description: 'Keyboard and validation the field uses.',
    },
    pattern: {
      // Docs: raw regex (no slashes), only with input-type text/number/password/passcode, and
      // helper-text becomes mandatory; those cross-property rules belong to the validator.
      value: { kind: 'string', minLength: 1 },
      versions: { since: '6.2' },
      description: 'Regular expression the value must match; needs helper-text.',
    },
    required: requiredFlag(),
    'min-chars': { value: COUNT, dynamic: true, description: 'Fewest characters accepted.' },
    'max-chars': { value: COUNT, default: 80, dynamic: true, description: 'Most characters accepted (default 80).' },
    'helper-text': { value: str(80), dynamic: true, description: 'Hint under the field, at most 80 characters.' },
    visible: visible(),
    'init-value': initValue(STRING),
    'error-message': errorMessage(str(30)),
  },
  formValue: { type: 'string' },
  // A number field holds a number in expressions and payloads: `${form.age} > 18` type-checks, and
  // `${form.age}` fills a data-model field of type "number" (the platform accepts that navigate
  // payload; glific/glific-frontend#3812 reports it working on 7.3).
  formValueVariants: [{ property: 'input-type', equals: 'number', type: 'number' }],
  // Docs: a pattern needs helper-text, which tells the user what the pattern expects.
  dependencies: [{ property: 'pattern', requires: ['helper-text'], reason: 'the helper text must tell the user what the pattern expects' }],
};
