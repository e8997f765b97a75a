// The picker's own checks on picked files, before anything is uploaded: max-uploaded-photos/
// documents, max-file-size-kb, photos only, a DocumentPicker's allowed-mime-types (defaults from
// the catalogue), in the phone's words. Pure and isomorphic (no node: module): the sandbox's phone
// (pick.ts) and the browser app's builder preview, which picks files in the page, both run it.
import { DOCUMENT_MIME_TYPES, getComponentSpec } from '../../flow-json/catalogue/index.js';
import { detectMimeType } from '../../media/mime.js';
import type { ComponentView } from '../../runtime/index.js';

/** What the checks read of a PhotoPicker or DocumentPicker (a runtime ComponentView fits). */
export interface PickerView {
  readonly type: string;
  readonly props: Readonly<Record<string, unknown>>;
}

/** A picked file as the checks see it: cleaned name, its type, its size in bytes. */
export interface PickedCandidate {
  readonly name: string;
  readonly type: string;
  readonly size: number;
}

export interface PickerLimits {
  readonly photos: boolean;
  /** max-uploaded-photos or max-uploaded-documents. */
  readonly max: number;
  readonly maxFileSizeKb: number;
  /** A DocumentPicker's types; undefined for a PhotoPicker (any image/). */
  readonly allowedTypes: readonly string[] | undefined;
}

/** A property's value on the screen, else the catalogue's default. */
function limit(view: PickerView, property: string): unknown {
  return view.props[property] ?? getComponentSpec(view.type)?.properties[property]?.default;
}

export function pickerLimits(view: PickerView): PickerLimits {
  const photos = view.type === 'PhotoPicker';
  const allowed = limit(view, 'allowed-mime-types');
  return {
    photos,
    max: Number(limit(view, `max-uploaded-${photos ? 'photos' : 'documents'}`)),
    maxFileSizeKb: Number(limit(view, 'max-file-size-kb')),
    allowedTypes: photos ? undefined : Array.isArray(allowed) ? allowed.map(String) : DOCUMENT_MIME_TYPES,
  };
}

/** The file chooser's `accept` for a picker: images, or the DocumentPicker's types. */
export function pickerAccept(view: PickerView): string {
  const { allowedTypes } = pickerLimits(view);
  return allowedTypes === undefined ? 'image/*' : allowedTypes.join(',');
}

function size(bytes: number): string {
  const unit = (n: number, name: string): string => `${n.toFixed(2).replace(/\.?0+$/, '')} ${name}`;
  if (bytes >= 1024 * 1024) return unit(bytes / 1024 / 1024, 'MB');
  if (bytes >= 1024) return unit(bytes / 1024, 'KB');
  return `${bytes} bytes`;
}

/** "2.5 MB; files must be at most 1 MB", in bytes when rounding would show the two alike. */
function tooLarge(name: string, bytes: number, limitBytes: number, limitKb: number): string {
  const [shown, limitShown] = size(bytes) === size(limitBytes) ? [`${bytes} bytes`, `${limitBytes} bytes`] : [size(bytes), size(limitBytes)];
  return `${name} is ${shown}; files must be at most ${limitShown} (max-file-size-kb ${limitKb})`;
}

/** The chooser's type; none for "application/octet-stream", which says only that it does not know. */
export function cleanMimeType(type: string | undefined): string | undefined {
  const base = type?.split(';')[0]?.trim().toLowerCase();
  return base === undefined || base === '' || base === 'application/octet-stream' ? undefined : base;
}

/** The name a file chooser gives: the last path segment, without control characters. */
export function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it strips
  return (name.split(/[\\/]/).at(-1) ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
}

/** A picked file's cleaned name and its type: the chooser's, else sniffed from the bytes, then the name. */
export function describePicked(fileName: string, mimeType: string | undefined, bytes: Uint8Array): PickedCandidate {
  const name = cleanFileName(fileName);
  return { name, type: cleanMimeType(mimeType) ?? detectMimeType(bytes, name), size: bytes.byteLength };
}

/** Why the picker refuses these files, in the phone's words; undefined when it takes them. */
export function pickRefusal(view: PickerView, current: number, files: readonly PickedCandidate[]): string | undefined {
  const { photos, max, maxFileSizeKb: maxKb, allowedTypes: allowed } = pickerLimits(view);
  const noun = photos ? 'photos' : 'documents';
  if (current + files.length > max) {
    return `Add up to ${max} ${noun}: ${current === 0 ? '' : `${current} already added, `}${files.length} picked (max-uploaded-${noun})`;
  }
  for (const file of files) {
    if (file.size === 0) return `${file.name} is empty`;
    if (file.size > maxKb * 1024) return tooLarge(file.name, file.size, maxKb * 1024, maxKb);
    if (photos && !file.type.startsWith('image/')) return `${file.name} is not a photo (${file.type}); pick an image`;
    if (allowed !== undefined && !allowed.includes(file.type)) return `${file.name} is ${file.type}; this picker takes ${allowed.join(', ')}`;
  }
  return undefined;
}

/** The field `name` on a screen, looked for inside containers too. */
export function findField(components: readonly ComponentView[], name: string): ComponentView | undefined {
  for (const c of components) {
    if (c.name === name) return c;
    const inner = c.children === undefined ? undefined : findField(c.children, name);
    if (inner !== undefined) return inner;
  }
  return undefined;
}
