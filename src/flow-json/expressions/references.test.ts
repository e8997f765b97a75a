import { describe, expect, it } from 'vitest';
import { parseCondition, parseDynamic } from './parser.js';
import { collectReferences, formatReference } from './references.js';

function refs(source: string, condition = false) {
  const r = condition ? parseCondition(source) : parseDynamic(source);
  if (!r.ok) throw new Error(r.error.message);
  return collectReferences(r.value);
}

describe('collectReferences', () => {
  it('returns nothing for static text', () => {
    expect(refs('just text')).toEqual([]);
  });

  it('returns a single reference with its path and span', () => {
    expect(refs('${data.user.name}')).toEqual([{ scope: 'data', path: ['user', 'name'], start: 0, end: 17 }]);
  });

  it('returns global references with their screen, and index segments as numbers', () => {
    expect(refs('${screen.FIRST.data.items[2].id}')).toEqual([
      { scope: 'data', screen: 'FIRST', path: ['items', 2, 'id'], start: 0, end: 32 },
    ]);
  });

  it('returns every reference of a nested expression in source order', () => {
    const source = "`'Hi ' ${form.first} ' ' ${data.a} + ${screen.S.form.b}`";
    const found = refs(source);
    expect(found.map((r) => source.slice(r.start, r.end))).toEqual(['${form.first}', '${data.a}', '${screen.S.form.b}']);
    expect(found.map((r) => r.scope)).toEqual(['form', 'data', 'form']);
  });

  it('returns the references of conditions and of mixed templates', () => {
    expect(refs('!(${form.a} || (${data.b} > 1))', true).map((r) => r.path[0])).toEqual(['a', 'b']);
    expect(refs('Hello ${form.name}, ${data.day}').map((r) => r.start)).toEqual([6, 20]);
  });
});

describe('formatReference', () => {
  it('writes references back in Flow JSON syntax', () => {
    expect(formatReference({ scope: 'form', path: ['a'] })).toBe('${form.a}');
    expect(formatReference({ scope: 'data', screen: 'S', path: ['items', 0, 'id'] })).toBe('${screen.S.data.items[0].id}');
  });
});
