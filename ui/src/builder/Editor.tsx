// The Flow JSON editor: CodeMirror 6 with JSON colours, folding, bracket matching and closing,
// search (Ctrl-F), undo history, line numbers; the validator's diagnostics as squiggles with
// their message on hover and their safe fixes as quick-fix actions (in the hover tooltip, and in
// the lint panel, Ctrl-Shift-M); completion and hover docs from the catalogue (cm-flow.ts).
// Tab indents; Escape then Tab moves focus on (CodeMirror's tab-focus escape), as does Ctrl-M
// (toggles tab-focus mode). `jumpTo` moves the cursor to a line and column and scrolls it into view.
//
// Builder owns the text: typing reports it through onChange, and a text set from outside (a fix,
// "Fix all", opening a flow) arrives as the `text` prop and becomes one change in the editor's
// history (undoable with Ctrl-Z) covering only what differs.
import { json, jsonLanguage } from '@codemirror/lang-json';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { indentWithTab } from '@codemirror/commands';
import { setDiagnostics, lintGutter } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { hoverTooltip, keymap } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { basicSetup, EditorView } from 'codemirror';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { Diagnostic, Fix, FlowJsonVersion } from '../../../src/flow-json/index.js';
import { flowCompletionSource, flowHoverSource, minimalChange, offsetOfPosition, toLintDiagnostics } from './cm-flow.js';
import type { FlowEditorOptions } from './cm-flow.js';

export interface EditorHandle {
  jumpTo(line: number, column: number): void;
  focus(): void;
}

export interface EditorProps {
  text: string;
  /** The validator's diagnostics for exactly `text` (shown only while the editor holds it). */
  diagnostics: readonly Diagnostic[];
  /** The version switch's choice; completion and hover docs follow it. */
  version?: FlowJsonVersion | undefined;
  onChange: (text: string) => void;
  onCursor?: (pos: { line: number; column: number }) => void;
  /** Applies a quick fix (Builder re-validates and sets the fixed text). */
  onFix?: (d: Diagnostic, fix: Fix) => void;
  handle?: { current: EditorHandle | null };
  /** Id of the element describing the editor's keys (aria-describedby). */
  describedBy?: string;
}

/** The editor's element: scripts and the browser tests read the whole text here (the DOM holds only the visible lines). */
export interface EditorElement extends HTMLElement {
  readonly flowText: string;
}

const flowHighlight = HighlightStyle.define([
  { tag: tags.propertyName, color: '#0b5f8a' },
  { tag: tags.string, color: '#a0410d' },
  { tag: tags.number, color: '#0a7d55' },
  { tag: [tags.bool, tags.null], color: '#7a3ea1', fontWeight: '600' },
  { tag: [tags.brace, tags.squareBracket], color: '#54656f' },
  { tag: tags.invalid, color: '#d93025' },
]);

export function Editor({ text, diagnostics, version, onChange, onCursor, onFix, handle, describedBy }: EditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // The latest props, read by the editor's callbacks (created once).
  const latest = useRef({ text, onChange, onCursor, onFix, version });
  latest.current = { text, onChange, onCursor, onFix, version };

  useLayoutEffect(() => {
    const parent = host.current;
    if (parent === null) return;
    const options = (): FlowEditorOptions => ({ version: latest.current.version });
    const reportCursor = (state: EditorState): void => {
      const head = state.selection.main.head;
      const line = state.doc.lineAt(head);
      latest.current.onCursor?.({ line: line.number, column: head - line.from + 1 });
    };
    const v = new EditorView({
      parent,
      state: EditorState.create({
        doc: latest.current.text,
        extensions: [
          syntaxHighlighting(flowHighlight),
          basicSetup,
          keymap.of([indentWithTab]),
          json(),
          jsonLanguage.data.of({ autocomplete: flowCompletionSource(options) }),
          hoverTooltip(flowHoverSource(options), { hoverTime: 350 }),
          lintGutter(),
          EditorView.contentAttributes.of({ 'aria-label': 'Flow JSON', ...(describedBy === undefined ? {} : { 'aria-describedby': describedBy }) }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) {
              const next = u.state.doc.toString();
              if (next !== latest.current.text) latest.current.onChange(next);
            }
            if (u.docChanged || u.selectionSet) reportCursor(u.state);
          }),
        ],
      }),
    });
    view.current = v;
    Object.defineProperty(parent, 'flowText', { configurable: true, get: () => v.state.doc.toString() });
    return () => {
      v.destroy();
      view.current = null;
    };
    // Created once: props reach the editor through `latest` and the effects below.
  }, []);

  // A text set from outside: one minimal change, kept in the history.
  useLayoutEffect(() => {
    const v = view.current;
    if (v === null) return;
    const current = v.state.doc.toString();
    if (current === text) return;
    v.dispatch({ changes: minimalChange(current, text), userEvent: 'input.replace' });
  }, [text]);

  // Diagnostics are for `text`; the editor shows them once it holds that text.
  useEffect(() => {
    const v = view.current;
    if (v === null || v.state.doc.toString() !== text) return;
    v.dispatch(setDiagnostics(v.state, toLintDiagnostics(v.state.doc, diagnostics, (d, fix) => latest.current.onFix?.(d, fix))));
  }, [text, diagnostics]);

  useEffect(() => {
    if (handle === undefined) return;
    handle.current = {
      jumpTo(line, column) {
        const v = view.current;
        if (v === null) return;
        const at = offsetOfPosition(v.state.doc, { line, column });
        v.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: 'center' }) });
        v.focus();
      },
      focus() {
        view.current?.focus();
      },
    };
    return () => {
      handle.current = null;
    };
  }, [handle]);

  return <div class="ed" ref={host} data-testid="editor" />;
}
