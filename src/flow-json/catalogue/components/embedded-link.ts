import type { ComponentSpec } from '../types.js';
import { action, text, visible } from './common.js';

export const embeddedLink: ComponentSpec = {
  type: 'EmbeddedLink',
  category: 'navigation',
  versions: { since: '2.1' },
  description: 'Tappable text link.',
  properties: {
    text: { value: text(25), required: true, dynamic: true, description: 'Link text, at most 25 characters, not blank.' },
    'on-click-action': {
      value: action('data_exchange', 'navigate'),
      required: true,
      overrides: [{ versions: { since: '6.0' }, value: action('data_exchange', 'navigate', 'open_url') }],
      description: 'Runs when the link is tapped.',
    },
    visible: visible(),
  },
  maxPerScreen: 2,
};
