import { Buffer } from 'node:buffer';

// Strict base64 for the envelope: the standard alphabet, padding optional, and only canonical
// encodings (unused trailing bits zero). Buffer.from(text, 'base64') silently skips bad
// characters, which would let a tampered field decrypt; this rejects it instead.
// A search for one character outside the alphabet (plus '='): ~5x cheaper than an anchored
// whole-string pattern on a 1.7 kB envelope (bench/endpoint.ts profile); where '=' may sit is
// checked separately below.
const OUTSIDE = /[^A-Za-z0-9+/=]/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function decodeBase64Strict(text: string): Uint8Array | undefined {
  if (OUTSIDE.test(text)) return undefined;
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x3d /* = */) end--;
  const padding = text.length - end;
  // '=' only as the trailing run, at most two of them.
  if (padding > 2) return undefined;
  const firstPad = text.indexOf('=');
  if (firstPad !== -1 && firstPad < end) return undefined;
  const tail = end % 4;
  if (tail === 1) return undefined;
  // Padding, when present, must complete the last quantum exactly (as the canonical form does).
  if (padding > 0 && (tail === 0 || tail + padding !== 4)) return undefined;
  // The bits the last character carries beyond the final byte must be zero: checked arithmetically
  // rather than by re-encoding, which cost as much as the decoding (bench/endpoint.ts).
  if (tail !== 0) {
    const last = ALPHABET.indexOf(text.charAt(end - 1));
    if ((last & (tail === 2 ? 0x0f : 0x03)) !== 0) return undefined;
  }
  const bytes = Buffer.from(text, 'base64');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
