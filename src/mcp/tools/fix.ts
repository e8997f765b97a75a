// `fix`: `waflow validate --fix`: applies the safe fixes and answers with the fixed text and what
// remains. A file is written in place only when it changes (and `write` is not false).
import { writeFile } from 'node:fs/promises';
import { fixFlow } from '../../flow-json/fix/index.js';
import { describeFileError } from '../../cli/format/file-error.js';
import { FLOW_INPUT, readFlowSource } from '../context.js';
import { ToolInputError, answer } from './tool.js';
import type { ToolDefinition } from './tool.js';
import { COUNTS_SCHEMA, DIAGNOSTIC_SCHEMA, VALIDATE_OPTIONS_INPUT, countsOf, diagnosticsJson, plural, prettyText, validateOptions } from './validation.js';

export const fixTool: ToolDefinition = {
  name: 'fix',
  title: 'Apply the safe fixes',
  description:
    'Applies the safe fixes of `waflow validate --fix` to a Flow JSON, keeping its formatting and key order: completes routing_model from the navigate actions, ' +
    'adds missing __example__ values, corrects a misspelt component or property name when one candidate is close, bumps a deprecated version. ' +
    'Returns the fixed text and the problems that remain. With `file`, the file is rewritten in place when it changes (unless write is false).',
  inputSchema: {
    type: 'object',
    properties: { ...FLOW_INPUT, ...VALIDATE_OPTIONS_INPUT, write: { type: 'boolean', description: 'With file: write the fixed text back (default true).' } },
    additionalProperties: false,
  },
  outputSchema: {
    type: 'object',
    properties: {
      file: { type: 'string' },
      applied: { type: 'integer', description: 'How many fixes were applied.' },
      written: { type: 'boolean', description: 'Whether the file was rewritten.' },
      valid: { type: 'boolean', description: 'Whether the fixed flow is valid.' },
      counts: COUNTS_SCHEMA,
      diagnostics: { type: 'array', items: DIAGNOSTIC_SCHEMA, description: 'The problems that remain.' },
      text: { type: 'string', description: 'The fixed Flow JSON.' },
    },
    required: ['file', 'applied', 'written', 'valid', 'counts', 'diagnostics', 'text'],
  },
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async handle(args, context) {
    const source = await readFlowSource(context, args);
    const options = await validateOptions(context, args);
    const fixed = fixFlow(source.text, options);
    const changed = fixed.text !== source.text;
    let written = false;
    if (changed && source.path !== undefined && args.write !== false) {
      try {
        await writeFile(source.path, fixed.text, 'utf8');
      } catch (error) {
        const reason = describeFileError(error);
        throw new ToolInputError(`cannot write ${source.name}: ${reason.message} (${reason.code})`);
      }
      written = true;
    }
    const { result } = fixed;
    const counts = countsOf(result.diagnostics);
    const head = `${source.name}: ${fixed.applied} ${fixed.applied === 1 ? 'fix' : 'fixes'} applied${written ? ' (file rewritten)' : ''}; now ${result.valid ? 'valid' : `invalid, ${plural(counts.errors, 'error')} left`}`;
    return answer(
      {
        file: source.name,
        applied: fixed.applied,
        written,
        valid: result.valid,
        counts,
        diagnostics: diagnosticsJson(source.name, result.valid, result.diagnostics),
        text: fixed.text,
      },
      [{ type: 'text', text: prettyText(source.name, fixed.text, result.diagnostics, head) }],
    );
  },
};
