// The picker's own checks, shared by the sandbox's phone and the browser app's preview.
import { describe, expect, it } from 'vitest';
import { DOCUMENT_MIME_TYPES } from '../../flow-json/catalogue/index.js';
import { describePicked, pickerAccept, pickerLimits, pickRefusal } from './pick-limits.js';

const photos = { type: 'PhotoPicker', props: { 'max-uploaded-photos': 2, 'max-file-size-kb': 1 } };
const docs = { type: 'DocumentPicker', props: { 'allowed-mime-types': ['application/pdf'] } };
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);

describe('pick limits', () => {
  it('reads the picker, else the catalogue defaults, and gives the file chooser its accept', () => {
    expect(pickerLimits(photos)).toEqual({ photos: true, max: 2, maxFileSizeKb: 1, allowedTypes: undefined });
    const defaults = pickerLimits({ type: 'DocumentPicker', props: {} });
    expect(defaults.allowedTypes).toEqual(DOCUMENT_MIME_TYPES);
    expect(defaults.max).toBeGreaterThan(1);
    expect(defaults.maxFileSizeKb).toBeGreaterThan(0);
    expect(pickerAccept(photos)).toBe('image/*');
    expect(pickerAccept(docs)).toBe('application/pdf');
  });

  it('describes a file as the chooser gave it, else from its bytes, then its name', () => {
    expect(describePicked('C:\\photos\\cat.png', 'IMAGE/PNG; x=1', PNG)).toEqual({ name: 'cat.png', type: 'image/png', size: PNG.length });
    expect(describePicked('scan', 'application/octet-stream', PNG).type).toBe('image/png');
    expect(describePicked('a\u0007b.pdf', undefined, new Uint8Array(3)).name).toBe('ab.pdf');
  });

  it('refuses too many, empty, too large and the wrong type, in the phone\'s words', () => {
    const png = { name: 'a.png', type: 'image/png', size: 10 };
    expect(pickRefusal(photos, 0, [png, png])).toBeUndefined();
    expect(pickRefusal(photos, 1, [png, png])).toBe('Add up to 2 photos: 1 already added, 2 picked (max-uploaded-photos)');
    expect(pickRefusal(photos, 0, [{ ...png, size: 0 }])).toBe('a.png is empty');
    expect(pickRefusal(photos, 0, [{ ...png, size: 1025 }])).toBe('a.png is 1025 bytes; files must be at most 1024 bytes (max-file-size-kb 1)');
    expect(pickRefusal(photos, 0, [{ ...png, size: 2048 }])).toBe('a.png is 2 KB; files must be at most 1 KB (max-file-size-kb 1)');
    expect(pickRefusal(photos, 0, [{ name: 'a.pdf', type: 'application/pdf', size: 10 }])).toBe('a.pdf is not a photo (application/pdf); pick an image');
    expect(pickRefusal(docs, 0, [png])).toBe('a.png is image/png; this picker takes application/pdf');
  });
});
