// How the app's media route answers with a completion's file: its bytes, its type, its name. The
// file comes from a phone user, so it must never run in the app's origin: nosniff, a sandboxing
// CSP, and only raster images shown inline; everything else (documents, SVG, which can hold
// script) is an attachment the browser downloads.
import type { MediaRecord } from '../media/index.js';

/** Image types browsers draw as pictures and never run. */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/** The stored type when it is a plain `type/subtype`, else application/octet-stream. */
function safeType(type: string): string {
  const base = type.split(';')[0]?.trim().toLowerCase() ?? '';
  return MIME.test(base) ? base : 'application/octet-stream';
}

/** `inline; filename="…"; filename*=UTF-8''…` (RFC 6266): an ASCII fallback and the exact name. */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const exact = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

export function mediaResponse(media: MediaRecord, data: Uint8Array<ArrayBuffer>): Response {
  const type = safeType(media.mimeType);
  return new Response(data, {
    status: 200,
    headers: {
      'content-type': type,
      'content-length': String(data.byteLength),
      'content-disposition': contentDisposition(INLINE_TYPES.has(type) ? 'inline' : 'attachment', media.fileName),
      'x-content-type-options': 'nosniff',
      // Opened on its own, the file is a document with an opaque origin and no script.
      'content-security-policy': 'sandbox',
      // A media id names one file for good; the copy stays in this browser only.
      'cache-control': 'private, max-age=3600',
    },
  });
}
