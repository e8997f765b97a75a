import { constants, createPrivateKey, createPublicKey, generateKeyPair as generateRsaKeyPair, privateDecrypt, publicEncrypt, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { DataChannelError } from './errors.js';

/**
 * Opaque handles. The KeyObject lives in a WeakMap, so a handle that ends up in a log,
 * in JSON.stringify or in util.inspect shows only its kind and size, never the key.
 */
export interface BusinessPrivateKey {
  readonly kind: 'business-private-key';
  readonly modulusLength: number;
}
export interface BusinessPublicKey {
  readonly kind: 'business-public-key';
  readonly modulusLength: number;
}

const privateKeys = new WeakMap<BusinessPrivateKey, KeyObject>();
const publicKeys = new WeakMap<BusinessPublicKey, KeyObject>();

/** Meta asks for a 2048-bit RSA key pair ("Upload Public Key"); smaller keys are refused. */
export const MIN_MODULUS_LENGTH = 2048;
const MAX_MODULUS_LENGTH = 16384;

export function privateKeyObject(key: BusinessPrivateKey): KeyObject {
  const object = privateKeys.get(key);
  if (!object) throw new DataChannelError('KEY_INVALID', 'not a private key handle from loadPrivateKey()');
  return object;
}

export function publicKeyObject(key: BusinessPublicKey): KeyObject {
  const object = publicKeys.get(key);
  if (!object) throw new DataChannelError('KEY_INVALID', 'not a public key handle from loadPublicKey()');
  return object;
}

const PEM_LABEL = /-----BEGIN ([A-Z0-9 ]+)-----/;

function pemLabel(pem: unknown, what: string): string {
  if (typeof pem !== 'string') throw new DataChannelError('KEY_INVALID', `${what} must be PEM text, got ${pem === null ? 'null' : typeof pem}`);
  const label = PEM_LABEL.exec(pem)?.[1];
  if (!label) throw new DataChannelError('KEY_INVALID', `${what} is not PEM text (no "-----BEGIN ...-----" line)`);
  return label;
}

function checkRsa(object: KeyObject, what: string): number {
  if (object.asymmetricKeyType !== 'rsa') {
    throw new DataChannelError('KEY_INVALID', `${what} is a ${object.asymmetricKeyType ?? 'unknown'} key; WhatsApp Flows needs RSA`);
  }
  const bits = object.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_MODULUS_LENGTH) {
    throw new DataChannelError('KEY_INVALID', `${what} has ${bits} bits; WhatsApp Flows needs at least ${MIN_MODULUS_LENGTH}`);
  }
  return bits;
}

/**
 * Loads the business private key: PKCS#1 ("RSA PRIVATE KEY", optionally with the legacy
 * Proc-Type/DEK-Info encryption that `openssl genrsa -des3` writes) or PKCS#8, plain or
 * encrypted ("ENCRYPTED PRIVATE KEY", what OpenSSL 3's `genrsa -des3` writes).
 */
export async function loadPrivateKey(pem: string, passphrase?: string): Promise<BusinessPrivateKey> {
  const label = pemLabel(pem, 'private key');
  if (label !== 'RSA PRIVATE KEY' && label !== 'PRIVATE KEY' && label !== 'ENCRYPTED PRIVATE KEY') {
    throw new DataChannelError('KEY_INVALID', `expected an RSA private key PEM, found "${label}"`);
  }
  const encrypted = label === 'ENCRYPTED PRIVATE KEY' || /^Proc-Type:\s*4,\s*ENCRYPTED/m.test(pem);
  if (passphrase !== undefined && typeof passphrase !== 'string') {
    throw new DataChannelError('KEY_INVALID', 'passphrase must be a string');
  }
  if (encrypted && (passphrase === undefined || passphrase === '')) {
    throw new DataChannelError('PASSPHRASE_REQUIRED', 'the private key is passphrase-protected; pass its passphrase');
  }
  let object: KeyObject;
  try {
    object = createPrivateKey(encrypted ? { key: pem, format: 'pem', passphrase } : { key: pem, format: 'pem' });
  } catch {
    // A wrong passphrase yields either a bad-decrypt error or (when the padding happens to
    // check out) garbage that fails to parse; both mean the passphrase is wrong.
    if (encrypted) throw new DataChannelError('PASSPHRASE_WRONG', 'the passphrase does not open this private key');
    throw new DataChannelError('KEY_INVALID', 'the private key PEM could not be parsed');
  }
  const modulusLength = checkRsa(object, 'the private key');
  selfTest(object);
  const handle: BusinessPrivateKey = Object.freeze({ kind: 'business-private-key', modulusLength });
  privateKeys.set(handle, object);
  return handle;
}

/**
 * A damaged PEM body (a flipped byte inside an encrypted key, a bad copy-paste) can still parse
 * into a key whose parts disagree; it would then fail every request. One OAEP round trip at load
 * time turns that into a clear error.
 */
function selfTest(object: KeyObject): void {
  const probe = randomBytes(16);
  const options = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' };
  let ok = false;
  try {
    const wrapped = publicEncrypt({ key: createPublicKey(object), ...options }, probe);
    ok = privateDecrypt({ key: object, ...options }, wrapped).equals(probe);
  } catch {
    ok = false;
  }
  if (!ok) throw new DataChannelError('KEY_INVALID', 'the private key is damaged: its parts do not match (check that the PEM was copied intact)');
}

/** Loads a public key: SPKI ("PUBLIC KEY") or PKCS#1 ("RSA PUBLIC KEY"). */
export async function loadPublicKey(pem: string): Promise<BusinessPublicKey> {
  const label = pemLabel(pem, 'public key');
  if (label !== 'PUBLIC KEY' && label !== 'RSA PUBLIC KEY') {
    throw new DataChannelError('KEY_INVALID', `expected a public key PEM ("PUBLIC KEY" or "RSA PUBLIC KEY"), found "${label}"`);
  }
  let object: KeyObject;
  try {
    object = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw new DataChannelError('KEY_INVALID', 'the public key PEM could not be parsed');
  }
  const modulusLength = checkRsa(object, 'the public key');
  const handle: BusinessPublicKey = Object.freeze({ kind: 'business-public-key', modulusLength });
  publicKeys.set(handle, object);
  return handle;
}

export interface GenerateKeyPairOptions {
  /** When set, the private key is PKCS#1 PEM encrypted with DES-EDE3-CBC, like `openssl genrsa -des3`. */
  passphrase?: string;
  /** Default 2048, the size Meta's guide uses. */
  modulusLength?: number;
}

const generate = promisify(generateRsaKeyPair);

export async function generateKeyPair(options: GenerateKeyPairOptions = {}): Promise<{ privateKeyPem: string; publicKeyPem: string }> {
  const { passphrase, modulusLength = MIN_MODULUS_LENGTH } = options;
  if (!Number.isInteger(modulusLength) || modulusLength < MIN_MODULUS_LENGTH || modulusLength > MAX_MODULUS_LENGTH || modulusLength % 8 !== 0) {
    throw new DataChannelError('KEY_INVALID', `modulusLength must be a multiple of 8 between ${MIN_MODULUS_LENGTH} and ${MAX_MODULUS_LENGTH}`);
  }
  if (passphrase !== undefined && (typeof passphrase !== 'string' || passphrase.length < 4)) {
    // OpenSSL refuses PEM passphrases shorter than 4 characters, so the key could not be reopened by it.
    throw new DataChannelError('KEY_INVALID', 'passphrase must be a string of at least 4 characters');
  }
  const { privateKey, publicKey } = await generate('rsa', {
    modulusLength,
    publicExponent: 0x10001,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: passphrase === undefined
      ? { type: 'pkcs1', format: 'pem' }
      : { type: 'pkcs1', format: 'pem', cipher: 'des-ede3-cbc', passphrase },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}
