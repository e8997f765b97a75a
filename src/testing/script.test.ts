import { describe, expect, it } from 'vitest';
import { FlowTester } from './flow-tester.js';
import { parseScript, runScript } from './script.js';

const FORM = {
  version: '7.3',
  screens: [
    {
      id: 'GEAR',
      title: 'Rent a bike',
      terminal: true,
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'Dropdown', name: 'seats', label: 'Seats', required: true, 'data-source': [{ id: '1', title: 'One' }, { id: '2', title: 'Two' }] },
          { type: 'ChipsSelector', name: 'extras', label: 'Extras', 'data-source': [{ id: 'helmet', title: 'Helmet' }, { id: 'lock', title: 'Lock' }] },
          { type: 'OptIn', name: 'terms', label: 'Accept the terms', required: true },
          { type: 'Footer', label: 'Rent', 'on-click-action': { name: 'complete', payload: { seats: '${form.seats}', extras: '${form.extras}' } } },
        ],
      },
    },
  ],
};

describe('parseScript', () => {
  it('normalises single values to lists and keeps step order', () => {
    expect(parseScript([{ check: { extras: 'helmet' } }, { toggle: 'terms' }, { tap: null }, { back: true }, { expect: { screen: 'A', fields: { seats: '2' } } }])).toEqual({
      ok: true,
      steps: [{ check: { extras: ['helmet'] } }, { toggle: ['terms'] }, { tap: null }, { back: true }, { expect: { screen: 'A', fields: { seats: '2' } } }],
    });
  });

  it('names the step and the problem', () => {
    expect(parseScript([{ tap: null }, { expect: { screeen: 'A' } }])).toEqual({ ok: false, message: 'step 2: "expect" does not know "screeen"; use screen, completion, fields' });
    expect(parseScript([{ back: false }])).toEqual({ ok: false, message: 'step 1: "back" takes true' });
    expect(parseScript([{ tap: '' }])).toMatchObject({ ok: false, message: expect.stringMatching(/^step 1: "tap" takes a label/) as unknown });
    expect(parseScript([{ check: { extras: [] } }])).toMatchObject({ ok: false });
    expect(parseScript([{ fill: {} }])).toMatchObject({ ok: false });
    expect(parseScript(['tap'])).toMatchObject({ ok: false, message: expect.stringMatching(/^step 1: must be an object/) as unknown });
  });
});

describe('runScript', () => {
  it('runs pick, check, toggle and tap, and records each step', async () => {
    const script = parseScript([
      { pick: { Seats: 'Two' } },
      { check: { extras: ['Helmet', 'lock'] } },
      { uncheck: { extras: 'lock' } },
      { toggle: 'terms' },
      { expect: { fields: { seats: '2', extras: ['helmet'], terms: true } } },
      { tap: 'Rent' },
      { expect: { completion: { seats: '2', extras: ['helmet'] } } },
    ]);
    if (!script.ok) throw new Error(script.message);
    const transcript = await runScript(await FlowTester.start({ flow: FORM }), script.steps);
    expect(transcript.ok).toBe(true);
    expect(transcript.steps[4]?.components.map((c) => c.value)).toEqual(['2', ['helmet'], true]);
    expect(transcript.completion).toEqual({ flow_token: 'waflow-test-flow-token', seats: '2', extras: ['helmet'] });
  });

  it('stops at the first failing step', async () => {
    const script = parseScript([{ expect: { fields: { seats: '1' } } }, { tap: null }]);
    if (!script.ok) throw new Error(script.message);
    const transcript = await runScript(await FlowTester.start({ flow: FORM }), script.steps);
    expect(transcript).toMatchObject({ ok: false, failedStep: 1, completion: null });
    expect(transcript.steps).toHaveLength(2);
    expect(transcript.steps[1]?.error).toMatch(/field "seats" does not hold the expected value/);
  });
});
