// The routing model drawn: a box per screen, one row per layer (distance from the entry screens),
// solid arrows for navigate actions and dashed ones for routes only routing_model declares (the
// endpoint's data_exchange answers). The drawing scales down to the width it has, so it never
// scrolls sideways; each box is a button that opens its screen.
import type { RoutingGraph as Graph, RoutingEdge, RoutingNode } from '../../../../src/flow-json/index.js';

const W = 136;
const H = 46;
const GAP_X = 20;
const GAP_Y = 46;
const PAD = 12;
/** Room on the right for arrows that go back up or sideways. */
const SIDE = 44;

const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

interface Box {
  readonly node: RoutingNode;
  readonly x: number;
  readonly y: number;
}

function layout(graph: Graph): { boxes: Map<string, Box>; width: number; height: number } {
  const perLayer = new Map<number, number>();
  for (const n of graph.nodes) perLayer.set(n.layer, Math.max(perLayer.get(n.layer) ?? 0, n.index + 1));
  const widest = Math.max(1, ...perLayer.values());
  const layers = Math.max(1, ...[...perLayer.keys()].map((l) => l + 1));
  const inner = widest * W + (widest - 1) * GAP_X;
  const boxes = new Map<string, Box>();
  for (const node of graph.nodes) {
    const count = perLayer.get(node.layer) ?? 1;
    const row = count * W + (count - 1) * GAP_X;
    boxes.set(node.id, { node, x: PAD + (inner - row) / 2 + node.index * (W + GAP_X), y: PAD + node.layer * (H + GAP_Y) });
  }
  return { boxes, width: inner + 2 * PAD + SIDE, height: layers * H + (layers - 1) * GAP_Y + 2 * PAD };
}

function edgePath(a: Box, b: Box): string {
  if (a === b) {
    const x = a.x + W;
    const y = a.y + H / 2;
    return `M ${x} ${y - 10} C ${x + 34} ${y - 26}, ${x + 34} ${y + 26}, ${x} ${y + 10}`;
  }
  if (b.node.layer > a.node.layer) {
    const x1 = a.x + W / 2;
    const y1 = a.y + H;
    const x2 = b.x + W / 2;
    const y2 = b.y;
    const dy = (y2 - y1) / 2;
    return `M ${x1} ${y1} C ${x1} ${y1 + dy}, ${x2} ${y2 - dy}, ${x2} ${y2}`;
  }
  if (b.node.layer === a.node.layer) {
    const ya = a.y + H / 2;
    // Neighbours in a row: straight across, between the facing sides.
    if (Math.abs(a.node.index - b.node.index) === 1) return b.x > a.x ? `M ${a.x + W} ${ya} L ${b.x} ${ya}` : `M ${a.x} ${ya} L ${b.x + W} ${ya}`;
    // Further along the row: under the boxes in between.
    const x1 = a.x + W / 2 + (b.x > a.x ? 10 : -10);
    const x2 = b.x + W / 2;
    return `M ${x1} ${a.y + H} C ${x1} ${a.y + H + 30}, ${x2} ${b.y + H + 30}, ${x2} ${b.y + H}`;
  }
  // Back up: around the right-hand side, away from the forward arrows.
  const x1 = a.x + W;
  const y1 = a.y + H / 2;
  const x2 = b.x + W;
  const y2 = b.y + H / 2 + 6;
  const bulge = 30 + Math.abs(a.node.layer - b.node.layer) * 6;
  return `M ${x1} ${y1} C ${x1 + bulge} ${y1}, ${x2 + bulge} ${y2}, ${x2} ${y2}`;
}

export interface RoutingGraphProps {
  readonly graph: Graph;
  readonly selected: string | undefined;
  readonly onSelect: (id: string) => void;
}

const edgeLabel = (e: RoutingEdge): string => `${e.from} to ${e.to}: ${e.kind === 'navigate' ? 'navigate action' : 'data_exchange route (routing_model)'}`;

export function RoutingGraph({ graph, selected, onSelect }: RoutingGraphProps) {
  const { boxes, width, height } = layout(graph);
  return (
    <figure class="vis-graph" data-testid="routing-graph">
      <figcaption class="vis-h">Routing</figcaption>
      {graph.nodes.length === 0 ? (
        <p class="vis-empty">No screens yet.</p>
      ) : (
        <svg viewBox={`0 0 ${width} ${height}`} style={{ maxWidth: `${width}px` }} role="group" aria-label={`Routing graph: ${graph.nodes.length} screens, ${graph.edges.length} routes`}>
          <defs>
            <marker id="vis-arrow-navigate" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0 0 L10 5 L0 10 z" class="vis-arrow-navigate" />
            </marker>
            <marker id="vis-arrow-data_exchange" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0 0 L10 5 L0 10 z" class="vis-arrow-data_exchange" />
            </marker>
          </defs>
          {graph.edges.map((e) => {
            const a = boxes.get(e.from);
            const b = boxes.get(e.to);
            if (!a || !b) return null;
            return (
              <path key={`${e.from}>${e.to}`} d={edgePath(a, b)} class={`vis-edge is-${e.kind}`} marker-end={`url(#vis-arrow-${e.kind})`} data-testid={`graph-edge-${e.from}-${e.to}`} data-from={e.from} data-to={e.to} data-kind={e.kind}>
                <title>{edgeLabel(e)}</title>
              </path>
            );
          })}
          {[...boxes.values()].map(({ node, x, y }) => (
            <g
              key={node.id}
              class={`vis-node${node.entry ? ' is-entry' : ''}${node.terminal ? ' is-terminal' : ''}${node.id === selected ? ' is-selected' : ''}`}
              transform={`translate(${x} ${y})`}
              role="button"
              tabindex={0}
              aria-pressed={node.id === selected}
              aria-label={`Screen ${node.id}${node.title === undefined ? '' : `: ${node.title}`}${node.entry ? ', entry' : ''}${node.terminal ? ', terminal' : ''}`}
              data-testid={`graph-node-${node.id}`}
              data-layer={node.layer}
              data-index={node.index}
              onClick={() => onSelect(node.id)}
              onKeyDown={(ev) => {
                if (ev.key === 'Enter' || ev.key === ' ') {
                  ev.preventDefault();
                  onSelect(node.id);
                }
              }}
            >
              <title>{`${node.id}${node.title === undefined ? '' : ` — ${node.title}`}`}</title>
              <rect width={W} height={H} rx="8" />
              {node.terminal && <rect class="vis-node-inner" x="3" y="3" width={W - 6} height={H - 6} rx="6" />}
              <text x="10" y="19" class="vis-node-id">
                {clip(node.id, 17)}
              </text>
              <text x="10" y="35" class="vis-node-title">
                {clip(node.title ?? '', 21)}
              </text>
            </g>
          ))}
        </svg>
      )}
      <ul class="vis-legend" aria-label="Legend">
        <li>
          <svg width="30" height="10" aria-hidden="true">
            <line x1="0" y1="5" x2="30" y2="5" class="vis-edge is-navigate" />
          </svg>
          navigate action
        </li>
        <li>
          <svg width="30" height="10" aria-hidden="true">
            <line x1="0" y1="5" x2="30" y2="5" class="vis-edge is-data_exchange" />
          </svg>
          data_exchange (routing_model)
        </li>
        <li>
          <span class="vis-key is-entry" aria-hidden="true" /> entry
        </li>
        <li>
          <span class="vis-key is-terminal" aria-hidden="true" /> terminal
        </li>
      </ul>
    </figure>
  );
}
