// The visual editor's edits to the Flow JSON text: set or remove a member, insert, remove or move
// an array element. Each returns the new text with only that place changed — the rest of the
// document stays byte for byte as the author wrote it — or undefined when the text is not clean
// JSON or the place is not there. Built on JsonEditor (the fixes' minimal edits), which has no
// element insertion at an index, removal or move.
import { childPointer } from '../../../../src/flow-json/diagnostics.js';
import { JsonEditor } from '../../../../src/flow-json/fix/json-edit.js';
import { applyOffsetEdits, toOffsetEdit } from '../../../../src/flow-json/fix/text.js';
import { parseJson } from '../../../../src/flow-json/parse/index.js';
import type { TextEdit } from '../../../../src/flow-json/diagnostics.js';

interface Span {
  readonly start: number;
  readonly end: number;
}

/** A document the visual editor can edit: JSON without any syntax problem (so pointers are unambiguous). */
export function openJson(text: string): JsonEditor | undefined {
  const parsed = parseJson(text);
  return parsed.value === undefined || parsed.diagnostics.length > 0 ? undefined : new JsonEditor(text, parsed);
}

function apply(editor: JsonEditor, edit: TextEdit | undefined): string | undefined {
  const offsets = edit && toOffsetEdit(editor.index, edit);
  return offsets && applyOffsetEdits(editor.text, [offsets]);
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

function spanOf(editor: JsonEditor, pointer: string, withKey = false): Span | undefined {
  const loc = editor.parsed.locations.get(pointer);
  const from = loc && editor.index.offset(withKey && loc.key ? loc.key.start : loc.value.start);
  const to = loc && editor.index.offset(loc.value.end);
  return from === undefined || to === undefined ? undefined : { start: from, end: to };
}

/** The text before `offset` on its line when it is only whitespace (the element starts its line). */
function leadingBlank(text: string, editor: JsonEditor, offset: number): string | undefined {
  const before = text.slice(editor.index.lineStart(offset), offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

const lineIndent = (editor: JsonEditor, offset: number): string => /^[ \t]*/.exec(editor.text.slice(editor.index.lineStart(offset), offset))![0];

/** Sets `key` of the object at `pointer` to `value`: replaced in place, or a new member after `after` (else last). */
export function setMember(text: string, pointer: string, key: string, value: unknown, after?: string): string | undefined {
  const editor = openJson(text);
  if (!editor) return undefined;
  const object = editor.valueAt(pointer);
  if (object === null || typeof object !== 'object' || Array.isArray(object)) return undefined;
  if (Object.prototype.hasOwnProperty.call(object, key)) return apply(editor, editor.replaceValue(childPointer(pointer, key), value));
  const anchor = after !== undefined && Object.prototype.hasOwnProperty.call(object, after) ? after : undefined;
  return apply(editor, editor.insertMembers(pointer, [[key, value]], anchor));
}

/** Spans of a container's children (members with their keys), in text order. */
function childSpans(editor: JsonEditor, pointer: string): { spans: Span[]; container: Span } | undefined {
  const value = editor.valueAt(pointer);
  const container = spanOf(editor, pointer);
  if (!container || value === null || typeof value !== 'object') return undefined;
  const pointers = Array.isArray(value) ? value.map((_, i) => childPointer(pointer, i)) : Object.keys(value).map((k) => childPointer(pointer, k));
  const spans: Span[] = [];
  for (const p of pointers) {
    const s = spanOf(editor, p, true);
    if (!s) return undefined;
    spans.push(s);
  }
  return { spans: spans.sort((a, b) => a.start - b.start), container };
}

/** Removes the child at `index` (text order) with its comma and the whitespace that led to it. */
function removeChild(editor: JsonEditor, pointer: string, target: Span): string | undefined {
  const found = childSpans(editor, pointer);
  if (!found) return undefined;
  const { spans, container } = found;
  const i = spans.findIndex((s) => s.start === target.start);
  if (i < 0) return undefined;
  if (spans.length === 1) return splice(editor.text, container.start + 1, container.end - 1, '');
  if (i < spans.length - 1) return splice(editor.text, spans[i]!.start, spans[i + 1]!.start, '');
  return splice(editor.text, spans[i - 1]!.end, spans[i]!.end, '');
}

export function removeMember(text: string, pointer: string, key: string): string | undefined {
  const editor = openJson(text);
  const object = editor?.valueAt(pointer);
  if (!editor || object === null || typeof object !== 'object' || Array.isArray(object) || !Object.prototype.hasOwnProperty.call(object, key)) return undefined;
  const span = spanOf(editor, childPointer(pointer, key), true);
  return span && removeChild(editor, pointer, span);
}

export function removeElement(text: string, pointer: string, index: number): string | undefined {
  const editor = openJson(text);
  const array = editor?.valueAt(pointer);
  if (!editor || !Array.isArray(array) || index < 0 || index >= array.length) return undefined;
  const span = spanOf(editor, childPointer(pointer, index));
  return span && removeChild(editor, pointer, span);
}

/** Writes the element for a place: at `indent` across lines, or on one line. */
type Render = (indent: string, multiline: boolean) => string;

function insertRendered(editor: JsonEditor, pointer: string, index: number, render: Render): string | undefined {
  const array = editor.valueAt(pointer);
  const found = childSpans(editor, pointer);
  if (!Array.isArray(array) || !found || index < 0 || index > array.length) return undefined;
  const { spans, container } = found;
  const { text, style } = editor;
  const nl = style.newline;
  if (spans.length === 0) {
    if (text.slice(container.start + 1, container.end - 1).trim() !== '') return undefined;
    if (!style.multiline) return splice(text, container.start + 1, container.end - 1, render('', false));
    const base = lineIndent(editor, container.start);
    const indent = base + style.unit;
    return splice(text, container.start + 1, container.end - 1, `${nl}${indent}${render(indent, true)}${nl}${base}`);
  }
  // What separates siblings written on one line: the gap after a comma between the first two.
  const gap = spans.length > 1 ? (/^[ \t]*,([ \t]*)$/.exec(text.slice(spans[0]!.end, spans[1]!.start))?.[1] ?? style.comma) : style.comma;
  if (index === spans.length) {
    const last = spans.at(-1)!;
    const own = leadingBlank(text, editor, last.start);
    if (own !== undefined && style.multiline) return splice(text, last.end, last.end, `,${nl}${own}${render(own, true)}`);
    return splice(text, last.end, last.end, `,${gap}${render('', false)}`);
  }
  const target = spans[index]!;
  const own = leadingBlank(text, editor, target.start);
  if (own !== undefined && style.multiline) return splice(text, target.start, target.start, `${render(own, true)},${nl}${own}`);
  return splice(text, target.start, target.start, `${render('', false)},${gap}`);
}

/** Inserts `value` into the array at `pointer` so that it becomes element `index`. */
export function insertElement(text: string, pointer: string, index: number, value: unknown): string | undefined {
  const editor = openJson(text);
  return editor && insertRendered(editor, pointer, index, (indent, multiline) => editor.format(value, indent, multiline));
}

/** `raw` (written at `from` indentation) re-indented for `to`: every line after the first. */
function reindent(raw: string, from: string, to: string): string {
  if (from === to) return raw;
  return raw.replace(/(\r\n|\r|\n)([ \t]*)/g, (_, nl: string, ws: string) => nl + (ws.startsWith(from) ? to + ws.slice(from.length) : ws));
}

/** Tokens of a JSON pointer, unescaped. */
function tokens(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function fromTokens(list: readonly (string | number)[]): string {
  return list.reduce<string>((p, t) => childPointer(p, t), '');
}

/**
 * Moves element `from` of the array at `source` to position `to` of the array at `target` (a
 * position counted before the move). The element keeps its own text, re-indented when it changes
 * depth. Returns the new text and the element's new pointer; undefined for a move into itself.
 */
export function moveElement(text: string, source: string, from: number, target: string, to: number): { text: string; pointer: string } | undefined {
  const editor = openJson(text);
  const array = editor?.valueAt(source);
  if (!editor || !Array.isArray(array) || from < 0 || from >= array.length) return undefined;
  const element = childPointer(source, from);
  if (target === element || target.startsWith(`${element}/`)) return undefined;
  if (target === source && (to === from || to === from + 1)) return { text, pointer: element };
  const span = spanOf(editor, element);
  if (!span) return undefined;
  const raw = text.slice(span.start, span.end);
  const value = editor.valueAt(element);
  const oldIndent = lineIndent(editor, span.start);
  const removed = removeElement(text, source, from);
  if (removed === undefined) return undefined;
  // Removing shifts the later siblings (and what they hold) down by one.
  const sourceTokens = tokens(source);
  const targetTokens: (string | number)[] = tokens(target);
  let index = to;
  if (target === source) {
    if (to > from) index--;
  } else if (target.startsWith(`${source}/`)) {
    const at = Number(targetTokens[sourceTokens.length]);
    if (Number.isInteger(at) && at > from) targetTokens[sourceTokens.length] = at - 1;
  }
  const moved = fromTokens(targetTokens);
  const next = openJson(removed);
  const out =
    next &&
    insertRendered(next, moved, index, (indent, multiline) => {
      if (multiline) return reindent(raw, oldIndent, indent);
      return /[\r\n]/.test(raw) ? next.format(value, '', false) : raw;
    });
  return out === undefined ? undefined : { text: out, pointer: childPointer(moved, index) };
}
