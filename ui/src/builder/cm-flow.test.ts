// The editor's conversions: validator positions to offsets, diagnostics to lint squiggles (with
// their fixes as actions), and an outside text change as one minimal edit.
import { Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../../src/flow-json/index.js';
import type { Diagnostic, Fix } from '../../../src/flow-json/index.js';
import { minimalChange, offsetOfPosition, toLintDiagnostics } from './cm-flow.js';

const doc = (s: string): Text => Text.of(s.split('\n'));

describe('offsetOfPosition', () => {
  it('counts 1-based lines and UTF-16 columns, skips a BOM and clamps to the line', () => {
    const text = doc('ab\n😀x\nlast');
    expect(offsetOfPosition(text, { line: 2, column: 3 })).toBe(5); // after the surrogate pair
    expect(offsetOfPosition(text, { line: 3, column: 99 })).toBe(text.length);
    expect(offsetOfPosition(text, { line: 9, column: 1 })).toBe(text.line(3).from);
    expect(offsetOfPosition(doc('\ufeff{"a"}'), { line: 1, column: 2 })).toBe(2);
  });
});

describe('toLintDiagnostics', () => {
  const source = '{\n  "version": "7.3",\n  "screens": [\n    {"id": "A", "title": 5}\n  ]\n}';

  it("places the validator's ranges, underlining a multi-line range on its first line only", () => {
    const diagnostics = validateFlow(source).diagnostics;
    const text = doc(source);
    const lint = toLintDiagnostics(text, diagnostics, undefined);
    expect(lint.length).toBe(diagnostics.filter((d) => d.range !== undefined).length);
    for (const [i, l] of lint.entries()) {
      expect(l.source).toBe(diagnostics[i]?.code);
      expect(text.lineAt(l.from).number).toBe(text.lineAt(l.to).number);
    }
    const title = lint.find((l) => source.slice(l.from, l.to) === '5');
    expect(title?.severity).toBe('error');
    // "screens" spans three lines: its first line is marked from the line's first character.
    const screens = lint.find((l) => l.source === 'MISSING_TERMINAL_SCREEN');
    expect(source.slice(screens?.from, screens?.to)).toBe('"screens": [');
  });

  it('turns each safe fix into an action that hands the fix back', () => {
    const fix: Fix = { title: 'Do it', edits: [] };
    const d: Diagnostic = { code: 'X', severity: 'warning', message: 'm', pointer: '', range: { start: { line: 2, column: 3 }, end: { line: 2, column: 12 } }, fixes: [fix] };
    const applied: Fix[] = [];
    const [lint] = toLintDiagnostics(doc(source), [d, { ...d, range: undefined } as unknown as Diagnostic], (_, f) => applied.push(f));
    expect(lint?.actions?.map((a) => a.name)).toEqual(['Do it']);
    lint?.actions?.[0]?.apply(undefined as never, 0, 0);
    expect(applied).toEqual([fix]);
  });
});

describe('minimalChange', () => {
  it('replaces only what differs', () => {
    expect(minimalChange('{"a": "TextInptu"}', '{"a": "TextInput"}')).toEqual({ from: 14, to: 16, insert: 'ut' });
    expect(minimalChange('abc', 'abc')).toEqual({ from: 3, to: 3, insert: '' });
    expect(minimalChange('aa', 'aaa')).toEqual({ from: 2, to: 2, insert: 'a' });
    expect(minimalChange('', 'x')).toEqual({ from: 0, to: 0, insert: 'x' });
  });
});
