import { describe, expect, it } from 'vitest';
import { validateFlow } from './index.js';
import { flow, terminalScreen } from './test-helpers.js';

const valid = JSON.stringify(flow('7.3', [terminalScreen('DONE', [{ type: 'TextBody', text: 'Thanks' }])]), null, 2);

describe('validateFlow', () => {
  it('accepts a minimal valid flow as text and as a value', () => {
    expect(validateFlow(valid)).toEqual({ valid: true, diagnostics: [], version: '7.3' });
    expect(validateFlow(JSON.parse(valid)).valid).toBe(true);
  });

  it('reports malformed JSON as INVALID_FLOW_JSON with the exact position', () => {
    const text = '{\n  "version": "7.3",\n  "screens": [],,\n}';
    const result = validateFlow(text);
    expect(result.valid).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ code: 'INVALID_FLOW_JSON', severity: 'error', range: { start: { line: 3, column: 17 } } });
  });

  it('rejects a root that is not an object', () => {
    for (const input of ['[]', '42', 'null', '"flow"']) {
      expect(validateFlow(input).diagnostics.map((d) => d.code)).toEqual(['INVALID_PROPERTY_TYPE']);
    }
  });

  it('distinguishes missing, malformed, unknown and deprecated versions', () => {
    const codes = (version: unknown): string[] => validateFlow({ version, screens: [terminalScreen('A')] }).diagnostics.map((d) => d.code);
    expect(codes(undefined)).toEqual(['MISSING_FLOW_JSON_VERSION']);
    expect(codes(100)).toEqual(['UNSUPPORTED_FLOW_JSON_VERSION']);
    expect(codes('1.0')).toEqual(['UNSUPPORTED_FLOW_JSON_VERSION']);
    expect(codes('2024.0')).toEqual(['INVALID_FLOW_JSON_VERSION']);
    expect(codes('3.1')).toEqual(['DEPRECATED_FLOW_JSON_VERSION']);
    expect(codes('5.1')).toEqual([]);
  });

  it('keeps a deprecated version valid (a warning) and can silence warnings', () => {
    const doc = flow('3.0', [terminalScreen('A')]);
    const result = validateFlow(doc);
    expect(result.valid).toBe(true);
    expect(result.diagnostics[0]?.severity).toBe('warning');
    expect(validateFlow(doc, { warnings: false }).diagnostics).toEqual([]);
  });

  it('validates against an overriding version', () => {
    // CalendarPicker does not exist in 5.0.
    const doc = flow('7.3', [terminalScreen('A', [{ type: 'CalendarPicker', name: 'when', label: 'When' }])]);
    expect(validateFlow(doc).valid).toBe(true);
    const old = validateFlow(doc, { version: '5.0' });
    expect(old.diagnostics.map((d) => `${d.code}@${d.pointer}`)).toContain('INVALID_PROPERTY_VALUE@/screens/0/layout/children/0/type');
  });

  it('sorts diagnostics by position and gives each a range when the input is text', () => {
    const text = JSON.stringify(flow('7.3', [
      { id: 'A', title: 'A', layout: { type: 'SingleColumnLayout', children: [{ type: 'Nope' }] } },
      { id: 'A', title: 'B', layout: { type: 'SingleColumnLayout', children: [] } },
    ]), null, 2);
    const { diagnostics } = validateFlow(text);
    expect(diagnostics.length).toBeGreaterThan(1);
    for (const d of diagnostics) expect(d.range).toBeDefined();
    const lines = diagnostics.map((d) => d.range!.start.line);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
  });

  it('treats keys named like Object.prototype members as plain data', () => {
    const text = '{"version":"7.3","data_api_version":{"toString":[]},"routing_model":{"A":[]},"screens":[{"id":"A","title":"A","terminal":true,"layout":{"type":"SingleColumnLayout","children":[' +
      '{"type":"Footer","label":"x","on-click-action":{"name":"complete","payload":{"__proto__":{"a":"${data.x}"},"constructor":"${form.y}"}}},' +
      '{"type":"TextInput","name":"toString","label":"L","__proto__":{"x":1}}]}}]}';
    const codes = validateFlow(text).diagnostics.map((d) => `${d.code}@${d.pointer}`);
    expect(codes).toContain('INVALID_DATA_API_VERSION@/data_api_version');
    expect(codes).toContain('INVALID_ON_CLICK_ACTION_PAYLOAD@/screens/0/layout/children/0/on-click-action/payload/__proto__/a');
    expect(codes).toContain('INVALID_PROPERTY_KEY@/screens/0/layout/children/1/__proto__');
    expect(codes.filter((c) => c.startsWith('VALIDATOR_INTERNAL_ERROR'))).toEqual([]);
  });
});
