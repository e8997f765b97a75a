// The business key files `waflow keys upload` and `waflow check` read: a public key (SPKI or PKCS#1
// PEM), or a private key whose public half is derived. Keys are normalised to SPKI, so two keys
// compare by their DER, and are shown by a short sha-256 fingerprint of that DER (the prefix of
// `openssl pkey -pubin -in public.pem -outform DER | sha256sum`). Errors name the file, never a
// key or a passphrase. Node only, as the CLI is: node:crypto derives the public key.
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { DataChannelError, loadPrivateKey } from '../../data-channel/index.js';

/** A public key as the platform holds it, and how people tell keys apart. */
export interface PublicKeyInfo {
  /** SPKI PEM: what is uploaded. */
  readonly pem: string;
  /** sha-256 of the SPKI DER, hex. */
  readonly sha256: string;
  /** `sha256:` and the first 16 hex digits of the sha-256: short enough to compare by eye. */
  readonly fingerprint: string;
  readonly modulusLength: number;
}

/** A key file that cannot be used; the message names the file and what to do. */
export class KeyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyFileError';
  }
}

function describe(object: KeyObject): PublicKeyInfo {
  const der = object.export({ type: 'spki', format: 'der' });
  const sha256 = createHash('sha256').update(der).digest('hex');
  return {
    pem: object.export({ type: 'spki', format: 'pem' }).toString(),
    sha256,
    fingerprint: `sha256:${sha256.slice(0, 16)}`,
    modulusLength: object.asymmetricKeyDetails?.modulusLength ?? 0,
  };
}

/** A public key PEM (SPKI or PKCS#1); `shown` names where it came from, for the message. */
export function describePublicKey(pem: string, shown: string): PublicKeyInfo {
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    throw new KeyFileError(`${shown} is a private key; pass it with --private-key (its public key is derived from it), or give the public key file`);
  }
  if (!/-----BEGIN (RSA )?PUBLIC KEY-----/.test(pem)) throw new KeyFileError(`${shown} is not a PEM public key (no "-----BEGIN PUBLIC KEY-----" line)`);
  let object: KeyObject;
  try {
    object = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw new KeyFileError(`${shown} holds a public key PEM that cannot be read`);
  }
  if (object.asymmetricKeyType !== 'rsa') throw new KeyFileError(`${shown} is not an RSA key; WhatsApp Flows needs a 2048-bit RSA key (\`waflow keys generate\`)`);
  return describe(object);
}

/** The public half of a private key PEM, opened with its passphrase when it has one. */
export async function derivePublicKey(pem: string, passphrase: string | undefined, shown: string): Promise<PublicKeyInfo> {
  try {
    // The data channel's loader gives the clear errors (passphrase missing or wrong, not RSA, too small).
    await loadPrivateKey(pem, passphrase);
  } catch (error) {
    if (error instanceof DataChannelError) {
      throw new KeyFileError(error.code === 'PASSPHRASE_REQUIRED' ? `${shown} is passphrase-protected: name the variable holding its passphrase with --passphrase-env VAR` : `${shown}: ${error.message}`);
    }
    throw new KeyFileError(`${shown} holds a private key that cannot be read`);
  }
  try {
    const encrypted = passphrase !== undefined && passphrase !== '';
    return describe(createPublicKey(createPrivateKey(encrypted ? { key: pem, format: 'pem', passphrase } : { key: pem, format: 'pem' })));
  } catch {
    throw new KeyFileError(`${shown} holds a private key that cannot be read`);
  }
}

/** The text of a key file, with a message naming the file when it cannot be read. */
export async function readKeyFile(path: string, shown: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new KeyFileError(code === 'ENOENT' ? `${shown} does not exist` : `cannot read ${shown}`);
  }
}

/** A path as people typed it: relative to the working folder when inside it. */
export function shownPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') ? rel : path;
}

/**
 * The public key file used when none is named: `public.pem` in the working folder (where
 * `waflow keys generate` writes it), else `keys/public.pem` of the project (the starter's
 * `waflow keys generate --out keys`).
 */
export async function defaultPublicKeyFile(cwd: string, projectDir: string): Promise<string> {
  const candidates = [...new Set([resolve(cwd, 'public.pem'), join(projectDir, 'keys', 'public.pem')])];
  for (const candidate of candidates) {
    if (await stat(candidate).then((s) => s.isFile(), () => false)) return candidate;
  }
  const shown = candidates.map((c) => shownPath(cwd, c));
  throw new KeyFileError(
    `no public key file: ${shown.length === 1 ? `${shown[0] ?? ''} does not exist` : `neither ${shown.join(' nor ')} exists`}. Run \`waflow keys generate\` (it writes public.pem and private.pem here), or pass --public-key FILE, or --private-key FILE to derive it`,
  );
}
