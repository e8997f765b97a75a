import type { ComponentSpec } from '../types.js';
import { mediaPickerProperties } from './media-picker.js';

export const photoPicker: ComponentSpec = {
  type: 'PhotoPicker',
  category: 'media',
  versions: { since: '4.0' },
  description: 'Lets the user take or pick photos to upload.',
  properties: {
    ...mediaPickerProperties('photos'),
    'photo-source': {
      value: { kind: 'string', enum: ['camera_gallery', 'camera', 'gallery'] },
      default: 'camera_gallery',
      description: 'Where photos may come from.',
    },
  },
  // Each value is a media object (media_id, cdn_url, file_name, encryption_metadata...).
  formValue: { type: 'array', items: 'object' },
  // Docs: one PhotoPicker per screen, and never with a DocumentPicker on the same screen.
  maxPerScreen: 1,
};
