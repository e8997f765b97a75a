// Flows uses AES-128-GCM with a 16-byte IV and the 16-byte tag appended to the ciphertext
// (Meta's endpoint guide, "Request Decryption and Encryption"). The cipher itself is the crypto
// backend's (crypto-backend.ts); this is the layout both backends follow.
export const AES_KEY_BYTES = 16;
export const IV_BYTES = 16;
export const TAG_BYTES = 16;

/** The response IV: the request IV with every bit flipped. */
export function flipIv(iv: Uint8Array): Uint8Array {
  const out = new Uint8Array(iv.length);
  for (let i = 0; i < iv.length; i++) out[i] = ~(iv[i] ?? 0) & 0xff;
  return out;
}
