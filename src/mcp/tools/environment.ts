// The gate in front of the platform tools (deploy dry-run, send draft): they talk only to an
// environment the user configured in waflow.config.json, never to the starter's defaults the CLI
// verbs fall back to; they run the real command in process, its output captured (nothing may reach
// the server's stdout, which is the protocol); and what they answer never holds a credential.
import { resolve } from 'node:path';
import type { CliIo, Command } from '../../cli/command.js';
import { ConfigError, findConfigFile, formatIssue, loadConfig } from '../../project/config.js';
import type { LoadedConfig } from '../../project/config.js';
import type { ToolContext } from '../context.js';
import { answer, failure, ToolInputError } from './tool.js';
import type { ToolResult } from './tool.js';

export const ENV_INPUT = {
  type: 'string',
  minLength: 1,
  description: "The name of an environment in the project's waflow.config.json (its credentials come from the variables it names, in the server's environment).",
} as const;

export interface ConfiguredEnvironment {
  readonly project: LoadedConfig;
  readonly name: string;
  /** The values of the variables the environment names for credentials: never in an answer. */
  readonly secrets: readonly string[];
}

/** The project file and the environment `name` in it, or a ToolInputError that says what to configure. */
export async function configuredEnvironment(context: ToolContext, name: string, tool: string): Promise<ConfiguredEnvironment> {
  let project: LoadedConfig;
  try {
    const file = context.configFile === undefined ? findConfigFile(context.root) : resolve(context.root, context.configFile);
    if (file === undefined) {
      throw new ToolInputError(
        `${tool} refused: no waflow.config.json in ${context.root} or a folder above it. ${tool} only talks to an environment you configured: ` +
          'create a project (`waflow init`, whose "sandbox" environment points at `waflow dev`) or start the server with `waflow mcp --config FILE`.',
      );
    }
    project = await loadConfig(file);
  } catch (error) {
    if (error instanceof ToolInputError) throw error;
    if (error instanceof ConfigError) throw new ToolInputError(`${tool} refused: the project file has problems:\n${error.issues.map((i) => formatIssue(error.file, i)).join('\n')}`);
    const code = (error as { code?: string }).code;
    throw new ToolInputError(`${tool} refused: cannot read the project file${context.configFile === undefined ? '' : ` ${context.configFile}`}: ${code === 'ENOENT' ? 'no such file' : (code ?? 'unreadable')}`);
  }
  const environments = project.config.environments;
  if (!Object.prototype.hasOwnProperty.call(environments, name)) {
    const names = Object.keys(environments);
    throw new ToolInputError(
      `${tool} refused: ${project.file} has no environment "${name.slice(0, 64)}"; ${names.length === 0 ? 'it configures none' : `its environments: ${names.map((n) => `"${n}"`).join(', ')}`}. ` +
        'Add the environment to the config first; no tool reaches a platform you have not configured.',
    );
  }
  return { project, name, secrets: secretsOf(environments[name], context.env) };
}

/** The values of every `...Env` variable an environment names (apiKeyEnv, partner.passwordEnv...). */
function secretsOf(environment: unknown, env: ToolContext['env']): string[] {
  const out: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    for (const [key, inner] of Object.entries(value)) {
      if (key.endsWith('Env') && typeof inner === 'string') {
        const secret = env[inner];
        if (secret !== undefined && secret.length >= 6) out.push(secret);
      } else walk(inner);
    }
  };
  walk(environment);
  return out;
}

/** `text` with every secret replaced; the commands never print one, this makes sure. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('[redacted]');
  return out;
}

export interface CommandRun {
  readonly code: number;
  /** The command's --json document, secrets redacted (undefined when it printed none). */
  readonly report: Record<string, unknown> | undefined;
  /** What it printed on stderr, secrets redacted. */
  readonly messages: string;
}

/** Runs a CLI command in process in the served folder, with its output captured. */
export async function runCommand(command: Command, argv: readonly string[], context: ToolContext, secrets: readonly string[]): Promise<CommandRun> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: context.root, env: context.env };
  const code = await command.run(argv, io);
  let report: Record<string, unknown> | undefined;
  try {
    report = JSON.parse(redact(out, secrets)) as Record<string, unknown>;
  } catch {
    report = undefined;
  }
  return { code, report, messages: redact(err, secrets).trim() };
}

/**
 * A command's --json report as the tool's answer, or its own words and report as the failure (a
 * deploy's report holds every flow's diagnostics). `what` names the command in a bare failure.
 */
export function commandAnswer(run: CommandRun, what: string): ToolResult {
  if (run.code !== 0 || run.report === undefined || run.report.ok !== true) {
    return failure(run.messages === '' ? `${what} failed (exit ${run.code})` : run.messages, run.report);
  }
  return answer(run.report);
}
