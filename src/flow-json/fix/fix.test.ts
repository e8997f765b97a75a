import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostics.js';
import { flow, navigateFooter, screen, terminalScreen } from '../validate/test-helpers.js';
import { validateFlow } from '../validate/index.js';
import type { ValidationResult } from '../validate/types.js';
import { applyFixes, computeFixes, fixFlow } from './index.js';

const pretty = (value: unknown, indent: string | number = 2): string => JSON.stringify(value, null, indent);

/** Validates text and attaches fixes, as validateFlow does once wired (`fixes: false` keeps this test independent of that). */
function fixesOf(text: string): ValidationResult {
  return computeFixes(text, validateFlow(text, { fixes: false }));
}

function only(result: ValidationResult, code: string, pointer?: string): Diagnostic {
  const found = result.diagnostics.filter((d) => d.code === code && (pointer === undefined || d.pointer === pointer));
  expect(found, `${code}@${pointer ?? '*'} in ${JSON.stringify(result.diagnostics.map((d) => `${d.code}@${d.pointer}`))}`).toHaveLength(1);
  return found[0]!;
}

const errorKeys = (r: ValidationResult): string[] => r.diagnostics.filter((x) => x.severity === 'error').map((x) => `${x.code}@${x.pointer}`);

/** Applies the fix of one diagnostic and checks the promise: it is gone, and no error was added. */
function applyOne(text: string, d: Diagnostic): string {
  expect(d.fixes, `a fix for ${d.code}@${d.pointer}`).toHaveLength(1);
  const { text: fixed, applied } = applyFixes(text, [d]);
  expect(applied).toBe(1);
  const before = validateFlow(text, { fixes: false });
  const after = validateFlow(fixed, { fixes: false });
  const same = (x: Diagnostic) => x.code === d.code && x.pointer === d.pointer;
  expect(after.diagnostics.filter((a) => same(a) && a.message === d.message)).toEqual([]);
  expect(after.diagnostics.filter(same).length).toBeLessThan(before.diagnostics.filter(same).length);
  const was = errorKeys(before);
  for (const e of errorKeys(after)) expect(was, `no new error ${e}`).toContain(e);
  return fixed;
}

const endpointFlow = (screens: unknown[], extra: Record<string, unknown> = {}) => flow('7.3', screens, { data_api_version: '3.0', ...extra });

describe('routing_model fixes', () => {
  const twoScreens = [screen('START', [navigateFooter('DONE')]), terminalScreen('DONE')];

  it('writes a missing routing_model from the navigate actions, after data_api_version', () => {
    const text = pretty(endpointFlow(twoScreens));
    const d = only(fixesOf(text), 'MISSING_REQUIRED_PROPERTY', '');
    expect(d.fixes?.[0]?.title).toBe('Add routing_model built from the navigate actions');
    const fixed = applyOne(text, d);
    expect(fixed).toBe(text.replace('"data_api_version": "3.0",\n', '"data_api_version": "3.0",\n  "routing_model": {\n    "START": ["DONE"],\n    "DONE": []\n  },\n'));
    expect(validateFlow(fixed).valid).toBe(true);
  });

  it('offers no routing_model when a screen is reached only through the endpoint (its routes are unknown)', () => {
    const exchange = { type: 'Footer', label: 'Send', 'on-click-action': { name: 'data_exchange', payload: {} } };
    const text = pretty(endpointFlow([screen('START', [exchange]), terminalScreen('DONE')]));
    expect(only(fixesOf(text), 'MISSING_REQUIRED_PROPERTY', '').fixes).toBeUndefined();
  });

  it('offers no routing_model when the navigate actions go round in a loop', () => {
    const text = pretty(endpointFlow([
      screen('ONE', [navigateFooter('TWO')]),
      screen('TWO', [navigateFooter('THREE')]),
      screen('THREE', [navigateFooter('ONE')]),
      terminalScreen('DONE'),
    ]));
    expect(only(fixesOf(text), 'MISSING_REQUIRED_PROPERTY', '').fixes).toBeUndefined();
  });

  it('adds screens missing from routing_model, with their navigate routes', () => {
    const text = pretty(endpointFlow(
      [screen('START', [navigateFooter('MIDDLE')]), screen('MIDDLE', [navigateFooter('DONE')]), terminalScreen('DONE')],
      { routing_model: { START: ['MIDDLE'] } },
    ));
    const missing = fixesOf(text).diagnostics.find((d) => d.pointer === '/routing_model' && d.message.includes('missing'))!;
    expect(missing.fixes?.[0]?.title).toBe('Add MIDDLE, DONE to routing_model');
    const fixed = applyOne(text, missing);
    // The document writes its arrays one element per line, so the new ones are too.
    expect(fixed).toBe(text.replace(
      '      "MIDDLE"\n    ]\n  },',
      '      "MIDDLE"\n    ],\n    "MIDDLE": [\n      "DONE"\n    ],\n    "DONE": []\n  },',
    ));
    expect(validateFlow(fixed).valid).toBe(true);
  });

  it('adds a navigate route missing from routing_model to its screen entry', () => {
    const screens = pretty([screen('START', [navigateFooter('DONE')]), terminalScreen('DONE')]).replace(/\n/g, '\n  ');
    const text = `{\n  "version": "7.3",\n  "data_api_version": "3.0",\n  "routing_model": { "START": [], "DONE": [] },\n  "screens": ${screens}\n}\n`;
    const d = only(fixesOf(text), 'INVALID_ROUTING_MODEL', '/screens/0/layout/children/0/on-click-action/next/name');
    expect(d.fixes?.[0]?.title).toBe('Add route START → DONE to routing_model');
    const fixed = applyOne(text, d);
    expect(fixed).toBe(text.replace('"START": []', '"START": ["DONE"]'));
    expect(validateFlow(fixed).valid).toBe(true);
  });

  it('never adds a route that would close a loop', () => {
    const text = pretty(endpointFlow(
      [screen('START', [navigateFooter('NEXT')]), screen('NEXT', [navigateFooter('START'), navigateFooter('DONE')]), terminalScreen('DONE')],
      { routing_model: { START: [], NEXT: ['START', 'DONE'], DONE: [] } },
    ));
    expect(only(fixesOf(text), 'INVALID_ROUTING_MODEL', '/screens/0/layout/children/0/on-click-action/next/name').fixes).toBeUndefined();
  });

  it('fixFlow adds several routes of one screen over successive passes (edits at one place never go in one pass)', () => {
    const link = (target: string) => ({ type: 'EmbeddedLink', text: `Go to ${target}`, 'on-click-action': { name: 'navigate', next: { type: 'screen', name: target }, payload: {} } });
    const text = pretty(endpointFlow(
      [screen('START', [link('LEFT'), navigateFooter('RIGHT')]), terminalScreen('LEFT'), terminalScreen('RIGHT')],
      { routing_model: { START: [], LEFT: [], RIGHT: [] } },
    ));
    const { text: fixed, applied, result } = fixFlow(text);
    expect(applied).toBe(2);
    expect(result.valid).toBe(true);
    expect(fixed).toBe(text.replace('"START": []', '"START": ["LEFT", "RIGHT"]'));
  });
});

describe('__example__ fixes', () => {
  it('adds an __example__ built from the declared type to every field that lacks one', () => {
    const data = {
      name: { type: 'string' },
      size: { type: 'string', enum: ['S', 'M'] },
      count: { type: 'integer' },
      ok: { type: 'boolean', __example__: true },
      flag: { type: 'boolean' },
      options: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' } } } },
      address: { type: 'object', properties: { street: { type: 'string' }, zip: { type: 'number' } } },
    };
    const children = [{ type: 'TextBody', text: '${data.name}' }, { type: 'Dropdown', name: 'pick', label: 'Pick one', 'data-source': '${data.options}' }];
    const text = pretty(flow('7.3', [terminalScreen('START', children, { data })]));
    const result = fixesOf(text);
    const missing = result.diagnostics.filter((d) => d.message.includes('__example__'));
    expect(missing.map((d) => d.pointer.split('/').at(-1))).toEqual(['name', 'size', 'count', 'flag', 'options', 'address']);
    for (const d of missing) expect(d.fixes?.[0]?.title).toBe(`Add an __example__ to '${d.pointer.split('/').at(-1)}'`);
    applyOne(text, missing[0]!);
    const { text: fixed, applied } = applyFixes(text, result.diagnostics);
    expect(applied).toBe(6);
    expect(validateFlow(fixed).diagnostics).toEqual([]);
    const declared = (JSON.parse(fixed) as { screens: { data: Record<string, { __example__: unknown }> }[] }).screens[0]!.data;
    expect(Object.fromEntries(Object.entries(declared).map(([k, v]) => [k, v.__example__]))).toEqual({
      name: 'Example', size: 'S', count: 0, ok: true, flag: false,
      options: [{ id: 'Example', title: 'Example' }], address: { street: 'Example', zip: 0 },
    });
    // Appended after each declaration's last member, in the document's layout.
    expect(fixed).toContain('"type": "integer",\n          "__example__": 0\n        },');
    expect(fixed).toContain('"__example__": {\n            "street": "Example",\n            "zip": 0\n          }\n        }');
  });
});

describe('misspelt names', () => {
  const body = (type: string) => flow('7.3', [terminalScreen('START', [{ type, text: 'Hello' }])]);

  it('replaces a component type one slip away from exactly one component', () => {
    for (const [typo, right] of [['TextBdoy', 'TextBody'], ['textbody', 'TextBody'], ['TextBod', 'TextBody']]) {
      const text = pretty(body(typo!));
      const d = only(fixesOf(text), 'INVALID_PROPERTY_VALUE', '/screens/0/layout/children/0/type');
      expect(d.fixes?.[0]?.title).toBe(`Change '${typo}' to '${right}'`);
      expect(applyOne(text, d)).toBe(text.replace(`"${typo}"`, `"${right}"`));
    }
  });

  it('offers nothing when two components are as close (Foor: Form or Footer?)', () => {
    const text = pretty(body('Foor'));
    expect(only(fixesOf(text), 'INVALID_PROPERTY_VALUE').fixes).toBeUndefined();
  });

  it('renames the misspelt properties the right type reveals in the same fix, or offers nothing', () => {
    const input = (props: Record<string, unknown>) => pretty(flow('7.3', [terminalScreen('START', [{ type: 'TextInptu', name: 'who', ...props }])]));
    const text = input({ lable: 'Your name' });
    const d = only(fixesOf(text), 'INVALID_PROPERTY_VALUE');
    expect(d.fixes?.[0]?.title).toBe("Change 'TextInptu' to 'TextInput' and rename 'lable' to 'label'");
    expect(validateFlow(applyOne(text, d)).valid).toBe(true);
    // The right type would reveal a property no name is close to: the fix would add an error.
    expect(only(fixesOf(input({ label: 'Your name', colour: 'red' })), 'INVALID_PROPERTY_VALUE').fixes).toBeUndefined();
  });

  it('renames a property of a screen, component or action one slip away from exactly one it has', () => {
    const { terminal: _terminal, ...plain } = terminalScreen('START');
    const screenTypo = pretty(flow('7.3', [{ ...plain, termnal: true }]));
    const d1 = only(fixesOf(screenTypo), 'INVALID_PROPERTY_KEY');
    expect(d1.fixes?.[0]?.title).toBe("Rename 'termnal' to 'terminal'");
    expect(validateFlow(applyOne(screenTypo, d1)).valid).toBe(true);

    const footer = { type: 'Footer', label: 'Go on', 'on-click-action': { name: 'navigate', nxet: { type: 'screen', name: 'DONE' }, payload: {} } };
    const actionTypo = pretty(flow('7.3', [screen('START', [footer]), terminalScreen('DONE')]));
    const d2 = only(fixesOf(actionTypo), 'INVALID_PROPERTY_KEY');
    expect(d2.fixes?.[0]?.title).toBe("Rename 'nxet' to 'next'");
    expect(validateFlow(applyOne(actionTypo, d2)).valid).toBe(true);

    const componentTypo = pretty(flow('7.3', [terminalScreen('START', [{ type: 'TextBody', TEXT: 'Hello' }])]));
    const d3 = only(fixesOf(componentTypo), 'INVALID_PROPERTY_KEY');
    expect(applyOne(componentTypo, d3)).toBe(componentTypo.replace('"TEXT"', '"text"'));
  });

  it('offers nothing when no name is close, or for a property of another version (the message says to change the version)', () => {
    const text = pretty(flow('7.3', [terminalScreen('START', [{ type: 'TextBody', text: 'Hi', 'init-value': 'x' }])]));
    expect(only(fixesOf(text), 'INVALID_PROPERTY_KEY').fixes).toBeUndefined();
    const older = pretty(flow('3.0', [terminalScreen('START', [], { sensitive: [] })]));
    expect(only(fixesOf(older), 'INVALID_PROPERTY_KEY').fixes).toBeUndefined();
  });
});

describe('deprecated version', () => {
  it('moves to the oldest publishable version when the flow is valid there', () => {
    const text = pretty(flow('3.0', [terminalScreen('START')]));
    const d = only(fixesOf(text), 'DEPRECATED_FLOW_JSON_VERSION');
    expect(d.fixes?.[0]?.title).toBe('Change version to "5.1"');
    const fixed = applyOne(text, d);
    expect(fixed).toBe(text.replace('"3.0"', '"5.1"'));
    expect(validateFlow(fixed).diagnostics).toEqual([]);
  });

  it('offers nothing when the flow would get an error at that version', () => {
    const text = pretty(flow('2.1', [terminalScreen('START')], { data_channel_uri: 'https://example.com/flow' }));
    expect(validateFlow(text).valid).toBe(true);
    expect(only(fixesOf(text), 'DEPRECATED_FLOW_JSON_VERSION').fixes).toBeUndefined();
  });
});

describe('formatting is kept', () => {
  // One template per document: "\t" is one indentation level and "\n" a line break.
  const before = [
    '{',
    '\t"version": "7.3",',
    '\t"data_api_version": "3.0",',
    '\t"screens": [',
    '\t\t{',
    '\t\t\t"id": "START",',
    '\t\t\t"layout": {',
    '\t\t\t\t"type": "SingleColumnLayout",',
    '\t\t\t\t"children": [',
    '\t\t\t\t\t{ "type": "TextBody", "text": "// not a comment /* nor this */, \\"quoted\\"" },',
    '\t\t\t\t\t{',
    '\t\t\t\t\t\t"type": "Footer",',
    '\t\t\t\t\t\t"lable": "Continue",',
    '\t\t\t\t\t\t"on-click-action": { "name": "navigate", "next": { "type": "screen", "name": "DONE" }, "payload": {} }',
    '\t\t\t\t\t}',
    '\t\t\t\t]',
    '\t\t\t}',
    '\t\t},',
    `\t\t${pretty(terminalScreen('DONE'), '\t').replace(/\n/g, '\n\t\t')}`,
    '\t]',
    '}',
    '',
  ].join('\n');
  const after = before
    .replace('"data_api_version": "3.0",\n', '"data_api_version": "3.0",\n\t"routing_model": {\n\t\t"START": ["DONE"],\n\t\t"DONE": []\n\t},\n')
    .replace('"lable"', '"label"');
  const render = (template: string, unit: string, newline: string) => template.replace(/\t/g, unit).replace(/\n/g, newline);

  it.each([
    ['2 spaces', '  ', '\n'],
    ['4 spaces', '    ', '\n'],
    ['tabs', '\t', '\n'],
    ['2 spaces and CRLF', '  ', '\r\n'],
    ['tabs and CRLF', '\t', '\r\n'],
  ])('%s', (_name, unit, newline) => {
    const text = render(before, unit, newline);
    const { text: fixed, applied, result } = fixFlow(text);
    expect(applied).toBe(2);
    expect(result.diagnostics).toEqual([]);
    expect(fixed).toBe(render(after, unit, newline));
  });

  it('with a byte order mark', () => {
    const text = `\uFEFF${render(before, '  ', '\n')}`;
    expect(fixFlow(text).text).toBe(`\uFEFF${render(after, '  ', '\n')}`);
  });

  it('minified on one line, key order kept', () => {
    const doc = endpointFlow([screen('START', [{ type: 'TextBody', text: '// not /* a comment */' }, navigateFooter('DONE')]), terminalScreen('DONE')]);
    const text = JSON.stringify(doc);
    const { text: fixed, applied } = fixFlow(text);
    expect(applied).toBe(1);
    const { screens, ...head } = doc;
    expect(fixed).toBe(JSON.stringify({ ...head, routing_model: { START: ['DONE'], DONE: [] }, screens }));
  });

  it('one line with spaces after separators', () => {
    const text = '{ "version": "7.3", "data_api_version": "3.0", "screens": ' + JSON.stringify([screen('START', [navigateFooter('DONE')]), terminalScreen('DONE')]) + ' }';
    expect(fixFlow(text).text).toBe(text.replace('"3.0", ', '"3.0", "routing_model": {"START": ["DONE"], "DONE": []}, '));
  });
});

describe('applyFixes', () => {
  const at = (line: number, column: number) => ({ line, column });
  const d = (title: string, start: number, end: number, newText: string): Diagnostic => ({
    code: 'X', severity: 'error', message: title, pointer: '',
    fixes: [{ title, edits: [{ range: { start: at(1, start), end: at(1, end) }, newText }] }],
  });

  it('applies the first fix of each diagnostic, skipping one that touches an edit already taken', () => {
    const text = '{"a": 1, "b": 2}';
    expect(applyFixes(text, [d('a', 7, 8, '10'), d('b', 7, 8, '11'), d('c', 15, 16, '20')])).toEqual({ text: '{"a": 10, "b": 20}', applied: 2 });
    // Two insertions at one place would run together: the second waits for the next pass.
    expect(applyFixes('[]', [d('x', 2, 2, '"x"'), d('y', 2, 2, '"y"')])).toEqual({ text: '["x"]', applied: 1 });
  });

  it('ignores a fix whose range is outside the text, and diagnostics without fixes', () => {
    expect(applyFixes('{}', [d('far', 9, 9, 'x'), { code: 'Y', severity: 'error', message: '', pointer: '' }])).toEqual({ text: '{}', applied: 0 });
  });
});

describe('computeFixes', () => {
  it('returns the result untouched for text that is not JSON, or when nothing is fixable', () => {
    const broken = '{"version": "7.3",';
    const result = validateFlow(broken, { fixes: false });
    expect(computeFixes(broken, result)).toBe(result);
    const valid = pretty(flow('7.3', [terminalScreen('START')]));
    const clean = validateFlow(valid, { fixes: false });
    expect(computeFixes(valid, clean)).toBe(clean);
  });

  it('keeps fixes a diagnostic already has', () => {
    const text = pretty(flow('3.0', [terminalScreen('START')]));
    const result = validateFlow(text, { fixes: false });
    const own = { title: 'mine', edits: [] };
    const withOwn = { ...result, diagnostics: result.diagnostics.map((x) => ({ ...x, fixes: [own] })) };
    expect(computeFixes(text, withOwn).diagnostics[0]?.fixes).toEqual([own]);
  });

  it('checks fixes with the caller’s options (a version override reports no deprecation to fix)', () => {
    const text = pretty(flow('3.0', [terminalScreen('START')]));
    expect(computeFixes(text, validateFlow(text, { version: '7.3', fixes: false }), { version: '7.3' }).diagnostics).toEqual([]);
  });
});
