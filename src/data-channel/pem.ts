// PEM text → DER bytes, for the WebCrypto backend (node:crypto reads PEM itself).
import { decodeBase64Strict } from './base64.js';

const PEM_LABEL = /-----BEGIN ([A-Z0-9 ]+)-----/;

/** The label of the first PEM block ("RSA PRIVATE KEY", "PUBLIC KEY", ...), if any. */
export function pemLabelOf(pem: string): string | undefined {
  return PEM_LABEL.exec(pem)?.[1];
}

/** The legacy OpenSSL encryption header of a PKCS#1 PEM (`openssl genrsa -des3 -traditional`). */
export function hasEncryptionHeader(pem: string): boolean {
  return /^Proc-Type:\s*4,\s*ENCRYPTED/m.test(pem);
}

/**
 * The DER body of the block labelled `label`, or undefined when it is missing or not base64.
 * Header lines ("Name: value") are skipped; whitespace and line breaks between base64 lines are not
 * significant.
 */
export function pemToDer(pem: string, label: string): Uint8Array | undefined {
  const begin = `-----BEGIN ${label}-----`;
  const end = `-----END ${label}-----`;
  const from = pem.indexOf(begin);
  const to = pem.indexOf(end, from + begin.length);
  if (from === -1 || to === -1) return undefined;
  const body = pem
    .slice(from + begin.length, to)
    .split(/\r?\n/)
    .filter((line) => !line.includes(':'))
    .join('')
    .replace(/\s+/g, '');
  if (body.length === 0) return undefined;
  return decodeBase64Strict(body);
}
