import { describe, expect, it } from 'vitest';
import { check, flow, terminalScreen } from '../test-helpers.js';

const withFooter = (captions: Record<string, string>) =>
  flow('7.3', [{ id: 'A', title: 'A', terminal: true, layout: { type: 'SingleColumnLayout', children: [{ type: 'Footer', label: 'Go', ...captions, 'on-click-action': { name: 'complete', payload: {} } }] } }]);

describe('property-dependencies', () => {
  it('needs the right caption with the left one', () => {
    expect(check(withFooter({ 'left-caption': 'left' }))).toContain('INVALID_DEPENDENCIES@/screens/0/layout/children/0/left-caption');
  });
  it('refuses a center caption with a side caption', () => {
    expect(check(withFooter({ 'left-caption': 'l', 'right-caption': 'r', 'center-caption': 'c' }))).toContain('NOT_KEYWORD_SCHEMA_VALIDATION_FAILED@/screens/0/layout/children/0/center-caption');
  });
  it('accepts a pair, or a center caption alone', () => {
    expect(check(withFooter({ 'left-caption': 'l', 'right-caption': 'r' }))).toEqual([]);
    expect(check(withFooter({ 'center-caption': 'c' }))).toEqual([]);
  });
  it('needs helper text with a TextInput pattern', () => {
    const input = { type: 'TextInput', name: 'code', label: 'Code', pattern: '[A-Z]{3}' };
    expect(check(flow('7.3', [terminalScreen('A', [input])]))).toContain('INVALID_DEPENDENCIES@/screens/0/layout/children/0/pattern');
    expect(check(flow('7.3', [terminalScreen('A', [{ ...input, 'helper-text': 'Three capitals' }])]))).toEqual([]);
  });
});
