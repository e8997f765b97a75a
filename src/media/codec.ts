// Field encodings of encryption_metadata. Meta's examples (and pywa, which checks
// `b64encode(sha256(plain)) == plaintext_hash`) use standard, padded base64; decoding is liberal
// about the alphabet (URL-safe too) and padding, and takes 64-digit hex for the hashes, where the
// length tells the two apart (base64 of 32 bytes is 43 or 44 characters). Anything else, including
// stray characters that a lenient decoder would skip, is refused.
import { decodeBase64Strict, encodeBase64 } from '../data-channel/base64.js';
import { fromHex } from '../data-channel/bytes.js';

function decodeBase64Liberal(text: string): Uint8Array | undefined {
  if (!/[-_]/.test(text)) return decodeBase64Strict(text);
  // One alphabet per value: a mix of both is no encoder's output.
  if (/[+/]/.test(text)) return undefined;
  return decodeBase64Strict(text.replace(/-/g, '+').replace(/_/g, '/'));
}

/** The bytes of a metadata field, or undefined when it is neither base64 nor (for hashes) hex. */
export function decodeField(text: string, allowHex: boolean): Uint8Array | undefined {
  if (allowHex && text.length === 64) {
    const hex = fromHex(text);
    if (hex !== undefined) return hex;
  }
  return decodeBase64Liberal(text);
}

/** What encryptFlowMedia writes: standard, padded base64. */
export function encodeField(bytes: Uint8Array): string {
  return encodeBase64(bytes);
}
