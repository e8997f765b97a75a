import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { FLOW_JSON_VERSIONS } from '../flow-json/versions.js';
import { RuntimeError, startFlow } from './index.js';
import type { FlowSession } from './index.js';

const EXAMPLES_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../examples');
const readExample = (file: string): Record<string, unknown> => JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as Record<string, unknown>;

const feedback = readExample('feedback-form.json');

describe('the seed feedback form (Flow JSON 2.1)', () => {
  it('runs screen one, navigates with the payload, completes with exactly the seed payload plus flow_token', async () => {
    const completed = vi.fn();
    const session = await startFlow({ flow: feedback, flowToken: 'tok-1', mode: { action: 'navigate' }, host: { exchange: () => Promise.reject(new Error('no endpoint')), complete: completed } });
    expect(session.screen.id).toBe('screen_feedback_one');
    expect(session.screen.title).toBe('Feedback 1 of 2');
    expect(session.screen.footer).toMatchObject({ label: 'Continue', enabled: false });
    expect(session.screen.footer?.disabledReason).toContain('Choose one:');

    expect(await session.submit()).toMatchObject({ ok: false, reason: expect.stringContaining('Choose one:') as unknown });
    expect(session.setValue('would_recommend', '1')).toEqual({ ok: true, value: '1' });
    expect(session.setValue('how_to_do_better_comment', 'More colours please')).toEqual({ ok: true, value: 'More colours please' });
    expect(session.screen.footer?.enabled).toBe(true);
    expect(await session.submit()).toEqual({ ok: true, outcome: 'navigated', screen: 'screen_feedback_two' });

    expect(session.history).toEqual(['screen_feedback_one', 'screen_feedback_two']);
    expect(session.screen.data).toEqual({ would_recommend: '1', how_to_do_better: 'More colours please' });
    expect(session.screen.terminal).toBe(true);
    expect(session.screen.footer?.disabledReason).toBe('Required before continuing: fill in Purchase experience, Delivery and setup, Customer service');

    session.setValue('purchase_experience_dropdown', '5');
    session.setValue('delivery_dropdown', '3');
    expect(session.screen.footer?.enabled).toBe(false);
    session.setValue('customer_service_dropdown', '4');
    expect(await session.submit()).toEqual({ ok: true, outcome: 'completed' });

    const expected = {
      flow_token: 'tok-1',
      purchase_experience_rating: '5',
      delivery_rating: '3',
      customer_service_rating: '4',
      would_recommend: '1',
      how_to_do_better: 'More colours please',
    };
    expect(session.status).toBe('completed');
    expect(session.completion).toEqual(expected);
    expect(completed).toHaveBeenCalledWith(expected);
  });

  it('resolves data-source options and refuses an id that is not one of them', async () => {
    const session = await startFlow({ flow: feedback, flowToken: 't', mode: { action: 'navigate', screen: 'screen_feedback_two', data: { would_recommend: '0', how_to_do_better: '' } } });
    const dropdown = session.screen.components[0]?.children?.find((c) => c.name === 'delivery_dropdown');
    expect(dropdown?.options?.map((o) => o.id)).toEqual(['5', '4', '3', '2', '1']);
    expect(dropdown?.options?.[0]?.title).toBe('★★★★★• Excellent (5/5)');
    expect(session.setValue('delivery_dropdown', '9')).toEqual({ ok: false, error: '"9" is not one of the options' });
    const after = session.screen.components[0]?.children?.find((c) => c.name === 'delivery_dropdown');
    expect(after?.error).toBe('"9" is not one of the options');
  });

  it('goes back to screen one with the answers kept, and back on the first screen closes the flow', async () => {
    const session = await startFlow({ flow: feedback, flowToken: 't', mode: { action: 'navigate' } });
    session.setValue('would_recommend', '0');
    await session.submit();
    expect(await session.back()).toEqual({ ok: true, outcome: 'back', screen: 'screen_feedback_one' });
    expect(session.history).toEqual(['screen_feedback_one']);
    expect(session.form).toEqual({ would_recommend: '0' });
    expect(await session.back()).toEqual({ ok: true, outcome: 'closed' });
    expect(session.status).toBe('closed');
    expect(session.setValue('would_recommend', '1')).toEqual({ ok: false, error: 'the flow is closed' });
    expect(await session.submit()).toEqual({ ok: false, reason: 'the flow is closed' });
  });

  it('notifies subscribers on every change until they unsubscribe', async () => {
    const session = await startFlow({ flow: feedback, flowToken: 't', mode: { action: 'navigate' } });
    const seen: string[] = [];
    const off = session.subscribe((s: FlowSession) => seen.push(String(s.form['would_recommend'])));
    session.setValue('would_recommend', '1');
    session.setValue('would_recommend', '0');
    off();
    session.setValue('would_recommend', '1');
    expect(seen).toEqual(['1', '0']);
  });
});

describe('startFlow options', () => {
  it('rejects unusable input with specific RuntimeErrors', async () => {
    await expect(startFlow({ flow: 'nope', flowToken: 't', mode: { action: 'navigate' } })).rejects.toThrow(/parsed Flow JSON object/);
    await expect(startFlow({ flow: { version: '9.9', screens: [] }, flowToken: 't', mode: { action: 'navigate' } })).rejects.toThrow(/"9.9"/);
    await expect(startFlow({ flow: feedback, flowToken: '', mode: { action: 'navigate' } })).rejects.toBeInstanceOf(RuntimeError);
    await expect(startFlow({ flow: feedback, flowToken: 't', mode: { action: 'navigate', screen: 'NOPE' } })).rejects.toThrow(/screen "NOPE" is not in this flow/);
    await expect(startFlow({ flow: feedback, flowToken: 't', mode: { action: 'data_exchange' } })).rejects.toMatchObject({ code: 'NO_HOST' });
  });

  it('fills screen data from __example__ only in preview when no data is given', async () => {
    const preview = await startFlow({ flow: feedback, flowToken: 't', preview: true, mode: { action: 'navigate', screen: 'screen_feedback_two' } });
    expect(preview.screen.data).toEqual({ would_recommend: '1', how_to_do_better: 'Have more color options' });
    const plain = await startFlow({ flow: feedback, flowToken: 't', mode: { action: 'navigate', screen: 'screen_feedback_two' } });
    expect(plain.screen.data).toEqual({});
    const given = await startFlow({ flow: feedback, flowToken: 't', preview: true, mode: { action: 'navigate', screen: 'screen_feedback_two', data: { would_recommend: '0' } } });
    expect(given.screen.data).toEqual({ would_recommend: '0' });
  });

  it('opens the routing model entry screen when no screen is named', async () => {
    const flow = {
      version: '7.3',
      routing_model: { A: ['B'], B: [] },
      screens: [
        { id: 'B', terminal: true, layout: { type: 'SingleColumnLayout', children: [{ type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete', payload: {} } }] } },
        { id: 'A', layout: { type: 'SingleColumnLayout', children: [{ type: 'Footer', label: 'Next', 'on-click-action': { name: 'navigate', next: { type: 'screen', name: 'B' }, payload: {} } }] } },
      ],
    };
    const session = await startFlow({ flow, flowToken: 't', mode: { action: 'navigate' } });
    expect(session.screen.id).toBe('A');
  });
});

describe('every Flow JSON version', () => {
  it.each(FLOW_JSON_VERSIONS)('%s runs a form with a reference in the payload to completion', async (version) => {
    const form = {
      type: 'Form',
      name: 'f',
      children: [
        { type: 'TextInput', name: 'nick', label: 'Nickname', required: true },
        { type: 'Footer', label: 'Send', 'on-click-action': { name: 'complete', payload: { nick: '${form.nick}', source: '${data.source}' } } },
      ],
    };
    const flow = { version, screens: [{ id: 'ONLY', terminal: true, data: { source: { type: 'string', __example__: 'ad' } }, layout: { type: 'SingleColumnLayout', children: [form] } }] };
    const session = await startFlow({ flow, flowToken: `v${version}`, mode: { action: 'navigate', data: { source: 'qr' } } });
    expect(session.version).toBe(version);
    expect(session.screen.footer?.enabled).toBe(false);
    session.setValue('nick', 'zed');
    expect(await session.submit()).toEqual({ ok: true, outcome: 'completed' });
    expect(session.completion).toEqual({ flow_token: `v${version}`, nick: 'zed', source: 'qr' });
  });

  it('the version option overrides the document\'s, changing how expressions read', async () => {
    const flow = { version: '7.3', screens: [{ id: 'S', terminal: true, layout: { type: 'SingleColumnLayout', children: [{ type: 'TextBody', text: '${screen.S.data.x}' }] } }] };
    const modern = await startFlow({ flow, flowToken: 't', mode: { action: 'navigate', data: { x: 'hi' } } });
    const old = await startFlow({ flow, flowToken: 't', version: '3.1', mode: { action: 'navigate', data: { x: 'hi' } } });
    expect(modern.screen.components[0]?.props['text']).toBe('hi');
    expect(old.screen.components[0]?.props['text']).toBe('${screen.S.data.x}');
  });
});

describe('field names that Object.prototype also has', () => {
  it('treats "constructor" and "toString" as ordinary fields', async () => {
    const flow = { version: '7.3', screens: [{ id: 'A', title: 'A', terminal: true, layout: { type: 'SingleColumnLayout', children: [
      { type: 'Form', name: 'f', 'init-values': {}, 'error-messages': {}, children: [
        { type: 'TextInput', name: 'constructor', label: 'C', required: true },
        { type: 'TextInput', name: 'toString', label: 'T' },
        { type: 'Footer', label: 'Go', 'on-click-action': { name: 'complete', payload: { c: '${form.constructor}', t: '${form.toString}' } } },
      ] }] } }] };
    const session = await startFlow({ flow, flowToken: 'tok', mode: { action: 'navigate' } });
    expect(session.screen.footer?.disabledReason).toBe('Required before continuing: fill in C');
    session.setValue('constructor', 'x');
    session.setValue('toString', 'y');
    expect(await session.submit()).toMatchObject({ ok: true });
    expect(session.completion).toEqual({ flow_token: 'tok', c: 'x', t: 'y' });
  });
});

describe('a cleared optional text field', () => {
  const flow = (payload: Record<string, string>) => ({ version: '7.3', screens: [{ id: 'A', title: 'A', terminal: true, layout: { type: 'SingleColumnLayout', children: [
    { type: 'TextInput', name: 'nick', label: 'Nickname' },
    { type: 'TextInput', name: 'age', label: 'Age', 'input-type': 'number', 'min-chars': 1 },
    { type: 'TextArea', name: 'notes', label: 'Notes' },
    { type: 'TextInput', name: 'untouched', label: 'Untouched' },
    { type: 'TextInput', name: 'email', label: 'Email', 'input-type': 'email', required: true },
    { type: 'Footer', label: 'Go', 'on-click-action': { name: 'complete', payload } },
  ] } }] });

  it('is sent as "" (typed into, then emptied); a field never touched stays out', async () => {
    const payload = { nick: '${form.nick}', age: '${form.age}', notes: '${form.notes}', untouched: '${form.untouched}', email: '${form.email}' };
    const session = await startFlow({ flow: flow(payload), flowToken: 'tok', mode: { action: 'navigate' } });
    for (const [name, text] of [['nick', 'Jo'], ['age', '42'], ['notes', 'call me']] as const) {
      expect(session.setValue(name, text)).toMatchObject({ ok: true });
      expect(session.setValue(name, '')).toEqual({ ok: true, value: '' });
    }
    expect(session.screen.components.find((c) => c.name === 'nick')?.value).toBe('');
    expect(session.form).toEqual({ nick: '', age: '', notes: '' });
    session.setValue('email', 'a@b.co');
    expect(await session.submit()).toEqual({ ok: true, outcome: 'completed' });
    expect(session.completion).toEqual({ flow_token: 'tok', nick: '', age: '', notes: '', email: 'a@b.co' });
    expect(session.summary().map((i) => i.name)).toEqual(['email']); // the summary lists answers only
  });

  it('still counts as unanswered when required, and an empty init value leaves a field untouched', async () => {
    const session = await startFlow({ flow: flow({ email: '${form.email}' }), flowToken: 'tok', mode: { action: 'navigate' } });
    session.setValue('email', 'a@b.co');
    session.setValue('email', '');
    expect(session.screen.footer).toMatchObject({ enabled: false, disabledReason: 'Required before continuing: fill in Email' });
    const prefilled = { version: '7.3', screens: [{ id: 'A', terminal: true, layout: { type: 'SingleColumnLayout', children: [
      { type: 'TextInput', name: 'nick', label: 'Nickname', 'init-value': '${data.nick}' },
      { type: 'Footer', label: 'Go', 'on-click-action': { name: 'complete', payload: { nick: '${form.nick}' } } },
    ] } }] };
    const s = await startFlow({ flow: prefilled, flowToken: 'tok', mode: { action: 'navigate', data: { nick: '' } } });
    await s.submit();
    expect(s.completion).toEqual({ flow_token: 'tok' });
  });
});
