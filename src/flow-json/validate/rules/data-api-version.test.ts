import { describe, expect, it } from 'vitest';
import { check, flow, screen, terminalScreen } from '../test-helpers.js';

const exchange = { type: 'Footer', label: 'Submit', 'on-click-action': { name: 'data_exchange', payload: {} } };
describe('data-api-version', () => {
  it('requires data_api_version for data_exchange', () => {
    expect(check(flow('7.3', [terminalScreen('A', []), screen('B', [exchange])]))).toContain('MISSING_REQUIRED_PROPERTY@/screens/1/layout/children/0/on-click-action/name');
  });
  it('requires routing_model with data_api_version', () => {
    expect(check(flow('7.3', [screen('A', [exchange], { terminal: true })], { data_api_version: '3.0' }))).toContain('MISSING_REQUIRED_PROPERTY@');
  });
  it('refuses refresh_on_back without an endpoint', () => {
    expect(check(flow('7.3', [terminalScreen('A', [], { refresh_on_back: true })]))).toContain('INVALID_PROPERTY_VALUE@/screens/0/refresh_on_back');
  });
  it('accepts an endpoint flow with both properties', () => {
    const doc = flow('7.3', [screen('A', [exchange], { terminal: true })], { data_api_version: '3.0', routing_model: { A: [] } });
    expect(check(doc)).toEqual([]);
  });
});
