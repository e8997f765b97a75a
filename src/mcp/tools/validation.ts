// What validate and fix share: the options `waflow validate` would use in the served folder (its
// waflow.config.json "validate" section, then the call's own), and results in the wire shape of
// `waflow validate --format json`, so a diagnostic reads the same from the CLI and from MCP.
import type { Diagnostic } from '../../flow-json/diagnostics.js';
import { STYLE_CODES } from '../../flow-json/validate/index.js';
import type { ValidateOptions, StyleRuleSetting } from '../../flow-json/validate/index.js';
import { FLOW_JSON_VERSIONS } from '../../flow-json/versions.js';
import type { FlowJsonVersion } from '../../flow-json/versions.js';
import { formatJsonLine } from '../../cli/format/json.js';
import { formatDiagnosticPretty } from '../../cli/format/pretty.js';
import { loadConfig } from '../../cli/commands/validate.js';
import type { ToolContext } from '../context.js';
import { ToolInputError } from './tool.js';
import type { JsonSchema } from './tool.js';

export const VALIDATE_OPTIONS_INPUT: Readonly<Record<string, JsonSchema>> = {
  version: { type: 'string', enum: [...FLOW_JSON_VERSIONS], description: "Validate as this Flow JSON version instead of the flow's own \"version\"." },
  style: { type: 'boolean', description: 'Run the design-guidance lints (style/... warnings, never errors). Default: the project config, else true.' },
  rules: {
    type: 'object',
    description: 'Severity per design-guidance lint, e.g. {"style/sentence-case": "off"}.',
    propertyNames: { enum: [...STYLE_CODES] },
    additionalProperties: { type: 'string', enum: ['off', 'info', 'warning'] },
  },
};

const POSITION: JsonSchema = { type: 'object', properties: { line: { type: 'integer' }, column: { type: 'integer' } }, required: ['line', 'column'] };
const RANGE: JsonSchema = { type: 'object', properties: { start: POSITION, end: POSITION }, required: ['start', 'end'] };

/** One diagnostic as `waflow validate --format json` prints it. */
export const DIAGNOSTIC_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    code: { type: 'string', description: 'Meta\'s error code where Meta has one; `explain` describes it.' },
    severity: { type: 'string', enum: ['error', 'warning', 'info'] },
    message: { type: 'string', description: 'What is wrong and what to do.' },
    pointer: { type: 'string', description: 'JSON pointer to the value.' },
    range: RANGE,
    fixes: {
      type: 'array',
      description: 'Safe fixes (the `fix` tool applies them): LSP-style edits, 1-based line/column, end exclusive.',
      items: {
        type: 'object',
        properties: { title: { type: 'string' }, edits: { type: 'array', items: { type: 'object', properties: { range: RANGE, newText: { type: 'string' } }, required: ['range', 'newText'] } } },
        required: ['title', 'edits'],
      },
    },
  },
  required: ['code', 'severity', 'message', 'pointer'],
};

/** The options for one call: the project's "validate" settings, then the call's. */
export async function validateOptions(context: ToolContext, args: Record<string, unknown>): Promise<ValidateOptions> {
  // Only a JSON project file has a "validate" section `waflow validate` reads.
  const file = context.configFile !== undefined && context.configFile.endsWith('.json') ? context.configFile : undefined;
  const config = await loadConfig(context.root, file);
  if (typeof config === 'string') throw new ToolInputError(config);
  const style = typeof args.style === 'boolean' ? args.style : (config.style ?? true);
  const rules = { ...config.rules, ...(args.rules as Record<string, StyleRuleSetting> | undefined) };
  return {
    ...(typeof args.version === 'string' ? { version: args.version as FlowJsonVersion } : {}),
    style,
    ...(Object.keys(rules).length > 0 ? { rules } : {}),
    fixes: false,
  };
}

/** The diagnostics in their CLI wire shape. */
export function diagnosticsJson(name: string, valid: boolean, diagnostics: readonly Diagnostic[]): Record<string, unknown>[] {
  return (JSON.parse(formatJsonLine(name, valid, diagnostics)) as { diagnostics: Record<string, unknown>[] }).diagnostics;
}

export interface Counts {
  errors: number;
  warnings: number;
  fixable: number;
}

export const COUNTS_SCHEMA: JsonSchema = {
  type: 'object',
  properties: { errors: { type: 'integer' }, warnings: { type: 'integer' }, fixable: { type: 'integer', description: 'Problems the fix tool can fix.' } },
  required: ['errors', 'warnings', 'fixable'],
};

export function countsOf(diagnostics: readonly Diagnostic[]): Counts {
  return {
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    fixable: diagnostics.filter((d) => (d.fixes?.length ?? 0) > 0).length,
  };
}

/** The diagnostics as `waflow validate` prints them: location, code frame, the fix's title. */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function prettyText(name: string, text: string, diagnostics: readonly Diagnostic[], head: string): string {
  return [head, ...diagnostics.map((d) => formatDiagnosticPretty(name, text, d))].join('\n');
}
