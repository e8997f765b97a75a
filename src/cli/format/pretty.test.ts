import { describe, expect, it } from 'vitest';
import { formatDiagnosticPretty, formatFixableHint, formatSummary } from './pretty.js';

describe('formatDiagnosticPretty', () => {
  const text = '{\n  "version": 2.1\n}';
  const diagnostic = {
    code: 'INVALID_PROPERTY_TYPE', severity: 'error' as const, message: '"version" must be a string.', pointer: '/version',
    range: { start: { line: 2, column: 14 }, end: { line: 2, column: 17 } },
  };

  it('prints file:line:column severity code message and the code frame', () => {
    expect(formatDiagnosticPretty('flow.json', text, diagnostic)).toBe(
      'flow.json:2:14 error INVALID_PROPERTY_TYPE "version" must be a string.\n'
      + '  1 | {\n> 2 |   "version": 2.1\n    |              ^~~\n  3 | }\n',
    );
  });

  it('names the pointer when there is no range', () => {
    const { range: _range, ...bare } = diagnostic;
    expect(formatDiagnosticPretty('flow.json', text, bare)).toBe('flow.json error INVALID_PROPERTY_TYPE "version" must be a string. (at /version)\n');
    expect(formatDiagnosticPretty('f.json', '', { ...bare, pointer: '' })).toContain('(at the document root)');
  });

  it('names the safe fix under the code frame', () => {
    const fixes = [{ title: 'Change version to "5.1"', edits: [] }];
    expect(formatDiagnosticPretty('flow.json', text, { ...diagnostic, fixes }).endsWith('  3 | }\n  fix: Change version to "5.1"\n')).toBe(true);
  });

  it('colours the severity when asked', () => {
    expect(formatDiagnosticPretty('f.json', text, { ...diagnostic, severity: 'warning' }, true).startsWith('f.json:2:14 \u001b[33;1mwarning\u001b[0m ')).toBe(true);
  });
});

describe('formatSummary', () => {
  it('pluralises and lists unreadable files only when there are some', () => {
    expect(formatSummary({ valid: 1, invalid: 1, unreadable: 0, errors: 3, warnings: 1 })).toBe('2 files checked: 1 valid, 1 invalid (3 errors, 1 warning)\n');
    expect(formatSummary({ valid: 1, invalid: 0, unreadable: 0, errors: 0, warnings: 0 })).toBe('1 file checked: 1 valid, 0 invalid (0 errors, 0 warnings)\n');
    expect(formatSummary({ valid: 0, invalid: 1, unreadable: 2, errors: 1, warnings: 2 })).toBe('3 files checked: 0 valid, 1 invalid, 2 unreadable (1 error, 2 warnings)\n');
  });
});

describe('--fix in the summary', () => {
  it('counts the fixes applied, and hints at --fix otherwise', () => {
    expect(formatSummary({ valid: 1, invalid: 0, unreadable: 0, errors: 0, warnings: 0, fixed: 1 })).toBe('1 file checked: 1 valid, 0 invalid (0 errors, 0 warnings), 1 fix applied\n');
    expect(formatSummary({ valid: 1, invalid: 0, unreadable: 0, errors: 0, warnings: 0, fixed: 3 })).toMatch(/, 3 fixes applied\n$/);
    expect(formatFixableHint(1)).toBe('1 problem has a safe fix: run again with --fix to apply it\n');
    expect(formatFixableHint(2)).toBe('2 problems have safe fixes: run again with --fix to apply them\n');
  });
});
