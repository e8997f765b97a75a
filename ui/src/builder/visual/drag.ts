// What is being dragged in the visual editor: a palette component to add, or a component of the
// tree to move. dragover handlers cannot read the drag's data (browsers hide it until the drop),
// and a drop target must know whether it takes the type, so the drag is also kept here.
import type { Path } from './model.js';

export type Dragged = { readonly kind: 'add'; readonly type: string } | { readonly kind: 'move'; readonly type: string; readonly path: Path };

const MIME = 'application/x-waflow-component';
let current: Dragged | undefined;

export function startDrag(e: DragEvent, what: Dragged): void {
  e.stopPropagation();
  current = what;
  if (e.dataTransfer) {
    e.dataTransfer.setData(MIME, JSON.stringify(what));
    // Some browsers only start a drag that carries text.
    e.dataTransfer.setData('text/plain', what.type);
    e.dataTransfer.effectAllowed = what.kind === 'add' ? 'copy' : 'move';
  }
  const clear = (): void => {
    current = undefined;
    window.removeEventListener('dragend', clear, true);
  };
  window.addEventListener('dragend', clear, true);
}

/** The drag in progress, from the event's data when it has it, else the one started here. */
export function dragged(e: DragEvent): Dragged | undefined {
  const raw = e.type === 'drop' ? e.dataTransfer?.getData(MIME) : undefined;
  if (raw) {
    try {
      return JSON.parse(raw) as Dragged;
    } catch {
      return current;
    }
  }
  return current;
}
