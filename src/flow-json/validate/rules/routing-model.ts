import { FLOW_LIMITS } from '../../catalogue/index.js';
import { childPointer } from '../../diagnostics.js';
import type { FlowModel } from '../model.js';
import { isRecord } from '../json-type.js';
import type { Report, Rule } from '../rule.js';
import { hasDataChannel, navigations } from '../walk.js';

type Graph = Map<string, string[]>;

/**
 * The routing model is the graph of allowed forward moves. With an endpoint it is written in
 * routing_model (and navigate actions must follow it); without one it is derived from the
 * navigate actions. Either way: an entry screen, no cycles or back-edges, every screen connected,
 * at most the branch limit per screen.
 */
export const routingModel: Rule = {
  id: 'routing-model',
  codes: ['INVALID_ROUTING_MODEL'],
  description: 'routing_model (declared or derived from navigate actions) is a connected forward graph of existing screens.',
  check({ model, report }) {
    const ids = model.screens.map((s) => s.id).filter((id): id is string => id !== undefined);
    if (ids.length === 0) return;
    const declared = isRecord(model.routingModel) ? model.routingModel : undefined;
    const graph: Graph = declared ? fromDeclared(declared, ids, report) : fromNavigations(model);
    const endpoint = hasDataChannel(model) || declared !== undefined;
    if (declared) checkNavigationsFollow(model, graph, report);
    checkBranches(graph, report, endpoint);
    checkShape(graph, ids, report, endpoint, (id) => model.screenById.get(id)?.pointer ?? '/screens');
  },
};

function fromDeclared(declared: Record<string, unknown>, ids: readonly string[], report: (r: Report) => void): Graph {
  const graph: Graph = new Map();
  const known = new Set(ids);
  const invalid: string[] = [];
  for (const [source, targets] of Object.entries(declared)) {
    if (!known.has(source)) invalid.push(source);
    const list = Array.isArray(targets) ? targets.filter((t): t is string => typeof t === 'string') : [];
    if (!Array.isArray(targets)) {
      report({ code: 'INVALID_ROUTING_MODEL', pointer: childPointer('/routing_model', source), message: `Routing model entry '${source}' must be an array of screen ids.` });
    }
    for (const t of list) if (!known.has(t)) invalid.push(t);
    graph.set(source, list.filter((t) => known.has(t)));
  }
  if (invalid.length > 0) {
    report({ code: 'INVALID_ROUTING_MODEL', pointer: '/routing_model', message: `Invalid screens found in the routing model: [${[...new Set(invalid)].join(', ')}]. Use the ids of screens in "screens".` });
  }
  // A screen is in the routing model when it is a key or a destination. Reading: Meta's Flow JSON
  // reference ("Routing model") writes its example as { "A": ["B"] } with the last screen B only
  // as a destination, and Meta's own personalised-offer template (corpus valid/17) declares
  // { ..., "OFFER": ["PRODUCT_DETAIL"] } without a PRODUCT_DETAIL key; the platform accepts both.
  // A screen that is neither has no route in or out: "missing" (Error codes, Routing Model Errors).
  // A flow of one screen has nothing to route, so an empty routing_model {} is accepted for it.
  const named = new Set(graph.keys());
  for (const targets of graph.values()) for (const t of targets) named.add(t);
  const missing = ids.length > 1 ? ids.filter((id) => !named.has(id)) : [];
  if (missing.length > 0) {
    report({ code: 'INVALID_ROUTING_MODEL', pointer: '/routing_model', message: `Following screens are missing in the routing model: [${missing.join(', ')}]. Route to each from another screen (or list it as a key with its next screens).` });
  }
  // A screen without its own key has no forward routes (a terminal screen, typically).
  for (const id of ids) if (!graph.has(id)) graph.set(id, []);
  return graph;
}

function fromNavigations(model: FlowModel): Graph {
  const graph: Graph = new Map();
  for (const s of model.screens) if (s.id !== undefined) graph.set(s.id, []);
  for (const s of model.screens) {
    if (s.id === undefined) continue;
    const edges = graph.get(s.id)!;
    for (const { target } of navigations(s)) if (graph.has(target) && target !== s.id && !edges.includes(target)) edges.push(target);
  }
  return graph;
}

function checkNavigationsFollow(model: FlowModel, graph: Graph, report: (r: Report) => void): void {
  for (const s of model.screens) {
    if (s.id === undefined || !graph.has(s.id)) continue;
    for (const { target, pointer } of navigations(s)) {
      if (target === s.id || !model.screenById.has(target)) continue; // navigate-target reports these
      if (!graph.get(s.id)!.includes(target)) {
        report({ code: 'INVALID_ROUTING_MODEL', pointer, message: `Missing direct route from screen '${s.id}' to screen '${target}' in the routing model, while it exists in the navigate screen action of screen '${s.id}'. Add '${target}' to routing_model['${s.id}'].` });
      }
    }
  }
}

function checkBranches(graph: Graph, report: (r: Report) => void, endpoint: boolean): void {
  const max = FLOW_LIMITS.maxRoutesPerScreen;
  if (max === undefined) return;
  for (const [source, targets] of graph) {
    if (targets.length > max) {
      report({ code: 'INVALID_ROUTING_MODEL', pointer: endpoint ? childPointer('/routing_model', source) : '/screens', message: `Number of branches exceeds the max limit of ${max} for screen: ${source}.${endpoint ? '' : ' Reduce navigate actions for the screen.'}` });
    }
  }
}

function checkShape(graph: Graph, ids: readonly string[], report: (r: Report) => void, endpoint: boolean, screenPointer: (id: string) => string): void {
  const pointer = endpoint ? '/routing_model' : '/screens';
  for (const [a, targets] of graph) {
    for (const b of targets) {
      if (a < b && graph.get(b)?.includes(a)) {
        report({ code: 'INVALID_ROUTING_MODEL', pointer, message: `Backward route [${b}->${a}] corresponding to forward route [${a}->${b}] is not allowed in the routing model. Only forward routes can be specified: the back button already returns.` });
      }
    }
  }
  const inbound = new Set<string>();
  for (const targets of graph.values()) for (const t of targets) inbound.add(t);
  const entries = ids.filter((id) => !inbound.has(id));
  if (entries.length === 0) {
    report({
      code: 'INVALID_ROUTING_MODEL',
      pointer,
      message: endpoint
        ? 'No entry screen found in the routing model. Expected a screen with no inbound edges as the entry screen.'
        : 'No entry screen found in the routing model. Add a screen that is not used as the next screen in any of the navigate actions.',
    });
  }
  const cycle = findCycle(graph);
  if (cycle) {
    report({ code: 'INVALID_ROUTING_MODEL', pointer, message: `Loop detected in the routing model for screens: [${cycle.join(', ')}]. Routes only go forward.` });
  }
  const disconnected = unconnected(graph, ids);
  if (disconnected.length > 0) {
    report({
      code: 'INVALID_ROUTING_MODEL',
      // Without a routing_model the problem is the screen itself, so point at it.
      pointer: endpoint ? pointer : screenPointer(disconnected[0]!),
      message: endpoint
        ? `Following screens are not connected with the rest of the screens: [${disconnected.join(', ')}]. All screens should be connected.`
        : `Following screens are not connected with the rest of the screens via navigate screen action: [${disconnected.join(', ')}]. All screens should be connected.`,
    });
  }
}

/** A cycle of length ≥ 3 (2-cycles are reported as backward routes), or undefined. */
function findCycle(graph: Graph): string[] | undefined {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    state.set(node, 1);
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const s = state.get(next);
      if (s === 1) {
        const cycle = stack.slice(stack.indexOf(next));
        if (cycle.length > 2) return cycle;
      } else if (s === undefined) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, 2);
    return undefined;
  };
  for (const node of graph.keys()) {
    if (state.has(node)) continue;
    const found = visit(node);
    if (found) return found;
  }
  return undefined;
}

/** Screens outside the weakly connected part that holds the first screen. */
function unconnected(graph: Graph, ids: readonly string[]): string[] {
  if (ids.length < 2) return [];
  const neighbours = new Map<string, Set<string>>();
  for (const id of ids) neighbours.set(id, new Set());
  for (const [a, targets] of graph) for (const b of targets) {
    neighbours.get(a)?.add(b);
    neighbours.get(b)?.add(a);
  }
  const seen = new Set<string>([ids[0]!]);
  const queue = [ids[0]!];
  while (queue.length > 0) {
    for (const n of neighbours.get(queue.pop()!) ?? []) if (!seen.has(n)) { seen.add(n); queue.push(n); }
  }
  return ids.filter((id) => !seen.has(id));
}
