// What a business key must satisfy, whichever backend loaded it: one wording for every runtime.
import type { RsaPrivateKey, RsaPublicKey } from './crypto-backend.js';
import { constantTimeEqual, randomBytes } from './bytes.js';
import { DataChannelError } from './errors.js';

/** Meta asks for a 2048-bit RSA key pair ("Upload Public Key"); smaller keys are refused. */
export const MIN_MODULUS_LENGTH = 2048;
export const MAX_MODULUS_LENGTH = 16384;

/** Returns the modulus length of an acceptable key; KEY_INVALID otherwise. */
export function checkRsaKey(type: string, modulusLength: number, what: string): number {
  if (type !== 'rsa') throw new DataChannelError('KEY_INVALID', `${what} is a ${type} key; WhatsApp Flows needs RSA`);
  if (modulusLength < MIN_MODULUS_LENGTH) {
    throw new DataChannelError('KEY_INVALID', `${what} has ${modulusLength} bits; WhatsApp Flows needs at least ${MIN_MODULUS_LENGTH}`);
  }
  return modulusLength;
}

/**
 * A damaged PEM body (a flipped byte inside an encrypted key, a bad copy-paste) can still parse
 * into a key whose parts disagree; it would then fail every request. One OAEP round trip at load
 * time turns that into a clear error.
 */
export async function selfTest(privateKey: RsaPrivateKey, publicKey: RsaPublicKey): Promise<void> {
  const probe = randomBytes(16);
  let ok = false;
  try {
    const unwrapped = await privateKey.unwrap(await publicKey.wrap(probe));
    ok = unwrapped !== undefined && constantTimeEqual(unwrapped, probe);
  } catch {
    ok = false;
  }
  if (!ok) throw new DataChannelError('KEY_INVALID', 'the private key is damaged: its parts do not match (check that the PEM was copied intact)');
}

/**
 * Without node:crypto nothing can open a passphrase-protected PEM (WebCrypto has no PEM
 * decryption). The way out is the platform's secret store, which already keeps the key
 * encrypted at rest. Says so without repeating anything of the key or the passphrase.
 */
export function encryptedKeyUnsupported(): DataChannelError {
  return new DataChannelError(
    'ENCRYPTED_KEY_UNSUPPORTED',
    'the private key PEM is passphrase-protected, and this runtime has no node:crypto to decrypt it (WebCrypto cannot open encrypted PEM). ' +
      "Store the key unencrypted in the platform's secret store instead (e.g. `openssl pkey -in private.pem -out plain.pem`, " +
      'then `wrangler secret put PRIVATE_KEY < plain.pem` on Cloudflare, or your platform\'s equivalent) and load it without a passphrase',
  );
}
