import { describe, expect, it } from 'vitest';
import { validateFlow } from '../flow-json/validate/index.js';
import { FLOW_JSON_VERSIONS, compareVersions } from '../flow-json/versions.js';
import type { FlowJsonVersion } from '../flow-json/versions.js';
import { resolveCondition, resolveString } from './evaluate.js';
import type { ValueEnv } from './evaluate.js';
import { CASES } from './fixtures/expression-conformance.js';
import type { ConformanceCase, DataField, FormField, Outcome } from './fixtures/expression-conformance.js';

// Issue 15, item 3: each case of the table, at every Flow JSON version from the first one it
// lists, through the validator (one screen holding the expression) and through the runtime (the
// functions the phone renders with).

const EXAMPLES: Record<DataField['type'], unknown> = { string: 'x', number: 1.5, integer: 1, boolean: true, object: {} };

function input(name: string, field: FormField): Record<string, unknown> {
  if (field.input === 'optin') return { type: 'OptIn', name, label: name };
  return { type: 'TextInput', name, label: name, ...(field.input === 'number' ? { 'input-type': 'number' } : {}) };
}

/** A one-screen flow holding the case's inputs, data model and expression; and where the expression is. */
function flowOf(c: ConformanceCase, version: FlowJsonVersion): { doc: unknown; pointer: string } {
  const inputs = Object.entries(c.form ?? {}).map(([name, field]) => input(name, field));
  const data = Object.fromEntries(Object.entries(c.data ?? {}).map(([name, field]) => [name, { type: field.type, __example__: EXAMPLES[field.type] }]));
  const at = inputs.length;
  const children =
    c.as === 'condition'
      ? [...inputs, { type: 'If', condition: c.expression, then: [{ type: 'TextBody', text: 'Shown' }] }, footer({})]
      : [...inputs, footer({ value: c.expression })];
  const screen = { id: 'ONLY', title: 'Only', terminal: true, ...(c.data ? { data } : {}), layout: { type: 'SingleColumnLayout', children } };
  const pointer = c.as === 'condition' ? `/screens/0/layout/children/${at}/condition` : `/screens/0/layout/children/${at}/on-click-action/payload/value`;
  return { doc: { version, screens: [screen] }, pointer };
}

function footer(payload: Record<string, unknown>): Record<string, unknown> {
  return { type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete', payload } };
}

function valuesOf(c: ConformanceCase): ValueEnv {
  const pick = (fields: Readonly<Record<string, DataField | FormField>> | undefined): Record<string, unknown> =>
    Object.fromEntries(Object.entries(fields ?? {}).filter(([, f]) => 'value' in f).map(([name, f]) => [name, f.value]));
  return { data: pick(c.data), form: pick(c.form) };
}

/** The outcome that holds at `version`: the last one listed at or before it. */
function outcomeAt(c: ConformanceCase, version: FlowJsonVersion): Outcome | undefined {
  let found: Outcome | undefined;
  for (const v of FLOW_JSON_VERSIONS) {
    if (compareVersions(v, version) > 0) break;
    found = c.expect[v] ?? found;
  }
  return found;
}

const runs = CASES.flatMap((c) =>
  FLOW_JSON_VERSIONS.flatMap((version) => {
    const outcome = outcomeAt(c, version);
    return outcome ? [{ c, version, outcome }] : [];
  }),
);

describe('expression conformance: what WhatsApp gives, version by version', () => {
  it.each(runs.map((r) => [`${r.c.expression} @ ${r.version} (${r.c.name}; ${r.c.source})`, r] as const))('%s', (_, { c, version, outcome }) => {
    const { doc, pointer } = flowOf(c, version);
    const here = validateFlow(doc).diagnostics.filter((d) => d.pointer === pointer);
    const errors = here.filter((d) => d.severity === 'error');
    const warnings = here.filter((d) => d.severity === 'warning').map((d) => d.code);
    const values = valuesOf(c);
    const runtime = c.as === 'condition' ? resolveCondition(c.expression, values, version) : resolveString(c.expression, values, version);
    if ('refused' in outcome) {
      expect(errors.map((d) => d.message).join('\n')).toContain(outcome.refused);
      expect(runtime).toEqual('result' in outcome ? outcome.result : c.as === 'condition' ? false : c.expression);
    } else {
      expect(errors.map((d) => `${d.code}: ${d.message}`)).toEqual([]);
      expect(warnings).toEqual(outcome.warnings ?? []);
      expect(runtime).toEqual(outcome.result);
    }
  });

  it('warns wherever WhatsApp Web contradicts the documented result', () => {
    for (const c of CASES.filter((x) => x.whatsAppWeb !== undefined)) {
      const latest = FLOW_JSON_VERSIONS[FLOW_JSON_VERSIONS.length - 1] as FlowJsonVersion;
      const outcome = outcomeAt(c, latest);
      expect(outcome && 'warnings' in outcome ? outcome.warnings : []).toContain('NON_PORTABLE_EXPRESSION');
    }
  });

  it('covers every Flow JSON version from 4.0 and both kinds of expression', () => {
    expect(new Set(runs.map((r) => r.version))).toEqual(new Set(FLOW_JSON_VERSIONS.filter((v) => compareVersions(v, '4.0') >= 0)));
    expect(new Set(CASES.map((c) => c.as))).toEqual(new Set(['value', 'condition']));
  });
});
