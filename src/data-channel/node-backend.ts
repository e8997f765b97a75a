// The node:crypto backend: what the data channel always used on Node, unchanged in substance.
// Every call inside is synchronous (one RSA decryption, two AES-GCM contexts); only the interface
// is async. node:crypto is imported dynamically, so this module loads on runtimes without it.
import type * as NodeCrypto from 'node:crypto';
import { TAG_BYTES } from './aes-gcm.js';
import type { CryptoBackend, PrivateKeyInput, PublicKeyLabel, RsaPrivateKey, RsaPublicKey } from './crypto-backend.js';
import { DataChannelError } from './errors.js';
import { checkRsaKey, selfTest } from './key-rules.js';

// The specifier is a variable so that bundlers targeting workerd or browsers (esbuild, wrangler,
// Vite, webpack) leave it alone instead of failing to resolve a module they will never need: it
// is reached only after the runtime check in crypto-backend.ts.
const NODE_CRYPTO = 'node:crypto';

let nodeCrypto: Promise<typeof NodeCrypto> | undefined;

/** node:crypto, loaded once; rejects on runtimes that have none. */
export function importNodeCrypto(): Promise<typeof NodeCrypto> {
  return (nodeCrypto ??= import(/* @vite-ignore */ /* webpackIgnore: true */ NODE_CRYPTO) as Promise<typeof NodeCrypto>);
}

export async function createNodeBackend(): Promise<CryptoBackend> {
  const crypto = await importNodeCrypto();
  const { constants, createCipheriv, createDecipheriv, createHmac, createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt } = crypto;
  // OAEP with SHA-256; node uses the same hash for MGF1, as Flows requires.
  const OAEP = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' } as const;

  const toPublic = (object: NodeCrypto.KeyObject): RsaPublicKey => ({
    modulusLength: object.asymmetricKeyDetails?.modulusLength ?? 0,
    wrap: async (plaintext) => publicEncrypt({ key: object, ...OAEP }, plaintext),
  });

  function rsaBits(object: NodeCrypto.KeyObject, what: string): number {
    return checkRsaKey(object.asymmetricKeyType ?? 'unknown', object.asymmetricKeyDetails?.modulusLength ?? 0, what);
  }

  return {
    name: 'node',

    async importPrivateKey({ pem, encrypted, passphrase }: PrivateKeyInput): Promise<RsaPrivateKey> {
      let object: NodeCrypto.KeyObject;
      try {
        object = createPrivateKey(encrypted ? { key: pem, format: 'pem', passphrase } : { key: pem, format: 'pem' });
      } catch {
        // A wrong passphrase yields either a bad-decrypt error or (when the padding happens to
        // check out) garbage that fails to parse; both mean the passphrase is wrong.
        if (encrypted) throw new DataChannelError('PASSPHRASE_WRONG', 'the passphrase does not open this private key');
        throw new DataChannelError('KEY_INVALID', 'the private key PEM could not be parsed');
      }
      const modulusLength = rsaBits(object, 'the private key');
      const key: RsaPrivateKey = {
        modulusLength,
        async unwrap(wrapped) {
          try {
            return privateDecrypt({ key: object, ...OAEP }, wrapped);
          } catch {
            return undefined;
          }
        },
      };
      let publicKey: RsaPublicKey;
      try {
        publicKey = toPublic(createPublicKey(object));
      } catch {
        throw new DataChannelError('KEY_INVALID', 'the private key PEM could not be parsed');
      }
      await selfTest(key, publicKey);
      return key;
    },

    async importPublicKey(pem: string, _label: PublicKeyLabel): Promise<RsaPublicKey> {
      let object: NodeCrypto.KeyObject;
      try {
        object = createPublicKey({ key: pem, format: 'pem' });
      } catch {
        throw new DataChannelError('KEY_INVALID', 'the public key PEM could not be parsed');
      }
      rsaBits(object, 'the public key');
      return toPublic(object);
    },

    async gcmSeal(key, iv, plaintext) {
      const cipher = createCipheriv('aes-128-gcm', key, iv, { authTagLength: TAG_BYTES });
      const head = cipher.update(plaintext);
      const tail = cipher.final();
      const tag = cipher.getAuthTag();
      const out = new Uint8Array(head.length + tail.length + tag.length);
      out.set(head, 0);
      out.set(tail, head.length);
      out.set(tag, head.length + tail.length);
      return out;
    },

    async gcmOpen(key, iv, sealed) {
      if (sealed.length < TAG_BYTES) return undefined;
      try {
        const decipher = createDecipheriv('aes-128-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
        const head = decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES));
        const tail = decipher.final();
        if (tail.length === 0) return head;
        const out = new Uint8Array(head.length + tail.length);
        out.set(head, 0);
        out.set(tail, head.length);
        return out;
      } catch {
        return undefined;
      }
    },

    async hmacSha256(secret, message) {
      return createHmac('sha256', secret).update(message).digest();
    },
  };
}
