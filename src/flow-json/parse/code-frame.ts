import type { Range } from '../diagnostics.js';

export interface CodeFrameOptions {
  /** Lines shown before and after the range's first line (default 2). */
  readonly contextLines?: number;
  /** ANSI colours for terminals (default false). */
  readonly color?: boolean;
  /** Longer lines (minified JSON) are cut to a window around the range (default 160). */
  readonly maxLineLength?: number;
}

const RESET = '\u001b[0m';
const DIM = '\u001b[2m';
const RED_BOLD = '\u001b[31;1m';
const ELLIPSIS = '…';

/** Splits on \n, \r\n and \r, the line breaks the parser counts. */
function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function isPairAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  const next = s.charCodeAt(i + 1);
  return c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
}

/**
 * The blank that lines a caret up under `s[from, to)`: tabs stay tabs (so the terminal expands them
 * exactly as in the line above) and every other character, a surrogate pair included, is one space.
 */
function blankUnder(s: string, from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i++) {
    if (s[i] === '\t') out += '\t';
    else {
      out += ' ';
      if (isPairAt(s, i)) i++;
    }
  }
  return out;
}

/** Number of displayed characters in `s[from, to)` (a surrogate pair counts once). */
function displayLength(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++, n++) if (isPairAt(s, i)) i++;
  return n;
}

/**
 * Prints the lines around `range` with a line-number gutter and a `^~~~` underline under it, like a
 * compiler does. A multi-line range is underlined on its first line, up to that line's end.
 * Columns are 1-based UTF-16 code units, as the parser reports them; a leading BOM is not a column.
 */
export function formatCodeFrame(text: string, range: Range, options: CodeFrameOptions = {}): string {
  const contextLines = Math.max(0, options.contextLines ?? 2);
  const color = options.color ?? false;
  const maxLineLength = Math.max(20, options.maxLineLength ?? 160);
  const lines = splitLines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

  const lineIndex = Math.min(Math.max(range.start.line, 1), lines.length) - 1;
  const focus = lines[lineIndex] ?? '';
  const startIdx = Math.min(Math.max(range.start.column - 1, 0), focus.length);
  const endIdx = range.end.line === range.start.line
    ? Math.min(Math.max(range.end.column - 1, startIdx), focus.length)
    : focus.length;

  // One window for every shown line keeps the columns of all of them aligned.
  let from = 0;
  if (focus.length > maxLineLength) {
    from = Math.max(0, startIdx - Math.floor(maxLineLength / 4));
    if (from > 0 && isPairAt(focus, from - 1)) from++;
  }
  const clip = (line: string): string => {
    if (line.length <= maxLineLength && from === 0) return line;
    let to = Math.min(line.length, from + maxLineLength);
    if (to < line.length && isPairAt(line, to - 1)) to++;
    return (from > 0 ? ELLIPSIS : '') + line.slice(from, to) + (to < line.length ? ELLIPSIS : '');
  };

  const first = Math.max(0, lineIndex - contextLines);
  const last = Math.min(lines.length - 1, lineIndex + contextLines);
  const width = String(last + 1).length;
  const paint = (code: string, s: string): string => (color ? code + s + RESET : s);

  const out: string[] = [];
  for (let i = first; i <= last; i++) {
    const marker = i === lineIndex ? paint(RED_BOLD, '>') : ' ';
    const gutter = paint(DIM, `${String(i + 1).padStart(width)} |`);
    const line = clip(lines[i] ?? '');
    out.push(`${marker} ${gutter}${line === '' ? '' : ` ${line}`}`);
    if (i === lineIndex) {
      const visibleEnd = Math.min(endIdx, from + maxLineLength);
      const lead = (from > 0 ? ' ' : '') + blankUnder(focus, from, startIdx);
      const length = Math.max(1, displayLength(focus, startIdx, visibleEnd));
      const underline = `^${'~'.repeat(length - 1)}`;
      out.push(`  ${paint(DIM, `${' '.repeat(width)} |`)} ${lead}${paint(RED_BOLD, underline)}`);
    }
  }
  return `${out.join('\n')}\n`;
}
