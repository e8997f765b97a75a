import type { ComponentSpec } from '../types.js';
import { action, enabled, str, text } from './common.js';

export const footer: ComponentSpec = {
  type: 'Footer',
  category: 'action',
  versions: { since: '2.1' },
  description: 'Main button at the bottom of the screen.',
  properties: {
    label: { value: text(35), required: true, dynamic: true, description: 'Button text, at most 35 characters.' },
    // Docs: left and right captions together, or center alone; never all three (validator rule).
    'left-caption': { value: str(15), dynamic: true, description: 'Caption left of the button, at most 15 characters.' },
    'center-caption': { value: str(15), dynamic: true, description: 'Caption centred above the button, at most 15 characters.' },
    'right-caption': { value: str(15), dynamic: true, description: 'Caption right of the button, at most 15 characters.' },
    enabled: enabled(),
    // Docs list no allowed-action restriction for Footer; open_url is documented for EmbeddedLink
    // and OptIn only, and update_data for selection callbacks, so neither is allowed here.
    'on-click-action': { value: action('navigate', 'data_exchange', 'complete'), required: true, description: 'Runs when the button is tapped.' },
  },
  maxPerScreen: 1,
  // Docs: left and right captions go together; a center caption stands alone.
  dependencies: [
    { property: 'left-caption', requires: ['right-caption'], reason: 'left and right captions are shown as a pair' },
    { property: 'right-caption', requires: ['left-caption'], reason: 'left and right captions are shown as a pair' },
    { property: 'center-caption', excludes: ['left-caption', 'right-caption'], reason: 'a center caption takes the whole line' },
  ],
};
