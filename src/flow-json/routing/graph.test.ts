import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { routingGraph, type RoutingEdge } from './graph.js';

const examples = join(dirname(fileURLToPath(import.meta.url)), '../../../examples');
const read = (file: string): unknown => JSON.parse(readFileSync(join(examples, file), 'utf8')) as unknown;
const files = [...readdirSync(examples).filter((f) => f.endsWith('.json')), 'booking/flow.json', 'claim/flow.json'];

const edge = (from: string, to: string, kind: RoutingEdge['kind']): RoutingEdge => ({ from, to, kind });
const footer = (to: string) => ({ type: 'Footer', label: 'Next', 'on-click-action': { name: 'navigate', next: { type: 'screen', name: to }, payload: {} } });
const screen = (id: string, children: unknown[], extra: Record<string, unknown> = {}) => ({ id, title: id.toLowerCase(), layout: { type: 'SingleColumnLayout', children }, ...extra });

describe('routingGraph on the examples', () => {
  it.each(files)('%s: a node per screen, edges between screens, consistent layers', (file) => {
    const flow = read(file) as { screens: { id: string; terminal?: boolean }[] };
    const { nodes, edges } = routingGraph(flow);
    expect(nodes.map((n) => n.id)).toEqual(flow.screens.map((s) => s.id));
    expect(nodes.filter((n) => n.terminal).map((n) => n.id)).toEqual(flow.screens.filter((s) => s.terminal === true).map((s) => s.id));
    const ids = new Set(nodes.map((n) => n.id));
    for (const e of edges) expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
    expect(new Set(edges.map((e) => `${e.from}>${e.to}`)).size).toBe(edges.length);
    // Every edge from a reached screen goes at most one layer further (BFS distances).
    const layer = new Map(nodes.map((n) => [n.id, n.layer]));
    for (const e of edges) expect(layer.get(e.to)!).toBeLessThanOrEqual(layer.get(e.from)! + 1);
    expect(nodes.filter((n) => n.entry).every((n) => n.layer === 0)).toBe(true);
  });

  it('booking: the routing model routes through the endpoint', () => {
    const g = routingGraph(read('booking/flow.json'));
    expect(g.edges).toEqual([edge('APPOINTMENT', 'DETAILS', 'data_exchange'), edge('DETAILS', 'SUMMARY', 'data_exchange')]);
    expect(g.nodes.map((n) => [n.id, n.layer, n.index, n.entry, n.terminal])).toEqual([
      ['APPOINTMENT', 0, 0, true, false],
      ['DETAILS', 1, 0, false, false],
      ['SUMMARY', 2, 0, false, true],
    ]);
    expect(g.nodes[0]!.title).toBe('Book an appointment');
  });

  it('all-inputs: navigate actions and a routing_model-only route', () => {
    const g = routingGraph(read('all-inputs.json'));
    expect(g.edges).toContainEqual(edge('PROFILE', 'TERMS', 'navigate'));
    expect(g.edges).toContainEqual(edge('MENU', 'REVIEW', 'navigate'));
    expect(g.edges).toContainEqual(edge('PHOTOS', 'DOCUMENTS', 'data_exchange'));
    expect(g.nodes.find((n) => n.id === 'REVIEW')).toMatchObject({ layer: 5, index: 1 });
    expect(g.nodes.find((n) => n.id === 'GUIDE')).toMatchObject({ layer: 5, index: 0 });
  });

  it('sign-up: navigate actions alone (no routing_model), two screens on the second layer', () => {
    const g = routingGraph(read('sign-up.json'));
    expect(g.edges).toEqual([edge('SIGN_UP', 'TERMS', 'navigate'), edge('SIGN_UP', 'SECURE_ACCOUNT', 'navigate')]);
    expect(g.nodes.map((n) => `${n.id}@${n.layer}.${n.index}`)).toEqual(['SIGN_UP@0.0', 'TERMS@1.0', 'SECURE_ACCOUNT@1.1']);
  });
});

describe('routingGraph edges', () => {
  it('finds navigate actions in If/Switch branches, Forms and NavigationList items, deduplicated', () => {
    const flow = {
      screens: [
        screen('A', [
          { type: 'Form', name: 'f', children: [{ type: 'If', condition: '${form.x}', then: [footer('B')], else: [footer('C')] }] },
          { type: 'Switch', value: '${data.k}', cases: { one: [footer('B')], two: [{ type: 'OptIn', name: 'o', label: 'x', 'on-select-action': { name: 'navigate', next: { name: 'D' } } }] } },
        ]),
        screen('B', [{ type: 'NavigationList', name: 'n', 'list-items': [{ id: '1', 'main-content': { title: 'x' }, 'on-click-action': { name: 'navigate', next: { type: 'screen', name: 'D' } } }] }]),
        screen('C', [{ type: 'Footer', label: 'x', 'on-click-action': { name: 'data_exchange', payload: {} } }]),
        screen('D', [], { terminal: true }),
      ],
      routing_model: { A: ['B', 'C'], C: ['D'] },
    };
    const g = routingGraph(flow);
    expect(g.edges).toEqual([edge('A', 'B', 'navigate'), edge('A', 'C', 'navigate'), edge('A', 'D', 'navigate'), edge('B', 'D', 'navigate'), edge('C', 'D', 'data_exchange')]);
    expect(g.nodes.map((n) => `${n.id}@${n.layer}.${n.index}`)).toEqual(['A@0.0', 'B@1.0', 'C@1.1', 'D@1.2']);
    expect(g.nodes.find((n) => n.id === 'D')?.terminal).toBe(true);
  });

  it('drops edges to screens that do not exist and keeps the first of duplicate ids', () => {
    const g = routingGraph({ screens: [screen('A', [footer('NOWHERE')]), screen('A', []), screen('B', [])], routing_model: { A: ['B', 'GONE', 3], GHOST: ['A'] } });
    expect(g.nodes.map((n) => n.id)).toEqual(['A', 'B']);
    expect(g.edges).toEqual([edge('A', 'B', 'data_exchange')]);
  });

  it('puts unreachable screens in one extra last layer', () => {
    // A → B; C ⇄ D is a cycle nothing enters, so neither is an entry and BFS never reaches them.
    const g = routingGraph({ screens: [screen('A', [footer('B')]), screen('B', []), screen('C', [footer('D')]), screen('D', [footer('C')])] });
    expect(g.nodes.map((n) => `${n.id}@${n.layer}.${n.index}${n.entry ? '!' : ''}`)).toEqual(['A@0.0!', 'B@1.0', 'C@2.0', 'D@2.1']);
  });

  it('takes the first screen as the entry when every screen is targeted', () => {
    const g = routingGraph({ screens: [screen('A', [footer('B')]), screen('B', [footer('A')])] });
    expect(g.nodes.map((n) => `${n.id}@${n.layer}${n.entry ? '!' : ''}`)).toEqual(['A@0!', 'B@1']);
  });

  it('does not let a self-loop take away entry status', () => {
    const g = routingGraph({ screens: [screen('A', [footer('A'), footer('B')]), screen('B', [])] });
    expect(g.edges).toEqual([edge('A', 'A', 'navigate'), edge('A', 'B', 'navigate')]);
    expect(g.nodes[0]).toMatchObject({ id: 'A', entry: true, layer: 0 });
  });

  it('never throws on malformed input', () => {
    const cyclic: Record<string, unknown> = { type: 'Form' };
    cyclic['children'] = [cyclic];
    const throwing = Object.defineProperty({}, 'screens', { get: () => { throw new Error('boom'); }, enumerable: true });
    const inputs: unknown[] = [undefined, null, 42, 'x', [], {}, { screens: 'no' }, { screens: [null, 1, 'x', { id: 5 }, { id: 'A', layout: cyclic }] }, { screens: [{ id: 'A' }], routing_model: [['A']] }, { screens: [{ id: 'A' }], routing_model: { A: 'B' } }, throwing];
    for (const input of inputs) expect(() => routingGraph(input)).not.toThrow();
    expect(routingGraph(null)).toEqual({ nodes: [], edges: [] });
    expect(routingGraph({ screens: [null, { id: 'A', layout: cyclic }] }).nodes).toEqual([{ id: 'A', terminal: false, entry: true, layer: 0, index: 0 }]);
  });
});
