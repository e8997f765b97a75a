import type { Diagnostic, Severity } from '../../flow-json/diagnostics.js';
import { formatCodeFrame } from '../../flow-json/parse/code-frame.js';

const RESET = '\u001b[0m';
const SEVERITY_COLOR: Record<Severity, string> = { error: '\u001b[31;1m', warning: '\u001b[33;1m', info: '\u001b[36m' };

/**
 * One diagnostic as `file:line:column severity code message`, then the code frame under it
 * (the `file:line:column` prefix is what editors and terminals turn into a link).
 * Without a range (the text was not available) the pointer says where instead.
 */
export function formatDiagnosticPretty(file: string, text: string, d: Diagnostic, color = false): string {
  const severity = color ? `${SEVERITY_COLOR[d.severity]}${d.severity}${RESET}` : d.severity;
  if (!d.range) {
    const where = d.pointer === '' ? 'the document root' : d.pointer;
    return `${file} ${severity} ${d.code} ${d.message} (at ${where})\n`;
  }
  const { line, column } = d.range.start;
  const fix = d.fixes?.[0] ? `  fix: ${d.fixes[0].title}\n` : '';
  return `${file}:${line}:${column} ${severity} ${d.code} ${d.message}\n${formatCodeFrame(text, d.range, { color })}${fix}`;
}

export interface SummaryCounts {
  readonly valid: number;
  readonly invalid: number;
  readonly unreadable: number;
  readonly errors: number;
  readonly warnings: number;
  /** With --fix: fixes applied over all files. */
  readonly fixed?: number;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : word.endsWith('x') ? 'es' : 's'}`;

/** e.g. `2 files checked: 1 valid, 1 invalid (3 errors, 1 warning)`, then `, 2 fixes applied` with --fix. */
export function formatSummary(c: SummaryCounts): string {
  const total = c.valid + c.invalid + c.unreadable;
  const unreadable = c.unreadable > 0 ? `, ${c.unreadable} unreadable` : '';
  const fixed = c.fixed !== undefined ? `, ${plural(c.fixed, 'fix')} applied` : '';
  return `${plural(total, 'file')} checked: ${c.valid} valid, ${c.invalid} invalid${unreadable} (${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')})${fixed}\n`;
}

/** Before the summary when some problems have a safe fix and --fix was not given. */
export function formatFixableHint(fixable: number): string {
  return `${fixable} ${fixable === 1 ? 'problem has a safe fix' : 'problems have safe fixes'}: run again with --fix to apply ${fixable === 1 ? 'it' : 'them'}\n`;
}
