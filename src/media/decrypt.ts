// Receiving side: verifies and opens a picker file, in the order WhatsApp documents
// (platform-protocols.md §3.3): SHA-256 of the CDN file, the truncated HMAC, AES-256-CBC with
// PKCS#7, SHA-256 of the plaintext. Each failure is a FlowMediaError naming its check.
import { constantTimeEqual } from '../data-channel/bytes.js';
import { encodeField } from './codec.js';
import { BLOCK_BYTES, MAC_BYTES, aesCbcDecrypt, mediaMac, sha256 } from './crypto.js';
import { download } from './download.js';
import { FlowMediaError } from './errors.js';
import { detectMimeType } from './mime.js';
import type { DecryptFlowMediaOptions, DecryptedFlowMedia, FetchLike, FlowMediaLabel } from './types.js';
import { parseMediaItem, parseMetadata, pathOf } from './validate.js';
import type { MediaKeys } from './validate.js';

/**
 * The pickers' largest file: the catalogue's `max-file-size-kb` maximum (MAX_FILE_SIZE_KB), written
 * out so this module imports nothing beyond the data channel's byte helpers; a test keeps the two equal.
 */
export const DEFAULT_MAX_MEDIA_BYTES = 25600 * 1024;

/** Opens a CDN file whose metadata is already decoded. */
async function open(cdnFile: Uint8Array, keys: MediaKeys, label: FlowMediaLabel): Promise<Uint8Array> {
  // Integrity of the whole file first: a truncated or swapped download fails here, before any key is used.
  if (!constantTimeEqual(await sha256(cdnFile), keys.encryptedHash)) throw new FlowMediaError('encrypted_hash', label);

  if (cdnFile.length < MAC_BYTES) throw new FlowMediaError('hmac', label, `the file is ${cdnFile.length} bytes, too short to carry its ${MAC_BYTES}-byte MAC`);
  const ciphertext = cdnFile.subarray(0, cdnFile.length - MAC_BYTES);
  const mac = cdnFile.subarray(cdnFile.length - MAC_BYTES);
  if (!constantTimeEqual(await mediaMac(keys.hmacKey, keys.iv, ciphertext), mac)) throw new FlowMediaError('hmac', label);

  if (ciphertext.length === 0 || ciphertext.length % BLOCK_BYTES !== 0) {
    throw new FlowMediaError('decrypt', label, `the ciphertext is ${ciphertext.length} bytes, not a whole number of ${BLOCK_BYTES}-byte AES blocks`);
  }
  let plain: Uint8Array;
  try {
    plain = await aesCbcDecrypt(keys.encryptionKey, keys.iv, ciphertext);
  } catch (error) {
    throw new FlowMediaError('decrypt', label, 'AES-256-CBC decryption failed (bad PKCS#7 padding: wrong encryption_key or iv)', { cause: error });
  }

  if (!constantTimeEqual(await sha256(plain), keys.plaintextHash)) throw new FlowMediaError('plaintext_hash', label);
  return plain;
}

/**
 * Verifies and decrypts a CDN file you already hold (no download). `metadata` is the item's
 * `encryption_metadata`; `label` only names the file in errors.
 */
export async function decryptFlowMediaBytes(cdnFile: Uint8Array, metadata: unknown, label: FlowMediaLabel = {}): Promise<Uint8Array> {
  if (!(cdnFile instanceof Uint8Array)) throw new TypeError('cdnFile must be a Uint8Array');
  const keys = parseMetadata(metadata, label, label.path === undefined ? 'encryption_metadata' : `${label.path}.encryption_metadata`);
  return open(cdnFile, keys, label);
}

function defaultFetch(): FetchLike {
  const fetchFn = globalThis.fetch as FetchLike | undefined;
  if (fetchFn === undefined) throw new TypeError('this runtime has no global fetch; pass options.fetch');
  return fetchFn;
}

/**
 * Downloads a PhotoPicker/DocumentPicker file from its `cdn_url`, verifies it and decrypts it.
 * Throws FlowMediaError with `check` = metadata | download | encrypted_hash | hmac | decrypt |
 * plaintext_hash.
 */
export async function decryptFlowMedia(item: unknown, options: DecryptFlowMediaOptions = {}): Promise<DecryptedFlowMedia> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_MEDIA_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) throw new TypeError('maxBytes must be a non-negative integer');
  const parsed = parseMediaItem(item, options.path ?? pathOf(item) ?? 'media');
  const { label } = parsed;
  // PKCS#7 adds 1 to 16 bytes, the MAC 10.
  const cap = maxBytes + BLOCK_BYTES + MAC_BYTES;
  const cdnFile = await download(parsed.item.cdn_url, cap, options.fetch ?? defaultFetch(), options.signal, label);
  const bytes = await open(cdnFile, parsed.keys, label);
  if (bytes.length > maxBytes) throw new FlowMediaError('download', label, `the file is ${bytes.length} bytes, more than maxBytes (${maxBytes})`);
  return {
    mediaId: parsed.item.media_id,
    fileName: parsed.item.file_name,
    mimeType: parsed.item.mime_type ?? detectMimeType(bytes, parsed.item.file_name),
    bytes,
    sha256: encodeField(parsed.keys.plaintextHash),
  };
}
