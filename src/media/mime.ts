// The type of a picked file. The data_exchange item carries no MIME type, so it is read from the
// file's first bytes, which cannot lie about the container, and from the extension where the
// bytes are ambiguous (a .docx is a zip, a .doc an OLE2 file) or carry no signature (text).
// Covers the DocumentPicker's supported types (flow-json.md §7.7) and the photo formats.

const BY_EXTENSION: Record<string, string> = {
  avif: 'image/avif',
  gif: 'image/gif',
  heic: 'image/heic',
  heif: 'image/heif',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  mp4: 'video/mp4',
  mpeg: 'video/mpeg',
  mpg: 'video/mpeg',
  gz: 'application/gzip',
  '7z': 'application/x-7z-compressed',
  zip: 'application/zip',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
};

const ZIP_BASED = new Set(['zip', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp']);
const OLE2_BASED = new Set(['doc', 'xls', 'ppt']);
export const UNKNOWN_TYPE = 'application/octet-stream';

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, i) => bytes[offset + i] === byte);
}

const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot === -1 ? '' : fileName.slice(dot + 1).toLowerCase();
}

/** ISO BMFF (`ftyp` box): HEIC/HEIF/AVIF images or MP4 video, by major brand. */
function isoBrand(bytes: Uint8Array, extension: string): string | undefined {
  if (!startsWith(bytes, ascii('ftyp'), 4) || bytes.length < 12) return undefined;
  const brand = String.fromCharCode(...bytes.subarray(8, 12));
  if (brand === 'avif' || brand === 'avis') return 'image/avif';
  if (['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis'].includes(brand)) return 'image/heic';
  if (brand === 'mif1' || brand === 'msf1') return extension === 'avif' ? 'image/avif' : extension === 'heic' ? 'image/heic' : 'image/heif';
  return 'video/mp4';
}

/** The MIME type of a file from its bytes, then its name; `application/octet-stream` if neither says. */
export function detectMimeType(bytes: Uint8Array, fileName: string): string {
  const extension = extensionOf(fileName);
  const byName = BY_EXTENSION[extension];
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(bytes, [0x1f, 0x8b])) return 'application/gzip';
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return 'application/x-7z-compressed';
  if (startsWith(bytes, [0x00, 0x00, 0x01, 0xba]) || startsWith(bytes, [0x00, 0x00, 0x01, 0xb3])) return 'video/mpeg';
  const iso = isoBrand(bytes, extension);
  if (iso !== undefined) return iso;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return ZIP_BASED.has(extension) && byName !== undefined ? byName : 'application/zip';
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return OLE2_BASED.has(extension) && byName !== undefined ? byName : UNKNOWN_TYPE;
  }
  return byName ?? UNKNOWN_TYPE;
}
