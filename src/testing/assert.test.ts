import { describe, expect, it } from 'vitest';
import { partialMismatch } from './assert.js';

describe('partialMismatch', () => {
  it('ignores extra keys and reports the first differing path', () => {
    expect(partialMismatch({ a: 1, b: { c: 'x', d: 2 } }, { b: { c: 'x' } })).toBeUndefined();
    expect(partialMismatch({ a: 1, b: { c: 'x' } }, { b: { c: 'y' } })).toBe('b.c: expected "y", got "x"');
    expect(partialMismatch({ a: 1 }, { z: null })).toBe('z: missing (expected null)');
  });

  it('matches arrays by length and element', () => {
    expect(partialMismatch({ l: [{ id: 1, t: 'a' }] }, { l: [{ id: 1 }] })).toBeUndefined();
    expect(partialMismatch({ l: [1, 2] }, { l: [1] })).toBe('l: expected 1 items, got 2');
    expect(partialMismatch({ l: 'x' }, { l: [] })).toBe('l: expected an array, got "x"');
    expect(partialMismatch({ l: [1, 3] }, { l: [1, 2] })).toBe('l[1]: expected 2, got 3');
  });

  it('does not coerce types', () => {
    expect(partialMismatch({ n: '1' }, { n: 1 })).toBe('n: expected 1, got "1"');
    expect(partialMismatch(null, { n: 1 })).toBe('(root): expected an object, got null');
  });
});
