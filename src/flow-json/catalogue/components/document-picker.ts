import type { ComponentSpec } from '../types.js';
import { mediaPickerProperties } from './media-picker.js';

/** The mime types the docs list as selectable. */
export const DOCUMENT_MIME_TYPES = [
  'application/gzip',
  'application/msword',
  'application/pdf',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.oasis.opendocument.presentation',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/x-7z-compressed',
  'application/zip',
  'image/avif',
  'image/gif',
  'image/heic',
  'image/heif',
  'image/jpeg',
  'image/png',
  'image/tiff',
  'image/webp',
  'text/plain',
  'video/mp4',
  'video/mpeg',
] as const;

export const documentPicker: ComponentSpec = {
  type: 'DocumentPicker',
  category: 'media',
  versions: { since: '4.0' },
  description: 'Lets the user pick documents to upload.',
  properties: {
    ...mediaPickerProperties('documents'),
    'allowed-mime-types': {
      value: { kind: 'array', items: { kind: 'string', enum: DOCUMENT_MIME_TYPES }, minItems: 1 },
      description: 'Mime types the user may pick; any supported type when absent.',
    },
  },
  formValue: { type: 'array', items: 'object' },
  // Docs: one DocumentPicker per screen, and never with a PhotoPicker on the same screen.
  maxPerScreen: 1,
};
