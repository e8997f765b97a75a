// The crypto the data channel needs, behind one small async interface with two implementations:
// node:crypto (node-backend.ts) on Node, where its synchronous calls are the cheapest route
// (bench/data-channel.ts: WebCrypto costs about twice the CPU per request there), and WebCrypto
// (web-backend.ts) on Bun, Deno, workerd and browsers. Nothing here imports a `node:` module
// statically, so this package loads wherever WebCrypto exists.
import { DataChannelError } from './errors.js';
import { createNodeBackend } from './node-backend.js';
import { createWebBackend } from './web-backend.js';

export type CryptoBackendName = 'node' | 'web';

/** A loaded RSA private key, checked (RSA, ≥ 2048 bits, self-tested). */
export interface RsaPrivateKey {
  readonly modulusLength: number;
  /** RSA-OAEP with SHA-256 (and MGF1-SHA-256); undefined when the block does not decrypt. */
  unwrap(wrapped: Uint8Array): Promise<Uint8Array | undefined>;
}

export interface RsaPublicKey {
  readonly modulusLength: number;
  /** RSA-OAEP with SHA-256 (and MGF1-SHA-256). */
  wrap(plaintext: Uint8Array): Promise<Uint8Array>;
}

export type PrivateKeyLabel = 'RSA PRIVATE KEY' | 'PRIVATE KEY' | 'ENCRYPTED PRIVATE KEY';
export type PublicKeyLabel = 'PUBLIC KEY' | 'RSA PUBLIC KEY';

export interface PrivateKeyInput {
  pem: string;
  label: PrivateKeyLabel;
  /** "ENCRYPTED PRIVATE KEY", or PKCS#1 with a Proc-Type: 4,ENCRYPTED header. */
  encrypted: boolean;
  /** Present (non-empty) whenever `encrypted`; keys.ts checks that before calling. */
  passphrase: string | undefined;
}

export interface CryptoBackend {
  readonly name: CryptoBackendName;
  /** Throws DataChannelError (KEY_INVALID, PASSPHRASE_WRONG, ENCRYPTED_KEY_UNSUPPORTED). */
  importPrivateKey(input: PrivateKeyInput): Promise<RsaPrivateKey>;
  /** Throws DataChannelError KEY_INVALID. */
  importPublicKey(pem: string, label: PublicKeyLabel): Promise<RsaPublicKey>;
  /** AES-128-GCM with a 16-byte IV; returns the ciphertext with the 16-byte tag appended. */
  gcmSeal(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array>;
  /** Undefined when the tag does not match (wrong key, IV or tampered data). */
  gcmOpen(key: Uint8Array, iv: Uint8Array, sealed: Uint8Array): Promise<Uint8Array | undefined>;
  /** HMAC-SHA256 keyed with the UTF-8 bytes of `secret`; strings are hashed as UTF-8. */
  hmacSha256(secret: string, message: string | Uint8Array): Promise<Uint8Array>;
}

interface RuntimeGlobals {
  process?: { versions?: { node?: unknown } };
  Bun?: unknown;
  Deno?: unknown;
  navigator?: { userAgent?: unknown };
}

/**
 * True on Node itself. Bun and Deno also define process.versions.node (they emulate Node), and
 * workerd does with nodejs_compat, but their node:crypto is a re-implementation of varying
 * completeness: WebCrypto is their native, fully supported route.
 */
export function isNodeRuntime(): boolean {
  const g = globalThis as RuntimeGlobals;
  if (g.Bun !== undefined || g.Deno !== undefined) return false;
  if (g.navigator?.userAgent === 'Cloudflare-Workers') return false;
  return typeof g.process?.versions?.node === 'string';
}

let forced: CryptoBackendName | undefined;
let selected: Promise<CryptoBackend> | undefined;

async function load(name: CryptoBackendName): Promise<CryptoBackend> {
  return name === 'web' ? createWebBackend() : createNodeBackend();
}

async function select(): Promise<CryptoBackend> {
  if (forced !== undefined) {
    try {
      return await load(forced);
    } catch (error) {
      if (error instanceof DataChannelError) throw error;
      throw new DataChannelError('UNSUPPORTED_RUNTIME', `the "${forced}" crypto backend is not available on this runtime`);
    }
  }
  if (isNodeRuntime()) {
    // Should node:crypto fail to load all the same (an unusual embedding), WebCrypto still works.
    try {
      return await load('node');
    } catch {
      return load('web');
    }
  }
  return load('web');
}

/** The backend in use: chosen on first use, then kept. */
export function cryptoBackend(): Promise<CryptoBackend> {
  return (selected ??= select());
}

/**
 * Chooses the crypto backend: 'node' (node:crypto), 'web' (WebCrypto) or 'auto' (node:crypto on
 * Node, WebCrypto elsewhere; the default). Meant for tests and diagnostics: keys loaded before
 * the switch keep the backend that loaded them.
 */
export function useCryptoBackend(name: CryptoBackendName | 'auto'): void {
  if (name !== 'node' && name !== 'web' && name !== 'auto') throw new TypeError('useCryptoBackend takes "node", "web" or "auto"');
  forced = name === 'auto' ? undefined : name;
  selected = undefined;
}

/** Which backend the data channel uses on this runtime: 'node' or 'web'. */
export async function activeCryptoBackend(): Promise<CryptoBackendName> {
  return (await cryptoBackend()).name;
}
