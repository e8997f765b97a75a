// Flow JSON validation as the Flows API reports it: the diagnostics of validateFlow turned into
// Meta's `validation_errors` entries, with 1-based line/column ranges and a pointer path.
// Shape: Flows API "Retrieve Flow details" / asset upload answers
// (developers.facebook.com/docs/whatsapp/flows/reference/flowsapi).
import { pointerTokens, validateFlow } from '../flow-json/index.js';
import type { Diagnostic } from '../flow-json/index.js';

export interface FlowValidationSummary {
  readonly validationErrors: Record<string, unknown>[];
  readonly jsonVersion: string | undefined;
  readonly dataApiVersion: string | undefined;
}

/** `/screens/0/layout/children/1` → `screens[0].layout.children[1]`. */
export function pointerToPath(pointer: string): string {
  let out = '';
  for (const token of pointerTokens(pointer)) {
    if (/^\d+$/.test(token)) out += `[${token}]`;
    else out += out === '' ? token : `.${token}`;
  }
  return out;
}

function toMetaError(d: Diagnostic): Record<string, unknown> {
  const start = d.range?.start ?? { line: 1, column: 1 };
  const end = d.range?.end ?? start;
  const place = { line_start: start.line, line_end: end.line, column_start: start.column, column_end: end.column };
  return {
    error: d.code,
    error_type: d.code === 'INVALID_FLOW_JSON' ? 'JSON_SYNTAX_ERROR' : 'FLOW_JSON_ERROR',
    message: d.message,
    ...place,
    pointers: [{ ...place, path: pointerToPath(d.pointer) }],
  };
}

function stringField(source: string, key: 'version' | 'data_api_version'): string | undefined {
  try {
    const value = (JSON.parse(source) as Record<string, unknown>)[key];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

export function validateFlowSource(source: string): FlowValidationSummary {
  const result = validateFlow(source);
  return {
    validationErrors: result.diagnostics.filter((d) => d.severity === 'error').map(toMetaError),
    jsonVersion: stringField(source, 'version'),
    dataApiVersion: stringField(source, 'data_api_version'),
  };
}
