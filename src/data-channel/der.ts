// The few DER structures of RSA keys that WebCrypto needs us to handle ourselves: it imports only
// PKCS#8 private keys and SPKI public keys, while `openssl genrsa` and our generateKeyPair write
// PKCS#1 ("RSA PRIVATE KEY"). A reader for what we must inspect (the algorithm OID, the modulus
// and exponent) and a writer for the two wrappers; nothing else of ASN.1.
import { concatBytes } from './bytes.js';

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const BIT_STRING = 0x03;
const OCTET_STRING = 0x04;
const NULL = 0x05;
const OID = 0x06;

/** One element: its tag and where its contents start and end in the input. */
interface Element {
  tag: number;
  start: number;
  end: number;
}

/** Thrown for any malformed input; callers turn it into their own error with a safe message. */
export class DerError extends Error {
  constructor() {
    super('malformed DER');
    this.name = 'DerError';
  }
}

function readElement(der: Uint8Array, offset: number, limit: number): Element {
  if (offset + 2 > limit) throw new DerError();
  const tag = der[offset]!;
  let length = der[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    // Definite lengths of 1 to 4 bytes cover every key up to 4 GB; 0x80 (indefinite) is BER only.
    if (count === 0 || count > 4 || start + count > limit) throw new DerError();
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + der[start + i]!;
    start += count;
  }
  const end = start + length;
  if (end > limit) throw new DerError();
  return { tag, start, end };
}

/** The elements inside a constructed element (or the whole input), each checked for its tag. */
function children(der: Uint8Array, parent: Element, tags: number[]): Element[] {
  const out: Element[] = [];
  let offset = parent.start;
  while (offset < parent.end) {
    const element = readElement(der, offset, parent.end);
    out.push(element);
    offset = element.end;
  }
  if (out.length < tags.length) throw new DerError();
  tags.forEach((tag, i) => {
    if (out[i]!.tag !== tag) throw new DerError();
  });
  return out;
}

function top(der: Uint8Array): Element {
  const element = readElement(der, 0, der.length);
  if (element.tag !== SEQUENCE || element.end !== der.length) throw new DerError();
  return element;
}

const contents = (der: Uint8Array, element: Element): Uint8Array => der.subarray(element.start, element.end);

function encode(tag: number, body: Uint8Array): Uint8Array {
  const n = body.length;
  let header: number[];
  if (n < 0x80) header = [tag, n];
  else if (n < 0x100) header = [tag, 0x81, n];
  else if (n < 0x10000) header = [tag, 0x82, n >> 8, n & 0xff];
  else header = [tag, 0x83, n >> 16, (n >> 8) & 0xff, n & 0xff];
  return concatBytes(Uint8Array.from(header), body);
}

// 1.2.840.113549.1.1.1 rsaEncryption, and the others a wrong key is likely to be.
const RSA_OID = Uint8Array.of(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01);
const KNOWN_OIDS: [string, string][] = [
  ['2a864886f70d010101', 'rsa'],
  ['2a864886f70d01010a', 'rsa-pss'],
  ['2a8648ce3d0201', 'ec'],
  ['2a8648ce380401', 'dsa'],
  ['2b6570', 'ed25519'],
  ['2b6571', 'ed448'],
  ['2b656e', 'x25519'],
  ['2b656f', 'x448'],
];

function keyType(oid: Uint8Array): string {
  const hex = Array.from(oid, (b) => b.toString(16).padStart(2, '0')).join('');
  return KNOWN_OIDS.find(([known]) => known === hex)?.[1] ?? 'unknown';
}

/** AlgorithmIdentifier { rsaEncryption, NULL }, as OpenSSL writes it. */
const RSA_ALGORITHM = encode(SEQUENCE, concatBytes(encode(OID, RSA_OID), Uint8Array.of(NULL, 0)));

/** Significant bits of a DER INTEGER's contents (a positive one; leading zero bytes ignored). */
function bitLength(integer: Uint8Array): number {
  let i = 0;
  while (i < integer.length && integer[i] === 0) i++;
  if (i === integer.length) return 0;
  return (integer.length - i - 1) * 8 + (32 - Math.clz32(integer[i]!));
}

export interface RsaParts {
  /** DER INTEGER contents, as found. */
  modulus: Uint8Array;
  publicExponent: Uint8Array;
  modulusLength: number;
}

/** PKCS#1 RSAPrivateKey: version, n, e, d, p, q, dP, dQ, qInv. */
export function readRsaPrivateKey(pkcs1: Uint8Array): RsaParts {
  const parts = children(pkcs1, top(pkcs1), Array<number>(9).fill(INTEGER));
  const modulus = contents(pkcs1, parts[1]!);
  return { modulus, publicExponent: contents(pkcs1, parts[2]!), modulusLength: bitLength(modulus) };
}

/** PKCS#1 RSAPublicKey: n, e. */
export function readRsaPublicKey(pkcs1: Uint8Array): RsaParts {
  const parts = children(pkcs1, top(pkcs1), [INTEGER, INTEGER]);
  const modulus = contents(pkcs1, parts[0]!);
  return { modulus, publicExponent: contents(pkcs1, parts[1]!), modulusLength: bitLength(modulus) };
}

/** PKCS#8 PrivateKeyInfo → the key type its algorithm names, and the inner key. */
export function readPkcs8(der: Uint8Array): { type: string; key: Uint8Array } {
  const [, algorithm, key] = children(der, top(der), [INTEGER, SEQUENCE, OCTET_STRING]);
  const [oid] = children(der, algorithm!, [OID]);
  return { type: keyType(contents(der, oid!)), key: contents(der, key!) };
}

/** SubjectPublicKeyInfo → the key type, and the inner key (the BIT STRING without its pad byte). */
export function readSpki(der: Uint8Array): { type: string; key: Uint8Array } {
  const [algorithm, bits] = children(der, top(der), [SEQUENCE, BIT_STRING]);
  const [oid] = children(der, algorithm!, [OID]);
  if (bits!.end === bits!.start || der[bits!.start] !== 0) throw new DerError();
  return { type: keyType(contents(der, oid!)), key: der.subarray(bits!.start + 1, bits!.end) };
}

/** PKCS#1 RSAPrivateKey → PKCS#8 PrivateKeyInfo (version 0, rsaEncryption). */
export function pkcs8FromPkcs1(pkcs1: Uint8Array): Uint8Array {
  return encode(SEQUENCE, concatBytes(Uint8Array.of(INTEGER, 1, 0), RSA_ALGORITHM, encode(OCTET_STRING, pkcs1)));
}

/** PKCS#1 RSAPublicKey → SubjectPublicKeyInfo (rsaEncryption). */
export function spkiFromPkcs1(pkcs1: Uint8Array): Uint8Array {
  return encode(SEQUENCE, concatBytes(RSA_ALGORITHM, encode(BIT_STRING, concatBytes(Uint8Array.of(0), pkcs1))));
}

/** The public half of a private key, as SPKI: n and e re-wrapped, for the load-time self-test. */
export function spkiFromParts(parts: RsaParts): Uint8Array {
  return spkiFromPkcs1(encode(SEQUENCE, concatBytes(encode(INTEGER, parts.modulus), encode(INTEGER, parts.publicExponent))));
}
