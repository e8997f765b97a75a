// Assertion helpers that work with any test runner: they throw an Error named AssertionError
// (which vitest, jest, node:test and mocha all report as a failed expectation).

export class FlowAssertionError extends Error {
  readonly expected: unknown;
  readonly actual: unknown;

  constructor(message: string, expected: unknown, actual: unknown) {
    super(message);
    this.name = 'AssertionError';
    this.expected = expected;
    this.actual = actual;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Where `actual` departs from `expected`, or undefined when it matches. Objects match when every
 * key of `expected` matches (extra keys in `actual` are fine); arrays match element by element
 * with the same length; anything else must be equal (Object.is).
 */
export function partialMismatch(actual: unknown, expected: unknown, path = ''): string | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path || '(root)'}: expected an array, got ${show(actual)}`;
    if (actual.length !== expected.length) return `${path || '(root)'}: expected ${expected.length} items, got ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const found = partialMismatch(actual[i], expected[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return `${path || '(root)'}: expected an object, got ${show(actual)}`;
    for (const [key, value] of Object.entries(expected)) {
      const child = path === '' ? key : `${path}.${key}`;
      if (!Object.hasOwn(actual, key)) return `${child}: missing (expected ${show(value)})`;
      const found = partialMismatch(actual[key], value, child);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return Object.is(actual, expected) ? undefined : `${path || '(root)'}: expected ${show(expected)}, got ${show(actual)}`;
}

export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
