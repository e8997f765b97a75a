import type { ComponentSpec, ValueSpec } from '../types.js';
import { STRING, action, str } from './common.js';

const ITEM_ACTION = action('data_exchange', 'navigate');

/** Docs: content over these limits is not rendered, so the catalogue treats them as maxima. */
const LIST_ITEM: ValueSpec = {
  kind: 'object',
  properties: {
    // The docs' static and dynamic examples give every item a string id.
    id: { value: { kind: 'string', minLength: 1 }, required: true, description: 'Identifier of the item.' },
    'main-content': {
      value: {
        kind: 'object',
        properties: {
          title: { value: { kind: 'string', minLength: 1, maxLength: 30 }, required: true, description: 'Item title, at most 30 characters.' },
          description: { value: str(20), description: 'Item description, at most 20 characters.' },
          metadata: { value: str(80), description: 'Item metadata, at most 80 characters.' },
        },
      },
      required: true,
      description: 'Main text of the item.',
    },
    end: {
      value: {
        kind: 'object',
        properties: {
          title: { value: str(10), description: 'Trailing title, at most 10 characters.' },
          description: { value: str(10), description: 'Trailing description, at most 10 characters.' },
          metadata: { value: str(10), description: 'Trailing metadata, at most 10 characters.' },
        },
      },
      description: 'Trailing add-on; not allowed with media-size "large".',
    },
    start: {
      value: {
        kind: 'object',
        properties: {
          image: { value: { kind: 'string', format: 'image-base64' }, required: true, description: 'Leading image, base64, up to 100 KB.' },
          'alt-text': { value: STRING, description: 'Accessibility text for the image.' },
        },
      },
      description: 'Leading image add-on.',
    },
    badge: { value: str(15), description: 'Badge text, at most 15 characters; one badged item per list.' },
    tags: { value: { kind: 'array', items: str(15), maxItems: 3 }, description: 'Up to 3 tags of at most 15 characters.' },
    'on-click-action': { value: ITEM_ACTION, description: 'Runs when this item is tapped.' },
  },
};

export const navigationList: ComponentSpec = {
  type: 'NavigationList',
  category: 'navigation',
  // Docs: "Supported from Flows v6.2+".
  versions: { since: '6.2' },
  description: 'List of rich items that each lead somewhere when tapped.',
  properties: {
    name: { value: { kind: 'string', minLength: 1 }, required: true, description: 'Name of the list, unique on the screen.' },
    'list-items': {
      value: { kind: 'array', items: LIST_ITEM, minItems: 1, maxItems: 20, uniqueBy: 'id' },
      required: true,
      dynamic: true,
      description: 'One to twenty items.',
    },
    label: { value: str(80), dynamic: true, description: 'Label above the list, at most 80 characters.' },
    description: { value: str(300), dynamic: true, description: 'Text under the label, at most 300 characters.' },
    'media-size': { value: { kind: 'string', enum: ['regular', 'large'] }, default: 'regular', dynamic: true, description: 'Size of the item images.' },
    // Required either here or on every item, never both (validator rule).
    'on-click-action': { value: ITEM_ACTION, description: 'Runs when any item is tapped.' },
  },
  maxPerScreen: 2,
  // Docs: cannot be combined with any other component, and not on a terminal screen.
  screenExclusive: [{ versions: { since: '6.2' }, allowWith: [] }],
  notOnTerminalScreen: true,
};
