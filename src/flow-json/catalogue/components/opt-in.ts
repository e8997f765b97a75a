import type { ComponentSpec } from '../types.js';
import { BOOLEAN, NAME, action, initValue, requiredFlag, text, visible } from './common.js';

export const optIn: ComponentSpec = {
  type: 'OptIn',
  category: 'input',
  versions: { since: '2.1' },
  description: 'Single checkbox for consent, with an optional "Read more" link.',
  properties: {
    name: NAME,
    label: { value: text(120), required: true, dynamic: true, description: 'Consent text, at most 120 characters.' },
    required: requiredFlag(),
    'on-click-action': {
      value: action('data_exchange', 'navigate'),
      overrides: [{ versions: { since: '6.0' }, value: action('data_exchange', 'navigate', 'open_url') }],
      description: 'Runs on "Read more", which is shown only when this is set.',
    },
    'on-select-action': { value: action('update_data'), versions: { since: '6.0' }, description: 'Runs when the box is checked.' },
    'on-unselect-action': { value: action('update_data'), versions: { since: '6.0' }, description: 'Runs when the box is unchecked.' },
    visible: visible(),
    'init-value': initValue(BOOLEAN),
  },
  formValue: { type: 'boolean' },
  maxPerScreen: 5,
};
