// The forgiving JSON reading behind completion and hover: the same value as JSON.parse for valid
// JSON, the readable part of half-typed JSON with array indices kept, and the cursor's place.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contextAt, looseParse, pathAt } from './json-scan.js';

const EXAMPLES = new URL('../../../examples/', import.meta.url);

describe('looseParse', () => {
  it('reads valid JSON as JSON.parse does', () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const text = readFileSync(new URL(f, EXAMPLES), 'utf8');
      expect(looseParse(text), f).toEqual(JSON.parse(text));
    }
    expect(looseParse('{"a": "x\\"y\\u0041", "b": [1, -2.5e3, true, null], "__proto__": 1}')).toEqual(JSON.parse('{"a": "x\\"y\\u0041", "b": [1, -2.5e3, true, null], "__proto__": 1}'));
  });

  it('reads what it can of half-typed JSON, keeping array indices', () => {
    expect(looseParse('{"screens": [{"id": "A"}, {"type": "TextIn')).toEqual({ screens: [{ id: 'A' }, { type: 'TextIn' }] });
    expect(looseParse('{"a": [1, , 3], "b": }')).toEqual({ a: [1, undefined, 3] });
    expect(looseParse('{"a": {"b": 1 "c": 2}')).toEqual({ a: { b: 1, c: 2 } });
    // An object where a key belongs is skipped; the array still closes.
    expect(looseParse('[{"x": 1}, {"y": 2\n, {"z": 3}]')).toEqual([{ x: 1 }, { y: 2 }]);
    expect(looseParse('')).toBeUndefined();
  });
});

describe('contextAt', () => {
  const ctx = (withCaret: string) => {
    const offset = withCaret.indexOf('‸');
    return contextAt(withCaret.replace('‸', ''), offset);
  };

  it('tells keys from values and gives the path to them', () => {
    expect(ctx('{"screens": [{"id": "A"}, {"‸"}]}')).toMatchObject({ path: ['screens', 1], where: 'key', token: { kind: 'string', raw: '' } });
    expect(ctx('{"screens": [{"id": "A‸"}]}')).toMatchObject({ path: ['screens', 0], where: 'value', key: 'id', token: { raw: 'A' } });
    expect(ctx('{"a": [1, 2, ‸')).toEqual({ path: ['a'], where: 'value', key: 2 });
    expect(ctx('{"a": tr‸}')).toMatchObject({ path: [], where: 'value', key: 'a', token: { kind: 'word', raw: 'tr' } });
    expect(ctx('{"a": "x\\"‸')).toMatchObject({ where: 'value', token: { closed: false, raw: 'x\\"' } });
    expect(ctx('{‸')).toEqual({ path: [], where: 'key' });
  });

  it('has nothing to say between a key and its colon, after a value, or outside the document', () => {
    expect(ctx('{"a" ‸: 1}')).toBeUndefined();
    expect(ctx('{"a": 1 ‸}')).toBeUndefined();
    expect(ctx('‸{}')).toBeUndefined();
    expect(ctx('{"a": "x"‸}')).toBeUndefined();
  });

  it('ends an unterminated string at its line', () => {
    expect(ctx('{"a": "x\n  , "b": ‸')).toEqual({ path: [], where: 'value', key: 'b' });
  });
});

describe('pathAt', () => {
  it('includes the key or index the offset is at', () => {
    const text = '{"screens": [{"id": "A"}, {"id": "B", "layout": {}}]}';
    expect(pathAt(text, text.indexOf('"B"'))).toEqual(['screens', 1, 'id']);
    expect(pathAt(text, text.indexOf('{}') + 1)).toEqual(['screens', 1, 'layout']);
    expect(pathAt(text, 0)).toEqual([]);
  });
});
