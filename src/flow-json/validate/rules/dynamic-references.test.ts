import { describe, expect, it } from 'vitest';
import { validateFlow } from '../index.js';
import { errors, flow, navigateFooter, screen, terminalScreen } from '../test-helpers.js';

const title = { type: 'string', __example__: 'Hi' };
const heading = (text: unknown) => ({ type: 'TextHeading', text });
const one = (children: unknown[], data: Record<string, unknown> = { title }, version = '7.3') => flow(version, [terminalScreen('A', children, { data })]);
const at = (i: number, prop: string) => `/screens/0/layout/children/${i}/${prop}`;
const messageAt = (doc: unknown, pointer: string) => validateFlow(doc).diagnostics.find((d) => d.pointer === pointer)?.message ?? '';

/** A → B, where B reads A's values through global references. */
function twoScreens(bText: string, version = '7.3'): Record<string, unknown> {
  const a = screen('A', [{ type: 'TextInput', name: 'first', label: 'First' }, navigateFooter('B')], { data: { title } });
  return flow(version, [a, terminalScreen('B', [heading(bText)])]);
}

describe('dynamic-references', () => {
  it('accepts references to declared data in every version', () => {
    for (const v of ['2.1', '4.0', '6.0', '7.3']) expect(errors(one([heading('${data.title}')], { title }, v))).toEqual([]);
  });
  it('reports data missing from the screen data model, with a hint', () => {
    const doc = one([heading('${data.titel}')]);
    expect(errors(doc)).toEqual([`INVALID_SCREEN_DYNAMIC_DATA@${at(0, 'text')}`]);
    expect(messageAt(doc, at(0, 'text'))).toContain("Did you mean 'title'?");
  });
  it('reports missing data and form bindings in action payloads as on-click payload errors', () => {
    const footer = (payload: unknown) => ({ type: 'Footer', label: 'Go', 'on-click-action': { name: 'complete', payload } });
    const doc = flow('7.3', [{ id: 'A', title: 'A', terminal: true, layout: { type: 'SingleColumnLayout', children: [footer({ a: '${data.nope}', b: '${form.nope}' })] } }]);
    expect(errors(doc)).toEqual(['INVALID_ON_CLICK_ACTION_PAYLOAD@/screens/0/layout/children/0/on-click-action/payload/a', 'INVALID_ON_CLICK_ACTION_PAYLOAD@/screens/0/layout/children/0/on-click-action/payload/b']);
  });
  it("refuses the Form's own name as a form binding", () => {
    const form = { type: 'Form', name: 'form_name', children: [{ type: 'TextInput', name: 'x', label: 'X' }, { type: 'Footer', label: 'Go', 'on-click-action': { name: 'complete', payload: { v: '${form.form_name}', ok: '${form.x}' } } }] };
    const doc = flow('7.3', [{ id: 'A', title: 'A', terminal: true, layout: { type: 'SingleColumnLayout', children: [form] } }]);
    expect(errors(doc)).toEqual(['INVALID_ON_CLICK_ACTION_PAYLOAD@/screens/0/layout/children/0/children/1/on-click-action/payload/v']);
  });
  it('resolves global references against the named screen from 4.0', () => {
    expect(errors(twoScreens('${screen.A.data.title}', '4.0'))).toEqual([]);
    expect(errors(twoScreens('${screen.A.form.first}'))).toEqual([]);
    expect(errors(twoScreens('${screen.A.data.nope}'))).toEqual(['INVALID_SCREEN_DATA@/screens/1/layout/children/0/text']);
    expect(errors(twoScreens('${screen.A.form.nope}'))).toEqual(['INVALID_SCREEN_DATA@/screens/1/layout/children/0/text']);
    expect(errors(twoScreens('${screen.Z.data.title}'))).toEqual(['INVALID_SCREEN_DATA@/screens/1/layout/children/0/text']);
    expect(errors(twoScreens('${screen.B.data.title}'))).toEqual(['INVALID_SCREEN_DATA@/screens/1/layout/children/0/text']);
  });
  it('reports global references before 4.0 with the version that introduced them', () => {
    const doc = twoScreens('${screen.A.data.title}', '3.0');
    expect(errors(doc).filter((f) => f.includes('/screens/1'))).toEqual(['INVALID_PROPERTY_VALUE@/screens/1/layout/children/0/text']);
    expect(messageAt(doc, '/screens/1/layout/children/0/text')).toContain('4.0');
  });
  it('checks the bound type against the property', () => {
    const data = { list: { type: 'array', items: { type: 'string' }, __example__: [] }, flag: { type: 'boolean', __example__: true }, title };
    expect(errors(one([heading('${data.list}')], data))).toEqual([`INVALID_SCREEN_DYNAMIC_DATA@${at(0, 'text')}`]);
    expect(errors(one([{ type: 'TextBody', text: 'x', visible: '${data.title}' }], data))).toEqual([`INVALID_SCREEN_DYNAMIC_DATA@${at(0, 'visible')}`]);
    expect(errors(one([{ type: 'TextBody', text: 'x', visible: '${data.flag}' }], data))).toEqual([]);
  });
  it('reports a path that walks into an array schema', () => {
    const data = { products: { type: 'array', items: { type: 'object', properties: { title: { type: 'string' } } }, __example__: [] } };
    expect(errors(one([heading('${data.products.items.title}')], data))).toEqual([`INVALID_SCREEN_DYNAMIC_DATA@${at(0, 'text')}`]);
  });
  it('requires the item fields a data-source reads', () => {
    const items = (properties: Record<string, unknown>) => ({ products: { type: 'array', items: { type: 'object', properties }, __example__: [] } });
    const group = { type: 'CheckboxGroup', name: 'c', label: 'Pick', 'data-source': '${data.products}' };
    expect(errors(one([group], items({ id: { type: 'string' } })))).toEqual([`INVALID_SCREEN_DYNAMIC_DATA@${at(0, 'data-source')}`]);
    expect(messageAt(one([group], items({ id: { type: 'string' } })), at(0, 'data-source'))).toContain('Missing schema for title');
    expect(errors(one([group], items({ id: { type: 'string' }, title: { type: 'string' } })))).toEqual([]);
  });
  it('reports syntax errors with their position', () => {
    const doc = one([heading('${data.}')]);
    expect(errors(doc)).toEqual([`INVALID_PROPERTY_VALUE@${at(0, 'text')}`]);
    expect(messageAt(doc, at(0, 'text'))).toMatch(/character \d+/);
  });
  it('refuses dynamic values in properties that take fixed values only', () => {
    expect(errors(one([{ type: 'TextInput', name: '${data.title}', label: 'L' }]))).toEqual([`PATTERN_MISMATCH@${at(0, 'name')}`]);
  });
  it('gates nested expressions and text mixing by version', () => {
    const nested = "`'Hello ' ${data.title}`";
    expect(errors(one([heading(nested)], { title }, '6.0'))).toEqual([]);
    const old = one([heading(nested)], { title }, '5.1');
    expect(errors(old)).toEqual([`INVALID_PROPERTY_VALUE@${at(0, 'text')}`]);
    expect(messageAt(old, at(0, 'text'))).toContain('6.0');
    expect(errors(one([heading('Hello ${data.title}')]))).toEqual([`INVALID_PROPERTY_VALUE@${at(0, 'text')}`]);
  });
  it('type-checks nested expressions', () => {
    const data = { title, n: { type: 'number', __example__: 1 } };
    expect(errors(one([heading('`${data.n} + 1`')], data))).toEqual([`INVALID_SCREEN_DYNAMIC_DATA@${at(0, 'text')}`]);
    expect(errors(one([heading("`${data.title} - 1`")], data))).toEqual([`INVALID_PROPERTY_VALUE@${at(0, 'text')}`]);
  });
});

describe('dynamic-references after an unknown component type', () => {
  it('reports the misspelt type once, not every reference to the field it would have been', () => {
    const doc = {
      version: '7.3',
      screens: [{
        id: 'A', title: 'A', terminal: true,
        layout: { type: 'SingleColumnLayout', children: [
          { type: 'TextInptu', name: 'first_name', label: 'First name' },
          { type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete', payload: { first_name: '${form.first_name}' } } },
        ] },
      }],
    };
    expect(validateFlow(doc).diagnostics.map((d) => `${d.code}@${d.pointer}`)).toEqual(['INVALID_PROPERTY_VALUE@/screens/0/layout/children/0/type']);
  });
});

// A TextInput with input-type "number" holds a number in expressions and payloads: one decision,
// the catalogue's formValueOf, which the runtime stores values by too (src/runtime/rules.ts).
const numberInput = (inputType = 'number') => ({ type: 'TextInput', name: 'age', label: 'Age', 'input-type': inputType });
const shownIf = (visible: string) => ({ type: 'TextBody', text: 'Adults only', visible });
const numberScreen = (children: unknown[], extra: Record<string, unknown> = {}) => flow('7.3', [terminalScreen('A', children, extra)]);

describe('dynamic-references: number inputs', () => {
  it('type-checks a number TextInput against numbers', () => {
    expect(errors(numberScreen([numberInput(), shownIf('`${form.age} > 18`')]))).toEqual([]);
    expect(errors(numberScreen([{ ...numberInput(), name: 'number' }, shownIf('`${form.number} == 42`')]))).toEqual([]);
    expect(errors(numberScreen([numberInput(), { type: 'TextBody', text: "`'In ten years: ' ${form.age} + 10`" }]))).toEqual([]);
  });
  it('still refuses a text TextInput compared with a number', () => {
    expect(errors(numberScreen([numberInput('text'), shownIf('`${form.age} > 18`')]))).toEqual(['INVALID_PROPERTY_VALUE@/screens/0/layout/children/1/visible']);
    expect(errors(numberScreen([numberInput('text'), shownIf('`${form.age} == 42`')]))).toEqual(['INVALID_PROPERTY_VALUE@/screens/0/layout/children/1/visible']);
  });
  it('types data-model numbers and integers as numbers', () => {
    const data = { count: { type: 'integer', __example__: 3 }, price: { type: 'number', __example__: 2.5 } };
    expect(errors(numberScreen([shownIf('`${data.count} >= 2 && ${data.price} < 10`'), shownIf('`${data.count} == 3`')], { data }))).toEqual([]);
  });
});

describe('dynamic-references: nested expression semantics (issue 15)', () => {
  const age = { age: { type: 'integer', __example__: 20 }, total: { type: 'number', __example__: 100 } };
  const text = (value: string) => ({ type: 'TextBody', text: value });

  it('accepts a comparison as one part of a juxtaposition', () => {
    expect(errors(numberScreen([text("`'Adult: ' ${data.age} > 18`")], { data: age }))).toEqual([]);
  });

  it("refuses '(' right after a part, which WhatsApp calls, and shows the form without the parentheses", () => {
    const doc = numberScreen([text("`'You were born in ' (2024 - ${data.age})`")], { data: age });
    expect(errors(doc)).toEqual([`INVALID_PROPERTY_VALUE@${at(0, 'text')}`]);
    expect(messageAt(doc, at(0, 'text'))).toMatch(/function call, which it refuses.*For example: `'You were born in ' 2024 - \$\{data\.age\}`$/);
  });

  it('warns that WhatsApp Web divides by a text form value differently, without failing validation', () => {
    const doc = numberScreen([numberInput(), text("`'Each: ' ${data.total} / ${form.age}`")], { data: age });
    expect(errors(doc)).toEqual([]);
    const found = validateFlow(doc).diagnostics.filter((d) => d.pointer === at(1, 'text'));
    expect(found.map((d) => `${d.code}:${d.severity}`)).toEqual(['NON_PORTABLE_EXPRESSION:warning']);
    expect(found[0]?.message).toMatch(/^At character 27: On WhatsApp Web a divisor .* Infinity/);
  });
});
