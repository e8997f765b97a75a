// The routing model as a graph to draw: one node per screen, laid out in layers by distance from
// the entry screens, and the edges the flow can take — navigate actions written in the screens'
// layouts and routes declared in routing_model (data_exchange moves the endpoint decides).
// Reads any value without throwing: the builder draws whatever the author is typing.

export type RoutingEdgeKind = 'navigate' | 'data_exchange';
export interface RoutingEdge { from: string; to: string; kind: RoutingEdgeKind }
export interface RoutingNode { id: string; title?: string; terminal: boolean; entry: boolean; layer: number; index: number }
export interface RoutingGraph { nodes: RoutingNode[]; edges: RoutingEdge[] }

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Own property read that survives getters that throw and prototype keys. */
function get(value: unknown, key: string): unknown {
  if (!isRecord(value) && !Array.isArray(value)) return undefined;
  try {
    return Object.prototype.hasOwnProperty.call(value, key) ? (value as Json)[key] : undefined;
  } catch {
    return undefined;
  }
}

function entries(value: unknown): [string, unknown][] {
  try {
    return isRecord(value) || Array.isArray(value) ? Object.entries(value) : [];
  } catch {
    return [];
  }
}

/**
 * Targets of navigate actions anywhere under `layout`, in document order. Every `*-action`
 * property counts (on-click-action, on-select-action, on-unselect-action…), wherever it sits: in
 * If/Switch branches, Form children, NavigationList items.
 */
function navigateTargets(layout: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<object>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 200 || (!isRecord(value) && !Array.isArray(value)) || seen.has(value)) return;
    seen.add(value);
    for (const [key, child] of entries(value)) {
      if (key.endsWith('-action') && get(child, 'name') === 'navigate') {
        const target = get(get(child, 'next'), 'name');
        if (typeof target === 'string') out.push(target);
      }
      visit(child, depth + 1);
    }
  };
  visit(layout, 0);
  return out;
}

export function routingGraph(flow: unknown): RoutingGraph {
  const screens = get(flow, 'screens');
  const list = Array.isArray(screens) ? screens : [];
  // One node per screen id, first occurrence wins (duplicate ids are the validator's business).
  const byId = new Map<string, Json>();
  for (const s of list) {
    const id = get(s, 'id');
    if (typeof id === 'string' && !byId.has(id)) byId.set(id, s as Json);
  }
  const ids = [...byId.keys()];

  // Edges between existing screens only: a dangling target has no node to point at.
  const edges: RoutingEdge[] = [];
  const keyOf = (from: string, to: string): string => JSON.stringify([from, to]);
  const known = new Set<string>();
  const add = (from: string, to: string, kind: RoutingEdgeKind): void => {
    if (!byId.has(from) || !byId.has(to) || known.has(keyOf(from, to))) return;
    known.add(keyOf(from, to));
    edges.push({ from, to, kind });
  };
  for (const [id, screen] of byId) for (const to of navigateTargets(get(screen, 'layout'))) add(id, to, 'navigate');
  for (const [from, targets] of entries(get(flow, 'routing_model'))) {
    if (Array.isArray(targets)) for (const to of targets) if (typeof to === 'string') add(from, to, 'data_exchange');
  }

  // A screen that only routes to itself is still an entry: self-loops do not count as inbound.
  const inbound = new Set(edges.filter((e) => e.from !== e.to).map((e) => e.to));
  let entrySet = new Set(ids.filter((id) => !inbound.has(id)));
  if (entrySet.size === 0 && ids.length > 0) entrySet = new Set([ids[0]!]);

  // Breadth-first distance from the entries; the rest share one extra layer at the end.
  const next = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of edges) next.get(e.from)!.push(e.to);
  const layerOf = new Map<string, number>();
  let frontier = ids.filter((id) => entrySet.has(id));
  for (const id of frontier) layerOf.set(id, 0);
  for (let depth = 1; frontier.length > 0; depth++) {
    const found: string[] = [];
    for (const id of frontier) {
      for (const to of next.get(id)!) {
        if (!layerOf.has(to)) {
          layerOf.set(to, depth);
          found.push(to);
        }
      }
    }
    frontier = found;
  }
  const deepest = Math.max(-1, ...layerOf.values());
  const counts = new Map<number, number>();
  const nodes = ids.map((id): RoutingNode => {
    const screen = byId.get(id)!;
    const layer = layerOf.get(id) ?? deepest + 1;
    const index = counts.get(layer) ?? 0;
    counts.set(layer, index + 1);
    const title = get(screen, 'title');
    return { id, ...(typeof title === 'string' ? { title } : {}), terminal: get(screen, 'terminal') === true, entry: entrySet.has(id), layer, index };
  });
  return { nodes, edges };
}
