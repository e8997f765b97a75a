export type DataChannelErrorCode =
  | 'MALFORMED_ENVELOPE'
  | 'DECRYPT_FAILED'
  | 'KEY_INVALID'
  | 'PASSPHRASE_REQUIRED'
  | 'PASSPHRASE_WRONG'
  /** A passphrase-protected PEM on a runtime without node:crypto (WebCrypto cannot open it). */
  | 'ENCRYPTED_KEY_UNSUPPORTED'
  /** The runtime lacks what the call needs (node:crypto for generateKeyPair, or any crypto). */
  | 'UNSUPPORTED_RUNTIME'
  | 'MALFORMED_PAYLOAD'
  | 'RESPONSE_DECRYPT_FAILED';

/**
 * The one error this module throws. Messages are written here, never copied from
 * node:crypto, WebCrypto or the input, so they cannot carry key material, passphrases or plaintext.
 */
export class DataChannelError extends Error {
  readonly code: DataChannelErrorCode;

  constructor(code: DataChannelErrorCode, message: string) {
    super(message);
    this.name = 'DataChannelError';
    this.code = code;
  }
}
