import { childPointer, type TextEdit } from '../diagnostics.js';
import type { ParsedJson, SourceLocation } from '../parse/types.js';
import { LineIndex } from './text.js';

/**
 * Minimal edits to JSON text that keep the author's formatting: new members and elements are
 * written in the document's own newline, indentation and separator style, next to their siblings,
 * and nothing else in the text moves.
 */

/** How a document is written, as far as inserted JSON needs to know. */
export interface JsonStyle {
  /** "\n", "\r\n" or "\r": the document's first line break ("\n" when it has none). */
  readonly newline: string;
  /** One level of indentation: a tab or some spaces. */
  readonly unit: string;
  /** Between a key and its value: ": " or ":" (what the document uses). */
  readonly colon: string;
  /** After a comma on one line: " " or "" (minified). */
  readonly comma: string;
  /** False for a one-line (minified) document: insert on one line too. */
  readonly multiline: boolean;
  /**
   * Whether arrays of plain values go on one line (`["A", "B"]`, as Meta's examples write routes)
   * in a multi-line document: what the document's first such array does, true when it has none.
   */
  readonly inlineArrays: boolean;
}

const isBlank = (s: string): boolean => /^[ \t]*$/.test(s);

export function detectStyle(text: string, parsed?: ParsedJson): JsonStyle {
  const newline = /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
  const multiline = /[\r\n]/.test(text.trim());
  let colon = multiline ? ': ' : ':';
  let comma = multiline ? ' ' : '';
  const root = parsed?.value;
  if (parsed && root !== null && typeof root === 'object' && !Array.isArray(root)) {
    const keys = Object.keys(root);
    const index = new LineIndex(text);
    const first = keys[0] === undefined ? undefined : parsed.locations.get(childPointer('', keys[0]));
    const keyEnd = first?.key && index.offset(first.key.end);
    const valueStart = first && index.offset(first.value.start);
    if (keyEnd !== undefined && valueStart !== undefined) {
      const between = text.slice(keyEnd, valueStart);
      if (/^[ \t]*:[ \t]*$/.test(between)) colon = between;
    }
  }
  if (!multiline) comma = parsed ? (commaGapOf(text, parsed) ?? (colon.endsWith(' ') ? ' ' : '')) : comma;
  const inlineArrays = !multiline || !parsed || inlinesArrays(parsed);
  return { newline, unit: detectIndentUnit(text), colon, comma, multiline, inlineArrays };
}

/** What follows a comma between the first two siblings found on one line (a bounded search). */
function commaGapOf(text: string, parsed: ParsedJson): string | undefined {
  const index = new LineIndex(text);
  let budget = 5000;
  const visit = (value: unknown, pointer: string): string | undefined => {
    if (--budget < 0 || value === null || typeof value !== 'object') return undefined;
    const children = Array.isArray(value) ? value.map((_, i) => childPointer(pointer, i)) : Object.keys(value).map((k) => childPointer(pointer, k));
    if (children.length >= 2) {
      const a = parsed.locations.get(children[0]!);
      const b = parsed.locations.get(children[1]!);
      const from = a && index.offset(a.value.end);
      const to = b && index.offset((b.key ?? b.value).start);
      const m = from !== undefined && to !== undefined ? /^[ \t]*,([ \t]*)$/.exec(text.slice(from, to)) : null;
      if (m) return m[1]!;
    }
    const values: unknown[] = Array.isArray(value) ? value : Object.values(value);
    for (let i = 0; i < values.length; i++) {
      const found = visit(values[i], children[i]!);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return visit(parsed.value, '');
}

/** Whether the first non-empty array of plain values (depth first, a bounded search) sits on one line. */
function inlinesArrays(parsed: ParsedJson): boolean {
  let budget = 5000;
  const visit = (value: unknown, pointer: string): boolean | undefined => {
    if (--budget < 0 || value === null || typeof value !== 'object') return undefined;
    if (Array.isArray(value)) {
      if (value.length > 0 && value.every((v) => v === null || typeof v !== 'object')) {
        const loc = parsed.locations.get(pointer);
        return loc ? loc.value.start.line === loc.value.end.line : undefined;
      }
      for (let i = 0; i < value.length; i++) {
        const found = visit(value[i], childPointer(pointer, i));
        if (found !== undefined) return found;
      }
      return undefined;
    }
    for (const [k, v] of Object.entries(value)) {
      const found = visit(v, childPointer(pointer, k));
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return visit(parsed.value, '') ?? true;
}

/** The indentation step: tabs when most indented lines use them, else the commonest increase. */
export function detectIndentUnit(text: string): string {
  let tabs = 0;
  let spaces = 0;
  const deltas = new Map<number, number>();
  let previous = 0;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.trim() === '') continue;
    const indent = /^[ \t]*/.exec(line)![0];
    if (indent.startsWith('\t')) tabs++;
    else if (indent.length > 0) spaces++;
    const width = indent.length;
    if (!indent.includes('\t') && width > previous) deltas.set(width - previous, (deltas.get(width - previous) ?? 0) + 1);
    previous = indent.includes('\t') ? previous : width;
  }
  if (tabs > spaces) return '\t';
  let best = 2;
  let bestCount = 0;
  for (const [delta, count] of deltas) {
    if (count > bestCount || (count === bestCount && delta < best)) {
      best = delta;
      bestCount = count;
    }
  }
  return ' '.repeat(best);
}

interface Span {
  readonly start: number;
  readonly end: number;
}

export class JsonEditor {
  readonly index: LineIndex;
  readonly style: JsonStyle;

  constructor(readonly text: string, readonly parsed: ParsedJson) {
    this.index = new LineIndex(text);
    this.style = detectStyle(text, parsed);
  }

  /** The value at a pointer, as parsed (undefined when absent). */
  valueAt(pointer: string): unknown {
    if (!this.parsed.locations.has(pointer)) return undefined;
    let value: unknown = this.parsed.value;
    if (pointer === '') return value;
    for (const token of pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))) {
      if (value === null || typeof value !== 'object') return undefined;
      value = Object.prototype.hasOwnProperty.call(value, token) ? (value as Record<string, unknown>)[token] : undefined;
    }
    return value;
  }

  private location(pointer: string): SourceLocation | undefined {
    return this.parsed.locations.get(pointer);
  }

  private span(range: { start: { line: number; column: number }; end: { line: number; column: number } }): Span | undefined {
    const start = this.index.offset(range.start);
    const end = this.index.offset(range.end);
    return start === undefined || end === undefined ? undefined : { start, end };
  }

  private edit(start: number, end: number, newText: string): TextEdit {
    return { range: this.index.range(start, end), newText };
  }

  /** Whitespace that starts the line holding `offset`. */
  private lineIndent(offset: number): string {
    const from = this.index.lineStart(offset);
    return /^[ \t]*/.exec(this.text.slice(from, offset))![0];
  }

  private sameLine(a: number, b: number): boolean {
    return this.index.position(a).line === this.index.position(b).line;
  }

  /** Replaces the value at `pointer` (a string, number, literal or container) by `value`. */
  replaceValue(pointer: string, value: unknown): TextEdit | undefined {
    const loc = this.location(pointer);
    const span = loc && this.span(loc.value);
    if (!span) return undefined;
    return this.edit(span.start, span.end, this.format(value, this.lineIndent(span.start), this.style.multiline));
  }

  /** Renames the member at `pointer` to `key`, leaving its value as written. */
  renameKey(pointer: string, key: string): TextEdit | undefined {
    const loc = this.location(pointer);
    const span = loc?.key && this.span(loc.key);
    if (!span) return undefined;
    return this.edit(span.start, span.end, JSON.stringify(key));
  }

  /**
   * Adds members to the object at `pointer`, in the given order: after member `after` when given,
   * else after the last member, in the siblings' layout (one per line, or all on one line).
   * Undefined when a key is already there.
   */
  insertMembers(pointer: string, entries: readonly (readonly [string, unknown])[], after?: string): TextEdit | undefined {
    const object = this.valueAt(pointer);
    const loc = this.location(pointer);
    const span = loc && this.span(loc.value);
    if (!span || entries.length === 0 || object === null || typeof object !== 'object' || Array.isArray(object)) return undefined;
    if (this.text[span.start] !== '{' || this.text[span.end - 1] !== '}') return undefined;
    if (entries.some(([key]) => Object.prototype.hasOwnProperty.call(object, key))) return undefined;
    if (new Set(entries.map(([key]) => key)).size !== entries.length) return undefined;
    const members: { key: Span; value: Span }[] = [];
    let anchor: { key: Span; value: Span } | undefined;
    for (const name of Object.keys(object)) {
      const member = this.location(childPointer(pointer, name));
      const keySpan = member?.key && this.span(member.key);
      const valueSpan = member && this.span(member.value);
      if (!keySpan || !valueSpan) return undefined;
      const m = { key: keySpan, value: valueSpan };
      members.push(m);
      if (name === after) anchor = m;
    }
    // Object.keys puts integer-like keys first; the text order is what counts.
    members.sort((a, b) => a.key.start - b.key.start);
    anchor ??= members.at(-1);
    const nl = this.style.newline;
    if (!anchor) {
      if (this.text.slice(span.start + 1, span.end - 1).trim() !== '') return undefined;
      if (!this.style.multiline) return this.edit(span.start + 1, span.end - 1, this.members(entries, this.style.colon, '', false, this.style.comma));
      const base = this.lineIndent(span.start);
      const indent = base + this.style.unit;
      return this.edit(span.start + 1, span.end - 1, `${nl}${indent}${this.members(entries, this.style.colon, indent, true)}${nl}${base}`);
    }
    const between = this.text.slice(anchor.key.end, anchor.value.start);
    const colon = /^[ \t]*:[ \t]*$/.test(between) ? between : this.style.colon;
    if (!this.sameLine(span.start, anchor.key.start)) {
      const before = this.text.slice(this.index.lineStart(anchor.key.start), anchor.key.start);
      const indent = isBlank(before) ? before : this.lineIndent(span.start) + this.style.unit;
      return this.edit(anchor.value.end, anchor.value.end, `,${nl}${indent}${this.members(entries, colon, indent, true)}`);
    }
    const gap = this.commaGap(members);
    return this.edit(anchor.value.end, anchor.value.end, `,${gap}${this.members(entries, colon, '', false, gap)}`);
  }

  /** `"k": v` for each entry, joined one per line at `indent`, or on one line. */
  private members(entries: readonly (readonly [string, unknown])[], colon: string, indent: string, multiline: boolean, gap = ' '): string {
    const parts = entries.map(([k, v]) => `${JSON.stringify(k)}${colon}${this.format(v, indent, multiline)}`);
    return multiline ? parts.join(`,${this.style.newline}${indent}`) : parts.join(`,${gap}`);
  }

  /** Appends `value` to the array at `pointer`, after its last element and in its layout. */
  appendElement(pointer: string, value: unknown): TextEdit | undefined {
    const array = this.valueAt(pointer);
    const loc = this.location(pointer);
    const span = loc && this.span(loc.value);
    if (!span || !Array.isArray(array)) return undefined;
    if (this.text[span.start] !== '[' || this.text[span.end - 1] !== ']') return undefined;
    const elements: Span[] = [];
    for (let i = 0; i < array.length; i++) {
      const element = this.location(childPointer(pointer, i));
      const s = element && this.span(element.value);
      if (!s) return undefined;
      elements.push({ start: s.start, end: s.end });
    }
    const last = elements.at(-1);
    if (!last) {
      if (this.text.slice(span.start + 1, span.end - 1).trim() !== '') return undefined;
      const simple = value === null || typeof value !== 'object';
      if ((simple && this.style.inlineArrays) || !this.style.multiline) return this.edit(span.start + 1, span.end - 1, this.format(value, '', false));
      const base = this.lineIndent(span.start);
      const indent = base + this.style.unit;
      const nl = this.style.newline;
      return this.edit(span.start + 1, span.end - 1, `${nl}${indent}${this.format(value, indent, true)}${nl}${base}`);
    }
    if (!this.sameLine(span.start, last.start)) {
      const before = this.text.slice(this.index.lineStart(last.start), last.start);
      const indent = isBlank(before) ? before : this.lineIndent(span.start) + this.style.unit;
      return this.edit(last.end, last.end, `,${this.style.newline}${indent}${this.format(value, indent, true)}`);
    }
    const gaps = elements.map((e) => ({ key: e, value: e }));
    return this.edit(last.end, last.end, `,${this.commaGap(gaps)}${this.format(value, '', false)}`);
  }

  /** What follows the commas between siblings on one line (" " or ""), or the document's habit. */
  private commaGap(members: readonly { key: Span; value: Span }[]): string {
    for (let i = 1; i < members.length; i++) {
      const gap = this.text.slice(members[i - 1]!.value.end, members[i]!.key.start);
      const m = /^[ \t]*,([ \t]*)$/.exec(gap);
      if (m) return m[1]!;
    }
    return this.style.comma;
  }

  /**
   * JSON text for a value: on several lines at `indent` (objects one member per line, arrays of
   * plain values on one line as Meta's examples write routes), or on one line.
   */
  format(value: unknown, indent: string, multiline: boolean): string {
    const { colon, comma, unit, newline } = this.style;
    if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
    const simple = (v: unknown): boolean => v === null || typeof v !== 'object';
    if (Array.isArray(value)) {
      if (value.length === 0) return '[]';
      if (!multiline || (this.style.inlineArrays && value.every(simple))) return `[${value.map((v) => this.format(v, indent, false)).join(`,${multiline ? ' ' : comma}`)}]`;
      const inner = indent + unit;
      return `[${newline}${value.map((v) => inner + this.format(v, inner, true)).join(`,${newline}`)}${newline}${indent}]`;
    }
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    if (!multiline) return `{${entries.map(([k, v]) => `${JSON.stringify(k)}${colon}${this.format(v, '', false)}`).join(`,${comma}`)}}`;
    const inner = indent + unit;
    return `{${newline}${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}${colon}${this.format(v, inner, true)}`).join(`,${newline}`)}${newline}${indent}}`;
  }
}
