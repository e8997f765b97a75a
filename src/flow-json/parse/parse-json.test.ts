import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { childPointer } from '../diagnostics.js';
import type { Position, Range } from '../diagnostics.js';
import { DUPLICATE_KEY, JSON_SYNTAX_ERROR, MAX_NESTING_DEPTH, locate, parseJson } from './parse-json.js';

/** Offsets where each line starts, splitting on \n, \r\n and \r like the parser. */
function lineStarts(text: string): number[] {
  const starts = [text.charCodeAt(0) === 0xfeff ? 1 : 0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r' && text[i + 1] === '\n') i++;
    if (c === '\n' || c === '\r') starts.push(i + 1);
  }
  return starts;
}

function offsetOf(starts: number[], p: Position): number {
  const start = starts[p.line - 1];
  if (start === undefined) throw new Error(`line ${p.line} does not exist`);
  return start + p.column - 1;
}

function slice(text: string, range: Range): string {
  const starts = lineStarts(text);
  return text.slice(offsetOf(starts, range.start), offsetOf(starts, range.end));
}

/** Every pointer of a JSON value, parents before children. */
function pointersOf(value: unknown, pointer = ''): string[] {
  const out = [pointer];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pointersOf(v, childPointer(pointer, i))));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...pointersOf(v, childPointer(pointer, k)));
  }
  return out;
}

function valueAt(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  return pointer.slice(1).split('/').reduce<unknown>((v, raw) => {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    return (v as Record<string, unknown>)[token];
  }, value);
}

function expectWellFormed(text: string, result: ReturnType<typeof parseJson>): void {
  const starts = lineStarts(text);
  for (const d of result.diagnostics) {
    expect([JSON_SYNTAX_ERROR, DUPLICATE_KEY]).toContain(d.code);
    expect(d.severity).toBe('error');
    expect(d.message.length).toBeGreaterThan(10);
    expect(d.pointer === '' || d.pointer.startsWith('/')).toBe(true);
    const range = d.range!;
    expect(range).toBeDefined();
    const start = offsetOf(starts, range.start);
    const end = offsetOf(starts, range.end);
    expect(range.start.column).toBeGreaterThanOrEqual(1);
    expect(start).toBeLessThanOrEqual(end);
    expect(end).toBeLessThanOrEqual(text.length);
  }
}

function syntaxError(text: string) {
  const result = parseJson(text);
  expect(result.value).toBeUndefined();
  const [d] = result.diagnostics;
  expect(d?.code).toBe(JSON_SYNTAX_ERROR);
  return { message: d!.message, range: d!.range!, pointer: d!.pointer, text: slice(text, d!.range!) };
}

const at = (line: number, column: number): Position => ({ line, column });

describe('parseJson values', () => {
  it('matches JSON.parse and locates every value, for arbitrary JSON with and without indentation', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t'), (json, indent) => {
        const text = JSON.stringify(json, null, indent);
        const result = parseJson(text);
        expect(result.diagnostics).toEqual([]);
        const expected: unknown = JSON.parse(text);
        expect(result.value).toStrictEqual(expected);
        const pointers = pointersOf(expected);
        expect(new Set(result.locations.keys())).toEqual(new Set(pointers));
        expect(result.locations.size).toBe(pointers.length);
        for (const pointer of pointers) {
          const location = result.locations.get(pointer)!;
          expect(JSON.parse(slice(text, location.value))).toStrictEqual(valueAt(expected, pointer));
          if (pointer !== '' && !Array.isArray(valueAt(expected, pointer.slice(0, pointer.lastIndexOf('/'))))) {
            const key = pointer.slice(pointer.lastIndexOf('/') + 1).replace(/~1/g, '/').replace(/~0/g, '~');
            expect(JSON.parse(slice(text, location.key!))).toBe(key);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('matches JSON.parse on hand-picked documents', () => {
    const docs = [
      '0', '-0', '1e400', '-1.5E-7', '123456789012345678901234567890', '0.1e+2', 'true', 'false', 'null', '""',
      '"\\u00e9\\n\\t\\/\\\\\\"\\b\\f\\r"', '"\\ud83d\\ude00"', '"\\ud800"', '"\\uDC00x"', '"\ud800 raw lone surrogate"', '"😀 é"',
      '[]', '{}', ' [ 1 , [ [ ] ] , { } ] ', '{"__proto__": {"x": 1}}', '{"constructor": 1, "toString": 2}',
      '{"a/b": 1, "m~n": [2], "": 3}', '\t\r\n{"a"\r:\n1}\r\n',
    ];
    for (const text of docs) {
      const result = parseJson(text);
      expect(result.diagnostics, text).toEqual([]);
      expect(result.value, text).toStrictEqual(JSON.parse(text));
    }
  });

  it('keeps __proto__ as an own property, as JSON.parse does', () => {
    const value = parseJson('{"__proto__": {"polluted": true}}').value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('escapes ~ and / in pointers as RFC 6901 requires', () => {
    const result = parseJson('{"a/b": {"m~n": 1}}');
    expect(result.locations.get('/a~1b/m~0n')?.value).toEqual({ start: at(1, 17), end: at(1, 18) });
  });

  it('accepts a leading BOM and counts columns after it', () => {
    const result = parseJson('\uFEFF{"x": 1}');
    expect(result.value).toEqual({ x: 1 });
    expect(result.locations.get('')?.value).toEqual({ start: at(1, 1), end: at(1, 9) });
    expect(result.locations.get('/x')?.key).toEqual({ start: at(1, 2), end: at(1, 5) });
  });
});

describe('parseJson positions', () => {
  it('counts lines across \\n, \\r\\n and \\r', () => {
    const text = '{\n  "a": 1,\r\n  "b": [\r    true\n  ]\r}';
    const result = parseJson(text);
    expect(result.locations.get('/a')).toEqual({ key: { start: at(2, 3), end: at(2, 6) }, value: { start: at(2, 8), end: at(2, 9) } });
    expect(result.locations.get('/b/0')?.value).toEqual({ start: at(4, 5), end: at(4, 9) });
    expect(result.locations.get('/b')?.value).toEqual({ start: at(3, 8), end: at(5, 4) });
    expect(result.locations.get('')?.value).toEqual({ start: at(1, 1), end: at(6, 2) });
  });

  it('counts a tab as one column', () => {
    const result = parseJson('{\n\t\t"k":\t"v"\n}');
    expect(result.locations.get('/k')).toEqual({ key: { start: at(2, 3), end: at(2, 6) }, value: { start: at(2, 8), end: at(2, 11) } });
  });

  it('counts astral characters as two UTF-16 columns', () => {
    const result = parseJson('["😀", "x"]');
    expect(result.locations.get('/0')?.value).toEqual({ start: at(1, 2), end: at(1, 6) });
    expect(result.locations.get('/1')?.value).toEqual({ start: at(1, 8), end: at(1, 11) });
  });
});

describe('parseJson syntax errors', () => {
  const cases: [string, string, RegExp, string, Range][] = [
    ['missing comma between members', '{"a": 1\n "b": 2}', /^Expected ',' or '}' after property value$/, '"', { start: at(2, 2), end: at(2, 3) }],
    ['missing comma between elements', '[1 2]', /^Expected ',' or '\]' after array element$/, '2', { start: at(1, 4), end: at(1, 5) }],
    ['trailing comma in an object', '{\n  "a": 1,\n}', /^Trailing comma is not allowed in JSON/, ',', { start: at(2, 9), end: at(2, 10) }],
    ['trailing comma in an array', '[1, 2, ]', /^Trailing comma is not allowed in JSON/, ',', { start: at(1, 6), end: at(1, 7) }],
    ['unterminated string at end of input', '{"a": "abc', /^Unterminated string/, '"abc', { start: at(1, 7), end: at(1, 11) }],
    ['unterminated string at a line break', '["ab\n"]', /^Unterminated string/, '"ab', { start: at(1, 2), end: at(1, 5) }],
    ['end of input after a value', '{"a": [1', /^Unexpected end of input: expected ',' or '\]'/, '', { start: at(1, 9), end: at(1, 9) }],
    ['empty document', '  \n ', /^Unexpected end of input: expected a JSON value$/, '', { start: at(2, 2), end: at(2, 2) }],
    ['end of input after a colon', '{"a":', /^Unexpected end of input: expected a property value$/, '', { start: at(1, 6), end: at(1, 6) }],
    ['invalid escape', '"a\\x"', /^Invalid escape sequence '\\x'/, '\\x', { start: at(1, 3), end: at(1, 5) }],
    ['short unicode escape', '"\\u12G4"', /^Invalid escape sequence: \\u must be followed by 4 hex digits$/, '\\u12', { start: at(1, 2), end: at(1, 6) }],
    ['raw tab inside a string', '"a\tb"', /^Control character U\+0009 is not allowed in a string/, '\t', { start: at(1, 3), end: at(1, 4) }],
    ['leading zero', '[007]', /^Leading zeros are not allowed in JSON numbers$/, '00', { start: at(1, 2), end: at(1, 4) }],
    ['negative leading zero', '-01', /^Leading zeros are not allowed/, '-01', { start: at(1, 1), end: at(1, 4) }],
    ['bare minus', '[-]', /^Invalid number: expected a digit after "-"$/, '-]', { start: at(1, 2), end: at(1, 4) }],
    ['missing fraction digits', '1.', /^Invalid number: expected a digit after the decimal point$/, '1.', { start: at(1, 1), end: at(1, 3) }],
    ['missing exponent digits', '1e+', /^Invalid number: expected a digit in the exponent$/, '1e+', { start: at(1, 1), end: at(1, 4) }],
    ['plus sign', '+1', /^Invalid number: JSON numbers start with a digit or "-"$/, '+', { start: at(1, 1), end: at(1, 2) }],
    ['line comment', '{\n  // note\n  "a": 1}', /^Comments are not allowed in JSON$/, '//', { start: at(2, 3), end: at(2, 5) }],
    ['block comment', '[1, /* x */ 2]', /^Comments are not allowed in JSON$/, '/*', { start: at(1, 5), end: at(1, 7) }],
    ['single-quoted string', "['a']", /^Strings must use double quotes/, "'", { start: at(1, 2), end: at(1, 3) }],
    ['unquoted key', '{name: 1}', /^Property names must be double-quoted strings: write "name"$/, 'name', { start: at(1, 2), end: at(1, 6) }],
    ['missing colon', '{"a" 1}', /^Expected ':' after property name$/, '1', { start: at(1, 6), end: at(1, 7) }],
    ['NaN', '{"n": NaN}', /^Unexpected token 'NaN'/, 'NaN', { start: at(1, 7), end: at(1, 10) }],
    ['misspelt literal', '[tru]', /^Unexpected token 'tru'/, 'tru', { start: at(1, 2), end: at(1, 5) }],
    ['literal glued to a word', 'nullx', /^Unexpected token 'nullx'/, 'nullx', { start: at(1, 1), end: at(1, 6) }],
    ['two documents', '{} {}', /^Unexpected content after the JSON value/, '{', { start: at(1, 4), end: at(1, 5) }],
    ['astral character where a value belongs', '[😀]', /^Unexpected character '😀'/, '😀', { start: at(1, 2), end: at(1, 4) }],
    ['closing bracket where a value belongs', '{"a": }', /^Expected a JSON value but found '}'$/, '}', { start: at(1, 7), end: at(1, 8) }],
  ];

  it.each(cases)('reports %s with its exact range', (_name, text, message, sliced, range) => {
    const error = syntaxError(text);
    expect(error.message).toMatch(message);
    expect(error.range).toEqual(range);
    expect(error.text).toBe(sliced);
  });

  it('points the diagnostic at the container being parsed', () => {
    expect(syntaxError('{"a": {"b": [1 2]}}').pointer).toBe('/a/b');
  });

  it('reports excessive nesting instead of overflowing the stack', () => {
    const deep = '['.repeat(MAX_NESTING_DEPTH + 1) + ']'.repeat(MAX_NESTING_DEPTH + 1);
    expect(syntaxError(deep).message).toMatch(/^Nesting deeper than 1000 levels/);
    const ok = '['.repeat(MAX_NESTING_DEPTH) + ']'.repeat(MAX_NESTING_DEPTH);
    expect(parseJson(ok).value).toStrictEqual(JSON.parse(ok));
  });

  it('never throws on arbitrary text and accepts exactly what JSON.parse accepts', () => {
    const texts = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.string({ unit: fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', '0', '1', '-', '.', 'e', ' ', '\n', '\r', 't', 'u', 'n', '/', '*') }),
      // Valid JSON with one character removed or replaced: near misses exercise every error path.
      fc.tuple(fc.jsonValue().map((v) => JSON.stringify(v, null, 1)), fc.nat(), fc.string({ maxLength: 1 }))
        .map(([t, i, c]) => t.slice(0, i % (t.length + 1)) + c + t.slice((i % (t.length + 1)) + 1)),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const result = parseJson(text);
        expectWellFormed(text, result);
        let expected: unknown;
        let ok = true;
        try {
          expected = JSON.parse(text);
        } catch {
          ok = false;
        }
        if (ok) expect(result.value).toStrictEqual(expected);
        else {
          expect(result.value).toBeUndefined();
          expect(result.diagnostics.some((d) => d.code === JSON_SYNTAX_ERROR)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('duplicate keys', () => {
  it('reports the second key, keeps the later value and drops the earlier value locations', () => {
    const text = '{\n  "a": {"x": 1},\n  "a": 2\n}';
    const result = parseJson(text);
    expect(result.value).toEqual({ a: 2 });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: DUPLICATE_KEY, severity: 'error', pointer: '/a', range: { start: at(3, 3), end: at(3, 6) } }),
    ]);
    expect(result.diagnostics[0]?.message).toMatch(/^Duplicate property "a"/);
    expect(result.locations.get('/a')?.value).toEqual({ start: at(3, 8), end: at(3, 9) });
    expect(result.locations.has('/a/x')).toBe(false);
  });

  it('forgets every descendant of a replaced value, however deep, but keeps the later value\'s', () => {
    const result = parseJson('{"o": {"a": {"x": [1]}, "a": {"y": 2}}, "o": {"b": [true]}, "p": {"a/b": 1, "a/b": {"c": 2}}}');
    expect(result.diagnostics.map((d) => d.pointer)).toEqual(['/o/a', '/o', '/p/a~1b']);
    expect([...result.locations.keys()].sort()).toEqual(['', '/o', '/o/b', '/o/b/0', '/p', '/p/a~1b', '/p/a~1b/c']);
    expect(result.locations.get('/o')?.value).toEqual({ start: at(1, 46), end: at(1, 59) });
  });

  it('reports a duplicate of an inherited name like "constructor" only when repeated', () => {
    expect(parseJson('{"constructor": 1}').diagnostics).toEqual([]);
    expect(parseJson('{"constructor": 1, "constructor": 2}').diagnostics).toHaveLength(1);
  });

  it('drops the replaced value\'s descendants even when the text breaks before the later value', () => {
    const result = parseJson('{"a": {"b": 1}, "a" 2}');
    expect(result.diagnostics.map((d) => d.code)).toEqual([DUPLICATE_KEY, JSON_SYNTAX_ERROR]);
    expect([...result.locations.keys()].sort()).toEqual(['/a']); // the root never ended
  });

  it('locates exactly the values JSON.parse keeps, whatever the duplicates', () => {
    // Small key alphabet, so generated objects repeat keys often, at every depth.
    const key = fc.constantFrom('a', 'b', 'a/b', '~', '__proto__', 'constructor');
    const value: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
      v: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom('1', 'true', 'null', '"s"'),
        fc.array(tie('v'), { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
        fc.array(fc.tuple(key, tie('v')), { maxLength: 5 }).map((members) => `{${members.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
      ),
    })).v;
    fc.assert(
      fc.property(value, (text) => {
        const result = parseJson(text);
        const expected = pointersOf(JSON.parse(text) as unknown);
        expect([...result.locations.keys()].sort()).toEqual(expected.sort());
      }),
      { numRuns: 500 },
    );
  });

  it('resolves duplicate keys with work linear in the document size', () => {
    // 4,000 members of one object, every key twice: a scan per duplicate visited 18 million
    // values here (the quadratic version that froze the sandbox); one pass visits 12,002.
    const members = Array.from({ length: 4000 }, (_, i) => `"k${i % 2000}": {"v": [${i}]}`);
    const result = parseJson(`{"o": {${members.join(',')}}}`);
    expect(result.diagnostics).toHaveLength(2000);
    const values = 2 + 4000 * 3;
    expect(result.locations.size).toBe(2 + 2000 * 3);
    const work = (result.locations as unknown as { duplicateWork: number }).duplicateWork;
    expect(work).toBeLessThanOrEqual(2 * values);
  });
});

describe('locations map', () => {
  it('behaves as a ReadonlyMap over every value', () => {
    const { locations } = parseJson('{"a": [true], "b": null}');
    const seen: string[] = [];
    locations.forEach((location, pointer, map) => {
      expect(map.get(pointer)).toBe(location);
      seen.push(pointer);
    });
    expect(seen.sort()).toEqual(['', '/a', '/a/0', '/b']);
    expect([...locations].map(([p]) => p).sort()).toEqual(seen);
    expect([...locations.values()]).toEqual([...locations.entries()].map(([, v]) => v));
    expect(locations.has('/c')).toBe(false);
  });
});

describe('locate', () => {
  const text = '{\n  "screens": [\n    {"id": "A"}\n  ]\n}';
  const parsed = parseJson(text);

  it('returns the range of an existing value', () => {
    expect(locate(parsed, '/screens/0/id')).toEqual({ start: at(3, 12), end: at(3, 15) });
  });

  it('falls back to the nearest existing ancestor for a missing key', () => {
    expect(locate(parsed, '/screens/0/layout/children')).toEqual({ start: at(3, 5), end: at(3, 16) });
    expect(locate(parsed, '/routing_model')).toEqual({ start: at(1, 1), end: at(5, 2) });
  });

  it('returns undefined when nothing was parsed', () => {
    expect(locate(parseJson('{'), '/a')).toBeUndefined();
  });
});
