// Flow JSON validation as the Flows API reports it: the diagnostics of validateFlow turned into
// Meta's `validation_errors` entries, with 1-based line/column ranges and a pointer path.
// Shape: Flows API "Retrieve Flow details" / asset upload answers
// (developers.facebook.com/docs/whatsapp/flows/reference/flowsapi).
//
// Warnings are not returned. Reading: Meta's Flows API reference documents `validation_errors` as
// entries { error, error_type: "FLOW_JSON_ERROR", message, line/column, pointers } and shows no
// warning entry or severity field; publishing needs "valid Flow JSON" and fails (139002) on any
// validation error. The validator's warnings are findings Meta gives no code for (documented
// character limits), or our own (a version below the publishable minimum, an http:// link), and
// flows that have them are accepted and published by the platform (regression corpus, valid/).
// Listing them here would make clients that treat any entry as a failure (the usual reading of
// the field) refuse flows the platform accepts, and this sandbox's own send and template checks
// count the entries as errors. They stay in `waflow validate` and validateFlow().
import { compareVersions, isFlowJsonVersion, LATEST_FLOW_JSON_VERSION, MIN_PUBLISHABLE_VERSION, pointerTokens, validateFlow } from '../flow-json/index.js';
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

/**
 * Why a flow of this Flow JSON version cannot be published, or undefined when it can. Meta's
 * versioning and changelog pages: versions below 5.1 are frozen (still sent and opened, no longer
 * published or updated); publishing them fails with 139002 "Publishing Flow failed" (Flows error
 * codes: "versions not available for publishing").
 */
export function unpublishableVersion(jsonVersion: string | undefined): string | undefined {
  if (jsonVersion === undefined || !isFlowJsonVersion(jsonVersion)) return undefined; // a validation error already says so
  if (compareVersions(jsonVersion, MIN_PUBLISHABLE_VERSION) >= 0) return undefined;
  return `Flow JSON version ${jsonVersion} is no longer available for publishing: publishing needs Flow JSON version ${MIN_PUBLISHABLE_VERSION} or later (latest: ${LATEST_FLOW_JSON_VERSION}). Flows on ${jsonVersion} can still be sent, but change "version" and upload the Flow JSON again to publish.`;
}
