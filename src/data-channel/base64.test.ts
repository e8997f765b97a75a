import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBase64Strict, decodeBase64UrlStrict, encodeBase64, encodeBase64Url, pureBase64, useBase64Codec } from './base64.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';

// Buffer on Node, Bun and Deno; the pure codec on workerd and in browsers.
describe.each(['auto', 'pure'] as const)('decodeBase64Strict with the %s codec', (codec) => {
  beforeAll(() => useBase64Codec(codec));
  afterAll(() => useBase64Codec('auto'));

  it('round-trips any bytes, padded or not', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = encodeBase64(bytes);
        expect(Buffer.from(decodeBase64Strict(text)!)).toEqual(Buffer.from(bytes));
        expect(Buffer.from(decodeBase64Strict(text.replace(/=+$/, ''))!)).toEqual(Buffer.from(bytes));
      }),
    );
  });

  it('accepts exactly the canonical encodings (with or without padding)', () => {
    const text = fc.string({ unit: fc.constantFrom(...ALPHABET), maxLength: 12 });
    fc.assert(
      fc.property(text, (s) => {
        const decoded = decodeBase64Strict(s);
        const canonical = decoded === undefined ? undefined : encodeBase64(decoded);
        if (decoded !== undefined) expect([canonical, canonical!.replace(/=+$/, '')]).toContain(s);
        // And every canonical form of what Node would decode is accepted.
        const loose = Buffer.from(s, 'base64').toString('base64');
        expect(decodeBase64Strict(loose)).toBeDefined();
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects stray characters, non-zero trailing bits and wrong padding', () => {
    for (const bad of ['QQ=A', 'QR==', 'QUF=', 'QUJ', 'Q', 'QQ===', 'QQ=', 'QUJD=', 'QU JD', 'QUJD\n', '-_-_']) {
      expect(decodeBase64Strict(bad), bad).toBeUndefined();
    }
    expect(Buffer.from(decodeBase64Strict('QUI=')!).toString()).toBe('AB');
    expect(Buffer.from(decodeBase64Strict('QUI')!).toString()).toBe('AB');
    expect(decodeBase64Strict('')).toEqual(new Uint8Array(0));
  });
});

describe('the pure codec', () => {
  it('encodes and decodes exactly as Buffer does, for every length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64');
        expect(pureBase64.encode(bytes)).toBe(text);
        expect(Buffer.from(pureBase64.decode(text))).toEqual(Buffer.from(bytes));
        expect(Buffer.from(pureBase64.decode(text.replace(/=+$/, '')))).toEqual(Buffer.from(bytes));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('base64url (JWS parts)', () => {
  it('round-trips and matches Buffer, unpadded', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = encodeBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(Buffer.from(decodeBase64UrlStrict(text)!)).toEqual(Buffer.from(bytes));
      }),
    );
  });

  it('refuses the standard alphabet, padding and non-canonical trailing bits', () => {
    for (const bad of ['a+b/', 'QUI=', 'QR', 'Q', 'QU I']) expect(decodeBase64UrlStrict(bad), bad).toBeUndefined();
    expect(Buffer.from(decodeBase64UrlStrict('-_8')!).toString('hex')).toBe('fbff');
  });
});
