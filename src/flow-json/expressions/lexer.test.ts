import { describe, expect, it } from 'vitest';
import { lexReference, tokenize } from './lexer.js';

describe('tokenize', () => {
  it('splits numbers, text, booleans, references, operators and parentheses with spans', () => {
    const r = tokenize("(${data.a} >= 1.25) && !false || 'x y' != 'z'");
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.map((t) => [t.type, 'value' in t ? t.value : undefined, t.start, t.end])).toEqual([
      ['(', undefined, 0, 1],
      ['reference', undefined, 1, 10],
      ['operator', '>=', 11, 13],
      ['number', 1.25, 14, 18],
      [')', undefined, 18, 19],
      ['operator', '&&', 20, 22],
      ['operator', '!', 23, 24],
      ['boolean', false, 24, 29],
      ['operator', '||', 30, 32],
      ['string', 'x y', 33, 38],
      ['operator', '!=', 39, 41],
      ['string', 'z', 42, 45],
      ['end', undefined, 45, 45],
    ]);
  });

  it('lexes only the requested slice', () => {
    const r = tokenize('`1 + 2`', 1, 6);
    expect(r.ok && r.value.map((t) => t.type)).toEqual(['number', 'operator', 'number', 'end']);
  });

  it('reports a string left open at its opening quote', () => {
    expect(tokenize("1 + 'abc")).toEqual({ ok: false, error: { message: expect.stringMatching(/unterminated string/), offset: 4, end: 8 } });
  });
});

describe('lexReference', () => {
  it('stops at the closing brace and records segment spans', () => {
    const r = lexReference('x ${form.a.b} y', 2);
    expect(r.ok && r.value).toMatchObject({ scope: 'form', start: 2, end: 13, path: [{ key: 'a', start: 9, end: 10 }, { key: 'b', start: 11, end: 12 }] });
  });

  it('does not read past the end it is given', () => {
    const r = lexReference('${data.a}', 0, 5);
    expect(r.ok).toBe(false);
  });
});
