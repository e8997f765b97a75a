import type { FlowMediaCheck, FlowMediaLabel } from './types.js';

const WHAT_FAILED: Record<FlowMediaCheck, string> = {
  metadata: 'its picker item is malformed',
  download: 'the download failed',
  encrypted_hash: 'the downloaded file does not match encrypted_hash (incomplete or altered file)',
  hmac: 'the HMAC does not verify (the file was altered, or hmac_key or iv is wrong)',
  decrypt: 'it could not be decrypted (wrong encryption_key or iv, or corrupt ciphertext)',
  plaintext_hash: 'the decrypted file does not match plaintext_hash',
};

/** "media 123 (receipt.pdf) at photos[1]": how a message names a file; never a key. */
export function describeMedia(label: FlowMediaLabel): string {
  const id = label.mediaId === undefined ? 'media' : `media ${label.mediaId}`;
  const name = label.fileName === undefined || label.fileName === '' ? '' : ` (${label.fileName})`;
  const at = label.path === undefined ? '' : ` at ${label.path}`;
  return `${id}${name}${at}`;
}

/**
 * A picker file that was refused. `check` says which step failed; the message names the file
 * (media id, file name, payload path) and never any key, IV or hash value.
 */
export class FlowMediaError extends Error {
  override readonly name = 'FlowMediaError';
  readonly check: FlowMediaCheck;
  readonly mediaId: string | undefined;
  readonly fileName: string | undefined;
  /** JSON path of the offending value, e.g. `photos[1].encryption_metadata.iv`. */
  readonly path: string | undefined;
  /** HTTP status of a failed download. */
  readonly status: number | undefined;

  /** `options.path` overrides the label's path on the error (metadata errors already name it). */
  constructor(check: FlowMediaCheck, label: FlowMediaLabel, detail?: string, options?: { cause?: unknown; status?: number; path?: string }) {
    const reason = detail ?? WHAT_FAILED[check];
    super(`${check} check failed for ${describeMedia(label)}: ${reason}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.check = check;
    this.mediaId = label.mediaId;
    this.fileName = label.fileName;
    this.path = options?.path ?? label.path;
    this.status = options?.status;
  }
}
