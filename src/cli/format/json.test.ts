import { describe, expect, it } from 'vitest';
import { formatJsonLine } from './json.js';

describe('formatJsonLine', () => {
  it('prints one line of JSON with the diagnostic fields, and the range only when known', () => {
    const range = { start: { line: 1, column: 2 }, end: { line: 3, column: 1 } };
    const line = formatJsonLine('a "quoted"\nname.json', false, [
      { code: 'A', severity: 'error', message: 'multi\nline', pointer: '/x', range },
      { code: 'B', severity: 'warning', message: 'w', pointer: '' },
    ]);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({
      file: 'a "quoted"\nname.json',
      valid: false,
      diagnostics: [
        { code: 'A', severity: 'error', message: 'multi\nline', pointer: '/x', range },
        { code: 'B', severity: 'warning', message: 'w', pointer: '' },
      ],
    });
  });

  it('adds the read error of an unreadable file', () => {
    expect(JSON.parse(formatJsonLine('m.json', false, [], { code: 'ENOENT', message: 'no such file or directory' }))).toEqual({
      file: 'm.json', valid: false, diagnostics: [], error: { code: 'ENOENT', message: 'no such file or directory' },
    });
  });

  it('adds the fixes of a diagnostic and, with --fix, how many were applied', () => {
    const range = { start: { line: 2, column: 14 }, end: { line: 2, column: 19 } };
    const fixes = [{ title: 'Change version to "5.1"', edits: [{ range, newText: '"5.1"' }] }];
    const line = JSON.parse(formatJsonLine('f.json', true, [{ code: 'A', severity: 'warning', message: 'm', pointer: '/version', range, fixes }], undefined, 2));
    expect(line).toEqual({ file: 'f.json', valid: true, fixed: 2, diagnostics: [{ code: 'A', severity: 'warning', message: 'm', pointer: '/version', range, fixes }] });
  });
});
