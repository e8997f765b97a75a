// What every platform verb (`flows`, `keys upload`, `send`, `templates`, `check`, `logs`) shares:
// the common flags (--env, --json, --config, --help), opening the environment a verb talks to, and
// turning a failure into one message on stderr (or one JSON document on stdout) with a non-zero exit.
//
// Without a project file a verb uses the environments `waflow init` writes (the `sandbox` one,
// pointed at `waflow dev` through WAFLOW_SANDBOX_URL and the D360_* variables it prints), so
// `waflow dev` in one terminal and `waflow flows list` in another work with no set-up.
import { resolve } from 'node:path';
import { parseCommandArgs } from './args.js';
import type { CommandOptions } from './args.js';
import type { CliIo } from './command.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './command.js';
import { ApiClientError, ApiError } from '../api/errors.js';
import type { ApiClient } from '../api/client.js';
import { ConfigError, findConfigFile, formatIssue, loadConfig } from '../project/config.js';
import type { LoadedConfig } from '../project/config.js';
import { clientFor } from '../project/deploy.js';
import { EnvironmentError, pickEnvironment, resolveEnvironment } from '../project/environment.js';
import type { ResolvedEnvironment } from '../project/environment.js';
import { environmentLock, readLock } from '../project/lock.js';
import type { EnvironmentLock } from '../project/lock.js';
import type { WaflowConfig } from '../project/types.js';
import { STARTER_CONFIG } from './templates/starter.js';

/** A failure a verb reports: the exit status, a kind for --json, the message, and what to do. */
export class VerbError extends Error {
  readonly exitCode: number;
  readonly kind: string;
  readonly hint: string | undefined;
  readonly advice: string | undefined;
  readonly details: Record<string, unknown>;
  constructor(exitCode: number, kind: string, message: string, extra: { hint?: string; advice?: string; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = 'VerbError';
    this.exitCode = exitCode;
    this.kind = kind;
    this.hint = extra.hint;
    this.advice = extra.advice;
    this.details = extra.details ?? {};
  }
}

export const usageError = (message: string): VerbError => new VerbError(EXIT_USAGE, 'usage', message);

/** The flags of one verb, on top of the common ones. */
export type VerbOptions = CommandOptions;

export interface VerbArgs {
  readonly env: string | undefined;
  readonly json: boolean;
  readonly config: string | undefined;
  readonly help: boolean;
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
}

const COMMON: VerbOptions = {
  env: { type: 'string' },
  json: { type: 'boolean' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** Parses argv with the common flags; a usage problem throws VerbError (exit 2). */
export function parseVerbArgs(argv: readonly string[], options: VerbOptions = {}): VerbArgs {
  const parsed = parseCommandArgs(argv, { ...COMMON, ...options }, { maxLength: 120 });
  if ('error' in parsed) throw usageError(parsed.error);
  const values = parsed.values as Record<string, string | boolean | undefined>;
  for (const [name, value] of Object.entries(values)) if (value === '') throw usageError(`--${name} needs a value`);
  const str = (name: string): string | undefined => (typeof values[name] === 'string' ? values[name] : undefined);
  return { env: str('env'), json: values.json === true, config: str('config'), help: values.help === true, positionals: parsed.positionals, values };
}

/** The JSON document a verb prints with --json: what it did, or its error. */
export interface VerbReport {
  ok: boolean;
  [key: string]: unknown;
}

export interface VerbRun {
  readonly args: VerbArgs;
  readonly io: CliIo;
  /** Human output (nothing with --json). */
  out(text: string): void;
  /** Progress and warnings: stderr, so --json stdout stays one document. */
  note(text: string): void;
  /** The --json report, filled in by the verb. */
  readonly report: VerbReport;
}

export interface VerbDefinition {
  /** e.g. `flows list`, for messages. */
  readonly name: string;
  readonly usage: string;
  readonly help: string;
  readonly options?: VerbOptions;
  run(run: VerbRun): Promise<number>;
}

const line = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`);

/** Runs a verb: parses, answers --help, prints a VerbError (never a stack) and the --json report. */
export async function runVerb(definition: VerbDefinition, argv: readonly string[], io: CliIo): Promise<number> {
  let args: VerbArgs;
  try {
    args = parseVerbArgs(argv, definition.options);
  } catch (error) {
    if (!(error instanceof VerbError)) throw error;
    io.stderr(`waflow ${definition.name}: ${error.message}\nusage: ${definition.usage}\n`);
    return EXIT_USAGE;
  }
  if (args.help) {
    io.stdout(definition.help);
    return EXIT_OK;
  }
  const report: VerbReport = { ok: false };
  const run: VerbRun = {
    args,
    io,
    report,
    out: (text) => {
      if (!args.json) io.stdout(text);
    },
    note: (text) => io.stderr(line(text)),
  };
  let code: number;
  try {
    code = await definition.run(run);
  } catch (error) {
    const failure = error instanceof VerbError ? error : asVerbError(error, definition.name);
    const lines = [`waflow ${definition.name}: ${failure.message}`];
    if (failure.hint !== undefined) lines.push(`  hint: ${failure.hint}`);
    if (failure.advice !== undefined) lines.push(`  what to do: ${failure.advice}`);
    io.stderr(line(lines.join('\n')));
    report.error = { kind: failure.kind, message: failure.message, ...(failure.hint === undefined ? {} : { hint: failure.hint }), ...(failure.advice === undefined ? {} : { advice: failure.advice }), ...failure.details };
    code = failure.exitCode;
  }
  report.ok = code === EXIT_OK;
  if (args.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  return code;
}

/** Any error from the client or the network, as a VerbError with the platform's words. */
export function asVerbError(error: unknown, doing: string, where?: string): VerbError {
  if (error instanceof VerbError) return error;
  if (error instanceof ApiError) {
    const advice =
      error.status === 401 || error.status === 403
        ? 'check the credentials the environment names (the variables ending in Env in the config, or the D360_* variables `waflow dev` prints) and the ids.'
        : error.status === 404
          ? 'check the id or name; `waflow flows list` shows what the environment holds.'
          : 'fix what the platform reports above, then run the command again.';
    return new VerbError(EXIT_FAILED, 'platform', error.message, {
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      advice,
      details: { status: error.status, ...(error.code === undefined ? {} : { code: error.code }), ...(error.validationErrors === undefined ? {} : { validationErrors: error.validationErrors }) },
    });
  }
  if (error instanceof ApiClientError) {
    const network = error.code === 'NETWORK' || error.code === 'TIMEOUT';
    return new VerbError(network ? EXIT_FAILED : EXIT_USAGE, network ? 'network' : 'client', error.message, {
      ...(network
        ? { advice: `check that the platform is reachable${where === undefined ? '' : ` at ${where}`}; for the sandbox, start \`waflow dev\` (and set WAFLOW_SANDBOX_URL when it is not on http://127.0.0.1:4010).` }
        : {}),
      details: { code: error.code },
    });
  }
  if (error instanceof EnvironmentError) return new VerbError(EXIT_USAGE, 'environment', error.message);
  if (error instanceof ConfigError) {
    return new VerbError(EXIT_USAGE, 'config', `${error.issues.length === 1 ? 'a problem' : `${error.issues.length} problems`} in ${error.file}:\n${error.issues.map((i) => formatIssue(error.file, i)).join('')}`.trimEnd(), {
      details: { issues: [...error.issues] },
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new VerbError(EXIT_FAILED, 'internal', `${doing} failed: ${message}`);
}

/** The project a verb runs in: waflow.config.* found from the working folder, or the starter's. */
export interface OpenedProject {
  /** undefined when no project file was found (the starter's environments are used). */
  readonly loaded: LoadedConfig | undefined;
  readonly config: WaflowConfig;
  /** The folder of the project (the working folder without one). */
  readonly dir: string;
}

export async function openProject(io: CliIo, configFile: string | undefined): Promise<OpenedProject> {
  const file = configFile ?? findConfigFile(io.cwd);
  if (file === undefined) return { loaded: undefined, config: STARTER_CONFIG as unknown as WaflowConfig, dir: io.cwd };
  try {
    const loaded = await loadConfig(resolve(io.cwd, file));
    return { loaded, config: loaded.config, dir: loaded.dir };
  } catch (error) {
    if (error instanceof ConfigError) throw asVerbError(error, 'reading the config');
    const code = (error as { code?: string }).code;
    throw new VerbError(EXIT_USAGE, 'config', `cannot read the config ${file}: ${code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error)}`);
  }
}

/** An environment made concrete, with its client and what deploy recorded for it. */
export interface OpenedEnvironment {
  readonly project: OpenedProject;
  readonly environment: ResolvedEnvironment;
  readonly client: ApiClient;
  /** What `waflow deploy` recorded for this environment (empty when nothing was). */
  readonly lock: EnvironmentLock;
}

export interface EnvironmentDependencies {
  /** Builds the API client (tests pass one with a custom fetch). */
  readonly client?: (options: ResolvedEnvironment['options']) => ApiClient;
}

/** Opens the environment --env names (or the default one) with its credentials and client. */
export async function openEnvironment(run: VerbRun, deps: EnvironmentDependencies = {}): Promise<OpenedEnvironment> {
  const project = await openProject(run.io, run.args.config);
  try {
    const name = pickEnvironment(project.config, run.args.env);
    const environment = resolveEnvironment(project.config, name, run.io.env);
    const client = clientFor(environment, deps.client);
    const read = await readLock(project.dir);
    if (read.warning !== undefined) run.note(`warning: ${read.warning}`);
    run.report.environment = name;
    run.report.provider = environment.provider;
    return { project, environment, client, lock: environmentLock(read.lock, name) };
  } catch (error) {
    throw asVerbError(error, 'opening the environment');
  }
}

/** A flow named on the command line: its id in the environment. A name is looked up in the lock, then on the platform; digits are an id. */
export async function resolveFlowId(opened: OpenedEnvironment, nameOrId: string): Promise<{ id: string; name: string | undefined }> {
  const locked = opened.lock.flows[nameOrId];
  if (locked !== undefined) return { id: locked.id, name: locked.name };
  let list;
  try {
    list = await opened.client.flows.listAll();
  } catch (error) {
    throw asVerbError(error, 'listing the flows', opened.environment.where);
  }
  const found = list.find((f) => f.name === nameOrId) ?? list.find((f) => f.id === nameOrId);
  if (found !== undefined) return { id: found.id, name: found.name };
  if (/^\d+$/.test(nameOrId)) return { id: nameOrId, name: undefined };
  const names = list.map((f) => `"${f.name}"`).slice(0, 10).join(', ');
  throw new VerbError(EXIT_FAILED, 'not-found', `environment "${opened.environment.name}" has no flow named "${nameOrId.slice(0, 80)}"${names === '' ? ' (it has no flows)' : `; its flows: ${names}`}.`, {
    advice: 'give a flow name from the list, a flow id, or run `waflow deploy` first.',
  });
}
