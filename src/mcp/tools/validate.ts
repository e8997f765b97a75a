// `validate`: the diagnostics of `waflow validate`, each with its safe fixes when it has one.
import { computeFixes } from '../../flow-json/fix/index.js';
import { validateFlow } from '../../flow-json/validate/index.js';
import { FLOW_INPUT, readFlowSource } from '../context.js';
import { answer } from './tool.js';
import type { ToolDefinition } from './tool.js';
import { COUNTS_SCHEMA, DIAGNOSTIC_SCHEMA, VALIDATE_OPTIONS_INPUT, countsOf, diagnosticsJson, plural, prettyText, validateOptions } from './validation.js';

export const validateTool: ToolDefinition = {
  name: 'validate',
  title: 'Validate Flow JSON',
  description:
    'Checks a WhatsApp Flow JSON (text or file) as `waflow validate` does and returns every problem: Meta\'s error code, a message saying what to do, ' +
    'the JSON pointer and line/column, and the safe fixes when one exists (apply them with the `fix` tool). `valid` is false when any problem is an error.',
  inputSchema: { type: 'object', properties: { ...FLOW_INPUT, ...VALIDATE_OPTIONS_INPUT }, additionalProperties: false },
  outputSchema: {
    type: 'object',
    properties: {
      file: { type: 'string' },
      valid: { type: 'boolean' },
      version: { type: 'string', description: 'The Flow JSON version the flow was checked against.' },
      counts: COUNTS_SCHEMA,
      diagnostics: { type: 'array', items: DIAGNOSTIC_SCHEMA },
    },
    required: ['file', 'valid', 'counts', 'diagnostics'],
  },
  annotations: { readOnlyHint: true, openWorldHint: false },
  async handle(args, context) {
    const source = await readFlowSource(context, args);
    const options = await validateOptions(context, args);
    const result = computeFixes(source.text, validateFlow(source.text, options), options);
    const counts = countsOf(result.diagnostics);
    const head = result.valid
      ? `${source.name}: valid${counts.warnings > 0 ? ` (${plural(counts.warnings, 'warning')})` : ''}`
      : `${source.name}: invalid, ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}${counts.fixable > 0 ? `; ${counts.fixable} with a safe fix (call the fix tool)` : ''}`;
    return answer(
      {
        file: source.name,
        valid: result.valid,
        ...(result.version !== undefined ? { version: result.version } : {}),
        counts,
        diagnostics: diagnosticsJson(source.name, result.valid, result.diagnostics),
      },
      [{ type: 'text', text: prettyText(source.name, source.text, result.diagnostics, head) }],
    );
  },
};
