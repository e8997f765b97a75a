import { childPointer } from '../diagnostics.js';
import type { DataShape } from './shape.js';

export interface Mismatch {
  /** JSON pointer to the offending value, relative to the value checked ("" is the value itself). */
  readonly path: string;
  readonly expected: string;
  readonly actual: string;
  readonly message: string;
}

export interface CheckOptions {
  /** Report declared properties that are missing (e.g. a navigate payload must carry them all). Default false. */
  readonly requireAll?: boolean;
  /** Report properties that the shape does not declare. Default false: extra keys are allowed. */
  readonly rejectExtra?: boolean;
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What a value is, in the words a message uses: `string "abc"`, `number 1.5`, `array`, `null`. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'string':
      return `string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
    case 'number':
      return `number ${String(v)}`;
    case 'boolean':
      return `boolean ${String(v)}`;
    case 'undefined':
      return 'nothing';
    case 'object':
      return 'object';
    default:
      return typeof v;
  }
}

/** The shape in the words a message uses. */
export function describeShape(shape: DataShape): string {
  if (shape.type === 'string' && shape.enum) return `string (one of ${shape.enum.map((e) => JSON.stringify(e)).join(', ')})`;
  if (shape.type === 'array' && shape.items) return `array of ${describeShape(shape.items)}`;
  return shape.type;
}

function mismatch(out: Mismatch[], path: string, expected: string, message: string, actual: string): void {
  out.push({ path, expected, actual, message });
}

function check(value: unknown, shape: DataShape, path: string, options: CheckOptions, out: Mismatch[]): void {
  if (value === null) {
    // Meta's Flow JSON reference: "the null type is not supported by Flows"; omit the value instead.
    mismatch(out, path, describeShape(shape), `null is not allowed (expected ${describeShape(shape)}); omit the value or send an empty one`, describeValue(value));
    return;
  }
  switch (shape.type) {
    case 'string':
      if (typeof value !== 'string') return mismatch(out, path, 'string', `expected string, got ${describeValue(value)}`, describeValue(value));
      if (shape.enum && !shape.enum.includes(value)) {
        mismatch(out, path, describeShape(shape), `expected ${describeShape(shape)}, got ${describeValue(value)}`, describeValue(value));
      }
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return mismatch(out, path, 'number', `expected number, got ${describeValue(value)}`, describeValue(value));
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return mismatch(out, path, 'integer', `expected integer, got ${describeValue(value)}`, describeValue(value));
      return;
    case 'boolean':
      if (typeof value !== 'boolean') return mismatch(out, path, 'boolean', `expected boolean, got ${describeValue(value)}`, describeValue(value));
      return;
    case 'array':
      if (!Array.isArray(value)) return mismatch(out, path, describeShape(shape), `expected ${describeShape(shape)}, got ${describeValue(value)}`, describeValue(value));
      if (shape.items) {
        for (let i = 0; i < value.length; i++) if (i in value) check(value[i], shape.items, childPointer(path, i), options, out);
      }
      return;
    case 'object': {
      if (!isPlainObject(value)) return mismatch(out, path, 'object', `expected object, got ${describeValue(value)}`, describeValue(value));
      const properties = shape.properties;
      if (!properties) return;
      const required = shape.required;
      for (const key of Object.keys(properties)) {
        const sub = properties[key] as DataShape;
        if (!hasOwn(value, key) || value[key] === undefined) {
          if (options.requireAll || (required !== undefined && required.includes(key))) {
            out.push({
              path: childPointer(path, key),
              expected: describeShape(sub),
              actual: 'nothing',
              message: `missing "${key}" (expected ${describeShape(sub)})`,
            });
          }
          continue;
        }
        check(value[key], sub, childPointer(path, key), options, out);
      }
      if (options.rejectExtra) {
        for (const key of Object.keys(value)) {
          if (!hasOwn(properties, key)) {
            out.push({
              path: childPointer(path, key),
              expected: 'nothing',
              actual: describeValue(value[key]),
              message: `"${key}" is not declared; declared: ${Object.keys(properties).join(', ') || '(none)'}`,
            });
          }
        }
      }
      return;
    }
  }
}

/**
 * Checks a value against a data shape: `__example__` values, navigate payloads against the target
 * screen's model, endpoint responses against the screen data model. Returns every mismatch found.
 */
export function checkValue(value: unknown, shape: DataShape, path = '', options: CheckOptions = {}): Mismatch[] {
  const out: Mismatch[] = [];
  check(value, shape, path, options, out);
  return out;
}
