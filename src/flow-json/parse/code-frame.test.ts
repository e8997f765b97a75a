import { describe, expect, it } from 'vitest';
import type { Range } from '../diagnostics.js';
import { formatCodeFrame } from './code-frame.js';
import { parseJson } from './parse-json.js';

const range = (line: number, column: number, endLine: number, endColumn: number): Range => ({
  start: { line, column },
  end: { line: endLine, column: endColumn },
});

describe('formatCodeFrame', () => {
  const text = ['{', '  "version": "2.1",', '  "screens": [', '    {"id": 7}', '  ]', '}'].join('\n');

  it('prints the context lines, a gutter and a caret-tilde underline under the range', () => {
    expect(formatCodeFrame(text, range(4, 12, 4, 13))).toBe(
      [
        '  2 |   "version": "2.1",',
        '  3 |   "screens": [',
        '> 4 |     {"id": 7}',
        '    |            ^',
        '  5 |   ]',
        '  6 | }',
        '',
      ].join('\n'),
    );
    expect(formatCodeFrame(text, range(2, 3, 2, 12), { contextLines: 0 })).toBe(
      '> 2 |   "version": "2.1",\n    |   ^~~~~~~~~\n',
    );
  });

  it('clips the context at the start and end of the text and widens the gutter for long numbers', () => {
    const many = Array.from({ length: 12 }, (_, i) => `line${i + 1}`).join('\r\n');
    expect(formatCodeFrame(many, range(1, 1, 1, 6), { contextLines: 1 })).toBe('> 1 | line1\n    | ^~~~~\n  2 | line2\n');
    expect(formatCodeFrame(many, range(10, 5, 10, 6), { contextLines: 2 }).split('\n')).toEqual([
      '   8 | line8', '   9 | line9', '> 10 | line10', '     |     ^', '  11 | line11', '  12 | line12', '',
    ]);
  });

  it('keeps tabs in the underline so the caret lines up under tab-indented text', () => {
    const frame = formatCodeFrame('{\n\t\t"a": tru\n}', range(2, 8, 2, 11), { contextLines: 0 });
    expect(frame).toBe('> 2 | \t\t"a": tru\n    | \t\t     ^~~\n');
  });

  it('counts a surrogate pair as one character before and inside the underline', () => {
    const frame = formatCodeFrame('["😀", x]', range(1, 2, 1, 6), { contextLines: 0 });
    expect(frame).toBe('> 1 | ["😀", x]\n    |  ^~~\n');
    const after = formatCodeFrame('["😀", x]', range(1, 8, 1, 9), { contextLines: 0 });
    expect(after).toBe('> 1 | ["😀", x]\n    |       ^\n');
  });

  it('underlines a multi-line range on its first line up to the line end', () => {
    const frame = formatCodeFrame(text, range(3, 14, 5, 4), { contextLines: 0 });
    expect(frame).toBe('> 3 |   "screens": [\n    |              ^\n');
    const object = formatCodeFrame('{"a": {\n  "b": 1}}', range(1, 7, 2, 10), { contextLines: 0 });
    expect(object).toBe('> 1 | {"a": {\n    |       ^\n');
  });

  it('draws a single caret for an empty range, including one past the last character', () => {
    expect(formatCodeFrame('{"a": ', range(1, 7, 1, 7), { contextLines: 0 })).toBe('> 1 | {"a": \n    |       ^\n');
  });

  it('colours the marker and underline only when asked', () => {
    const plain = formatCodeFrame(text, range(2, 3, 2, 12));
    expect(plain).not.toContain('\u001b[');
    const coloured = formatCodeFrame(text, range(2, 3, 2, 12), { color: true });
    expect(coloured).toContain('\u001b[31;1m^~~~~~~~~\u001b[0m');
    expect(coloured.split(/\[[0-9;]*m/).join('').split('\u001b').join('')).toBe(plain);
  });

  it('cuts very long lines to a window around the range', () => {
    const long = `[${'1,'.repeat(300)}x]`;
    const frame = formatCodeFrame(long, range(1, 602, 1, 603), { contextLines: 0, maxLineLength: 80 });
    const [code, underline] = frame.split('\n') as [string, string];
    expect(code.startsWith('> 1 | …')).toBe(true);
    expect(code.endsWith('…')).toBe(false);
    expect(code.length).toBeLessThan(100);
    // The caret sits under the x.
    expect(code[underline.indexOf('^')]).toBe('x');
  });

  it('places the caret under the parser’s reported error in a BOM-prefixed CRLF document', () => {
    const doc = '\uFEFF{\r\n  "a": 1\r\n  "b": 2\r\n}';
    const [diagnostic] = parseJson(doc).diagnostics;
    const frame = formatCodeFrame(doc, diagnostic!.range!, { contextLines: 0 });
    expect(frame).toBe('> 3 |   "b": 2\n    |   ^\n');
  });
});
