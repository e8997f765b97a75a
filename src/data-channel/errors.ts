export type DataChannelErrorCode =
  | 'MALFORMED_ENVELOPE'
  | 'DECRYPT_FAILED'
  | 'KEY_INVALID'
  | 'PASSPHRASE_REQUIRED'
  | 'PASSPHRASE_WRONG'
  | 'MALFORMED_PAYLOAD'
  | 'RESPONSE_DECRYPT_FAILED';

/**
 * The one error this module throws. Messages are written here, never copied from
 * node:crypto or the input, so they cannot carry key material, passphrases or plaintext.
 */
export class DataChannelError extends Error {
  readonly code: DataChannelErrorCode;

  constructor(code: DataChannelErrorCode, message: string) {
    super(message);
    this.name = 'DataChannelError';
    this.code = code;
  }
}
