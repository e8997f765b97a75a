import type { ComponentSpec } from '../types.js';
import { STRING } from './common.js';

export const imageCarousel: ComponentSpec = {
  type: 'ImageCarousel',
  category: 'media',
  // Changelog, June 10 2025: "Released Flow JSON version 7.1 with ... new Image Carousel".
  versions: { since: '7.1' },
  description: 'Horizontally swipeable set of images.',
  properties: {
    images: {
      value: {
        kind: 'array',
        minItems: 1,
        maxItems: 3,
        items: {
          kind: 'object',
          properties: {
            src: { value: { kind: 'string', format: 'image-base64' }, required: true, description: 'Base64-encoded image data.' },
            'alt-text': { value: STRING, required: true, description: 'Accessibility text for the image.' },
          },
        },
      },
      required: true,
      dynamic: true,
      description: 'One to three images.',
    },
    'aspect-ratio': { value: { kind: 'string', enum: ['4:3', '16:9'] }, default: '4:3', description: 'Shape of the carousel frame.' },
    'scale-type': { value: { kind: 'string', enum: ['contain', 'cover'] }, default: 'contain', description: 'Crop to fill (cover) or fit inside (contain).' },
  },
  maxPerScreen: 2,
  maxPerFlow: 3,
};
