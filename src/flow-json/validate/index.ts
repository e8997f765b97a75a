import type { Diagnostic, Severity } from '../diagnostics.js';
import { locate, parseJson } from '../parse/index.js';
import type { ParsedJson } from '../parse/types.js';
import { isRecord } from './json-type.js';
import { buildModel } from './model.js';
import type { FlowModel } from './model.js';
import type { Report } from './rule.js';
import { RULES } from './rules/index.js';
import { runStyleRules } from './style/index.js';
// A cycle by design: fixes re-validate with `fixes: false`; nothing runs at load time.
import { computeFixes } from '../fix/index.js';
import type { ValidateOptions, ValidationResult } from './types.js';
import { resolveVersion } from './version.js';

export type { StyleRuleSetting, ValidateOptions, ValidationResult } from './types.js';
export type { Rule, RuleContext, Report } from './rule.js';
export { RULES } from './rules/index.js';
export { STYLE_RULES, STYLE_CODES } from './style/index.js';
export type { StyleRule } from './style/index.js';
export { buildModel } from './model.js';
export type { FlowModel, ScreenNode, ComponentNode, ActionNode, DynamicValue } from './model.js';

/**
 * Validates Flow JSON given as source text (diagnostics then carry line/column ranges) or as an
 * already-parsed value. Never throws: every problem, including malformed JSON, is a diagnostic.
 * With `fixes: true` and text input, diagnostics that have a safe fix carry it (src/flow-json/fix).
 */
export function validateFlow(input: unknown, options: ValidateOptions = {}): ValidationResult {
  const result = validateOnly(input, options);
  return typeof input === 'string' && options.fixes === true ? computeFixes(input, result, options) : result;
}

function validateOnly(input: unknown, options: ValidateOptions): ValidationResult {
  const parsed = typeof input === 'string' ? parseJson(input) : undefined;
  if (parsed && parsed.diagnostics.some((d) => d.severity === 'error')) {
    return finish(parsed.diagnostics.map(toMetaSyntaxCode), parsed, undefined);
  }
  const value = parsed ? parsed.value : input;
  const reports: Report[] = [];
  const report = (r: Report): void => {
    if (r.severity === 'warning' && options.warnings === false) return;
    reports.push(r);
  };
  if (!isRecord(value)) {
    report({ code: 'INVALID_PROPERTY_TYPE', pointer: '', message: 'Flow JSON must be an object with "version" and "screens".' });
    return finish(toDiagnostics(reports, parsed), parsed, undefined);
  }
  const version = resolveVersion(value, options.version, report);
  if (!version) return finish(toDiagnostics(reports, parsed), parsed, undefined);
  let model: FlowModel;
  try {
    model = buildModel(value, version);
  } catch (error) {
    // Same promise as for rules: a bug here becomes a diagnostic, never an exception.
    report({ code: 'VALIDATOR_INTERNAL_ERROR', pointer: '', message: `Indexing the flow failed: ${error instanceof Error ? error.message : 'unknown error'}. Please report this bug.` });
    return finish(toDiagnostics(reports, parsed), parsed, version);
  }
  for (const rule of RULES) {
    try {
      rule.check({ model, report });
    } catch (error) {
      // A rule must never take the whole validation down; the fuzz tests assert this never happens.
      report({
        code: 'VALIDATOR_INTERNAL_ERROR',
        pointer: '',
        message: `Rule '${rule.id}' failed: ${error instanceof Error ? error.message : 'unknown error'}. Please report this bug.`,
      });
    }
  }
  // Design-guidance lints, after the platform's rules and outside the `warnings` switch (asking
  // for them is explicit); they are warnings or infos only, so `valid` is the platform's answer.
  if (options.style === true) reports.push(...runStyleRules(model, options.rules));
  const warnings = parsed ? parsed.diagnostics : [];
  return finish([...warnings, ...toDiagnostics(reports, parsed)], parsed, version);
}

function toDiagnostics(reports: readonly Report[], parsed: ParsedJson | undefined): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const r of reports) {
    const key = `${r.code}\u0000${r.pointer}\u0000${r.message}`;
    if (seen.has(key)) continue; // the same fact found through two paths is said once
    seen.add(key);
    const severity: Severity = r.severity ?? 'error';
    const range = parsed ? locate(parsed, r.pointer) : undefined;
    out.push(range ? { code: r.code, severity, message: r.message, pointer: r.pointer, range } : { code: r.code, severity, message: r.message, pointer: r.pointer });
  }
  return out;
}

/** Meta reports unparsable JSON as INVALID_FLOW_JSON; the parser's message says exactly what is wrong. */
function toMetaSyntaxCode(d: Diagnostic): Diagnostic {
  return d.code === 'JSON_SYNTAX_ERROR' ? { ...d, code: 'INVALID_FLOW_JSON' } : d;
}

function finish(diagnostics: Diagnostic[], parsed: ParsedJson | undefined, version: ValidationResult['version']): ValidationResult {
  const sorted = parsed ? [...diagnostics].sort(byPosition) : [...diagnostics].sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0));
  const valid = !sorted.some((d) => d.severity === 'error');
  return version ? { valid, diagnostics: sorted, version } : { valid, diagnostics: sorted };
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  const pa = a.range?.start;
  const pb = b.range?.start;
  if (!pa || !pb) return pa ? -1 : pb ? 1 : 0;
  return pa.line - pb.line || pa.column - pb.column;
}
