import type { ComponentSpec } from '../types.js';
import { STRING } from './common.js';

export const image: ComponentSpec = {
  type: 'Image',
  category: 'media',
  versions: { since: '2.1' },
  description: 'Base64 JPEG or PNG image.',
  properties: {
    src: { value: { kind: 'string', format: 'image-base64' }, required: true, dynamic: true, description: 'Base64-encoded image data.' },
    width: { value: { kind: 'number', integer: true, minimum: 1 }, dynamic: true, description: 'Width in device-independent pixels.' },
    height: { value: { kind: 'number', integer: true, minimum: 1 }, dynamic: true, description: 'Height in device-independent pixels.' },
    'scale-type': { value: { kind: 'string', enum: ['cover', 'contain'] }, default: 'contain', description: 'Crop to fill (cover) or fit inside (contain).' },
    'aspect-ratio': { value: { kind: 'number', minimum: 0 }, default: 1, dynamic: true, description: 'Width divided by height.' },
    'alt-text': { value: STRING, dynamic: true, description: 'Accessibility text read by screen readers.' },
  },
  // Docs: at most 3 images per screen; recommended size up to 300 KB (FLOW_LIMITS).
  maxPerScreen: 3,
};
