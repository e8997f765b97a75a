// `waflow typegen`: writes the TypeScript types of flows (generateFlowTypes) so the endpoint and
// the webhook code are checked against them. `waflow deploy` runs the same jobs when the project
// asks for it (`"typegen"` in waflow.config.json).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parseCommandArgs, settleArgs } from '../args.js';
import type { CliIo, Command } from '../command.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../command.js';
import { describeFileError } from '../format/file-error.js';
import { formatDiagnosticPretty } from '../format/pretty.js';
import { locate, parseJson } from '../../flow-json/parse/index.js';
import { formatCodeFrame } from '../../flow-json/parse/code-frame.js';
import { flowFileStem, flowTypeName, generateFlowTypes, kebabName, TypegenError } from '../../flow-json/typegen/index.js';
import { validateFlow } from '../../flow-json/validate/index.js';
import { ConfigError, findConfigFile, formatIssue, loadConfig } from '../../project/config.js';
import type { LoadedConfig } from '../../project/config.js';

const USAGE = 'waflow typegen [files...] [--out dir] [--name Type] [--check] [--config file]';

const HELP = `usage: ${USAGE}

Writes the TypeScript types of each Flow JSON file: per screen its data model (what the endpoint
answers it with), what its data_exchange actions send the endpoint and its navigate payloads, and
the completion's response_json. Use them as createFlowEndpoint<BookingFlow>(...) and
FlowCompletionEvent<BookingFlow>. A flow with errors gets no types: fix what \`waflow validate\`
reports first.

Without files, the flows of waflow.config.json (in this folder or the nearest one above), named
after their "name" and written to its "typegen": { "out": "folder" } when set.

where: next to each file, booking.json → booking.types.ts (flow.json → flow.types.ts); with
--out, one <name>.types.ts per flow in that folder, where a file called flow.json is named after
its folder (examples/booking/flow.json → booking.types.ts). The type is named the same way:
BookingFlow.

options:
  --out dir       write the types files into this folder (created when missing)
  --name Type     the type's name, for one file (default from the file name, as above)
  --check         write nothing; exit 1 when a types file is missing or out of date (for CI)
  --config file   the project file to read the flows from when no files are given

exit status: 0 written (or up to date), 1 a flow has errors or (with --check) types are out of
date, 2 usage error, unreadable file or bad configuration
`;

interface TypegenArgs {
  readonly files: readonly string[];
  readonly out?: string;
  readonly name?: string;
  readonly check: boolean;
  readonly config?: string;
  readonly help: boolean;
}

/** Parses argv; returns a message for a usage error. */
export function parseTypegenArgs(argv: readonly string[]): TypegenArgs | string {
  const parsed = parseCommandArgs(argv, { out: { type: 'string' }, name: { type: 'string' }, check: { type: 'boolean' }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if ('error' in parsed) return parsed.error;
  const { out, name, check = false, config, help = false } = parsed.values;
  if (out === '') return '--out needs a folder';
  if (config === '') return '--config needs a file name';
  if (name !== undefined && !/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) return `--name "${name}" is not a TypeScript type name; use letters, digits, _ and $, e.g. BookingFlow`;
  if (name !== undefined && parsed.positionals.length !== 1) return '--name names the type of one file; give exactly one file with it';
  if (config !== undefined && parsed.positionals.length > 0) return '--config reads the flows from the project: give it without files';
  return {
    files: parsed.positionals,
    check,
    help,
    ...(out === undefined ? {} : { out }),
    ...(name === undefined ? {} : { name }),
    ...(config === undefined ? {} : { config }),
  };
}

/** One flow to write the types of. */
export interface TypegenJob {
  /** The Flow JSON file, absolute. */
  readonly file: string;
  readonly typeName: string;
  /** The types file, absolute. */
  readonly out: string;
  /** The flow's text, when the caller has read it already. */
  readonly text?: string;
}

/** `booking.json` → `booking.types.ts` in the same folder. */
function besideFile(file: string): string {
  return join(dirname(file), `${basename(file).replace(/\.json$/i, '')}.types.ts`);
}

/** Jobs for files named on the command line (paths relative to `cwd`). */
export function jobsForFiles(files: readonly string[], cwd: string, options: { out?: string; name?: string } = {}): TypegenJob[] {
  return files.map((f) => {
    const file = resolve(cwd, f);
    const stem = flowFileStem(f);
    return {
      file,
      typeName: options.name ?? flowTypeName(stem),
      out: options.out === undefined ? besideFile(file) : resolve(cwd, options.out, `${kebabName(stem)}.types.ts`),
    };
  });
}

/** Jobs for the flows of a project, named after each flow's "name"; `out` (from the CLI) wins over the config's. */
export function jobsForProject(project: LoadedConfig, out?: string): TypegenJob[] {
  const folder = out ?? (project.config.typegen?.out === undefined ? undefined : resolve(project.dir, project.config.typegen.out));
  return project.config.flows.map((flow) => {
    const file = resolve(project.dir, flow.file);
    return { file, typeName: flowTypeName(flow.name), out: folder === undefined ? besideFile(file) : join(folder, `${kebabName(flow.name)}.types.ts`) };
  });
}

export interface TypegenOutcome {
  /** Types files written (changed or new). */
  readonly written: number;
  /** Flows with errors, or (with check) types files out of date. */
  readonly failed: number;
  /** Files that could not be read or written. */
  readonly unreadable: number;
}

const posix = (path: string): string => path.split(sep).join('/');

/**
 * Validates each flow and writes its types file when its content changes (an unchanged file is
 * not touched, so watchers stay quiet). `print` gets progress, `report` problems.
 */
export async function runTypegen(
  jobs: readonly TypegenJob[],
  io: { cwd: string; print: (text: string) => void; report: (text: string) => void },
  options: { check?: boolean; color?: boolean } = {},
): Promise<TypegenOutcome> {
  const outcome = { written: 0, failed: 0, unreadable: 0 };
  const shown = (path: string): string => posix(relative(io.cwd, path)) || basename(path);
  const clash = firstClash(jobs);
  if (clash !== undefined) {
    io.report(`waflow typegen: ${shown(clash[0].file)} and ${shown(clash[1].file)} would both write ${shown(clash[0].out)}; give one of them another name or folder\n`);
    return { ...outcome, unreadable: 1 };
  }
  for (const job of jobs) {
    let text = job.text;
    if (text === undefined) {
      try {
        text = await readFile(job.file, 'utf8');
      } catch (err) {
        const reason = describeFileError(err);
        io.report(`waflow typegen: cannot read ${shown(job.file)}: ${reason.message} (${reason.code})\n`);
        outcome.unreadable++;
        continue;
      }
    }
    const source = generate(job, text, shown(job.file), io.report, options.color === true);
    if (source === undefined) {
      outcome.failed++;
      continue;
    }
    let current: string | undefined;
    try {
      current = await readFile(job.out, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === source) {
      io.print(`${shown(job.out)}: ${job.typeName} is up to date\n`);
      continue;
    }
    if (options.check === true) {
      io.report(`${shown(job.out)}: ${current === undefined ? 'missing' : `out of date with ${shown(job.file)}`}; run \`waflow typegen\` to write it\n`);
      outcome.failed++;
      continue;
    }
    try {
      await mkdir(dirname(job.out), { recursive: true });
      await writeFile(job.out, source, 'utf8');
    } catch (err) {
      const reason = describeFileError(err);
      io.report(`waflow typegen: cannot write ${shown(job.out)}: ${reason.message} (${reason.code})\n`);
      outcome.unreadable++;
      continue;
    }
    outcome.written++;
    io.print(`${shown(job.out)}: wrote ${job.typeName} (from ${shown(job.file)})\n`);
  }
  return outcome;
}

function firstClash(jobs: readonly TypegenJob[]): [TypegenJob, TypegenJob] | undefined {
  const byOut = new Map<string, TypegenJob>();
  for (const job of jobs) {
    const other = byOut.get(job.out);
    if (other !== undefined && other.file !== job.file) return [other, job];
    byOut.set(job.out, job);
  }
  return undefined;
}

/** The types file's text, or undefined after reporting why the flow has none (with file, line and JSON path). */
function generate(job: TypegenJob, text: string, file: string, report: (text: string) => void, color: boolean): string | undefined {
  const result = validateFlow(text, { warnings: false });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    for (const d of errors) report(`${formatDiagnosticPretty(file, text, { ...d, message: `${d.message} (at ${d.pointer === '' ? 'the document root' : d.pointer})` }, color)}\n`);
    report(`waflow typegen: ${file} has ${errors.length === 1 ? 'an error' : `${errors.length} errors`}; no types written for it\n`);
    return undefined;
  }
  try {
    return generateFlowTypes(JSON.parse(text) as unknown, { name: job.typeName, source: posix(relative(dirname(job.out), job.file)) });
  } catch (error) {
    if (!(error instanceof TypegenError)) throw error;
    const parsed = parseJson(text);
    for (const issue of error.issues) {
      const range = locate(parsed, issue.pointer);
      const where = range === undefined ? file : `${file}:${range.start.line}:${range.start.column}`;
      report(`${where} error at ${issue.pointer === '' ? 'the document root' : issue.pointer}: ${issue.message}\n${range === undefined ? '' : formatCodeFrame(text, range, { color })}`);
    }
    return undefined;
  }
}

function wantsColor(env: CliIo['env']): boolean {
  return env.NO_COLOR === undefined && env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
}

async function projectJobs(args: TypegenArgs, io: CliIo): Promise<TypegenJob[] | string> {
  const file = args.config ?? findConfigFile(io.cwd);
  if (file === undefined) return `no files given, and no waflow.config.json in ${io.cwd} or a folder above it`;
  let project: LoadedConfig;
  try {
    project = await loadConfig(resolve(io.cwd, file));
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((i) => formatIssue(error.file, i)).join('\n');
    return `cannot read ${file}: ${describeFileError(error).message}`;
  }
  if (project.config.flows.length === 0) return `${file} lists no flows`;
  return jobsForProject(project, args.out === undefined ? undefined : resolve(io.cwd, args.out));
}

export const typegenCommand: Command = {
  name: 'typegen',
  usage: USAGE,
  async run(argv, io) {
    const args = settleArgs(parseTypegenArgs(argv), io, { name: 'typegen', usage: USAGE, help: HELP });
    if (typeof args === 'number') return args;
    const jobs = args.files.length > 0 ? jobsForFiles(args.files, io.cwd, args) : await projectJobs(args, io);
    if (typeof jobs === 'string') {
      io.stderr(`waflow typegen: ${jobs}\n`);
      return EXIT_USAGE;
    }
    const outcome = await runTypegen(jobs, { cwd: io.cwd, print: io.stdout, report: io.stderr }, { check: args.check, color: wantsColor(io.env) });
    if (outcome.unreadable > 0) return EXIT_USAGE;
    return outcome.failed > 0 ? EXIT_FAILED : EXIT_OK;
  },
};
