import type { ComponentSpec } from '../types.js';
import {
  MEDIA_SIZE, NAME, SELECT_ACTION, STRING, UNSELECT_ACTION, dataSource, enabled, errorMessage, initValue, requiredFlag,
  text, visible,
} from './common.js';

export const radioButtonsGroup: ComponentSpec = {
  type: 'RadioButtonsGroup',
  category: 'selection',
  versions: { since: '2.1' },
  description: 'List of options the user picks exactly one of.',
  properties: {
    name: NAME,
    'data-source': dataSource(1, 20),
    label: {
      value: text(30),
      dynamic: true,
      // Docs: optional before 4.0, required from 4.0.
      overrides: [{ versions: { since: '4.0' }, required: true }],
      description: 'Group label, at most 30 characters.',
    },
    enabled: enabled(),
    required: requiredFlag(),
    visible: visible(),
    description: { value: STRING, dynamic: true, versions: { since: '4.0' }, description: 'Text under the label.' },
    'media-size': MEDIA_SIZE,
    'on-select-action': SELECT_ACTION,
    'on-unselect-action': UNSELECT_ACTION,
    // The docs table says Array<String>, but the Form init-values table and the single choice say string.
    'init-value': initValue(STRING),
    'error-message': errorMessage(),
  },
  formValue: { type: 'string' },
};
