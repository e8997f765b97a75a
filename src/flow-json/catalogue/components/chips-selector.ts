import type { ComponentSpec, ValueSpec } from '../types.js';
import { BOOLEAN, NAME, STRING, action, dataSource, enabled, errorMessage, initValue, requiredFlag, str, text, visible } from './common.js';

/** ChipsSelector options carry only id, title, enabled and the per-option actions. */
const CHIP: ValueSpec = {
  kind: 'object',
  properties: {
    id: { value: { kind: 'string', minLength: 1 }, required: true, description: 'Value stored in the form when this chip is chosen.' },
    // The docs give no title limit for chips; the general option limit (30) is not stated here.
    title: { value: text(), required: true, description: 'Chip text.' },
    enabled: { value: BOOLEAN, default: true, description: 'Whether this chip can be chosen.' },
    'on-select-action': { value: action('update_data'), description: 'Runs when this chip is selected.' },
    'on-unselect-action': { value: action('update_data'), description: 'Runs when this chip is unselected.' },
  },
};

export const chipsSelector: ComponentSpec = {
  type: 'ChipsSelector',
  category: 'selection',
  versions: { since: '6.3' },
  description: 'Compact chips the user may pick several of.',
  properties: {
    name: NAME,
    'data-source': dataSource(2, 20, CHIP),
    label: { value: text(80), required: true, dynamic: true, description: 'Label, at most 80 characters.' },
    description: { value: str(300), dynamic: true, description: 'Text under the label, at most 300 characters.' },
    'min-selected-items': { value: { kind: 'number', integer: true, minimum: 0 }, dynamic: true, description: 'Fewest chips the user must pick.' },
    'max-selected-items': { value: { kind: 'number', integer: true, minimum: 1 }, dynamic: true, description: 'Most chips the user may pick.' },
    enabled: enabled(),
    required: requiredFlag(),
    visible: visible(),
    'on-select-action': { value: action('data_exchange', 'update_data'), description: 'Runs when the user selects a chip.' },
    'on-unselect-action': { value: action('update_data'), description: 'Runs when the user unselects a chip; without it on-select-action handles both.' },
    'init-value': initValue({ kind: 'array', items: STRING }, { since: '6.3' }),
    'error-message': errorMessage(STRING, { since: '6.3' }),
  },
  formValue: { type: 'array', items: 'string' },
};
