// Completion on plain text and an offset: what the catalogue offers at each kind of place, for the
// document's version, and that applying an option yields the text a person expects.
import { describe, expect, it } from 'vitest';
import { IF_BRANCH_TYPES, validateFlow } from '../../../src/flow-json/index.js';
import { completeFlowJson } from './completion.js';
import type { CompletionList, CompletionOptions } from './completion.js';

const CARET = '‸';

function at(withCaret: string, options: CompletionOptions = {}): { text: string; list: CompletionList | undefined } {
  const offset = withCaret.indexOf(CARET);
  if (offset === -1) throw new Error('no caret in the test text');
  const text = withCaret.replace(CARET, '');
  return { text, list: completeFlowJson(text, offset, options) };
}

function labels(list: CompletionList | undefined): string[] {
  return list?.options.map((o) => o.label) ?? [];
}

/** The text after picking `label`, with the caret where the completion leaves the cursor. */
function pick(text: string, list: CompletionList | undefined, label: string): string {
  const option = list?.options.find((o) => o.label === label);
  if (list === undefined || option === undefined) throw new Error(`no option ${label} in ${JSON.stringify(labels(list))}`);
  const insert = option.insert.slice(0, option.cursor ?? option.insert.length) + CARET + option.insert.slice(option.cursor ?? option.insert.length);
  return text.slice(0, list.from) + insert + text.slice(list.to);
}

/** A one-screen flow with `children` spliced in as written. */
function screen(version: string, children: string, more = ''): string {
  return `{
  "version": "${version}",
  "screens": [
    {
      "id": "FIRST",
      "title": "First",${more}
      "layout": {
        "type": "SingleColumnLayout",
        "children": [${children}]
      }
    }
  ]
}`;
}

describe('component types', () => {
  it('offers the types a layout takes while the string is still open, and closes it', () => {
    // The open string swallows the rest of its line (`]`): that stays, after the closing quote.
    const { text, list } = at(screen('7.3', `{"type": "TextIn${CARET}`));
    expect(labels(list)).toContain('TextInput');
    expect(labels(list)).toContain('Form');
    expect(text.slice(list!.from, list!.to)).toBe('TextIn');
    expect(pick(text, list, 'TextInput')).toContain('[{"type": "TextInput"‸]');
  });

  it('replaces only the content of a closed string', () => {
    const { text, list } = at(screen('7.3', `{"type": "TextIn${CARET}"}`));
    expect(pick(text, list, 'TextInput')).toContain('[{"type": "TextInput‸"}]');
    // What it yields validates as a component type (the missing name and label remain).
    const fixed = pick(text, list, 'TextInput').replace(CARET, '');
    const onIt = validateFlow(fixed).diagnostics.filter((d) => d.pointer === '/screens/0/layout/children/0');
    expect(onIt.map((d) => d.message)).toEqual([expect.stringContaining("'name'"), expect.stringContaining("'label'")]);
  });

  it('quotes a type picked where no string is open yet', () => {
    const { text, list } = at(screen('7.3', `{"type": ${CARET}}`));
    expect(pick(text, list, 'TextBody')).toContain('{"type": "TextBody"‸}');
  });

  it('follows the version: no inputs outside a Form before 4.0, no Form inside a Form', () => {
    const outside = labels(at(screen('3.1', `{"type": "${CARET}"}`)).list);
    expect(outside).toContain('Form');
    expect(outside).toContain('TextBody');
    expect(outside).not.toContain('TextInput');
    expect(outside).not.toContain('If'); // since 4.0
    const inForm = labels(at(screen('3.1', `{"type": "Form", "name": "f", "children": [{"type": "${CARET}"}]}`)).list);
    expect(inForm).toContain('TextInput');
    expect(inForm).not.toContain('Form');
  });

  it("follows the version switch over the document's own version", () => {
    const doc = screen('7.3', `{"type": "${CARET}"}`);
    expect(labels(at(doc).list)).toContain('TextInput');
    expect(labels(at(doc, { version: '3.1' }).list)).not.toContain('TextInput');
  });

  it("offers only an If branch's allowed types inside it", () => {
    const got = labels(at(screen('7.3', `{"type": "If", "condition": "\${data.x}", "then": [{"type": "${CARET}"}]}`)).list);
    expect(got.length).toBeGreaterThan(0);
    for (const type of got) expect(IF_BRANCH_TYPES as readonly string[]).toContain(type);
    expect(got).not.toContain('Form');
  });
});

describe('property names', () => {
  it('offers the properties of the component being written, required ones first, without those present', () => {
    const { text, list } = at(screen('7.3', `{"type": "TextInput", "name": "a", "${CARET}"}`));
    const got = labels(list);
    expect(got).toContain('label');
    expect(got).toContain('input-type');
    expect(got).toContain('pattern'); // since 6.2
    expect(got).not.toContain('type');
    expect(got).not.toContain('name');
    expect(list!.options.find((o) => o.label === 'label')?.boost).toBe(1);
    expect(list!.options.find((o) => o.label === 'label')?.detail).toBe('string, 1–20 characters, not blank (at least one character other than spaces and line breaks) · required');
    // A key picked inside its quotes gets its colon and an empty value with the cursor in it.
    expect(pick(text, list, 'label')).toContain('"name": "a", "label": "‸"}');
    expect(pick(text, list, 'required')).toContain('"name": "a", "required": ‸}');
  });

  it("drops properties the document's version does not have", () => {
    expect(labels(at(screen('6.1', `{"type": "TextInput", "${CARET}"}`)).list)).not.toContain('pattern');
  });

  it('renames only the key when its colon is already there', () => {
    const { text, list } = at(screen('7.3', `{"type": "TextInput", "lab${CARET}": "Name"}`));
    expect(pick(text, list, 'label')).toContain('"label‸": "Name"');
  });

  it('takes a key typed without quotes', () => {
    const { text, list } = at(screen('7.3', `{"type": "TextInput", lab${CARET}}`));
    expect(pick(text, list, 'label')).toContain('{"type": "TextInput", "label": "‸"}');
  });

  it('offers "type" first in a new component, and the properties of screens, actions and the flow', () => {
    expect(labels(at(screen('7.3', `{"${CARET}"}`)).list)).toEqual(['type']);
    const screenKeys = labels(at(screen('7.3', '', `\n      "${CARET}": 1,`)).list);
    expect(screenKeys).toEqual(expect.arrayContaining(['terminal', 'data', 'success', 'refresh_on_back', 'sensitive']));
    expect(screenKeys).not.toContain('id');
    const actionKeys = labels(at(screen('7.3', `{"type": "Footer", "label": "Go", "on-click-action": {"name": "navigate", "${CARET}"}}`)).list);
    expect(actionKeys).toEqual(['next', 'payload']);
    const flowKeys = labels(at(`{"version": "7.3", "${CARET}"}`).list);
    expect(flowKeys).toEqual(['data_api_version', 'routing_model', 'screens']);
  });

  it("offers a data model declaration's keywords", () => {
    const got = labels(at(screen('7.3', '', `\n      "data": {"name": {"${CARET}"}},`)).list);
    expect(got).toEqual(expect.arrayContaining(['type', '__example__', 'items', 'properties']));
  });
});

describe('values', () => {
  it('offers enum values', () => {
    const { text, list } = at(screen('7.3', `{"type": "TextInput", "input-type": "${CARET}"}`));
    expect(labels(list)).toEqual(['text', 'number', 'email', 'password', 'passcode', 'phone']);
    expect(pick(text, list, 'email')).toContain('"input-type": "email‸"');
  });

  it('offers true and false for a boolean being typed', () => {
    const { text, list } = at(screen('7.3', `{"type": "TextInput", "required": tr${CARET}}`));
    expect(labels(list)).toEqual(['true', 'false']);
    expect(pick(text, list, 'true')).toContain('"required": true‸}');
  });

  it("offers the actions a property takes in the document's version", () => {
    const footer = (v: string): string[] => labels(at(screen(v, `{"type": "Footer", "label": "Go", "on-click-action": {"name": "${CARET}"}}`)).list);
    expect(footer('7.3')).toEqual(['navigate', 'data_exchange', 'complete']);
    const link = (v: string): string[] => labels(at(screen(v, `{"type": "EmbeddedLink", "text": "Go", "on-click-action": {"name": "${CARET}"}}`)).list);
    expect(link('7.3')).toContain('open_url');
    expect(link('5.1')).not.toContain('open_url');
  });

  it('offers the screen ids in next.name and in routing_model', () => {
    const two = `{
  "version": "7.3",
  "routing_model": {"${CARET}"},
  "screens": [
    {"id": "START", "layout": {"type": "SingleColumnLayout", "children": [
      {"type": "Footer", "label": "Go", "on-click-action": {"name": "navigate", "next": {"type": "screen", "name": "D"}}}]}},
    {"id": "DONE", "title": "Done", "terminal": true, "layout": {"type": "SingleColumnLayout", "children": []}}
  ]
}`;
    expect(labels(at(two).list)).toEqual(['START', 'DONE']);
    const { text, list } = at(two.replace(`"${CARET}"`, '').replace('"name": "D"', `"name": "D${CARET}"`));
    expect(labels(list)).toEqual(['START', 'DONE']);
    expect(list!.options.find((o) => o.label === 'DONE')?.info).toBe('Done');
    expect(pick(text, list, 'DONE')).toContain('"name": "DONE‸"');
    expect(labels(at(two.replace(`"${CARET}"`, '').replace('"routing_model": {}', `"routing_model": {"START": ["${CARET}"]}`)).list)).toEqual(['START', 'DONE']);
  });

  it('offers nothing in free text', () => {
    expect(at(screen('7.3', `{"type": "TextBody", "text": "Hel${CARET}"}`)).list).toBeUndefined();
  });
});

describe('${…} references', () => {
  const doc = (ref: string): string => `{
  "version": "7.3",
  "screens": [
    {
      "id": "ASK",
      "data": {"greeting": {"type": "string", "__example__": "Hi"}, "account": {"type": "object", "properties": {"plan": {"type": "string"}}, "__example__": {"plan": "x"}}},
      "layout": {"type": "SingleColumnLayout", "children": [
        {"type": "TextInput", "name": "email", "label": "Email"},
        {"type": "If", "condition": "\${data.greeting} != ''", "then": [{"type": "OptIn", "name": "agree", "label": "Agree"}]},
        {"type": "TextBody", "text": "${ref}"}
      ]}
    },
    {
      "id": "DONE",
      "terminal": true,
      "data": {"total": {"type": "number", "__example__": 1}},
      "layout": {"type": "SingleColumnLayout", "children": [{"type": "TextInput", "name": "note", "label": "Note"}]}
    }
  ]
}`;

  it('offers the roots after ${', () => {
    expect(labels(at(doc(`\${${CARET}`)).list)).toEqual(['data', 'form', 'screen']);
  });

  it("offers this screen's inputs (inside conditionals too) and its data", () => {
    const { text, list } = at(doc(`Hello \${form.em${CARET}`));
    expect(labels(list)).toEqual(['email', 'agree']);
    expect(pick(text, list, 'email')).toContain('"Hello ${form.email‸"');
    expect(labels(at(doc(`\${data.${CARET}}`)).list)).toEqual(['greeting', 'account']);
    expect(labels(at(doc(`\${data.account.${CARET}}`)).list)).toEqual(['plan']);
    expect(at(doc(`\${data.greeting.${CARET}}`)).list).toBeUndefined();
  });

  it("offers other screens' ids, and their data and inputs", () => {
    expect(labels(at(doc(`\${screen.${CARET}}`)).list)).toEqual(['ASK', 'DONE']);
    expect(labels(at(doc(`\${screen.DONE.${CARET}}`)).list)).toEqual(['data', 'form']);
    expect(labels(at(doc(`\${screen.DONE.data.${CARET}}`)).list)).toEqual(['total']);
    expect(labels(at(doc(`\${screen.DONE.form.${CARET}}`)).list)).toEqual(['note']);
    expect(at(doc(`\${screen.NOPE.data.${CARET}}`)).list).toBeUndefined();
  });

  it('offers nothing once the reference is closed', () => {
    expect(at(doc(`\${form.email} ${CARET}`)).list).toBeUndefined();
  });
});
