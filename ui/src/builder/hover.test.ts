// Hover docs on plain text: a property name, a component type, an action and a screen id each
// show what the catalogue (or the document) says about them, for the document's version.
import { describe, expect, it } from 'vitest';
import { hoverFlowJson } from './hover.js';

const DOC = `{
  "version": "6.1",
  "screens": [
    {
      "id": "START",
      "title": "Start here",
      "layout": {"type": "SingleColumnLayout", "children": [
        {"type": "TextInput", "name": "who", "label": "Name", "input-type": "text"},
        {"type": "Footer", "label": "Go", "on-click-action": {"name": "navigate", "next": {"type": "screen", "name": "START"}}}
      ]}
    }
  ]
}`;

const hover = (needle: string, at = 1, version?: '7.3') => hoverFlowJson(DOC, DOC.indexOf(needle) + at, version === undefined ? {} : { version });

describe('hoverFlowJson', () => {
  it("documents a property with its type, limits and versions, over the key's whole string", () => {
    const doc = hover('"label": "Name"');
    expect(doc?.title).toBe('label — property of TextInput');
    expect(doc?.lines).toContain('Type: string, 1–20 characters, not blank (at least one character other than spaces and line breaks)');
    expect(doc?.lines).toContain('Required.');
    expect(doc?.lines).toContain('Takes ${data.…}, ${form.…} or ${screen.…} references.');
    expect(DOC.slice(doc!.from, doc!.to)).toBe('"label"');
    expect(hover('"input-type"')?.lines).toContain('Default: "text"');
  });

  it('documents a component from its type value', () => {
    const doc = hover('"TextInput"', 3);
    expect(doc?.title).toBe('TextInput — component');
    expect(doc?.lines).toEqual(expect.arrayContaining(['Single-line text field.', 'input component, Flow JSON 2.1 and later.', 'Required: name, label.']));
    expect(hover('"Footer"', 2)?.lines).toContain('At most 1 per screen.');
  });

  it('documents actions, layouts and screen ids', () => {
    expect(hover('"navigate"', 2)?.title).toBe('navigate — action');
    expect(hover('"SingleColumnLayout"', 2)?.title).toBe('SingleColumnLayout — layout');
    expect(hover('"name": "START"', 10)).toMatchObject({ title: 'START — screen 1', lines: ['Title: Start here'] });
  });

  it('says nothing about free text, punctuation or unknown keys', () => {
    expect(hover('"Start here"', 2)).toBeUndefined();
    expect(hover('{"type": "TextInput"', 0)).toBeUndefined();
    expect(hoverFlowJson('{"version": "7.3", "nonsense": 1}', 22)).toBeUndefined();
  });
});
