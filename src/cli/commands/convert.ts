// `waflow convert flow.json --to ts`: writes a TypeScript module that builds the same flow with the
// builders of waflow/author (flowJsonToTs), so a team can move a flow from JSON to TypeScript.
import { readFile, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { parseCommandArgs, settleArgs } from '../args.js';
import type { Command } from '../command.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../command.js';
import { describeFileError } from '../format/file-error.js';
import { formatDiagnosticPretty } from '../format/pretty.js';
import { ConvertError, flowJsonToTs } from '../../flow-json/author/convert.js';
import { formatCodeFrame, locate, parseJson } from '../../flow-json/parse/index.js';
import { flowFileStem, flowTypeName } from '../../flow-json/typegen/names.js';

const USAGE = 'waflow convert <flow.json> --to ts [--out file] [--name identifier] [--import module]';

const HELP = `usage: ${USAGE}

Converts a Flow JSON file into a TypeScript module that builds the same flow with the typed
builders of waflow/author: components, properties and actions are checked against the flow's
version, \${data.x} and \${form.x} become data.x and form.x, and routing_model is derived from
the actions when that gives it back. Anything a builder cannot express is kept with raw(...),
so toFlowJson(flow) returns exactly the original document.

options:
  --to ts            the target language (only ts)
  --out file         write the module to this file instead of standard output
  --name identifier  the exported constant (default from the file name: booking.json → bookingFlow;
                     flow.json is named after its folder)
  --import module    where the builders are imported from (default waflow/author)
`;

interface ConvertArgs {
  readonly file: string;
  readonly out?: string;
  readonly name?: string;
  readonly importFrom?: string;
  readonly help: boolean;
}

/** Parses argv; returns a message for a usage error. */
export function parseConvertArgs(argv: readonly string[]): ConvertArgs | string {
  const parsed = parseCommandArgs(argv, { to: { type: 'string' }, out: { type: 'string' }, name: { type: 'string' }, import: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if ('error' in parsed) return parsed.error;
  const { to, out, name, import: importFrom, help = false } = parsed.values;
  if (help) return { file: '', help };
  if (parsed.positionals.length !== 1) return parsed.positionals.length === 0 ? 'give the Flow JSON file to convert' : 'give one Flow JSON file at a time';
  if (to === undefined) return '--to is required (--to ts)';
  if (to !== 'ts') return `--to "${to}" is not supported; the only target is ts`;
  if (out === '') return '--out needs a file name';
  if (importFrom === '') return '--import needs a module name';
  if (name !== undefined && !/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) return `--name "${name}" is not a TypeScript identifier; use letters, digits, _ and $, e.g. bookingFlow`;
  return { file: parsed.positionals[0]!, help, ...(out === undefined ? {} : { out }), ...(name === undefined ? {} : { name }), ...(importFrom === undefined ? {} : { importFrom }) };
}

/** booking.json → bookingFlow, flows/booking/flow.json → bookingFlow. */
function defaultName(file: string): string {
  const type = flowTypeName(flowFileStem(file));
  return type[0]!.toLowerCase() + type.slice(1);
}

export const convertCommand: Command = {
  name: 'convert',
  usage: USAGE,
  async run(argv, io) {
    const args = settleArgs(parseConvertArgs(argv), io, { name: 'convert', usage: USAGE, help: HELP });
    if (typeof args === 'number') return args;
    const path = resolve(io.cwd, args.file);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      const reason = describeFileError(err);
      io.stderr(`waflow convert: cannot read ${args.file}: ${reason.message} (${reason.code})\n`);
      return EXIT_USAGE;
    }
    const parsed = parseJson(text);
    const syntax = parsed.diagnostics.filter((d) => d.severity === 'error');
    if (syntax.length > 0) {
      for (const d of syntax) io.stderr(formatDiagnosticPretty(args.file, text, d));
      io.stderr(`waflow convert: ${args.file} is not valid JSON; nothing converted\n`);
      return EXIT_FAILED;
    }
    let source: string;
    try {
      const outFile = args.out === undefined ? undefined : resolve(io.cwd, args.out);
      const shown = outFile === undefined ? args.file : relative(resolve(outFile, '..'), path).split('\\').join('/');
      source = flowJsonToTs(parsed.value, { name: args.name ?? defaultName(args.file), source: shown, ...(args.importFrom === undefined ? {} : { importFrom: args.importFrom }) });
    } catch (error) {
      if (!(error instanceof ConvertError)) throw error;
      const range = locate(parsed, error.pointer);
      const where = range === undefined ? args.file : `${args.file}:${range.start.line}:${range.start.column}`;
      io.stderr(`${where} error ${error.message}\n${range === undefined ? '' : formatCodeFrame(text, range)}`);
      return EXIT_FAILED;
    }
    if (args.out === undefined) {
      io.stdout(source);
      return EXIT_OK;
    }
    try {
      await writeFile(resolve(io.cwd, args.out), source, 'utf8');
    } catch (err) {
      const reason = describeFileError(err);
      io.stderr(`waflow convert: cannot write ${args.out}: ${reason.message} (${reason.code})\n`);
      return EXIT_USAGE;
    }
    io.stdout(`${args.out}: wrote ${args.name ?? defaultName(args.file)} (from ${args.file})\n`);
    return EXIT_OK;
  },
};
