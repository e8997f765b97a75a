import type { ComponentSpec } from '../types.js';
import { COUNT, LABEL_VARIANT, NAME, STRING, enabled, errorMessage, initValue, requiredFlag, str, text, visible } from './common.js';

export const textArea: ComponentSpec = {
  type: 'TextArea',
  category: 'input',
  versions: { since: '2.1' },
  description: 'Multi-line text field.',
  properties: {
    name: NAME,
    label: { value: text(20), required: true, dynamic: true, description: 'Field label, at most 20 characters.' },
    'label-variant': LABEL_VARIANT,
    required: requiredFlag(),
    'max-length': { value: COUNT, default: 600, dynamic: true, description: 'Most characters accepted (default 600).' },
    'helper-text': { value: str(80), dynamic: true, description: 'Hint under the field, at most 80 characters.' },
    enabled: enabled(),
    visible: visible(),
    'init-value': initValue(STRING),
    // The docs give no length limit for TextArea's error message.
    'error-message': errorMessage(),
  },
  formValue: { type: 'string' },
};
