// Small building blocks for request validators: each adds a specific issue and returns whether the
// value passed, so a rule can skip checks that only make sense on a good value.
import type { ValidationIssue } from '../types.js';

export type Issues = ValidationIssue[];

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

export function missing(issues: Issues, path: string, message?: string): false {
  issues.push({ path, kind: 'missing', message: message ?? `${path || 'body'} is required.` });
  return false;
}

export function invalid(issues: Issues, path: string, message: string): false {
  issues.push({ path, kind: 'invalid', message });
  return false;
}

/** The body itself must be a JSON object. */
export function requireObjectBody(issues: Issues, body: unknown): body is Record<string, unknown> {
  if (body === undefined || body === null) return missing(issues, 'body', 'The request body is required.');
  if (!isRecord(body)) return invalid(issues, 'body', 'The request body must be a JSON object.');
  return true;
}

export function requireObject(issues: Issues, parent: Record<string, unknown>, key: string, path: string): Record<string, unknown> | undefined {
  const value = parent[key];
  const at = join(path, key);
  if (value === undefined || value === null) {
    missing(issues, at);
    return undefined;
  }
  if (!isRecord(value)) {
    invalid(issues, at, `${at} must be an object.`);
    return undefined;
  }
  return value;
}

export function optionalObject(issues: Issues, parent: Record<string, unknown>, key: string, path: string): Record<string, unknown> | undefined {
  if (parent[key] === undefined) return undefined;
  return requireObject(issues, parent, key, path);
}

export function requireString(issues: Issues, parent: Record<string, unknown>, key: string, path: string): string | undefined {
  const value = parent[key];
  const at = join(path, key);
  if (value === undefined || value === null) {
    missing(issues, at);
    return undefined;
  }
  if (typeof value !== 'string') {
    invalid(issues, at, `${at} must be a string.`);
    return undefined;
  }
  if (value.trim() === '') {
    missing(issues, at, `${at} must not be empty.`);
    return undefined;
  }
  return value;
}

export function optionalString(issues: Issues, parent: Record<string, unknown>, key: string, path: string): string | undefined {
  if (parent[key] === undefined) return undefined;
  return requireString(issues, parent, key, path);
}

export function requireArray(issues: Issues, parent: Record<string, unknown>, key: string, path: string): unknown[] | undefined {
  const value = parent[key];
  const at = join(path, key);
  if (value === undefined || value === null) {
    missing(issues, at);
    return undefined;
  }
  if (!Array.isArray(value)) {
    invalid(issues, at, `${at} must be an array.`);
    return undefined;
  }
  return value;
}

export function oneOf<T extends string>(issues: Issues, value: string, allowed: readonly T[], path: string): value is T {
  if ((allowed as readonly string[]).includes(value)) return true;
  return invalid(issues, path, `${path} must be one of ${allowed.map((a) => `"${a}"`).join(', ')}; got "${value}".`);
}

/** Length in user-perceived units: code points, so an emoji or accented letter counts once. */
export function charLength(text: string): number {
  return [...text].length;
}

export function maxLength(issues: Issues, value: string, max: number, path: string): boolean {
  const length = charLength(value);
  if (length <= max) return true;
  return invalid(issues, path, `${path} must be at most ${max} characters; it has ${length}.`);
}

const EMOJI = /[\p{Extended_Pictographic}\p{Regional_Indicator}\u{FE0F}\u{20E3}]/u;

export function hasEmoji(text: string): boolean {
  return EMOJI.test(text);
}
