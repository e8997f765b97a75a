import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeUnstorable, findTooDeep, findUnstorable, isContentRejection, MAX_EVENT_DEPTH, printable, storableJson } from './storable.js';

describe('findUnstorable', () => {
  it('accepts well-formed text, surrogate pairs and U+FFFD included', () => {
    expect(findUnstorable({ a: ['ok', 'emoji \ud83d\ude00', '\ufffd', '\uffff', 1, null, true], 'ключ': 'значение' })).toBeUndefined();
  });

  it('finds NUL and unpaired surrogates in values and in property names, and says where', () => {
    expect(findUnstorable({ response: { comment: 'a\u0000b' } })).toEqual({ code: 'NUL_CHARACTER', path: ['response', 'comment'], index: 1 });
    expect(findUnstorable({ list: ['fine', 'x\ud83d'] })).toEqual({ code: 'LONE_SURROGATE', path: ['list', '1'], index: 1 });
    expect(findUnstorable({ r: { ['\ude00k']: 1 } })).toEqual({ code: 'LONE_SURROGATE', path: ['r', '\\ude00k'], index: 0, inKey: true });
    // A pair written the wrong way round is two unpaired halves.
    expect(findUnstorable('\ude00\ud83d')?.code).toBe('LONE_SURROGATE');
  });

  it('stops at the depth limit instead of recursing further', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const found = findUnstorable({ response: deep });
    expect(found?.code).toBe('TOO_DEEP');
    expect(found?.path).toHaveLength(MAX_EVENT_DEPTH);
  });

  it('describes the place without quoting the content', () => {
    const reason = describeUnstorable(findUnstorable({ response: { comment: 'my secret\u0000' } })!);
    expect(reason).toBe('a NUL character (U+0000) in /response/comment at code unit 9 of the value: PostgreSQL text cannot hold it');
    expect(reason).not.toContain('secret');
  });

  it('agrees with what JSON.stringify escapes (the jsonb parameter PostgreSQL would refuse)', () => {
    const unit = fc.oneof(fc.constantFrom('\u0000', '\ud800', '\udc00', '\ud83d\ude00', 'a'), fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)));
    fc.assert(fc.property(fc.array(unit, { maxLength: 8 }).map((u) => u.join('')), (text) => {
      const json = JSON.stringify(text);
      const refused = json.includes('\\u0000') || /\\ud[89a-f][0-9a-f]{2}/.test(json);
      expect(findUnstorable(text) !== undefined).toBe(refused);
    }), { numRuns: 2000 });
  });
});

describe('storableJson', () => {
  it('is valid text that JSON.parse turns back into the exact code units', () => {
    const value = { a: 'nul\u0000 lone\ud800 pair\ud83d\ude00', ['k\udfff']: ['\u0001'] };
    const text = storableJson(value);
    expect(findUnstorable(text)).toBeUndefined();
    expect(JSON.parse(text)).toEqual(value);
  });

  it('cuts nesting beyond the limit rather than overflowing the stack', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const text = storableJson({ deep }, 5);
    expect(text).toBe('{"deep":[[[["[nested deeper than 5 levels: not kept]"]]]]}');
  });
});

describe('findTooDeep (JSON text without a \\u escape)', () => {
  // Hostile characters written raw (not escaped) into JSON text, as any sender could: NUL and
  // control characters, lone and paired surrogates, quotes, backslashes, and `\u` sequences.
  const unit = fc.oneof(
    fc.constantFrom('\u0000', '\u001f', '\ud800', '\udfff', '\ud83d\ude00', '"', '\\', '\\u0000', '\\ud800', '\\\\u0041', 'é', 'a'),
    fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  );
  const raw = fc.array(unit, { maxLength: 6 }).map((u) => u.join(''));
  const decoder = new TextDecoder('utf-8', { fatal: true });

  it('agrees with findUnstorable on whatever UTF-8 JSON text without \\u parses to, nested response_json included', () => {
    fc.assert(fc.property(raw, raw, raw, fc.integer({ min: 1, max: 4 }), (a, b, c, max) => {
      // A sender's encoder writes a lone surrogate as U+FFFD; its bytes could not be decoded otherwise.
      const text = decoder.decode(new TextEncoder().encode(`{"k${a}":["${b}",{"response_json":"{\\"x\\":\\"${c}\\"}"}]}`));
      fc.pre(!text.includes('\\u'));
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return; // not JSON: the handler answers 400
      }
      const inner = ((parsed as Record<string, unknown[]>)[`k${a}`]?.[1] as { response_json?: string } | undefined)?.response_json;
      let nested: unknown;
      try {
        nested = inner === undefined ? undefined : JSON.parse(inner);
      } catch {
        nested = undefined;
      }
      const value = { parsed, nested };
      expect(findTooDeep(value, max)).toEqual(findUnstorable(value, max));
    }), { numRuns: 3000 });
  });

  it('still finds nesting beyond the limit', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 1000; i++) deep = [deep];
    expect(findTooDeep({ response: deep })?.code).toBe('TOO_DEEP');
  });

  it('would be wrong with an escape: NUL and lone halves reach a parsed string only through one', () => {
    expect(() => JSON.parse('{"a":"\u0000"}')).toThrow(); // raw control characters are not JSON
    expect(findTooDeep(JSON.parse('{"a":"\\u0000"}'))).toBeUndefined(); // hence the caller's check for \u
    expect(JSON.stringify({ response_json: JSON.stringify({ comment: 'x\u0000' }) })).toContain('\\u');
    expect(() => decoder.decode(new Uint8Array([0xed, 0xa0, 0x80]))).toThrow(); // UTF-8 cannot hold a surrogate
  });
});

describe('printable', () => {
  it('leaves ordinary ids alone and escapes what a log line or a text column cannot hold', () => {
    expect(printable('wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTdFRjNGQzU5')).toBe('wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTdFRjNGQzU5');
    expect(printable('a\u0000b\ud800c\nd')).toBe('a\\u0000b\\ud800c\\u000ad');
    expect(printable('x'.repeat(300), 10)).toBe(`${'x'.repeat(10)}…`);
    // Never cut inside a surrogate pair (that would make a lone surrogate).
    expect(printable(`${'x'.repeat(9)}\ud83d\ude00`, 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('isContentRejection', () => {
  it('is true for SQLSTATE classes 22 and 54 only', () => {
    for (const code of ['22021', '22P05', '22P02', '54000']) expect(isContentRejection({ code })).toBe(true);
    for (const code of ['23505', '40001', '08006', '57P01', 'ECONNREFUSED', undefined]) expect(isContentRejection({ code })).toBe(false);
    expect(isContentRejection(new Error('x'))).toBe(false);
    expect(isContentRejection(null)).toBe(false);
  });
});
