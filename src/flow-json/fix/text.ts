import type { Position, Range, TextEdit } from '../diagnostics.js';

// Positions in the coordinates the parser uses (1-based line, 1-based UTF-16 column, a leading BOM
// not counted on line 1; line breaks are \n, \r\n and a lone \r), converted to string offsets and
// back, and edits applied to text.

/** Offsets where each line starts, so positions and offsets convert in O(log n). */
export class LineIndex {
  private readonly starts: number[];

  constructor(private readonly text: string) {
    // The parser starts columns after a BOM on line 1.
    const starts = [text.charCodeAt(0) === 0xfeff ? 1 : 0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) starts.push(i + 1);
      else if (c === 0x0d) {
        if (text.charCodeAt(i + 1) === 0x0a) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  /** The offset of a position; undefined when the line does not exist. */
  offset(p: Position): number | undefined {
    const start = this.starts[p.line - 1];
    if (start === undefined || p.column < 1) return undefined;
    const offset = start + p.column - 1;
    return offset <= this.text.length ? offset : undefined;
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  /** Offset where the line holding `offset` starts. */
  lineStart(offset: number): number {
    return this.starts[this.position(offset).line - 1]!;
  }
}

/** An edit in offsets: replace text[start, end) with newText. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** The offsets of an edit; undefined when its range is outside the text or reversed. */
export function toOffsetEdit(index: LineIndex, edit: TextEdit): OffsetEdit | undefined {
  const start = index.offset(edit.range.start);
  const end = index.offset(edit.range.end);
  if (start === undefined || end === undefined || end < start) return undefined;
  return { start, end, newText: edit.newText };
}

/**
 * Whether two edits touch: overlapping ranges, two insertions at one point, or an insertion at
 * either end of a replaced range. Touching edits are not applied together: their order would
 * decide the result (two insertions into `[]` would run together without a comma).
 */
export function editsConflict(a: OffsetEdit, b: OffsetEdit): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Applies edits that do not conflict with each other (the caller checks) to the text. */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}
