// The flow's screens in document order: a button each, with its title, how many components it
// holds and whether it is an entry or terminal screen (from the routing graph).
import type { RoutingGraph } from '../../../../src/flow-json/index.js';

export interface ScreenItem {
  readonly index: number;
  readonly id: string;
  readonly title: string | undefined;
  readonly components: number;
}

export interface ScreenListProps {
  readonly screens: readonly ScreenItem[];
  readonly graph: RoutingGraph;
  readonly selected: number;
  readonly onSelect: (index: number) => void;
}

export function ScreenList({ screens, graph, selected, onSelect }: ScreenListProps) {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  return (
    <nav class="vis-screens" aria-label="Screens">
      <h3 class="vis-h">Screens</h3>
      <ol>
        {screens.map((s) => {
          const node = nodes.get(s.id);
          return (
            <li key={`${s.index}:${s.id}`}>
              <button type="button" class={s.index === selected ? 'is-selected' : ''} aria-current={s.index === selected ? 'true' : undefined} data-testid={`screen-${s.id}`} onClick={() => onSelect(s.index)}>
                <span class="vis-screen-id">{s.id}</span>
                <span class="vis-screen-title">{s.title ?? ''}</span>
                <span class="vis-badges">
                  {node?.entry === true && <span class="vis-badge">entry</span>}
                  {node?.terminal === true && <span class="vis-badge">terminal</span>}
                  <span class="vis-count">{s.components} component{s.components === 1 ? '' : 's'}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
