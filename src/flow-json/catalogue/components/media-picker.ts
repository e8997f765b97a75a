// Properties shared by PhotoPicker and DocumentPicker.
// Source: https://developers.facebook.com/docs/whatsapp/flows/reference/media_upload
import type { PropertySpec, ValueSpec } from '../types.js';
import { NAME, enabled, oneOf, str, text, visible } from './common.js';

export const MAX_FILE_SIZE_KB = 25600;
export const MAX_UPLOADS = 30;

/** A generic message, or one message per uploaded media id (dynamic data only). */
const MEDIA_ERROR: ValueSpec = oneOf({ kind: 'string' }, { kind: 'object', properties: {}, additionalProperties: { kind: 'string' } });

export function mediaPickerProperties(noun: 'photos' | 'documents'): Record<string, PropertySpec> {
  return {
    name: NAME,
    label: { value: text(80), required: true, dynamic: true, description: 'Header text, at most 80 characters.' },
    description: { value: str(300), dynamic: true, description: 'Body text, at most 300 characters.' },
    'max-file-size-kb': {
      value: { kind: 'number', integer: true, minimum: 1, maximum: MAX_FILE_SIZE_KB },
      default: MAX_FILE_SIZE_KB,
      description: 'Largest file accepted, in KiB (at most 25600).',
    },
    [`min-uploaded-${noun}`]: {
      value: { kind: 'number', integer: true, minimum: 0, maximum: MAX_UPLOADS },
      default: 0,
      description: `Fewest ${noun} required; 0 makes the component optional.`,
    },
    [`max-uploaded-${noun}`]: {
      value: { kind: 'number', integer: true, minimum: 1, maximum: MAX_UPLOADS },
      default: MAX_UPLOADS,
      description: `Most ${noun} the user may upload.`,
    },
    enabled: enabled(true),
    visible: visible(),
    'error-message': { value: MEDIA_ERROR, dynamic: true, description: 'Error for the component, or per media id.' },
  };
}
