// A bottom sheet over the flow (Dropdown options, the date picker): a dimmed backdrop that closes
// it, a grab handle, a title and a scrolling body.
import type { ComponentChildren } from 'preact';

export function Sheet(props: { title: string; onClose: () => void; children: ComponentChildren; testId?: string }) {
  return (
    <div class="wa-sheet-layer">
      <div class="wa-sheet-backdrop" onClick={props.onClose} />
      <div class="wa-sheet" role="dialog" aria-label={props.title} data-testid={props.testId}>
        <div class="wa-sheet-handle" />
        <div class="wa-sheet-head">
          <button type="button" class="wa-icon-btn" aria-label="Close" onClick={props.onClose}>
            ✕
          </button>
          <span class="wa-sheet-title">{props.title}</span>
        </div>
        <div class="wa-sheet-body">{props.children}</div>
      </div>
    </div>
  );
}
