// The Flow JSON smarts of the CodeMirror editor: completion (completion.ts) and hover docs
// (hover.ts) as CodeMirror sources, and the validator's diagnostics as lint diagnostics whose
// safe fixes are quick-fix actions. The pure modules work on (text, offset); this file only
// converts positions and shapes.
import { pickedCompletion, startCompletion } from '@codemirror/autocomplete';
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import type { Diagnostic as CmDiagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import type { EditorView, Tooltip } from '@codemirror/view';
import type { Diagnostic, Fix, FlowJsonVersion, Position } from '../../../src/flow-json/index.js';
import { completeFlowJson } from './completion.js';
import type { CompletionOption } from './completion.js';
import { hoverFlowJson } from './hover.js';

export interface FlowEditorOptions {
  /** The version switch's choice (undefined: as written). */
  version: FlowJsonVersion | undefined;
}

function toCompletion(o: CompletionOption): Completion {
  return {
    label: o.label,
    type: o.type,
    ...(o.detail === undefined ? {} : { detail: o.detail }),
    ...(o.info === undefined ? {} : { info: o.info }),
    ...(o.boost === undefined ? {} : { boost: o.boost }),
    apply: (view: EditorView, completion: Completion, from: number, to: number) => {
      view.dispatch({
        changes: { from, to, insert: o.insert },
        selection: { anchor: from + (o.cursor ?? o.insert.length) },
        annotations: pickedCompletion.of(completion),
        userEvent: 'input.complete',
      });
      // A property whose value is chosen from a list (a component type, an enum): show the list.
      if (o.reopen === true) startCompletion(view);
    },
  };
}

/**
 * The completion source. Unasked, it answers only once something is typed or right after a
 * quote, `{` or `.` (so a comma or a space does not open a list); Ctrl-Space always asks.
 */
export function flowCompletionSource(options: () => FlowEditorOptions) {
  return (context: CompletionContext): CompletionResult | null => {
    const { state, pos } = context;
    const version = options().version;
    const list = completeFlowJson(state.doc.toString(), pos, version === undefined ? {} : { version });
    if (list === undefined || list.options.length === 0) return null;
    if (!context.explicit && list.from === pos && !/["{.]$/.test(state.doc.sliceString(Math.max(0, pos - 1), pos))) return null;
    return { from: list.from, to: list.to, options: list.options.map(toCompletion), validFor: /^[\w-]*$/ };
  };
}

/** The hover docs source (for hoverTooltip). */
export function flowHoverSource(options: () => FlowEditorOptions) {
  return (view: EditorView, pos: number, side: -1 | 1): Tooltip | null => {
    const at = side < 0 ? pos - 1 : pos;
    if (at < 0) return null;
    const version = options().version;
    const doc = hoverFlowJson(view.state.doc.toString(), at, version === undefined ? {} : { version });
    if (doc === undefined) return null;
    return {
      pos: doc.from,
      end: doc.to,
      above: true,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'cm-flow-doc';
        dom.setAttribute('data-testid', 'hover-doc');
        const title = document.createElement('div');
        title.className = 'cm-flow-doc-title';
        title.textContent = doc.title;
        dom.append(title);
        for (const line of doc.lines) {
          const p = document.createElement('div');
          p.textContent = line;
          dom.append(p);
        }
        return { dom };
      },
    };
  };
}

/**
 * A validator position as a document offset: 1-based line, UTF-16 column; a leading BOM is not
 * counted in line 1's columns (parse-json.ts). Clamped to the document.
 */
export function offsetOfPosition(doc: Text, p: Position): number {
  const line = doc.line(Math.min(Math.max(1, p.line), doc.lines));
  const bom = line.number === 1 && doc.sliceString(0, 1) === '\ufeff' ? 1 : 0;
  return Math.min(line.from + bom + Math.max(0, p.column - 1), line.to);
}

/**
 * The validator's diagnostics as lint diagnostics. A range over several lines (a whole object
 * missing a property) is underlined on its first line only, from the line's first character, so
 * `"next": {` is marked rather than the whole object. Each safe fix is an action.
 */
export function toLintDiagnostics(doc: Text, diagnostics: readonly Diagnostic[], onFix: ((d: Diagnostic, fix: Fix) => void) | undefined): CmDiagnostic[] {
  const out: CmDiagnostic[] = [];
  for (const d of diagnostics) {
    if (d.range === undefined) continue;
    let from = offsetOfPosition(doc, d.range.start);
    let to = Math.max(from, offsetOfPosition(doc, d.range.end));
    const line = doc.lineAt(from);
    if (to > line.to) {
      to = line.to;
      const indent = /^\s*/.exec(line.text)?.[0].length ?? 0;
      from = Math.min(from, line.from + indent);
    }
    out.push({
      from,
      to,
      severity: d.severity,
      source: d.code,
      message: d.message,
      ...(onFix === undefined || d.fixes === undefined || d.fixes.length === 0 ? {} : { actions: d.fixes.map((fix) => ({ name: fix.title, apply: () => onFix(d, fix) })) }),
    });
  }
  return out;
}

/** The smallest change turning `from` into `to`: one replaced span between a common prefix and suffix. */
export function minimalChange(from: string, to: string): { from: number; to: number; insert: string } {
  let start = 0;
  const max = Math.min(from.length, to.length);
  while (start < max && from.charCodeAt(start) === to.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && from.charCodeAt(from.length - 1 - end) === to.charCodeAt(to.length - 1 - end)) end++;
  return { from: start, to: from.length - end, insert: to.slice(start, to.length - end) };
}
