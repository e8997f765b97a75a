import { describe, expect, it } from 'vitest';
import { check, flow, navigateFooter, screen, terminalScreen } from '../test-helpers.js';

describe('terminal-screens', () => {
  it('requires a terminal screen', () => {
    const doc = flow('7.3', [screen('A', [{ type: 'TextBody', text: 'hi' }])]);
    expect(check(doc)).toContain('MISSING_TERMINAL_SCREEN@/screens');
  });
  it('requires a Footer on each terminal screen', () => {
    const doc = flow('7.3', [{ id: 'A', title: 'A', terminal: true, layout: { type: 'SingleColumnLayout', children: [{ type: 'TextHeading', text: 'Heading' }] } }]);
    expect(check(doc)).toContain('MISSING_FOOTER_ON_TERMINAL_SCREEN@/screens/0');
  });
  it('accepts a Footer nested in a Form', () => {
    const doc = flow('7.3', [{ id: 'A', title: 'A', terminal: true, layout: { type: 'SingleColumnLayout', children: [{ type: 'Form', name: 'f', children: [{ type: 'Footer', label: 'Go', 'on-click-action': { name: 'complete', payload: {} } }] }] } }]);
    expect(check(doc)).toEqual([]);
  });
  it('allows success only on terminal screens', () => {
    const doc = flow('7.3', [screen('A', [navigateFooter('B')], { success: true }), terminalScreen('B')]);
    expect(check(doc)).toContain('NOT_KEYWORD_SCHEMA_VALIDATION_FAILED@/screens/0/success');
  });
  it('needs at least one successful terminal screen', () => {
    const doc = flow('7.3', [terminalScreen('A', [], { success: false })]);
    expect(check(doc)).toContain('INVALID_PROPERTY_VALUE@/screens/0/success');
    expect(check(flow('7.3', [terminalScreen('A', [], { success: true })]))).toEqual([]);
  });
});
