import type { DataShape } from '../data-model/index.js';

/**
 * Example data for a declaration without `__example__`, built from its type alone: strings
 * "Example" (an enum's first value; a date or URI in its format), numbers 0, booleans false,
 * objects every declared property, arrays one element of their `items` (none when undeclared).
 * A declared example anywhere inside wins.
 */
export function exampleFor(shape: DataShape, depth = 0): unknown {
  if (shape.example !== undefined) return shape.example;
  switch (shape.type) {
    case 'string':
      if (shape.enum?.[0] !== undefined) return shape.enum[0];
      if (shape.format === 'date') return '2024-01-01';
      if (shape.format === 'uri') return 'https://example.com';
      return 'Example';
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return shape.items && depth < 32 ? [exampleFor(shape.items, depth + 1)] : [];
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth >= 32) return out;
      for (const [key, sub] of Object.entries(shape.properties ?? {})) {
        Object.defineProperty(out, key, { value: exampleFor(sub, depth + 1), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
  }
}
