import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { insertElement, moveElement, removeElement, removeMember, setMember } from './json-text.js';

const SIGN_UP = readFileSync(new URL('../../../../examples/sign-up.json', import.meta.url), 'utf8');
const children = '/screens/0/layout/children';

/** The text with `inserted` removed again is the original: nothing else moved. */
function onlyInserted(before: string, after: string): string {
  let i = 0;
  while (i < before.length && before[i] === after[i]) i++;
  let j = 0;
  while (j < before.length - i && before[before.length - 1 - j] === after[after.length - 1 - j]) j++;
  return after.slice(i, after.length - j);
}

describe('visual edits keep the rest of the text', () => {
  it('inserts a component at an index, in the siblings’ indentation', () => {
    const out = insertElement(SIGN_UP, children, 1, { type: 'TextBody', text: 'Hi' })!;
    const doc = JSON.parse(out) as { screens: { layout: { children: { type: string; text?: string }[] } }[] };
    expect(doc.screens[0]!.layout.children[1]).toEqual({ type: 'TextBody', text: 'Hi' });
    // Removing it again gives back the document byte for byte: nothing else moved.
    expect(removeElement(out, children, 1)).toBe(SIGN_UP);
    expect(out.length - SIGN_UP.length).toBe(onlyInserted(SIGN_UP, out).length);
    // The new element's lines are indented like its siblings.
    const line = out.split('\n').find((l) => l.includes('"type": "TextBody"'))!;
    const sibling = SIGN_UP.split('\n').find((l) => l.includes('"type": "TextHeading"'))!;
    expect(/^\s*/.exec(line)![0]).toBe(/^\s*/.exec(sibling)![0]);
  });

  it('appends, fills an empty array, and works on one-line documents', () => {
    expect(insertElement('{"a": []}', '/a', 0, 1)).toBe('{"a": [1]}');
    expect(insertElement('{"a": [1, 2]}', '/a', 2, 3)).toBe('{"a": [1, 2, 3]}');
    expect(insertElement('{"a": [1, 2]}', '/a', 0, 0)).toBe('{"a": [0, 1, 2]}');
    expect(insertElement('{"a":[1,2]}', '/a', 1, { b: 1 })).toBe('{"a":[1,{"b":1},2]}');
    expect(insertElement('{\n  "a": [\n    1\n  ]\n}', '/a', 1, 2)).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
    expect(insertElement('{\n  "a": []\n}', '/a', 0, { b: 1 })).toBe('{\n  "a": [\n    {\n      "b": 1\n    }\n  ]\n}');
    expect(insertElement('{"a": [1]}', '/a', 5, 0)).toBeUndefined();
    expect(insertElement('{"a": [1,]}', '/a', 0, 0)).toBeUndefined();
  });

  it('removes elements and members with their commas', () => {
    expect(removeElement('{"a": [1, 2, 3]}', '/a', 0)).toBe('{"a": [2, 3]}');
    expect(removeElement('{"a": [1, 2, 3]}', '/a', 2)).toBe('{"a": [1, 2]}');
    expect(removeElement('{"a": [1]}', '/a', 0)).toBe('{"a": []}');
    expect(removeElement('{\n  "a": [\n    1,\n    2\n  ]\n}', '/a', 1)).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(removeMember('{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}', '', 'b')).toBe('{\n  "a": 1,\n  "c": 3\n}');
    expect(removeMember('{"a": 1}', '', 'z')).toBeUndefined();
  });

  it('sets members in place or adds them after a given one', () => {
    expect(setMember('{\n  "a": 1,\n  "b": 2\n}', '', 'a', 'x')).toBe('{\n  "a": "x",\n  "b": 2\n}');
    expect(setMember('{\n  "a": 1,\n  "b": 2\n}', '', 'c', true, 'a')).toBe('{\n  "a": 1,\n  "c": true,\n  "b": 2\n}');
    expect(setMember('{"a": 1}', '', 'c', [1, 2])).toBe('{"a": 1, "c": [1, 2]}');
    expect(setMember('[1]', '', 'c', 1)).toBeUndefined();
  });

  it('moves an element within its array and into another, keeping its own text', () => {
    const text = '{\n  "a": [\n    {"x": 1},\n    {\n      "y": 2\n    },\n    {"f": []}\n  ]\n}';
    const down = moveElement(text, '/a', 0, '/a', 2)!;
    expect(down.text).toBe('{\n  "a": [\n    {\n      "y": 2\n    },\n    {"x": 1},\n    {"f": []}\n  ]\n}');
    expect(down.pointer).toBe('/a/1');
    // Into the third element's array: the element is re-indented one level deeper.
    const into = moveElement(text, '/a', 1, '/a/2/f', 0)!;
    expect(into.pointer).toBe('/a/1/f/0');
    expect(into.text).toBe('{\n  "a": [\n    {"x": 1},\n    {"f": [\n      {\n        "y": 2\n      }\n    ]}\n  ]\n}');
    expect(JSON.parse(into.text)).toEqual({ a: [{ x: 1 }, { f: [{ y: 2 }] }] });
    // No-ops and moves into itself.
    expect(moveElement(text, '/a', 0, '/a', 1)).toEqual({ text, pointer: '/a/0' });
    expect(moveElement(text, '/a', 2, '/a/2/f', 0)).toBeUndefined();
  });

  it('refuses text that is not clean JSON', () => {
    expect(setMember('{"a": 1,}', '', 'a', 2)).toBeUndefined();
    expect(setMember('{"a": 1, "a": 2}', '', 'a', 2)).toBeUndefined();
    expect(insertElement('nope', '/a', 0, 1)).toBeUndefined();
  });
});
