// flowJsonToTs on what the builders cannot express: it must still give the document back exactly,
// in TypeScript that compiles.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblems, typeCheck } from '../typegen/typecheck-test-kit.js';
import { ConvertError, flowJsonToTs } from './convert.js';
import { toFlowJson } from './flow.js';
import { AUTHOR_ENTRY, loadModules } from './round-trip-test-kit.js';
import type { AuthoredFlow } from './shape.js';

const ODD = {
  version: '5.1',
  data_api_version: '3.0',
  // B → A is not in any action, so deriving cannot give this back: it is written as it is.
  routing_model: { A: ['B'], B: ['A'] },
  custom_top: { kept: true },
  screens: [
    {
      id: 'A',
      title: 'A',
      sensitive: ['pin'],
      future_key: 1,
      data: { n: { type: 'number', __example__: 'not a number' }, list: { type: 'array', items: { type: 'string' } } },
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextInput', name: 'pin', label: 'PIN', 'input-type': 'passcode', 'label-variant': 'large' },
          { type: 'FutureComponent', text: '${data.n}' },
          { type: 'ImageCarousel', images: [] },
          { type: 'TextBody', text: '${data.list}', visible: '${form.pin}', 'font-weight': '${data.missing}' },
          { type: 'Footer', label: 'Next', 'on-click-action': { name: 'navigate', next: { type: 'screen', name: 'B' }, extra: 1 } },
        ],
      },
    },
    { id: 'B', terminal: true, layout: { type: 'SingleColumnLayout', children: [], extra: true } },
    'not a screen',
  ],
};

describe('flowJsonToTs', () => {
  it('keeps what no builder expresses with raw(...) and extra, so the round trip is exact, in code that compiles', async () => {
    const source = flowJsonToTs(ODD, { name: 'odd', importFrom: AUTHOR_ENTRY });
    expect(source).toContain("raw({ type: 'FutureComponent', text: '${data.n}' })");
    expect(source).toContain("raw({ type: 'ImageCarousel', images: [] })"); // 7.1, not in 5.1
    expect(source).toContain("raw({ type: 'TextInput'"); // label-variant is 7.0
    expect(source).toContain('routing_model: { A: [\'B\'], B: [\'A\'] }');
    expect(source).toContain('extra: { future_key: 1 }');
    expect(source).toContain('extra: { custom_top: { kept: true } }');
    const modules = await loadModules(new Map([['odd', source]]));
    expect(toFlowJson(modules.get('odd')!['odd'] as AuthoredFlow)).toEqual(ODD);

    const file = join(import.meta.dirname, 'converted-odd.ts');
    const problems = typeCheck([file], new Map([[file, flowJsonToTs(ODD, { name: 'odd', importFrom: './index.js' })]]));
    expect(problems, formatProblems(problems)).toEqual([]);
  }, 120_000);

  it('writes routing_model "none" for an endpoint flow without one, and "auto" when deriving gives it without an endpoint', async () => {
    const screens = [
      { id: 'A', layout: { type: 'SingleColumnLayout', children: [{ type: 'Footer', label: 'Go', 'on-click-action': { name: 'navigate', next: { type: 'screen', name: 'B' } } }] } },
      { id: 'B', terminal: true, layout: { type: 'SingleColumnLayout', children: [{ type: 'Footer', label: 'End', 'on-click-action': { name: 'complete' } }] } },
    ];
    const none = { version: '7.3', data_api_version: '3.0', screens };
    const auto = { version: '7.3', routing_model: { A: ['B'], B: [] }, screens };
    expect(flowJsonToTs(none)).toContain("routing_model: 'none'");
    expect(flowJsonToTs(auto)).toContain("routing_model: 'auto'");
    const modules = await loadModules(new Map([['none', flowJsonToTs(none, { importFrom: AUTHOR_ENTRY })], ['auto', flowJsonToTs(auto, { importFrom: AUTHOR_ENTRY })]]));
    expect(toFlowJson(modules.get('none')!['flowDefinition'] as AuthoredFlow)).toEqual(none);
    expect(toFlowJson(modules.get('auto')!['flowDefinition'] as AuthoredFlow)).toEqual(auto);
  });

  it('rejects what is not a flow, saying where', () => {
    expect(() => flowJsonToTs([])).toThrow(new ConvertError('', 'a flow is a JSON object'));
    expect(() => flowJsonToTs({ version: '9.9', screens: [] })).toThrow('/version: "9.9" is not a Flow JSON version');
    expect(() => flowJsonToTs({ version: '7.3' })).toThrow('/screens: screens must be an array');
    expect(() => flowJsonToTs({ version: '7.3', screens: [] }, { name: 'flow' })).toThrow(/"flow" cannot name the flow constant/);
  });
});
