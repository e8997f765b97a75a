// A screen's components as nested lists: the layout's children, and inside each container its own
// lists (Form children, If branches, Switch cases). Drop a palette item or a dragged component on
// a row (upper half: before it, lower half: after it) or on a list's end slot; or use the row's
// buttons: select, move up, move down, remove.
import { useState } from 'preact/hooks';
import { dragged, startDrag } from './drag.js';
import type { Dragged } from './drag.js';
import { pointerOf, samePath } from './model.js';
import type { ComponentList as List, ComponentNode, Path } from './model.js';

export interface TreeActions {
  readonly selected: Path | undefined;
  readonly onSelect: (path: Path) => void;
  readonly onDrop: (what: Dragged, list: List, index: number) => void;
  readonly onMove: (path: Path, delta: -1 | 1) => void;
  readonly onRemove: (path: Path) => void;
}

const takes = (list: List, what: Dragged | undefined): boolean =>
  what !== undefined && (list.allowed === undefined || list.allowed.includes(what.type)) && !(what.kind === 'move' && list.path.length > what.path.length && samePath(list.path.slice(0, what.path.length), what.path));

/** Where over a row the pointer is: its upper half drops before, the lower half after. */
const half = (e: DragEvent): 'before' | 'after' => {
  const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
  return e.clientY < box.top + box.height / 2 ? 'before' : 'after';
};

function Row({ node, list, index, actions }: { node: ComponentNode; list: List; index: number; actions: TreeActions }) {
  const [over, setOver] = useState<'before' | 'after' | undefined>(undefined);
  const selected = samePath(actions.selected, node.path);
  const id = pointerOf(node.path);
  return (
    <li class="vis-item" data-testid={`node-${id}`}>
      <div
        class={`vis-row${selected ? ' is-selected' : ''}${over === undefined ? '' : ` is-over-${over}`}`}
        draggable
        onDragStart={(e) => startDrag(e, { kind: 'move', type: node.type, path: node.path })}
        onDragOver={(e) => {
          if (!takes(list, dragged(e))) return;
          e.preventDefault();
          e.stopPropagation();
          setOver(half(e));
        }}
        onDragLeave={() => setOver(undefined)}
        onDrop={(e) => {
          const what = dragged(e);
          setOver(undefined);
          if (!takes(list, what)) return;
          e.preventDefault();
          e.stopPropagation();
          actions.onDrop(what!, list, half(e) === 'before' ? index : index + 1);
        }}
      >
        <button type="button" class="vis-pick" aria-pressed={selected} data-testid={`select-${id}`} onClick={() => actions.onSelect(node.path)}>
          <span class="vis-type">{node.type}</span>
          {node.summary !== '' && <span class="vis-summary">{node.summary}</span>}
        </button>
        <span class="vis-row-tools">
          <button type="button" aria-label={`Move ${node.type} up`} title="Move up" disabled={index === 0} data-testid={`up-${id}`} onClick={() => actions.onMove(node.path, -1)}>
            ↑
          </button>
          <button type="button" aria-label={`Move ${node.type} down`} title="Move down" disabled={index === list.items.length - 1} data-testid={`down-${id}`} onClick={() => actions.onMove(node.path, 1)}>
            ↓
          </button>
          <button type="button" aria-label={`Remove ${node.type}`} title="Remove" data-testid={`remove-${id}`} onClick={() => actions.onRemove(node.path)}>
            ✕
          </button>
        </span>
      </div>
      {node.lists.map((l) => (
        <div key={pointerOf(l.path)} class="vis-sub">
          <div class="vis-sub-label">{l.label}</div>
          <ComponentTree list={l} actions={actions} />
        </div>
      ))}
    </li>
  );
}

export function ComponentTree({ list, actions }: { list: List; actions: TreeActions }) {
  const [over, setOver] = useState(false);
  const id = pointerOf(list.path);
  return (
    <ol class="vis-list" data-testid={`list-${id}`} aria-label={`${list.label}: ${list.items.length} components`}>
      {list.items.map((node, i) => (
        <Row key={pointerOf(node.path)} node={node} list={list} index={i} actions={actions} />
      ))}
      <li
        class={`vis-drop-end${over ? ' is-over' : ''}`}
        data-testid={`drop-${id}`}
        onDragOver={(e) => {
          if (!takes(list, dragged(e))) return;
          e.preventDefault();
          e.stopPropagation();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          const what = dragged(e);
          setOver(false);
          if (!takes(list, what)) return;
          e.preventDefault();
          e.stopPropagation();
          actions.onDrop(what!, list, list.items.length);
        }}
      >
        {list.items.length === 0 ? 'Empty: drop a component here' : 'Drop here to add at the end'}
      </li>
    </ol>
  );
}
