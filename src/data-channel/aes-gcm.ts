import { createCipheriv, createDecipheriv } from 'node:crypto';

// Flows uses AES-128-GCM with a 16-byte IV and the 16-byte tag appended to the ciphertext
// (Meta's endpoint guide, "Request Decryption and Encryption").
export const AES_KEY_BYTES = 16;
export const IV_BYTES = 16;
export const TAG_BYTES = 16;

export function gcmSeal(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const cipher = createCipheriv('aes-128-gcm', key, iv, { authTagLength: TAG_BYTES });
  const head = cipher.update(plaintext);
  const tail = cipher.final();
  const tag = cipher.getAuthTag();
  const out = new Uint8Array(head.length + tail.length + tag.length);
  out.set(head, 0);
  out.set(tail, head.length);
  out.set(tag, head.length + tail.length);
  return out;
}

/** Returns undefined when the tag does not match (wrong key, IV or tampered data). */
export function gcmOpen(key: Uint8Array, iv: Uint8Array, sealed: Uint8Array): Uint8Array | undefined {
  if (sealed.length < TAG_BYTES) return undefined;
  const body = sealed.subarray(0, sealed.length - TAG_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-128-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    const head = decipher.update(body);
    const tail = decipher.final();
    const out = new Uint8Array(head.length + tail.length);
    out.set(head, 0);
    out.set(tail, head.length);
    return out;
  } catch {
    return undefined;
  }
}

/** The response IV: the request IV with every bit flipped. */
export function flipIv(iv: Uint8Array): Uint8Array {
  const out = new Uint8Array(iv.length);
  for (let i = 0; i < iv.length; i++) out[i] = ~(iv[i] ?? 0) & 0xff;
  return out;
}
