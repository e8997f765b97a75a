import { describe, expect, it } from 'vitest';
import { validateFlow } from '../index.js';
import { check, flow, navigateFooter, screen, terminalScreen } from '../test-helpers.js';

const exchange = { type: 'Footer', label: 'Next', 'on-click-action': { name: 'data_exchange', payload: {} } };
const endpointFlow = (routing: Record<string, unknown>, screens: unknown[]) => flow('7.3', screens, { data_api_version: '3.0', routing_model: routing });
const messages = (doc: unknown) => validateFlow(doc).diagnostics.filter((d) => d.code === 'INVALID_ROUTING_MODEL').map((d) => d.message);

describe('routing-model', () => {
  it('accepts a forward graph', () => {
    expect(check(endpointFlow({ A: ['B'], B: [] }, [screen('A', [exchange]), terminalScreen('B')]))).toEqual([]);
  });
  it('reports screens missing from routing_model', () => {
    expect(messages(endpointFlow({ A: [] }, [terminalScreen('A'), terminalScreen('B')])).join()).toMatch(/missing in the routing model: \[B\]/);
  });
  it('counts a screen named only as a destination as in the model (Meta\'s reference example { A: [B] })', () => {
    expect(check(endpointFlow({ A: ['B'] }, [screen('A', [exchange]), terminalScreen('B')]))).toEqual([]);
    // Meta's personalised-offer template (corpus valid/17): the last screen is never a key.
    const chain = endpointFlow({ A: ['B'], B: ['C'] }, [screen('A', [exchange]), screen('B', [exchange]), terminalScreen('C')]);
    expect(check(chain)).toEqual([]);
  });
  it('accepts an empty routing_model on a single-screen flow', () => {
    expect(check(endpointFlow({}, [terminalScreen('A')]))).toEqual([]);
  });
  it('still requires navigate actions of a destination-only screen to be routed', () => {
    const doc = endpointFlow({ A: ['B'] }, [screen('A', [exchange]), screen('B', [navigateFooter('C')]), terminalScreen('C')]);
    expect(check(doc)).toContain('INVALID_ROUTING_MODEL@/screens/1/layout/children/0/on-click-action/next/name');
  });
  it('reports unknown screens in routing_model', () => {
    expect(messages(endpointFlow({ A: ['X'], B: [] }, [screen('A', [exchange]), terminalScreen('B')])).join()).toMatch(/Invalid screens .*\[X\]/);
  });
  it('reports disconnected screens', () => {
    const doc = endpointFlow({ A: ['B'], B: [], C: [] }, [screen('A', [exchange]), terminalScreen('B'), terminalScreen('C')]);
    expect(messages(doc).join()).toMatch(/not connected .*\[C\]/);
  });
  it('reports a backward route and a missing entry screen', () => {
    const doc = endpointFlow({ A: ['B'], B: ['A'] }, [screen('A', [exchange]), terminalScreen('B')]);
    const m = messages(doc).join('\n');
    expect(m).toMatch(/Backward route \[B->A\]/);
    expect(m).toMatch(/No entry screen/);
  });
  it('reports a loop of three screens', () => {
    const doc = endpointFlow({ A: ['B'], B: ['C'], C: ['A'] }, [screen('A', [exchange]), screen('B', [exchange]), terminalScreen('C')]);
    expect(messages(doc).join()).toMatch(/Loop detected .*\[A, B, C\]/);
  });
  it('reports more than 10 branches', () => {
    const ids = Array.from({ length: 11 }, (_, i) => `S${i}`);
    const doc = endpointFlow({ A: ids, ...Object.fromEntries(ids.map((id) => [id, []])) }, [screen('A', [exchange]), ...ids.map((id) => terminalScreen(id))]);
    expect(check(doc)).toContain('INVALID_ROUTING_MODEL@/routing_model/A');
  });
  it('requires navigate actions to follow the declared routes', () => {
    const doc = endpointFlow({ A: [], B: [] }, [screen('A', [navigateFooter('B')]), terminalScreen('B')]);
    expect(check(doc)).toContain('INVALID_ROUTING_MODEL@/screens/0/layout/children/0/on-click-action/next/name');
  });
  it('derives the graph from navigate actions without an endpoint', () => {
    const unreachable = flow('7.3', [screen('A', [navigateFooter('B')]), terminalScreen('B'), terminalScreen('C')]);
    expect(messages(unreachable).join()).toMatch(/via navigate screen action: \[C\]/);
    const cycle = flow('7.3', [screen('A', [navigateFooter('B')]), { ...screen('B', [navigateFooter('A')]), terminal: true }]);
    expect(messages(cycle).join()).toMatch(/No entry screen found .*not used as the next screen/);
  });
});
