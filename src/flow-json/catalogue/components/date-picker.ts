import type { ComponentSpec } from '../types.js';
import { DATE, NAME, TIMESTAMP_MS, action, enabled, errorMessage, initValue, requiredFlag, str, text, visible } from './common.js';

// Docs: before 5.0 dates are millisecond timestamps in strings; from 5.0 "YYYY-MM-DD" strings.
const FROM_5_0 = { since: '5.0' } as const;

export const datePicker: ComponentSpec = {
  type: 'DatePicker',
  category: 'input',
  versions: { since: '2.1' },
  description: 'Field that opens a date picker.',
  properties: {
    name: NAME,
    label: { value: text(40), required: true, dynamic: true, description: 'Field label, at most 40 characters.' },
    'min-date': { value: TIMESTAMP_MS, dynamic: true, overrides: [{ versions: FROM_5_0, value: DATE }], description: 'Earliest selectable date.' },
    'max-date': { value: TIMESTAMP_MS, dynamic: true, overrides: [{ versions: FROM_5_0, value: DATE }], description: 'Latest selectable date.' },
    'unavailable-dates': {
      value: { kind: 'array', items: TIMESTAMP_MS },
      dynamic: true,
      overrides: [{ versions: FROM_5_0, value: { kind: 'array', items: DATE } }],
      description: 'Dates the user cannot select.',
    },
    // Not in the docs' parameter table but used throughout their examples; assumed from 2.1.
    required: requiredFlag(),
    'helper-text': { value: str(80), dynamic: true, description: 'Hint under the field, at most 80 characters.' },
    enabled: enabled(true),
    visible: visible(),
    'on-select-action': { value: action('data_exchange'), description: 'Runs when the user picks a date.' },
    'init-value': { ...initValue(TIMESTAMP_MS), overrides: [{ versions: FROM_5_0, value: DATE }] },
    'error-message': errorMessage(str(80)),
  },
  formValue: { type: 'string' },
};
