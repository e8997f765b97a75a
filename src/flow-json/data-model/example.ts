import type { DataShape, ObjectShape } from './shape.js';

/** Defines an own property even for keys like "__proto__", which plain assignment would not. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // Only `__proto__` has a setter on the way (Object.prototype's); plain assignment is much cheaper.
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** A deep copy of JSON-like data, so callers may mutate previews without touching the model. */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) setOwn(out, k, copy(v));
    return out;
  }
  return value;
}

/**
 * The declaration's `__example__` values. For an object shape without its own example (such as the
 * screen model from `parseDataModel`) the result is an object of its properties' examples, which
 * is the screen's preview data.
 */
export function exampleOf(shape: ObjectShape): Record<string, unknown>;
export function exampleOf(shape: DataShape): unknown;
export function exampleOf(shape: DataShape): unknown {
  if (shape.example !== undefined) return copy(shape.example);
  if (shape.type !== 'object') return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, sub] of Object.entries(shape.properties ?? {})) {
    const example = exampleOf(sub);
    if (example !== undefined) setOwn(out, key, example);
  }
  return out;
}
