import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostics.js';
import { validateFlow } from './index.js';

const examplesDir = join(import.meta.dirname, '../../../examples');
const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(examplesDir, f), 'utf8')) as unknown);

function wellFormed(d: Diagnostic, text?: string): void {
  expect(typeof d.code).toBe('string');
  expect(d.code).toMatch(/^[A-Z][A-Z0-9_:]*$/);
  expect(d.code).not.toBe('VALIDATOR_INTERNAL_ERROR');
  expect(['error', 'warning', 'info']).toContain(d.severity);
  expect(d.message.length).toBeGreaterThan(0);
  expect(d.pointer === '' || d.pointer.startsWith('/')).toBe(true);
  if (text !== undefined) {
    expect(d.range).toBeDefined();
    const lines = text.split(/\r\n|\r|\n/).length;
    for (const p of [d.range!.start, d.range!.end]) {
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.line).toBeLessThanOrEqual(lines);
      expect(p.column).toBeGreaterThanOrEqual(1);
    }
  }
}

/** Replaces the value at a random path of a document with another value. */
function mutate(doc: unknown, path: readonly number[], replacement: unknown): unknown {
  if (path.length === 0 || doc === null || typeof doc !== 'object') return replacement;
  const entries = Array.isArray(doc) ? doc.map((v, i) => [i, v] as const) : Object.entries(doc);
  if (entries.length === 0) return replacement;
  const [head, ...rest] = path;
  const [key, child] = entries[head! % entries.length]!;
  const copy = (Array.isArray(doc) ? [...doc] : { ...doc }) as Record<string | number, unknown>;
  copy[key] = mutate(child, rest, replacement);
  return copy;
}

describe('validateFlow under fuzzing', () => {
  it('never throws on arbitrary JSON values and returns well-formed diagnostics', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = validateFlow(value);
        expect(result.valid).toBe(!result.diagnostics.some((d) => d.severity === 'error'));
        for (const d of result.diagnostics) wellFormed(d);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary text and locates every diagnostic in it', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.json()), (text) => {
        for (const d of validateFlow(text).diagnostics) wellFormed(d, text);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws when any part of a real flow is replaced by any value', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...examples),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.oneof(
          fc.jsonValue(),
          fc.constantFrom('${data.x}', '${form.y}', '${screen.A.data.z}', '${data.x} > 1', '`${form.a} ${form.b}`'),
          // Keys that name Object.prototype members must be plain data everywhere.
          fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'), fc.jsonValue(), { minKeys: 1 }).map((d) => {
            const out: Record<string, unknown> = {};
            for (const [k, v] of Object.entries(d)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
            return out;
          }),
        ),
        (doc, path, replacement) => {
          const mutated = mutate(doc, path, replacement);
          const text = JSON.stringify(mutated, null, 2);
          for (const d of validateFlow(text).diagnostics) wellFormed(d, text);
        },
      ),
      { numRuns: 2500 },
    );
  });
});
