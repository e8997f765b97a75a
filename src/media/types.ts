// Public types of the Flows media crypto. Wire names stay snake_case (they are what the client
// sends in a data_exchange payload); what the SDK computes is camelCase.

/**
 * How a PhotoPicker/DocumentPicker file was encrypted, as the client sends it. Every field is
 * base64 text of raw bytes (Meta's examples and pywa: standard alphabet, padded); decoding also
 * accepts the URL-safe alphabet, missing padding and, for the two hashes, 64-digit hex.
 */
export interface FlowMediaEncryptionMetadata {
  /** SHA-256 of the whole CDN file (ciphertext ‖ 10-byte MAC), 32 bytes. */
  encrypted_hash: string;
  /** AES-CBC initialisation vector, 16 bytes. */
  iv: string;
  /** AES-256 key, 32 bytes. */
  encryption_key: string;
  /** HMAC-SHA256 key (32 bytes when WhatsApp makes it; any non-empty length is accepted). */
  hmac_key: string;
  /** SHA-256 of the decrypted file, 32 bytes. */
  plaintext_hash: string;
}

/** One file of a picker field in a data_exchange payload (each field is an array of these). */
export interface FlowMediaItem {
  media_id: string;
  /** Where the encrypted file is (WhatsApp's CDN keeps it up to 20 days). */
  cdn_url: string;
  file_name: string;
  encryption_metadata: FlowMediaEncryptionMetadata;
  /** Not part of Meta's data_exchange shape; honoured when a client sends it. */
  mime_type?: string;
}

/** Which verification refused a file, in the order they run. */
export type FlowMediaCheck = 'metadata' | 'download' | 'encrypted_hash' | 'hmac' | 'decrypt' | 'plaintext_hash';

/** The minimal fetch the download needs; the global fetch (and undici's) fit. */
export type FetchLike = (url: string, init: { signal?: AbortSignal; redirect?: 'follow' }) => Promise<Response>;

export interface DecryptFlowMediaOptions {
  /** Defaults to globalThis.fetch. */
  fetch?: FetchLike;
  signal?: AbortSignal;
  /**
   * Largest decrypted file accepted, in bytes (default 25 MiB, the pickers' largest
   * `max-file-size-kb`). The download stops as soon as the CDN file outgrows it plus its
   * padding and MAC.
   */
  maxBytes?: number;
  /** Where the item sits in the payload, for error messages (e.g. `photos[1]`); default `media`. */
  path?: string;
}

export interface DecryptedFlowMedia {
  mediaId: string;
  fileName: string;
  /** The item's `mime_type` when it has one, else sniffed from the bytes, else from the extension. */
  mimeType: string;
  bytes: Uint8Array;
  /** SHA-256 of `bytes`, base64 (the encoding of `plaintext_hash`). */
  sha256: string;
}

export interface EncryptFlowMediaOptions {
  fileName: string;
  /** Default: sniffed from the bytes, else from the file name's extension. */
  mimeType?: string;
}

export interface EncryptedFlowMedia {
  /** What the CDN serves: AES-256-CBC ciphertext (PKCS#7) ‖ first 10 bytes of the HMAC. */
  cdnFile: Uint8Array;
  encryptionMetadata: FlowMediaEncryptionMetadata;
  fileName: string;
  mimeType: string;
  /** SHA-256 of the plaintext, base64 (equals `encryptionMetadata.plaintext_hash`). */
  sha256: string;
}

/** Names a file in error messages; never carries key material. */
export interface FlowMediaLabel {
  mediaId?: string;
  fileName?: string;
  path?: string;
}
