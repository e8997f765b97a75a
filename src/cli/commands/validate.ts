import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliIo, Command } from '../command.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../command.js';
import { validateFlow } from '../../flow-json/validate/index.js';
import { FLOW_JSON_VERSIONS, isFlowJsonVersion } from '../../flow-json/versions.js';
import type { FlowJsonVersion } from '../../flow-json/versions.js';
import { formatDiagnosticPretty, formatSummary } from '../format/pretty.js';
import { formatJsonLine } from '../format/json.js';
import { describeFileError } from '../format/file-error.js';

const USAGE = 'waflow validate <files...> [--format pretty|json] [--version X]';

const HELP = `usage: ${USAGE}

Checks Flow JSON files and prints every problem with its line, column and a code frame.

options:
  --format pretty|json  pretty (default): file:line:column severity code message and a code frame;
                        json: one JSON object per file per line ({"file","valid","diagnostics"})
  --version X           validate as Flow JSON version X instead of each file's own "version"
                        (one of ${FLOW_JSON_VERSIONS.join(', ')})

exit status: 0 all files valid, 1 some file invalid, 2 usage error or unreadable file
`;

const FORMATS = ['pretty', 'json'] as const;
type Format = (typeof FORMATS)[number];

interface ValidateArgs {
  readonly files: string[];
  readonly format: Format;
  readonly version?: FlowJsonVersion;
  readonly help: boolean;
}

/** Parses argv; returns a message for a usage error. `--x value` and `--x=value` both work. */
export function parseValidateArgs(argv: readonly string[]): ValidateArgs | string {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: { format: { type: 'string' }, version: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    // Node's message continues with advice about "--"; the first sentence is the useful part.
    return (err instanceof Error ? err.message : String(err)).split('. ')[0] ?? 'invalid arguments';
  }
  const { format = 'pretty', version, help = false } = parsed.values;
  if (help) return { files: [], format: 'pretty', help: true };
  if (!(FORMATS as readonly string[]).includes(format)) return `unknown --format "${format}"; use pretty or json`;
  if (version !== undefined && !isFlowJsonVersion(version)) {
    return `unknown --version "${version}"; valid versions: ${FLOW_JSON_VERSIONS.join(', ')}`;
  }
  if (parsed.positionals.length === 0) return 'no files given';
  return { files: parsed.positionals, format: format as Format, help: false, ...(version ? { version } : {}) };
}

/** Colour only when asked: CliIo does not say whether stdout is a terminal. */
function wantsColor(env: CliIo['env']): boolean {
  return env.NO_COLOR === undefined && env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
}

export const validateCommand: Command = {
  name: 'validate',
  usage: USAGE,
  async run(argv, io) {
    const args = parseValidateArgs(argv);
    if (typeof args === 'string') {
      io.stderr(`waflow validate: ${args}\nusage: ${USAGE}\n`);
      return EXIT_USAGE;
    }
    if (args.help) {
      io.stdout(HELP);
      return EXIT_OK;
    }
    const color = args.format === 'pretty' && wantsColor(io.env);
    const counts = { valid: 0, invalid: 0, unreadable: 0, errors: 0, warnings: 0 };
    for (const file of args.files) {
      let text: string;
      try {
        text = await readFile(resolve(io.cwd, file), 'utf8');
      } catch (err) {
        const reason = describeFileError(err);
        counts.unreadable++;
        io.stderr(`waflow validate: cannot read ${file}: ${reason.message} (${reason.code})\n`);
        if (args.format === 'json') io.stdout(formatJsonLine(file, false, [], reason));
        continue;
      }
      const result = validateFlow(text, args.version ? { version: args.version } : {});
      if (result.valid) counts.valid++;
      else counts.invalid++;
      for (const d of result.diagnostics) {
        if (d.severity === 'error') counts.errors++;
        else if (d.severity === 'warning') counts.warnings++;
      }
      if (args.format === 'json') {
        io.stdout(formatJsonLine(file, result.valid, result.diagnostics));
      } else {
        for (const d of result.diagnostics) io.stdout(`${formatDiagnosticPretty(file, text, d, color)}\n`);
      }
    }
    if (args.format === 'pretty') io.stdout(formatSummary(counts));
    if (counts.unreadable > 0) return EXIT_USAGE;
    return counts.invalid > 0 ? EXIT_FAILED : EXIT_OK;
  },
};
