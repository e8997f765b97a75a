// Checks a response's `data` against the target screen's declared data model (the screen's
// `data` object in Flow JSON), so the endpoint never sends what the phone would reject with an
// error notification. Shapes and value checks come from flow-json/data-model.
import { checkValue, parseDataModel } from '../flow-json/data-model/index.js';
import type { ObjectShape } from '../flow-json/data-model/index.js';
import type { ResponseIssue } from './errors.js';

/** Screen id → declared data model. */
export type FlowDataModels = Map<string, ObjectShape>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads every screen's data model out of a parsed Flow JSON object. */
export function collectDataModels(flow: unknown): FlowDataModels {
  const models: FlowDataModels = new Map();
  if (!isRecord(flow) || !Array.isArray(flow.screens)) return models;
  for (const screen of flow.screens) {
    if (!isRecord(screen) || typeof screen.id !== 'string') continue;
    // A screen without `data` receives none; problems in the declaration are the validator's job.
    const { shape } = parseDataModel(screen.data ?? {}, { requireExamples: false });
    models.set(screen.id, shape ?? { type: 'object', properties: {} });
  }
  return models;
}

/**
 * Checks `data` sent to `screen`: every declared key present with its type (recursively), no
 * undeclared key but `error_message`. `partial` is for error responses (stay on the screen):
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
  const { error_message: errorMessage, ...rest } = data;
  // error_message is the one key every screen accepts (shown as the error banner).
  if ('error_message' in data && typeof errorMessage !== 'string') {
    issues.push({ path: '/error_message', expected: 'string', actual: typeof errorMessage, message: 'error_message must be a string' });
  }
  for (const m of checkValue(rest, model, '', { requireAll: !partial, rejectExtra: true })) {
    issues.push({ path: m.path, expected: m.expected, actual: m.actual, message: m.message });
  }
  return issues;
}
