import type { ComponentSpec } from '../types.js';
import {
  MEDIA_SIZE, NAME, SELECT_ACTION, STRING, UNSELECT_ACTION, dataSource, enabled, errorMessage, initValue, requiredFlag,
  str, text, visible,
} from './common.js';

export const checkboxGroup: ComponentSpec = {
  type: 'CheckboxGroup',
  category: 'selection',
  versions: { since: '2.1' },
  description: 'List of options the user may pick several of.',
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
    'min-selected-items': { value: { kind: 'number', integer: true, minimum: 0 }, dynamic: true, description: 'Fewest options the user must pick.' },
    'max-selected-items': { value: { kind: 'number', integer: true, minimum: 1 }, dynamic: true, description: 'Most options the user may pick.' },
    enabled: enabled(),
    required: requiredFlag(),
    visible: visible(),
    description: { value: STRING, dynamic: true, versions: { since: '4.0' }, description: 'Text under the label.' },
    'media-size': MEDIA_SIZE,
    'on-select-action': SELECT_ACTION,
    'on-unselect-action': UNSELECT_ACTION,
    'init-value': initValue({ kind: 'array', items: STRING }),
    'error-message': errorMessage(str()),
  },
  formValue: { type: 'array', items: 'string' },
};
