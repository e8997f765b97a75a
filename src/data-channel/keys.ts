import { cryptoBackend, isNodeRuntime } from './crypto-backend.js';
import type { CryptoBackend, PrivateKeyLabel, PublicKeyLabel, RsaPrivateKey, RsaPublicKey } from './crypto-backend.js';
import { DataChannelError } from './errors.js';
import { MAX_MODULUS_LENGTH, MIN_MODULUS_LENGTH, encryptedKeyUnsupported } from './key-rules.js';
import { importNodeCrypto } from './node-backend.js';
import { hasEncryptionHeader, pemLabelOf } from './pem.js';

export { MIN_MODULUS_LENGTH } from './key-rules.js';

/**
 * Opaque handles. The backend's key (a KeyObject or a CryptoKey) lives in a WeakMap, so a handle
 * that ends up in a log, in JSON.stringify or in util.inspect shows only its kind and size,
 * never the key.
 */
export interface BusinessPrivateKey {
  readonly kind: 'business-private-key';
  readonly modulusLength: number;
}
export interface BusinessPublicKey {
  readonly kind: 'business-public-key';
  readonly modulusLength: number;
}

/** A loaded key and the backend that loaded it: its AES work is done by the same backend. */
export interface LoadedKey<K> {
  backend: CryptoBackend;
  key: K;
}

const privateKeys = new WeakMap<BusinessPrivateKey, LoadedKey<RsaPrivateKey>>();
const publicKeys = new WeakMap<BusinessPublicKey, LoadedKey<RsaPublicKey>>();

export function privateKeyOf(handle: BusinessPrivateKey): LoadedKey<RsaPrivateKey> {
  const loaded = privateKeys.get(handle);
  if (!loaded) throw new DataChannelError('KEY_INVALID', 'not a private key handle from loadPrivateKey()');
  return loaded;
}

export function publicKeyOf(handle: BusinessPublicKey): LoadedKey<RsaPublicKey> {
  const loaded = publicKeys.get(handle);
  if (!loaded) throw new DataChannelError('KEY_INVALID', 'not a public key handle from loadPublicKey()');
  return loaded;
}

function pemLabel(pem: unknown, what: string): string {
  if (typeof pem !== 'string') throw new DataChannelError('KEY_INVALID', `${what} must be PEM text, got ${pem === null ? 'null' : typeof pem}`);
  const label = pemLabelOf(pem);
  if (!label) throw new DataChannelError('KEY_INVALID', `${what} is not PEM text (no "-----BEGIN ...-----" line)`);
  return label;
}

const PRIVATE_LABELS: readonly string[] = ['RSA PRIVATE KEY', 'PRIVATE KEY', 'ENCRYPTED PRIVATE KEY'] satisfies PrivateKeyLabel[];
const PUBLIC_LABELS: readonly string[] = ['PUBLIC KEY', 'RSA PUBLIC KEY'] satisfies PublicKeyLabel[];

/**
 * Loads the business private key: PKCS#1 ("RSA PRIVATE KEY", optionally with the legacy
 * Proc-Type/DEK-Info encryption that `openssl genrsa -des3` writes) or PKCS#8, plain or
 * encrypted ("ENCRYPTED PRIVATE KEY", what OpenSSL 3's `genrsa -des3` writes). Encrypted PEM
 * needs node:crypto: on Bun, Deno and workerd (WebCrypto) it fails with
 * ENCRYPTED_KEY_UNSUPPORTED; keep the key unencrypted in the platform's secret store there.
 */
export async function loadPrivateKey(pem: string, passphrase?: string): Promise<BusinessPrivateKey> {
  const label = pemLabel(pem, 'private key');
  if (!PRIVATE_LABELS.includes(label)) {
    throw new DataChannelError('KEY_INVALID', `expected an RSA private key PEM, found "${label}"`);
  }
  const encrypted = label === 'ENCRYPTED PRIVATE KEY' || hasEncryptionHeader(pem);
  if (passphrase !== undefined && typeof passphrase !== 'string') {
    throw new DataChannelError('KEY_INVALID', 'passphrase must be a string');
  }
  const backend = await cryptoBackend();
  // Before PASSPHRASE_REQUIRED: on WebCrypto no passphrase would help.
  if (encrypted && backend.name === 'web') throw encryptedKeyUnsupported();
  if (encrypted && (passphrase === undefined || passphrase === '')) {
    throw new DataChannelError('PASSPHRASE_REQUIRED', 'the private key is passphrase-protected; pass its passphrase');
  }
  const key = await backend.importPrivateKey({ pem, label: label as PrivateKeyLabel, encrypted, passphrase });
  const handle: BusinessPrivateKey = Object.freeze({ kind: 'business-private-key', modulusLength: key.modulusLength });
  privateKeys.set(handle, { backend, key });
  return handle;
}

/** Loads a public key: SPKI ("PUBLIC KEY") or PKCS#1 ("RSA PUBLIC KEY"). */
export async function loadPublicKey(pem: string): Promise<BusinessPublicKey> {
  const label = pemLabel(pem, 'public key');
  if (!PUBLIC_LABELS.includes(label)) {
    throw new DataChannelError('KEY_INVALID', `expected a public key PEM ("PUBLIC KEY" or "RSA PUBLIC KEY"), found "${label}"`);
  }
  const backend = await cryptoBackend();
  const key = await backend.importPublicKey(pem, label as PublicKeyLabel);
  const handle: BusinessPublicKey = Object.freeze({ kind: 'business-public-key', modulusLength: key.modulusLength });
  publicKeys.set(handle, { backend, key });
  return handle;
}

export interface GenerateKeyPairOptions {
  /** When set, the private key is PKCS#1 PEM encrypted with DES-EDE3-CBC, like `openssl genrsa -des3`. */
  passphrase?: string;
  /** Default 2048, the size Meta's guide uses. */
  modulusLength?: number;
}

/**
 * Node only: writes PKCS#1 PEM (DES-EDE3-CBC encrypted with a passphrase), which only
 * node:crypto can produce. Elsewhere, make the key with `openssl genrsa -out private.pem 2048`.
 */
export async function generateKeyPair(options: GenerateKeyPairOptions = {}): Promise<{ privateKeyPem: string; publicKeyPem: string }> {
  const { passphrase, modulusLength = MIN_MODULUS_LENGTH } = options;
  if (!Number.isInteger(modulusLength) || modulusLength < MIN_MODULUS_LENGTH || modulusLength > MAX_MODULUS_LENGTH || modulusLength % 8 !== 0) {
    throw new DataChannelError('KEY_INVALID', `modulusLength must be a multiple of 8 between ${MIN_MODULUS_LENGTH} and ${MAX_MODULUS_LENGTH}`);
  }
  if (passphrase !== undefined && (typeof passphrase !== 'string' || passphrase.length < 4)) {
    // OpenSSL refuses PEM passphrases shorter than 4 characters, so the key could not be reopened by it.
    throw new DataChannelError('KEY_INVALID', 'passphrase must be a string of at least 4 characters');
  }
  const unsupported = (): DataChannelError =>
    new DataChannelError('UNSUPPORTED_RUNTIME', 'generateKeyPair needs Node.js (node:crypto); on this runtime create the key with `openssl genrsa -out private.pem 2048` and load its PEM with loadPrivateKey');
  if (!isNodeRuntime()) throw unsupported();
  const crypto = await importNodeCrypto().catch(() => {
    throw unsupported();
  });
  return new Promise((resolve, reject) => {
    crypto.generateKeyPair(
      'rsa',
      {
        modulusLength,
        publicExponent: 0x10001,
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: passphrase === undefined
          ? { type: 'pkcs1', format: 'pem' }
          : { type: 'pkcs1', format: 'pem', cipher: 'des-ede3-cbc', passphrase },
      },
      (error, publicKeyPem, privateKeyPem) => {
        if (error) reject(new DataChannelError('KEY_INVALID', 'the key pair could not be generated'));
        else resolve({ privateKeyPem, publicKeyPem });
      },
    );
  });
}
