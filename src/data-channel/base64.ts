import { Buffer } from 'node:buffer';

// Strict base64 for the envelope: the standard alphabet, padding optional, and only canonical
// encodings (unused trailing bits zero). Buffer.from(text, 'base64') silently skips bad
// characters, which would let a tampered field decrypt; this rejects it instead.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function decodeBase64Strict(text: string): Uint8Array | undefined {
  if (!BASE64.test(text) || text.length % 4 === 1) return undefined;
  const bytes = Buffer.from(text, 'base64');
  const canonical = bytes.toString('base64');
  const unpadded = text.replace(/=+$/, '');
  if (canonical.replace(/=+$/, '') !== unpadded) return undefined;
  if (text.length !== unpadded.length && text !== canonical) return undefined;
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
