// Flow JSON validation as the Flows API reports it: the diagnostics of validateFlow turned into
// Meta's `validation_errors` entries, with 1-based line/column ranges and a pointer path.
// Shape: Flows API "Retrieve Flow details" / asset upload answers
// (developers.facebook.com/docs/whatsapp/flows/reference/flowsapi).
//
// Warnings come back too, as FLOW_JSON_WARNING entries (api/contract/flows.ts says why and what
// is unconfirmed): those of the validator's rules from Meta's pages (documented character limits,
// a version frozen for publishing, an http:// link, an expression form the docs do not show).
// The style lints (`style/...`) are waflow's own design guidance, not the platform's: they stay in
// `waflow validate`. Publishing, sending and template checks count blocking entries only.
import { compareVersions, isFlowJsonVersion, LATEST_FLOW_JSON_VERSION, MIN_PUBLISHABLE_VERSION, pointerTokens, validateFlow } from '../flow-json/index.js';
import type { Diagnostic } from '../flow-json/index.js';
import { FLOW_JSON_WARNING, isBlockingValidationError } from '../api/contract/flows.js';

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
    error_type: d.severity !== 'error' ? FLOW_JSON_WARNING : d.code === 'INVALID_FLOW_JSON' ? 'JSON_SYNTAX_ERROR' : 'FLOW_JSON_ERROR',
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
    validationErrors: result.diagnostics.filter((d) => d.severity === 'error' || (d.severity === 'warning' && !d.code.startsWith('style/'))).map(toMetaError),
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

/** The entries that block publishing and sending (warnings do not). */
export function blockingErrors(entries: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return entries.filter(isBlockingValidationError);
}
