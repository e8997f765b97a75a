// Strict base64 for the envelope: the standard alphabet, padding optional, and only canonical
// encodings (unused trailing bits zero). Buffer.from(text, 'base64') silently skips bad
// characters, which would let a tampered field decrypt; this rejects it instead.
// A search for one character outside the alphabet (plus '='): ~5x cheaper than an anchored
// whole-string pattern on a 1.7 kB envelope (bench/endpoint.ts profile); where '=' may sit is
// checked separately below.
const OUTSIDE = /[^A-Za-z0-9+/=]/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes and encodes text already known to be valid base64. */
export interface Base64Codec {
  decode(text: string): Uint8Array;
  encode(bytes: Uint8Array): string;
}

const VALUES = new Uint8Array(128);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;

/** Plain JavaScript, for runtimes without Buffer (workerd, browsers). Input is pre-validated. */
export const pureBase64: Base64Codec = {
  decode(text) {
    let end = text.length;
    while (end > 0 && text.charCodeAt(end - 1) === 0x3d /* = */) end--;
    const out = new Uint8Array(Math.floor((end * 3) / 4));
    let o = 0;
    let i = 0;
    for (; i + 4 <= end; i += 4) {
      const n = (VALUES[text.charCodeAt(i)]! << 18) | (VALUES[text.charCodeAt(i + 1)]! << 12) | (VALUES[text.charCodeAt(i + 2)]! << 6) | VALUES[text.charCodeAt(i + 3)]!;
      out[o++] = n >> 16;
      out[o++] = (n >> 8) & 0xff;
      out[o++] = n & 0xff;
    }
    const rest = end - i;
    if (rest >= 2) {
      const n = (VALUES[text.charCodeAt(i)]! << 18) | (VALUES[text.charCodeAt(i + 1)]! << 12) | (rest === 3 ? VALUES[text.charCodeAt(i + 2)]! << 6 : 0);
      out[o++] = n >> 16;
      if (rest === 3) out[o++] = (n >> 8) & 0xff;
    }
    return out;
  },
  encode(bytes) {
    let out = '';
    let i = 0;
    for (; i + 3 <= bytes.length; i += 3) {
      const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
      out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
    }
    const rest = bytes.length - i;
    if (rest === 1) {
      const n = bytes[i]! << 16;
      out += `${ALPHABET[n >> 18]!}${ALPHABET[(n >> 12) & 63]!}==`;
    } else if (rest === 2) {
      const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
      out += `${ALPHABET[n >> 18]!}${ALPHABET[(n >> 12) & 63]!}${ALPHABET[(n >> 6) & 63]!}=`;
    }
    return out;
  },
};

// Node's (and Bun's, Deno's) Buffer decodes in native code: on Node it is what the envelope
// used before, and the endpoint bench shows base64 on its profile. Reached through globalThis
// so that no node:buffer import is needed and workerd falls back to the pure codec.
interface BufferLike {
  readonly buffer: ArrayBufferLike;
  readonly byteOffset: number;
  readonly byteLength: number;
  toString(encoding: 'base64'): string;
}
interface BufferConstructorLike {
  from(text: string, encoding: 'base64'): BufferLike;
  from(buffer: ArrayBufferLike, byteOffset: number, length: number): BufferLike;
}
const NodeBuffer = (globalThis as unknown as { Buffer?: BufferConstructorLike }).Buffer;

const bufferBase64: Base64Codec | undefined = NodeBuffer && {
  decode(text) {
    const bytes = NodeBuffer.from(text, 'base64');
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  },
  encode(bytes) {
    return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  },
};

let codec: Base64Codec = bufferBase64 ?? pureBase64;

/** For tests: run the pure codec where Buffer exists too ('auto' restores the default). */
export function useBase64Codec(which: 'pure' | 'auto'): void {
  codec = which === 'pure' ? pureBase64 : (bufferBase64 ?? pureBase64);
}

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
  return codec.decode(text);
}

export function encodeBase64(bytes: Uint8Array): string {
  return codec.encode(bytes);
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** Unpadded base64url (JWS), canonical only; undefined for anything else. */
export function decodeBase64UrlStrict(text: string): Uint8Array | undefined {
  if (!BASE64URL.test(text)) return undefined;
  return decodeBase64Strict(text.replace(/-/g, '+').replace(/_/g, '/'));
}

export function encodeBase64Url(bytes: Uint8Array): string {
  return encodeBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
