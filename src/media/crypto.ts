// The WebCrypto steps of the media format (crypto.subtle: Node, Bun, Deno, workerd, browsers).
// cdn_file = AES-256-CBC(encryption_key, iv, PKCS#7(plain)) ‖ HMAC-SHA256(hmac_key, iv ‖ ciphertext)[0..10)

export const MAC_BYTES = 10;
export const BLOCK_BYTES = 16;

// TypeScript's DOM types want ArrayBuffer-backed views; ours always are (never shared memory).
const view = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => bytes as Uint8Array<ArrayBuffer>;

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (s === undefined) throw new Error('this runtime has no WebCrypto (crypto.subtle), which Flows media decryption needs');
  return s;
}

export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', view(bytes)));
}

/** The 10-byte truncated MAC over iv ‖ ciphertext. */
export async function mediaMac(hmacKey: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array> {
  const key = await subtle().importKey('raw', view(hmacKey), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signed = new Uint8Array(iv.length + ciphertext.length);
  signed.set(iv);
  signed.set(ciphertext, iv.length);
  return new Uint8Array(await subtle().sign('HMAC', key, signed)).subarray(0, MAC_BYTES);
}

async function aesKey(encryptionKey: Uint8Array, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  return subtle().importKey('raw', view(encryptionKey), { name: 'AES-CBC' }, false, [usage]);
}

/** AES-256-CBC with PKCS#7 padding (WebCrypto's AES-CBC always pads). */
export async function aesCbcEncrypt(encryptionKey: Uint8Array, iv: Uint8Array, plain: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().encrypt({ name: 'AES-CBC', iv: view(iv) }, await aesKey(encryptionKey, 'encrypt'), view(plain)));
}

/** Decrypts and strips PKCS#7; rejects on a bad padding. */
export async function aesCbcDecrypt(encryptionKey: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().decrypt({ name: 'AES-CBC', iv: view(iv) }, await aesKey(encryptionKey, 'decrypt'), view(ciphertext)));
}
