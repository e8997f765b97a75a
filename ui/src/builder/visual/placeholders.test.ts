// Every component of the palette, added where "Add" puts it on the examples' screens, gives a
// document the validator accepts — apart from the rules about where a component may be at all
// (one Footer per screen, one PhotoPicker or DocumentPicker, RichText alone, no NavigationList on a terminal screen, inputs inside an
// existing Form), which the palette shows as reasons instead, and the conditions of If/Switch,
// which need the author's own references; and a component whose required action has nowhere to
// go on that screen, which the palette blocks (placeholderProblem).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { componentSpecsFor, getComponentSpec, validateFlow } from '../../../../src/flow-json/index.js';
import type { FlowJsonVersion } from '../../../../src/flow-json/index.js';
import { insertElement } from './json-text.js';
import { defaultTarget, placeholderContext, pointerOf, screenTree } from './model.js';
import { newComponent, placeholderProblem, uniqueName } from './placeholders.js';

const PLACEMENT = new Set(['COMPONENT_TYPE_MAX_NUMBER_PER_SCREEN', 'MORE_THAN_ONE_FOOTER', 'INVALID_RICHTEXT_PLACEMENT', 'INVALID_COMPONENT_PLACEMENT', 'COMPONENTS_OUTSIDE_FORM']);
const CONDITIONAL = new Set(['If', 'Switch']);

describe.each(['sign-up.json', 'feedback-form.json', 'all-inputs.json', 'booking/flow.json'])('new components on %s', (file) => {
  const text = readFileSync(new URL(`../../../../examples/${file}`, import.meta.url), 'utf8');
  const flow = JSON.parse(text) as { version: FlowJsonVersion; screens: unknown[] };
  const errors = (t: string): string[] => validateFlow(t).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`);
  const before = new Set(errors(text));

  it.each(flow.screens.map((_, i) => i))('screen %i: every component validates where Add puts it', (screen) => {
    const tree = screenTree(flow, screen, flow.version)!;
    const problems: string[] = [];
    for (const spec of componentSpecsFor(flow.version)) {
      if (CONDITIONAL.has(spec.type)) continue;
      const target = defaultTarget(tree, undefined, spec.type);
      if (target === undefined || placeholderProblem(spec, placeholderContext(flow, screen, flow.version)) !== undefined) continue;
      const out = insertElement(text, pointerOf(target.list.path), target.index, newComponent(spec, placeholderContext(flow, screen, flow.version)));
      expect(out, spec.type).toBeDefined();
      for (const e of errors(out!)) if (!before.has(e) && !PLACEMENT.has(e.split(':')[0]!)) problems.push(`${spec.type}: ${e}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('placeholder values', () => {
  const ctx = (extra: Partial<Parameters<typeof newComponent>[1]> = {}) => ({ names: new Set<string>(), terminal: false, endpoint: false, version: '7.3' as const, ...extra });

  it('gives inputs a name not used in the flow', () => {
    const names = new Set(['text_input_1']);
    expect(newComponent(getComponentSpec('TextInput')!, ctx({ names }))).toEqual({ type: 'TextInput', name: 'text_input_2', label: 'Text input' });
    expect(uniqueName('DatePicker', names)).toBe('date_picker_1');
    expect(names.has('date_picker_1')).toBe(true);
  });

  it('fills options with distinct ids, and keeps labels within their limit', () => {
    const group = newComponent(getComponentSpec('RadioButtonsGroup')!, ctx()) as { 'data-source': { id: string; title: string }[] };
    expect(group['data-source']).toEqual([
      { id: 'option_1', title: 'Option 1' },
      { id: 'option_2', title: 'Option 2' },
    ]);
    const picker = newComponent(getComponentSpec('DocumentPicker')!, ctx()) as { label: string };
    expect(picker.label.length).toBeLessThanOrEqual(80);
  });

  it('picks a Footer action from the screen: complete when terminal, navigate with the payload the next screen expects', () => {
    const footer = getComponentSpec('Footer')!;
    expect(newComponent(footer, ctx({ terminal: true }))['on-click-action']).toEqual({ name: 'complete', payload: {} });
    expect(newComponent(footer, ctx({ next: 'B', nextPayload: { who: 'Ana' } }))['on-click-action']).toEqual({ name: 'navigate', next: { type: 'screen', name: 'B' }, payload: { who: 'Ana' } });
    expect(newComponent(footer, ctx({ endpoint: true }))['on-click-action']).toEqual({ name: 'data_exchange', payload: {} });
  });

  it('says when a required action has nowhere to go on the screen', () => {
    expect(placeholderProblem(getComponentSpec('Footer')!, ctx())).toBe('Its on-click-action needs a screen to go to or an endpoint.');
    expect(placeholderProblem(getComponentSpec('Footer')!, ctx({ terminal: true }))).toBeUndefined();
    // open_url exists from 6.0: an EmbeddedLink can always open a web page there.
    expect(placeholderProblem(getComponentSpec('EmbeddedLink')!, ctx())).toBeUndefined();
    expect(placeholderProblem(getComponentSpec('EmbeddedLink')!, ctx({ version: '5.1' } as never))).toBeDefined();
  });

  it('gives containers the children they must have', () => {
    expect(newComponent(getComponentSpec('Form')!, ctx())).toEqual({ type: 'Form', name: 'form_1', children: [{ type: 'TextInput', name: 'text_input_1', label: 'Text input' }] });
  });
});
