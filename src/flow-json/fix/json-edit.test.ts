import { describe, expect, it } from 'vitest';
import { parseJson } from '../parse/index.js';
import { detectIndentUnit, detectStyle, JsonEditor } from './json-edit.js';
import { applyOffsetEdits, LineIndex, toOffsetEdit } from './text.js';

function edited(text: string, make: (e: JsonEditor) => ReturnType<JsonEditor['insertMembers']>): string {
  const editor = new JsonEditor(text, parseJson(text));
  const edit = make(editor);
  expect(edit).toBeDefined();
  const index = new LineIndex(text);
  return applyOffsetEdits(text, [toOffsetEdit(index, edit!)!]);
}

describe('detectStyle', () => {
  it('finds the indentation unit, newline and separators', () => {
    expect(detectIndentUnit('{\n    "a": {\n        "b": 1\n    }\n}')).toBe('    ');
    expect(detectIndentUnit('{\n\t"a": {\n\t\t"b": 1\n\t}\n}')).toBe('\t');
    expect(detectIndentUnit('{"a":1}')).toBe('  ');
    const minified = '{"a":1,"b":[1]}';
    expect(detectStyle(minified, parseJson(minified))).toMatchObject({ colon: ':', comma: '', multiline: false });
    const spaced = '{ "a" : 1, "b": 2 }\n';
    expect(detectStyle(spaced, parseJson(spaced))).toMatchObject({ colon: ' : ', comma: ' ', multiline: false, newline: '\n' });
    const crlf = '{\r\n  "a": [\r\n    1\r\n  ]\r\n}';
    expect(detectStyle(crlf, parseJson(crlf))).toMatchObject({ newline: '\r\n', unit: '  ', multiline: true, inlineArrays: false });
  });
});

describe('JsonEditor', () => {
  it('inserts members after the last one, or after a given one, in the siblings’ layout', () => {
    expect(edited('{\n  "a": 1,\n  "b": 2\n}', (e) => e.insertMembers('', [['c', { d: [1, 2] }]]))).toBe('{\n  "a": 1,\n  "b": 2,\n  "c": {\n    "d": [1, 2]\n  }\n}');
    expect(edited('{\n  "a": 1,\n  "b": 2\n}', (e) => e.insertMembers('', [['c', 3], ['d', 4]], 'a'))).toBe('{\n  "a": 1,\n  "c": 3,\n  "d": 4,\n  "b": 2\n}');
    expect(edited('{ "x": { "a": 1 } }', (e) => e.insertMembers('/x', [['b', [true]]]))).toBe('{ "x": { "a": 1, "b": [true] } }');
    expect(edited('{"x":{"a":1,"b":2}}', (e) => e.insertMembers('/x', [['c', { d: null }]]))).toBe('{"x":{"a":1,"b":2,"c":{"d":null}}}');
  });

  it('fills an empty object, on several lines in a multi-line document', () => {
    expect(edited('{\n  "x": {}\n}', (e) => e.insertMembers('/x', [['a', 1]]))).toBe('{\n  "x": {\n    "a": 1\n  }\n}');
    expect(edited('{"x":{ }}', (e) => e.insertMembers('/x', [['a', 1]]))).toBe('{"x":{"a":1}}');
  });

  it('refuses a key the object already has', () => {
    const text = '{"a": 1}';
    expect(new JsonEditor(text, parseJson(text)).insertMembers('', [['a', 2]])).toBeUndefined();
  });

  it('appends array elements in the array’s layout', () => {
    expect(edited('{"r": ["A"]}', (e) => e.appendElement('/r', 'B'))).toBe('{"r": ["A", "B"]}');
    expect(edited('{"r":["A"]}', (e) => e.appendElement('/r', 'B'))).toBe('{"r":["A","B"]}');
    expect(edited('{"r": ["A", "B"]}', (e) => e.appendElement('/r', 'C'))).toBe('{"r": ["A", "B", "C"]}');
    expect(edited('{\n\t"r": [\n\t\t"A"\n\t]\n}', (e) => e.appendElement('/r', 'B'))).toBe('{\n\t"r": [\n\t\t"A",\n\t\t"B"\n\t]\n}');
    expect(edited('{\n  "r": []\n}', (e) => e.appendElement('/r', 'A'))).toBe('{\n  "r": ["A"]\n}');
  });

  it('renames keys and replaces values, leaving the rest of the text as it was', () => {
    const text = '{ "lable" : "x", "n": 1 }';
    expect(edited(text, (e) => e.renameKey('/lable', 'label'))).toBe('{ "label" : "x", "n": 1 }');
    expect(edited(text, (e) => e.replaceValue('/n', 'two'))).toBe('{ "lable" : "x", "n": "two" }');
  });

  it('counts columns in UTF-16 units after non-ASCII text', () => {
    const text = '{"t": "😀 é", "a": []}';
    expect(edited(text, (e) => e.appendElement('/a', 1))).toBe('{"t": "😀 é", "a": [1]}');
  });
});
