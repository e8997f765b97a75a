import type { ComponentSpec } from '../types.js';
import { NAME, SELECT_ACTION, STRING, UNSELECT_ACTION, dataSource, enabled, errorMessage, initValue, requiredFlag, text, visible } from './common.js';

export const dropdown: ComponentSpec = {
  type: 'Dropdown',
  category: 'selection',
  versions: { since: '2.1' },
  description: 'Select box for one option out of a long list.',
  properties: {
    name: NAME,
    label: { value: text(20), required: true, dynamic: true, description: 'Dropdown label, at most 20 characters.' },
    // 200 options without images; the docs lower it to 100 when any option has an image
    // (FLOW_LIMITS.dropdownMaxItemsWithImages), a cross-item rule for the validator.
    'data-source': dataSource(1, 200),
    required: requiredFlag(),
    enabled: enabled(),
    visible: visible(),
    'on-select-action': SELECT_ACTION,
    'on-unselect-action': UNSELECT_ACTION,
    'init-value': initValue(STRING),
    'error-message': errorMessage(),
  },
  formValue: { type: 'string' },
};
