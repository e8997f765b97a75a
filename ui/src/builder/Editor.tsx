// A plain-text Flow JSON editor: a textarea with a line-number gutter that marks the lines holding
// diagnostics (hover shows their messages). `jumpTo` moves the cursor to a line and column and
// scrolls it into view.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Diagnostic } from '../../../src/flow-json/index.js';
import { lineCount, offsetOf, positionOf } from './position.js';

const LINE_HEIGHT = 18;

export interface EditorHandle {
  jumpTo(line: number, column: number): void;
}

export interface EditorProps {
  text: string;
  diagnostics: readonly Diagnostic[];
  onChange: (text: string) => void;
  onCursor?: (pos: { line: number; column: number }) => void;
  handle?: { current: EditorHandle | null };
}

export function Editor({ text, diagnostics, onChange, onCursor, handle }: EditorProps) {
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState(0);
  const byLine = new Map<number, Diagnostic[]>();
  for (const d of diagnostics) {
    const line = d.range?.start.line;
    if (line === undefined) continue;
    byLine.set(line, [...(byLine.get(line) ?? []), d]);
  }
  const lines = lineCount(text);

  useEffect(() => {
    if (handle === undefined) return;
    handle.current = {
      jumpTo(line, column) {
        const el = area.current;
        if (el === null) return;
        const offset = offsetOf(el.value, line, column);
        el.focus();
        el.setSelectionRange(offset, offset);
        el.scrollTop = Math.max(0, (line - 6) * LINE_HEIGHT);
        setScroll(el.scrollTop);
        onCursor?.({ line, column });
      },
    };
  });

  const reportCursor = (): void => {
    const el = area.current;
    if (el !== null) onCursor?.(positionOf(el.value, el.selectionStart));
  };

  return (
    <div class="ed" style={{ '--ed-line': `${LINE_HEIGHT}px` }}>
      <div class="ed-gutter" ref={gutter} aria-hidden="true">
        <div style={{ transform: `translateY(${-scroll}px)` }}>
          {Array.from({ length: lines }, (_, i) => {
            const found = byLine.get(i + 1);
            const severity = found?.some((d) => d.severity === 'error') ? 'error' : found !== undefined ? 'warning' : undefined;
            return (
              <div
                key={i}
                class={`ed-ln${severity === undefined ? '' : ` has-${severity}`}`}
                data-line={i + 1}
                data-marker={severity}
                title={found?.map((d) => `${d.code}: ${d.message}`).join('\n')}
              >
                {severity !== undefined && <span class="ed-dot" />}
                {i + 1}
              </div>
            );
          })}
        </div>
      </div>
      <textarea
        ref={area}
        class="ed-text"
        data-testid="editor"
        spellcheck={false}
        wrap="off"
        value={text}
        onInput={(e) => onChange((e.currentTarget as HTMLTextAreaElement).value)}
        onScroll={(e) => setScroll((e.currentTarget as HTMLTextAreaElement).scrollTop)}
        onKeyUp={reportCursor}
        onClick={reportCursor}
        onKeyDown={(e) => {
          // Tab indents instead of leaving the editor.
          if (e.key !== 'Tab') return;
          e.preventDefault();
          const el = e.currentTarget as HTMLTextAreaElement;
          const { selectionStart: s, selectionEnd: t } = el;
          const next = `${el.value.slice(0, s)}  ${el.value.slice(t)}`;
          onChange(next);
          requestAnimationFrame(() => el.setSelectionRange(s + 2, s + 2));
        }}
      />
    </div>
  );
}
