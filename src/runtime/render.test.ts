import { describe, expect, it } from 'vitest';
import { startFlow } from './index.js';
import type { ComponentView, FlowSession } from './index.js';
import type { FlowJsonVersion } from '../flow-json/versions.js';

const screen = (id: string, children: unknown[], extra: Record<string, unknown> = {}) => ({ id, layout: { type: 'SingleColumnLayout', children }, ...extra });
const done = { type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete', payload: {} } };

async function open(version: FlowJsonVersion, children: unknown[], data: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Promise<FlowSession> {
  return startFlow({ flow: { version, screens: [screen('S', children, { terminal: true, ...extra }), screen('OTHER', [done], { terminal: true })] }, flowToken: 't', mode: { action: 'navigate', screen: 'S', data } });
}

function all(views: readonly ComponentView[]): ComponentView[] {
  return views.flatMap((v) => [v, ...all(v.children ?? [])]);
}
const find = (s: FlowSession, name: string) => all(s.screen.components).find((c) => c.name === name);

describe('If and Switch', () => {
  const children = [
    { type: 'OptIn', name: 'member', label: 'I am a member' },
    { type: 'If', condition: '${form.member}', then: [{ type: 'TextInput', name: 'card', label: 'Card', required: true }], else: [{ type: 'TextBody', text: 'Join us' }] },
    { type: 'Switch', value: '${data.tier}', cases: { gold: [{ type: 'TextInput', name: 'gold_code', label: 'Gold code', required: true }], silver: [{ type: 'TextBody', text: 'Silver' }] } },
    { type: 'Footer', label: 'Send', 'on-click-action': { name: 'complete', payload: { card: '${form.card}' } } },
  ];

  it('only the active branch is in the view, and only its fields are required', async () => {
    const s = await open('7.3', children, { tier: 'silver' });
    expect(find(s, 'card')).toBeUndefined();
    expect(s.screen.components.map((c) => c.props['text'] ?? c.name)).toEqual(['member', 'Join us', 'Silver']);
    expect(s.screen.footer?.enabled).toBe(true);
    await s.select('member', 'true');
    expect(find(s, 'card')?.required).toBe(true);
    expect(s.screen.footer).toMatchObject({ enabled: false, disabledReason: 'Required before continuing: fill in Card' });
    expect(s.setValue('gold_code', 'x')).toMatchObject({ ok: false, error: expect.stringContaining('no field named "gold_code"') as unknown });
  });

  it('a Switch case appears from the data, a missing case shows nothing', async () => {
    const gold = await open('7.3', children, { tier: 'gold' });
    expect(find(gold, 'gold_code')).toBeDefined();
    const none = await open('7.3', children, { tier: 'bronze' });
    expect(none.screen.components.map((c) => c.props['text'] ?? c.name)).toEqual(['member', 'Join us']);
  });

  it('an unmatched or missing Switch value shows cases.default when there is one (4.0+)', async () => {
    const withDefault = [
      { type: 'Switch', value: '${data.tier}', cases: {
        gold: [{ type: 'TextBody', text: 'Gold' }],
        default: [{ type: 'TextInput', name: 'code', label: 'Code', required: true }],
      } },
      { type: 'Footer', label: 'Send', 'on-click-action': { name: 'complete', payload: { code: '${form.code}' } } },
    ];
    const texts = (s: FlowSession) => s.screen.components.map((c) => c.props['text'] ?? c.name);
    expect(texts(await open('4.0', withDefault, { tier: 'gold' }))).toEqual(['Gold']);
    const bronze = await open('4.0', withDefault, { tier: 'bronze' });
    expect(texts(bronze)).toEqual(['code']);
    expect(find(bronze, 'code')?.pointer).toBe('/screens/0/layout/children/0/cases/default/0');
    // The default case's fields count like any other branch's: required, and read by payloads.
    expect(bronze.screen.footer?.enabled).toBe(false);
    bronze.setValue('code', 'B-7');
    await bronze.submit();
    expect(bronze.completion).toEqual({ flow_token: 't', code: 'B-7' });
    expect(texts(await open('7.3', withDefault, {}))).toEqual(['code']); // no value at all
    expect(texts(await open('7.3', withDefault, { tier: 'default' }))).toEqual(['code']);
    // Before 4.0 a client has no Switch: nothing of it is drawn, default or not.
    expect(texts(await open('3.1', withDefault, { tier: 'bronze' }))).toEqual([]);
  });

  it('values of a branch that closes are left out of the payload', async () => {
    const s = await open('7.3', children, { tier: 'silver' });
    await s.select('member', 'true');
    s.setValue('card', 'C-1');
    await s.unselect('member', 'true');
    await s.submit();
    expect(s.completion).toEqual({ flow_token: 't' });
  });
});

describe('visible, enabled, init-values and error-messages', () => {
  it('evaluates visible and enabled, and refuses input to hidden or disabled fields', async () => {
    const s = await open('7.3', [
      { type: 'TextInput', name: 'a', label: 'A', visible: '${data.show}', required: true },
      { type: 'TextArea', name: 'b', label: 'B', enabled: '${data.editable}' },
      done,
    ], { show: false, editable: false });
    expect(find(s, 'a')?.visible).toBe(false);
    expect(s.screen.footer?.enabled).toBe(true); // a hidden required field does not count
    expect(s.setValue('a', 'x')).toEqual({ ok: false, error: '"A" is not visible' });
    expect(s.setValue('b', 'x')).toEqual({ ok: false, error: '"B" is disabled' });
  });

  it('hides a component only for a visible of exactly false, after its binding resolves', async () => {
    const shown = ['', 0, 'false', 'no', null, [], {}];
    const children = [
      ...shown.map((_, i) => ({ type: 'TextBody', text: `v${i}`, visible: `\${data.v${i}}` })),
      { type: 'TextBody', text: 'unbound', visible: '${data.missing}' },
      { type: 'TextBody', text: 'static', visible: 'false' },
      { type: 'TextBody', text: 'hidden', visible: '${data.off}' },
      { type: 'TextInput', name: 'req', label: 'Req', required: true, visible: '${data.v0}' },
      { type: 'TextInput', name: 'gone', label: 'Gone', required: true, visible: false },
      done,
    ];
    const data: Record<string, unknown> = { off: false };
    shown.forEach((v, i) => { data[`v${i}`] = v; });
    const s = await open('7.3', children, data);
    const visibility = Object.fromEntries(s.screen.components.map((c) => [c.props['text'] ?? c.name, c.visible]));
    expect(visibility).toEqual({
      v0: true, v1: true, v2: true, v3: true, v4: true, v5: true, v6: true, unbound: true, static: true, hidden: false, req: true, gone: false,
    });
    // A field shown by visible "" counts for the Footer; the one hidden by false does not.
    expect(s.screen.footer).toMatchObject({ enabled: false, disabledReason: 'Required before continuing: fill in Req' });
    const nested = await open('6.0', [{ type: 'TextBody', text: 'n', visible: "`${data.n} == 'x'`" }, done], { n: 'y' });
    expect(nested.screen.components[0]?.visible).toBe(false); // a real boolean false from an expression
  });

  it('applies Form init-values once and shows error-messages until the user edits the field', async () => {
    const s = await open('3.0', [{
      type: 'Form',
      name: 'f',
      'init-values': { email: '${data.email}', topics: ['b'] },
      'error-messages': { email: '${data.email_error}' },
      children: [
        { type: 'TextInput', name: 'email', label: 'Email', 'input-type': 'email' },
        { type: 'CheckboxGroup', name: 'topics', label: 'Topics', 'data-source': [{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }] },
        { type: 'Footer', label: 'Go', 'on-click-action': { name: 'complete', payload: { email: '${form.email}', topics: '${form.topics}' } } },
      ],
    }], { email: 'old@example.com', email_error: 'This address bounced' });
    expect(find(s, 'email')).toMatchObject({ value: 'old@example.com', error: 'This address bounced' });
    expect(find(s, 'topics')?.value).toEqual(['b']);
    s.setValue('email', '');
    expect(find(s, 'email')?.value).toBe(''); // emptied by the user; the init value is not re-applied
    expect(find(s, 'email')?.error).toBeUndefined();
    s.setValue('email', 'new@example.com');
    await s.submit();
    expect(s.completion).toEqual({ flow_token: 't', email: 'new@example.com', topics: ['b'] });
  });

  it('applies component init-value and error-message outside a Form from 4.0', async () => {
    const s = await open('4.0', [
      { type: 'TextInput', name: 'city', label: 'City', 'init-value': '${data.city}', 'error-message': 'Unknown city', required: true },
      { type: 'Dropdown', name: 'size', label: 'Size', 'init-value': 'm', 'data-source': [{ id: 's', title: 'S' }, { id: 'm', title: 'M' }] },
      done,
    ], { city: 'Porto' });
    expect(find(s, 'city')).toMatchObject({ value: 'Porto', error: 'Unknown city' });
    expect(find(s, 'size')?.value).toBe('m');
    s.setValue('city', '');
    expect(s.screen.footer).toMatchObject({ enabled: false, disabledReason: 'Required before continuing: fill in City' });
  });

  it('a Footer with enabled false stays disabled, with the reason', async () => {
    const s = await open('7.3', [{ type: 'Footer', label: 'Go', enabled: '${data.ok}', 'on-click-action': { name: 'complete', payload: {} } }], { ok: false });
    expect(s.screen.footer?.enabled).toBe(false);
    expect(await s.submit()).toEqual({ ok: false, reason: expect.stringContaining('"enabled" is false') as unknown });
  });
});

describe('expressions across versions', () => {
  const textOf = (s: FlowSession) => s.screen.components.map((c) => c.props['text']);

  it('2.1 reads plain ${data} references and leaves global references and nested expressions as text', async () => {
    const s = await open('2.1', [
      { type: 'TextBody', text: '${data.name}' },
      { type: 'TextBody', text: '${screen.S.data.name}' },
      { type: 'TextBody', text: "`'Hi ' ${data.name}`" },
      done,
    ], { name: 'Ana' });
    expect(textOf(s)).toEqual(['Ana', '${screen.S.data.name}', "`'Hi ' ${data.name}`"]);
  });

  it('4.0 resolves global references but not nested expressions', async () => {
    const s = await open('4.0', [{ type: 'TextBody', text: '${screen.S.data.name}' }, { type: 'TextBody', text: "`'Hi ' ${data.name}`" }, done], { name: 'Ana' });
    expect(textOf(s)).toEqual(['Ana', "`'Hi ' ${data.name}`"]);
  });

  it('6.0+ evaluates nested expressions with arithmetic, comparison and concatenation', async () => {
    const s = await open('6.0', [
      { type: 'TextInput', name: 'qty', label: 'Qty', 'input-type': 'number' },
      { type: 'TextBody', text: "`'Total: ' ${form.qty} * ${data.price}`" },
      { type: 'TextBody', text: '`${form.qty} > 2`', visible: '`${form.qty} > 2`' },
      done,
    ], { price: 5 });
    s.setValue('qty', '3');
    expect(s.screen.components[1]?.props['text']).toBe('Total: 15');
    expect(s.screen.components[2]?.visible).toBe(true);
    s.setValue('qty', '1');
    expect(s.screen.components[2]?.visible).toBe(false);
  });

  it('a number TextInput holds a number, as the validator types it (catalogue formValueOf)', async () => {
    const s = await open('7.3', [
      { type: 'TextInput', name: 'number', label: 'Number', 'input-type': 'number' },
      { type: 'TextBody', text: 'Answer', visible: '`${form.number} == 42`' },
      done,
    ], {});
    expect(s.setValue('number', '42')).toEqual({ ok: true, value: 42 });
    expect(s.screen.components[1]?.visible).toBe(true);
    expect(s.form).toEqual({ number: 42 });
  });

  it('update_data is refused before 6.0 and works from 6.0', async () => {
    const children = [{ type: 'RadioButtonsGroup', name: 'r', label: 'R', 'data-source': [{ id: 'a', title: 'A' }], 'on-select-action': { name: 'update_data', payload: { picked: '${form.r}' } } }, done];
    const old = await open('5.1', children);
    expect(await old.select('r', 'a')).toEqual({ ok: false, error: '"update_data" is not available in Flow JSON 5.1 (Flow JSON 6.0 and later)' });
    const now = await open('6.0', children, { picked: '' });
    expect(await now.select('r', 'a')).toEqual({ ok: true, value: 'a' });
    expect(now.screen.data).toEqual({ picked: 'a' });
  });
});

describe('on-select and on-unselect', () => {
  it('a CheckboxGroup without on-unselect-action runs on-select-action for both', async () => {
    const s = await open('7.3', [
      { type: 'CheckboxGroup', name: 'c', label: 'C', 'data-source': [{ id: 'a', title: 'A' }, { id: 'b', title: 'B' }], 'on-select-action': { name: 'update_data', payload: { chosen: '${form.c}' } } },
      done,
    ], { chosen: [] });
    await s.select('c', 'a');
    await s.select('c', 'b');
    expect(s.screen.data['chosen']).toEqual(['a', 'b']);
    await s.unselect('c', 'a');
    expect(s.screen.data['chosen']).toEqual(['b']);
  });

  it('changing a radio choice runs the old option\'s on-unselect-action, then the new one\'s on-select-action', async () => {
    const opt = (id: string) => ({ id, title: id, 'on-select-action': { name: 'update_data', payload: { [`${id}_on`]: true } }, 'on-unselect-action': { name: 'update_data', payload: { [`${id}_on`]: false } } });
    const s = await open('7.3', [{ type: 'RadioButtonsGroup', name: 'r', label: 'R', 'data-source': [opt('x'), opt('y')] }, done]);
    await s.select('r', 'x');
    await s.select('r', 'y');
    expect(s.screen.data).toEqual({ x_on: false, y_on: true });
  });

  it('an EmbeddedLink navigates with its payload; unknown refs list what can be tapped', async () => {
    const s = await open('7.3', [{ type: 'EmbeddedLink', text: 'More', 'on-click-action': { name: 'navigate', next: { type: 'screen', name: 'OTHER' }, payload: { from: 'S' } } }, done]);
    expect(await s.activate('nothing')).toEqual({ ok: false, reason: 'nothing to tap named "nothing" on this screen (try: More)' });
    expect(await s.activate('More')).toEqual({ ok: true, outcome: 'navigated', screen: 'OTHER' });
    expect(s.screen.data).toEqual({ from: 'S' });
  });
});
