// The WebCrypto backend (crypto.subtle): Bun, Deno, workerd and browsers, or Node when forced.
// WebCrypto imports RSA keys only as PKCS#8 or SPKI DER, so PEM is decoded here and PKCS#1
// keys are re-wrapped (der.ts). It cannot open a passphrase-protected PEM at all.
import { TAG_BYTES } from './aes-gcm.js';
import type { CryptoBackend, PrivateKeyInput, PublicKeyLabel, RsaPrivateKey, RsaPublicKey } from './crypto-backend.js';
import { utf8 } from './bytes.js';
import { DerError, pkcs8FromPkcs1, readPkcs8, readRsaPrivateKey, readRsaPublicKey, readSpki, spkiFromParts, spkiFromPkcs1 } from './der.js';
import type { RsaParts } from './der.js';
import { DataChannelError } from './errors.js';
import { checkRsaKey, encryptedKeyUnsupported, selfTest } from './key-rules.js';
import { pemToDer } from './pem.js';

const RSA_OAEP = { name: 'RSA-OAEP', hash: 'SHA-256' } as const;

// TypeScript's DOM types want ArrayBuffer-backed views; ours always are (never shared memory).
const view = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => bytes as Uint8Array<ArrayBuffer>;

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (s === undefined) throw new DataChannelError('UNSUPPORTED_RUNTIME', 'this runtime has neither node:crypto nor WebCrypto (crypto.subtle)');
  return s;
}

/** Runs a DER step, turning any parse failure into KEY_INVALID with our own wording. */
function parse<T>(what: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof DataChannelError) throw error;
    if (error instanceof DerError || error instanceof RangeError) throw new DataChannelError('KEY_INVALID', `${what} PEM could not be parsed`);
    throw error;
  }
}

async function rsaPublicKey(spki: Uint8Array, modulusLength: number, what: string): Promise<RsaPublicKey> {
  let key: CryptoKey;
  try {
    key = await subtle().importKey('spki', view(spki), RSA_OAEP, false, ['encrypt']);
  } catch {
    throw new DataChannelError('KEY_INVALID', `${what} PEM could not be parsed`);
  }
  return {
    modulusLength,
    wrap: async (plaintext) => new Uint8Array(await subtle().encrypt({ name: 'RSA-OAEP' }, key, view(plaintext))),
  };
}

/** The DER of a private key as PKCS#8 and its RSA parts, whichever of the two labels it had. */
function privateDer(input: PrivateKeyInput): { pkcs8: Uint8Array; parts: RsaParts } {
  const what = 'the private key';
  const der = pemToDer(input.pem, input.label);
  if (der === undefined) throw new DataChannelError('KEY_INVALID', `${what} PEM could not be parsed`);
  return parse(what, () => {
    if (input.label === 'RSA PRIVATE KEY') return { pkcs8: pkcs8FromPkcs1(der), parts: readRsaPrivateKey(der) };
    const { type, key } = readPkcs8(der);
    if (type !== 'rsa') checkRsaKey(type, 0, what);
    return { pkcs8: der, parts: readRsaPrivateKey(key) };
  });
}

// The app secret is the same on every request: keep its imported HMAC key for the next one.
let lastHmac: { secret: string; key: Promise<CryptoKey> } | undefined;

function hmacKey(secret: string): Promise<CryptoKey> {
  if (lastHmac?.secret !== secret) {
    const key = subtle().importKey('raw', view(utf8(secret)), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    lastHmac = { secret, key };
    key.catch(() => {
      if (lastHmac?.key === key) lastHmac = undefined;
    });
  }
  return lastHmac.key;
}

const aesKey = (key: Uint8Array, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> =>
  subtle().importKey('raw', view(key), { name: 'AES-GCM' }, false, [usage]);

export function createWebBackend(): CryptoBackend {
  subtle();
  return {
    name: 'web',

    async importPrivateKey(input: PrivateKeyInput): Promise<RsaPrivateKey> {
      if (input.encrypted) throw encryptedKeyUnsupported();
      const { pkcs8, parts } = privateDer(input);
      const modulusLength = checkRsaKey('rsa', parts.modulusLength, 'the private key');
      let cryptoKey: CryptoKey;
      try {
        cryptoKey = await subtle().importKey('pkcs8', view(pkcs8), RSA_OAEP, false, ['decrypt']);
      } catch {
        throw new DataChannelError('KEY_INVALID', 'the private key PEM could not be parsed');
      }
      const key: RsaPrivateKey = {
        modulusLength,
        async unwrap(wrapped) {
          try {
            return new Uint8Array(await subtle().decrypt({ name: 'RSA-OAEP' }, cryptoKey, view(wrapped)));
          } catch {
            return undefined;
          }
        },
      };
      // WebCrypto cannot derive the public key from a private one: build it from n and e.
      await selfTest(key, await rsaPublicKey(parse('the private key', () => spkiFromParts(parts)), modulusLength, 'the private key'));
      return key;
    },

    async importPublicKey(pem: string, label: PublicKeyLabel): Promise<RsaPublicKey> {
      const what = 'the public key';
      const der = pemToDer(pem, label);
      if (der === undefined) throw new DataChannelError('KEY_INVALID', `${what} PEM could not be parsed`);
      const { spki, parts } = parse(what, () => {
        if (label === 'RSA PUBLIC KEY') return { spki: spkiFromPkcs1(der), parts: readRsaPublicKey(der) };
        const { type, key } = readSpki(der);
        if (type !== 'rsa') checkRsaKey(type, 0, what);
        return { spki: der, parts: readRsaPublicKey(key) };
      });
      return rsaPublicKey(spki, checkRsaKey('rsa', parts.modulusLength, what), what);
    },

    async gcmSeal(key, iv, plaintext) {
      const sealed = await subtle().encrypt({ name: 'AES-GCM', iv: view(iv), tagLength: TAG_BYTES * 8 }, await aesKey(key, 'encrypt'), view(plaintext));
      return new Uint8Array(sealed);
    },

    async gcmOpen(key, iv, sealed) {
      if (sealed.length < TAG_BYTES) return undefined;
      const cryptoKey = await aesKey(key, 'decrypt');
      try {
        return new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv: view(iv), tagLength: TAG_BYTES * 8 }, cryptoKey, view(sealed)));
      } catch {
        return undefined;
      }
    },

    async hmacSha256(secret, message) {
      const data = typeof message === 'string' ? utf8(message) : message;
      return new Uint8Array(await subtle().sign('HMAC', await hmacKey(secret), view(data)));
    },
  };
}
