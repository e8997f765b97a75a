// Sending side, as the WhatsApp client does before it uploads a picked file: fresh random
// AES-256 key, IV and HMAC key per file; what the CDN stores is ciphertext ‖ truncated MAC.
import { randomBytes } from '../data-channel/bytes.js';
import { encodeField } from './codec.js';
import { MAC_BYTES, aesCbcEncrypt, mediaMac, sha256 } from './crypto.js';
import { detectMimeType } from './mime.js';
import type { EncryptFlowMediaOptions, EncryptedFlowMedia } from './types.js';

export async function encryptFlowMedia(bytes: Uint8Array, options: EncryptFlowMediaOptions): Promise<EncryptedFlowMedia> {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('bytes must be a Uint8Array');
  if (typeof options?.fileName !== 'string' || options.fileName.length === 0) throw new TypeError('fileName must be a non-empty string');
  const encryptionKey = randomBytes(32);
  const iv = randomBytes(16);
  const hmacKey = randomBytes(32);

  const ciphertext = await aesCbcEncrypt(encryptionKey, iv, bytes);
  const cdnFile = new Uint8Array(ciphertext.length + MAC_BYTES);
  cdnFile.set(ciphertext);
  cdnFile.set(await mediaMac(hmacKey, iv, ciphertext), ciphertext.length);
  const plaintextHash = encodeField(await sha256(bytes));

  return {
    cdnFile,
    encryptionMetadata: {
      encrypted_hash: encodeField(await sha256(cdnFile)),
      iv: encodeField(iv),
      encryption_key: encodeField(encryptionKey),
      hmac_key: encodeField(hmacKey),
      plaintext_hash: plaintextHash,
    },
    fileName: options.fileName,
    mimeType: options.mimeType ?? detectMimeType(bytes, options.fileName),
    sha256: plaintextHash,
  };
}
