import { describe, expect, it } from 'vitest';
import { offsetOf, positionOf } from './position.js';

const TEXT = '{\n  "version": "7.3",\n  "screens": []\n}';

describe('editor positions', () => {
  it('maps a 1-based line and column to an offset and back', () => {
    const offset = offsetOf(TEXT, 2, 3);
    expect(TEXT.slice(offset, offset + 9)).toBe('"version"');
    expect(positionOf(TEXT, offset)).toEqual({ line: 2, column: 3 });
  });

  it('clamps columns past the end of a line and lines past the end of the text', () => {
    expect(offsetOf(TEXT, 1, 99)).toBe(1);
    expect(offsetOf(TEXT, 40, 1)).toBe(TEXT.length);
  });
});
