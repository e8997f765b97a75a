import { describe, expect, it } from 'vitest';
import { FLOW_LIMITS } from '../../catalogue/index.js';
import { check, flow, terminalScreen } from '../test-helpers.js';

describe('component-limits', () => {
  it('refuses more components than a screen may hold', () => {
    const texts = Array.from({ length: FLOW_LIMITS.maxComponentsPerScreen }, (_, i) => ({ type: 'TextBody', text: `t${i}` }));
    expect(check(flow('7.3', [terminalScreen('A', texts)]))).toContain('MAX_ALLOWED_COMPONENTS_PER_SCREEN@/screens/0');
    expect(check(flow('7.3', [terminalScreen('A', texts.slice(1))]))).toEqual([]);
  });
  it('refuses more of a type than its per-screen limit', () => {
    const link = { type: 'EmbeddedLink', text: 'More', 'on-click-action': { name: 'open_url', url: 'https://example.com' } };
    expect(check(flow('7.3', [terminalScreen('A', [link, link, link])]))).toContain('COMPONENT_TYPE_MAX_NUMBER_PER_SCREEN@/screens/0/layout/children/2');
    expect(check(flow('7.3', [terminalScreen('A', [link, link])]))).toEqual([]);
  });
  it('refuses more screens than a flow may hold', () => {
    const max = FLOW_LIMITS.maxScreens ?? 100;
    const screens = Array.from({ length: max + 1 }, (_, i) => terminalScreen(`S${i}`));
    expect(check(flow('7.3', screens))).toContain('MAX_SCREENS_NUMBER@/screens');
  });
});

describe('component-limits per flow and placement', () => {
  const carousel = { type: 'ImageCarousel', images: [{ src: 'aGVsbG8=', 'alt-text': 'pic' }] };
  it('refuses more ImageCarousels in a flow than allowed', () => {
    const screens = [
      { id: 'A', title: 'A', layout: { type: 'SingleColumnLayout', children: [carousel, carousel, { type: 'Footer', label: 'Next', 'on-click-action': { name: 'navigate', next: { type: 'screen', name: 'B' }, payload: {} } }] } },
      terminalScreen('B', [carousel, carousel]),
    ];
    expect(check(flow('7.3', screens))).toContain('COMPONENT_TYPE_MAX_NUMBER_PER_FLOW@/screens/1/layout/children/1');
    expect(check(flow('7.3', [screens[0], terminalScreen('B', [carousel])]))).toEqual([]);
  });
  it('refuses a NavigationList on a terminal screen', () => {
    const list = { type: 'NavigationList', name: 'menu', 'list-items': [{ id: 'a', 'main-content': { title: 'A' } }], 'on-click-action': { name: 'data_exchange', payload: {} } };
    const doc = flow('7.3', [{ id: 'A', title: 'A', terminal: true, layout: { type: 'SingleColumnLayout', children: [list] } }], { data_api_version: '3.0', routing_model: { A: [] } });
    expect(check(doc)).toContain('INVALID_COMPONENT_PLACEMENT@/screens/0/layout/children/0');
  });
});
