import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64Strict, encodeBase64 } from './base64.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';

describe('decodeBase64Strict', () => {
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
