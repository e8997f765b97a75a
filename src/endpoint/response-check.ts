// Checks a response's `data` against the target screen's declared data model (the screen's
// `data` object in Flow JSON: each key `{ type, items?, properties?, __example__ }`), so the
// endpoint never sends what the phone would reject with an error notification.
// Private stand-in until src/flow-json/data-model/ lands (parseDataModel + checkValue).
import type { ResponseIssue } from './errors.js';

type Shape =
  | { type: 'string' | 'number' | 'integer' | 'boolean' }
  | { type: 'object'; properties: Record<string, Shape> | undefined }
  | { type: 'array'; items: Shape | undefined }
  | { type: 'unknown' };

/** Screen id → declared data model (top-level keys → shapes). */
export type FlowDataModels = Map<string, Record<string, Shape>>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseShape(decl: unknown): Shape {
  if (!isRecord(decl)) return { type: 'unknown' };
  switch (decl.type) {
    case 'string':
    case 'number':
    case 'integer':
    case 'boolean':
      return { type: decl.type };
    case 'object':
      return {
        type: 'object',
        properties: isRecord(decl.properties)
          ? Object.fromEntries(Object.entries(decl.properties).map(([k, v]) => [k, parseShape(v)]))
          : undefined,
      };
    case 'array':
      return { type: 'array', items: decl.items === undefined ? undefined : parseShape(decl.items) };
    default:
      // A type we cannot check (malformed Flow JSON is the validator's job, not ours).
      return { type: 'unknown' };
  }
}

/** Reads every screen's data model out of a parsed Flow JSON object. */
export function collectDataModels(flow: unknown): FlowDataModels {
  const models: FlowDataModels = new Map();
  if (!isRecord(flow) || !Array.isArray(flow.screens)) return models;
  for (const screen of flow.screens) {
    if (!isRecord(screen) || typeof screen.id !== 'string') continue;
    const declared = isRecord(screen.data) ? screen.data : {};
    models.set(screen.id, Object.fromEntries(Object.entries(declared).map(([k, v]) => [k, parseShape(v)])));
  }
  return models;
}

function describe(shape: Shape): string {
  if (shape.type === 'array' && shape.items !== undefined) return `array of ${describe(shape.items)}`;
  return shape.type;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function checkShape(value: unknown, shape: Shape, path: string, issues: ResponseIssue[]): void {
  const mismatch = (): void => {
    issues.push({ path, expected: describe(shape), actual: typeOf(value) });
  };
  switch (shape.type) {
    case 'unknown':
      return;
    case 'string':
    case 'boolean':
      if (typeof value !== shape.type) mismatch();
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) mismatch();
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) mismatch();
      return;
    case 'array':
      if (!Array.isArray(value)) return mismatch();
      if (shape.items === undefined) return;
      value.forEach((item, i) => checkShape(item, shape.items as Shape, `${path}[${i}]`, issues));
      return;
    case 'object':
      if (!isRecord(value)) return mismatch();
      if (shape.properties === undefined) return;
      // Nested objects: every declared property must be there with its type; extra keys are
      // tolerated (data-source items commonly carry optional fields such as `enabled`).
      for (const [key, sub] of Object.entries(shape.properties)) {
        if (!(key in value)) issues.push({ path: join(path, key), expected: describe(sub), actual: 'missing' });
        else checkShape(value[key], sub, join(path, key), issues);
      }
      return;
  }
}

/**
 * Checks `data` sent to `screen`. `partial` is for error responses (stay on the screen):
 * keys may be left out, but what is sent must still be declared and well typed.
 */
export function checkScreenData(
  models: FlowDataModels,
  screen: string,
  data: Record<string, unknown>,
  partial: boolean,
): ResponseIssue[] | 'unknown-screen' {
  const model = models.get(screen);
  if (model === undefined) return 'unknown-screen';
  const issues: ResponseIssue[] = [];
  for (const [key, shape] of Object.entries(model)) {
    if (key in data) checkShape(data[key], shape, key, issues);
    else if (!partial) issues.push({ path: key, expected: describe(shape), actual: 'missing' });
  }
  for (const key of Object.keys(data)) {
    if (key in model) continue;
    if (key === 'error_message') {
      if (typeof data[key] !== 'string') issues.push({ path: key, expected: 'string', actual: typeOf(data[key]) });
      continue;
    }
    issues.push({ path: key, expected: 'no such key (not declared in the screen data)', actual: 'undeclared key' });
  }
  return issues;
}
