// `waflow deploy`: make an environment match the project. Validates every flow first (and stops on
// errors, shown as `waflow validate` shows them), reads what the platform holds, prints the plan,
// then (unless --dry-run) carries it out with a line per step and a summary. Every failure exits
// non-zero with the platform's message, its hint and what to do.
import { relative, resolve } from 'node:path';
import { parseCommandArgs, settleArgs } from '../args.js';
import type { CliIo, Command } from '../command.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../command.js';
import { formatDiagnosticPretty, formatSummary } from '../format/pretty.js';
import { formatCodeFrame } from '../../flow-json/parse/code-frame.js';
import { ConfigError, findConfigFile, formatIssue, loadConfig } from '../../project/config.js';
import type { LoadedConfig } from '../../project/config.js';
import { EnvironmentError, pickEnvironment } from '../../project/environment.js';
import { DeployError, FlowFileError, applyDeploy, clientFor, inspectDeploy, prepareDeploy, readFlows } from '../../project/deploy.js';
import type { DeployCounts, DeployResult, Inspection, Prepared, PreparedFlow, StepEvent } from '../../project/deploy.js';
import type { DeployPlan, FlowPlan, FlowStep, TemplatePlan } from '../../project/plan.js';
import { LOCK_FILE } from '../../project/lock.js';
import type { ApiClient } from '../../api/client.js';
import { jobsForProject, runTypegen } from './typegen.js';

const USAGE = 'waflow deploy [--env NAME] [--dry-run] [--publish] [--clone-as-new] [--json] [--config FILE]';

const HELP = `usage: ${USAGE}

Makes an environment of waflow.config.json match the project: validates every flow (and stops on
errors), creates missing flows, uploads a flow's JSON only when its sha-256 differs from the last
upload, updates categories and endpointUri, creates missing templates, and records the flow ids and
hashes of each environment in ${LOCK_FILE} (next to the config), so a second run changes nothing.
The plan is printed before anything is changed.

options:
  --env NAME        the environment to deploy to (default: "defaultEnvironment" of the config,
                    else "sandbox", else the only one)
  --dry-run         print the plan and change nothing
  --publish         also publish the flows (a published flow is immutable)
  --clone-as-new    deploy changes to a published flow as a new flow cloned from it ("Name v2");
                    with --publish, publish the new one and then deprecate the old one
  --json            one JSON document on stdout (plan, result or error) instead of text
  --config FILE     the project file (default: waflow.config.json, or .ts/.js, in this folder or
                    the nearest one above). A .ts config needs tsx, Bun or Deno; plain Node
                    needs waflow.config.json.

With "typegen": { "out": "folder" } in the config (or {} for next to each flow), deploy also
writes the flows' TypeScript types as \`waflow typegen\` does, before anything is sent (not with
--dry-run).

Credentials come from the environment variables the environment names (apiKeyEnv,
accessTokenEnv...), never from the config.

exit status: 0 deployed (or nothing to do), 1 invalid flow, refused or failed step,
             2 usage, config or environment error
`;

interface DeployArgs {
  readonly env?: string;
  readonly dryRun: boolean;
  readonly publish: boolean;
  readonly cloneAsNew: boolean;
  readonly json: boolean;
  readonly config?: string;
  readonly help: boolean;
}

/** Parses argv; returns a message for a usage error. */
export function parseDeployArgs(argv: readonly string[]): DeployArgs | string {
  const parsed = parseCommandArgs(
    argv,
    {
      env: { type: 'string' },
      'dry-run': { type: 'boolean' },
      publish: { type: 'boolean' },
      'clone-as-new': { type: 'boolean' },
      json: { type: 'boolean' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    { allowPositionals: false, maxLength: 120 },
  );
  if ('error' in parsed) return parsed.error;
  const v = parsed.values;
  if (v.env === '') return '--env needs a name';
  if (v.config === '') return '--config needs a file';
  return {
    dryRun: v['dry-run'] === true,
    publish: v.publish === true,
    cloneAsNew: v['clone-as-new'] === true,
    json: v.json === true,
    help: v.help === true,
    ...(v.env === undefined ? {} : { env: v.env }),
    ...(v.config === undefined ? {} : { config: v.config }),
  };
}

function wantsColor(env: CliIo['env']): boolean {
  return env.NO_COLOR === undefined && env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
}

const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

// ---------------------------------------------------------------------------------------------
// The plan, in words

function stepText(flow: FlowPlan, step: FlowStep): string {
  switch (step.kind) {
    case 'create':
      return step.cloneFrom === undefined ? (step.name === flow.name ? 'create' : `create as "${step.name}"`) : `clone flow ${step.cloneFrom} as "${step.name}"`;
    case 'update':
      return `update ${[step.categories === undefined ? '' : 'categories', step.endpointUri === undefined ? '' : 'endpointUri'].filter((s) => s !== '').join(' and ')}`;
    case 'upload':
      return `upload ${flow.file}`;
    case 'publish':
      return 'publish';
    case 'deprecate':
      return `deprecate flow ${step.id}`;
  }
}

const MARK: Record<FlowPlan['outcome'], string> = { create: '+', clone: '+', change: '~', unchanged: '=', blocked: '!' };

function flowLine(flow: FlowPlan): string {
  const where = flow.remote === undefined ? '' : ` (${flow.remote.id}, ${flow.remote.status})`;
  const what =
    flow.outcome === 'blocked'
      ? 'refused: published flows are immutable'
      : flow.outcome === 'unchanged'
        ? 'unchanged'
        : flow.steps.map((s) => stepText(flow, s)).join(', ');
  const changes = flow.changes.length === 0 || flow.outcome === 'blocked' ? '' : ` [${flow.changes.join('; ')}]`;
  const notes = flow.notes.map((n) => `\n      note: ${n}`).join('');
  return `  ${MARK[flow.outcome]} flow "${flow.name}"${where}: ${what}${changes}${notes}`;
}

function templateLine(t: TemplatePlan): string {
  const mark = t.outcome === 'create' ? '+' : t.outcome === 'exists' ? '=' : '-';
  const what = t.outcome === 'create' ? `create, FLOW button → flow "${t.flow}"` : t.outcome === 'exists' ? 'exists (never recreated)' : 'skipped';
  const notes = t.notes.map((n) => `\n      note: ${n}`).join('');
  return `  ${mark} template ${t.name} (${t.language}): ${what}${notes}`;
}

export function formatPlan(plan: DeployPlan, environment: string): string {
  const head = plan.blocked ? 'refused: a published flow would change' : plural(plan.changes, 'change');
  const lines = [`Plan for "${environment}" (${head}):`, ...plan.flows.map(flowLine), ...plan.templates.map(templateLine)];
  if (plan.flows.length === 0 && plan.templates.length === 0) lines.push('  (the config has no flows and no templates)');
  return `${lines.join('\n')}\n`;
}

export function formatCounts(c: DeployCounts): string {
  const parts = [
    c.created > 0 ? `${plural(c.created, 'flow')} created` : '',
    c.cloned > 0 ? `${plural(c.cloned, 'flow')} cloned` : '',
    c.updated > 0 ? `${plural(c.updated, 'flow')} updated` : '',
    c.uploaded > 0 ? `${plural(c.uploaded, 'Flow JSON', 'Flow JSONs')} uploaded` : '',
    c.published > 0 ? `${plural(c.published, 'flow')} published` : '',
    c.deprecated > 0 ? `${plural(c.deprecated, 'flow')} deprecated` : '',
    c.templatesCreated > 0 ? `${plural(c.templatesCreated, 'template')} created` : '',
    c.flowsUnchanged > 0 ? `${plural(c.flowsUnchanged, 'flow')} unchanged` : '',
    c.templatesExisting > 0 ? `${plural(c.templatesExisting, 'template')} already there` : '',
    c.templatesSkipped > 0 ? `${plural(c.templatesSkipped, 'template')} skipped` : '',
  ].filter((p) => p !== '');
  return parts.length === 0 ? 'nothing to do' : parts.join(', ');
}

function failureText(error: DeployError, prepared: Prepared, cwd: string): string {
  const lines = [`waflow deploy: ${error.step} failed: ${error.reason}`];
  if (error.hint !== undefined) lines.push(`  hint: ${error.hint}`);
  const flow = prepared.flows.find((f) => f.config.file === error.file);
  const shown = flow === undefined ? (error.file ?? 'Flow JSON') : relative(cwd, flow.path) || flow.config.file;
  for (const v of error.validationErrors) {
    const at = v.lineStart === undefined ? '' : `:${v.lineStart}:${v.columnStart ?? 1}`;
    lines.push(`  ${shown}${at} error ${v.error ?? 'ERROR'} ${v.message ?? ''}`.trimEnd());
  }
  lines.push(`  what to do: ${error.advice}`);
  if (error.done > 0) lines.push(`  ${plural(error.done, 'step')} done before this one; ${LOCK_FILE} records them, so the next run does not repeat them.`);
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------

interface Report {
  environment?: string;
  provider?: string;
  dryRun: boolean;
  ok: boolean;
  validation?: { file: string; valid: boolean; diagnostics: unknown[] }[];
  plan?: DeployPlan;
  result?: DeployResult;
  error?: { kind: string; message: string; hint?: string; advice?: string; validationErrors?: unknown[]; issues?: unknown[] };
}

export interface DeployDependencies {
  /** Builds the API client (tests pass one with a custom fetch). */
  readonly client?: (options: Prepared['environment']['options']) => ApiClient;
}

/** The command, with its client factory replaceable for tests. */
export function createDeployCommand(deps: DeployDependencies = {}): Command {
  return {
    name: 'deploy',
    usage: USAGE,
    async run(argv, io) {
      const args = settleArgs(parseDeployArgs(argv), io, { name: 'deploy', usage: USAGE, help: HELP });
      if (typeof args === 'number') return args;
      const report: Report = { dryRun: args.dryRun, ok: false };
      const out = (text: string): void => {
        if (!args.json) io.stdout(text);
      };
      const finish = (code: number): number => {
        report.ok = code === EXIT_OK;
        if (args.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
        return code;
      };
      const fail = (code: number, kind: string, message: string, extra: Partial<NonNullable<Report['error']>> = {}): number => {
        report.error = { kind, message, ...extra };
        io.stderr(message.endsWith('\n') ? message : `${message}\n`);
        return finish(code);
      };

      // 1. The project.
      let project: LoadedConfig;
      try {
        const file = args.config ?? findConfigFile(io.cwd);
        if (file === undefined) return fail(EXIT_USAGE, 'config', `waflow deploy: no waflow.config.json in ${io.cwd} or a folder above it. Run \`waflow init\` to start a project, or pass --config FILE.`);
        project = await loadConfig(resolve(io.cwd, file));
      } catch (error) {
        if (error instanceof ConfigError) return fail(EXIT_USAGE, 'config', configErrorText(error, wantsColor(io.env)), { issues: [...error.issues] });
        const code = (error as { code?: string }).code;
        return fail(EXIT_USAGE, 'config', `waflow deploy: cannot read the config: ${code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error)}`);
      }

      // 2. The environment's name, then every flow, validated before anything else.
      let envName: string;
      let flows: PreparedFlow[];
      try {
        envName = pickEnvironment(project.config, args.env);
        flows = await readFlows(project);
      } catch (error) {
        if (error instanceof EnvironmentError || error instanceof FlowFileError) return fail(EXIT_USAGE, error instanceof EnvironmentError ? 'environment' : 'file', `waflow deploy: ${error.message}`);
        throw error;
      }
      report.environment = envName;
      report.provider = project.config.environments[envName]?.provider;
      out(`waflow deploy: environment "${envName}" (${report.provider ?? ''})${args.dryRun ? ', dry run' : ''}\n`);
      const color = wantsColor(io.env);
      const counts = { valid: 0, invalid: 0, unreadable: 0, errors: 0, warnings: 0 };
      report.validation = [];
      for (const flow of flows) {
        const shown = relative(io.cwd, flow.path) || flow.config.file;
        if (flow.valid) counts.valid++;
        else counts.invalid++;
        for (const d of flow.diagnostics) {
          if (d.severity === 'error') counts.errors++;
          else if (d.severity === 'warning') counts.warnings++;
          out(`${formatDiagnosticPretty(shown, flow.text, d, color)}\n`);
        }
        report.validation.push({ file: shown, valid: flow.valid, diagnostics: [...flow.diagnostics] });
      }
      out(formatSummary(counts));
      if (counts.invalid > 0) {
        return fail(EXIT_FAILED, 'validation', `waflow deploy: stopped: ${plural(counts.invalid, 'flow')} ${counts.invalid === 1 ? 'has' : 'have'} errors (above); nothing was sent to "${envName}". Fix them (\`waflow validate\` shows the same), then deploy again.`);
      }

      // The flows' TypeScript types, when the config asks for them ("typegen"); a dry run writes nothing.
      if (project.config.typegen !== undefined && !args.dryRun) {
        const jobs = jobsForProject(project).map((job, i) => ({ ...job, text: flows[i]?.text }));
        const typed = await runTypegen(jobs, { cwd: io.cwd, print: out, report: io.stderr });
        if (typed.failed + typed.unreadable > 0) return fail(EXIT_USAGE, 'file', `waflow deploy: stopped: the flows' types could not be written (above); nothing was sent to "${envName}".`);
      }

      // 3. Credentials, endpoint URIs, the templates' screens, the lock.
      let prepared: Prepared;
      try {
        prepared = await prepareDeploy(project, { environment: envName, env: io.env, flows });
      } catch (error) {
        if (error instanceof ConfigError) return fail(EXIT_USAGE, 'config', configErrorText(error, color), { issues: [...error.issues] });
        if (error instanceof EnvironmentError) return fail(EXIT_USAGE, 'environment', `waflow deploy: ${error.message}`);
        throw error;
      }
      const env = prepared.environment;
      if (prepared.lockWarning !== undefined) io.stderr(`waflow deploy: warning: ${prepared.lockWarning}\n`);

      // 4. What the platform holds, and the plan.
      let client: ApiClient;
      let inspection: Inspection;
      try {
        client = clientFor(env, deps.client);
      } catch (error) {
        if (error instanceof EnvironmentError) return fail(EXIT_USAGE, 'environment', `waflow deploy: ${error.message}`);
        throw error;
      }
      out(`Reading the flows of "${env.name}" (${env.where})...\n`);
      try {
        inspection = await inspectDeploy(prepared, client, { publish: args.publish, cloneAsNew: args.cloneAsNew });
      } catch (error) {
        const failure = error instanceof DeployError ? error : asDeployError(error, `reading the flows of "${env.name}"`, env.where);
        return fail(EXIT_FAILED, 'platform', failureText(failure, prepared, io.cwd), { ...(failure.hint === undefined ? {} : { hint: failure.hint }), advice: failure.advice });
      }
      const { plan } = inspection;
      report.plan = plan;
      out(formatPlan(plan, env.name));

      if (plan.blocked) {
        const lines = plan.flows.filter((f) => f.blocked !== undefined).map((f) => `  flow "${f.name}": ${f.blocked ?? ''}`);
        const again = `waflow deploy${args.env === undefined ? '' : ` --env ${env.name}`} --clone-as-new${args.publish ? ' --publish' : ''}`;
        return fail(EXIT_FAILED, 'immutable', `waflow deploy: refused, nothing was changed:\n${lines.join('\n')}\n  what to do: run \`${again}\`, or undo the change to the published flow.`);
      }
      if (args.dryRun) {
        out(plan.changes === 0 ? `Dry run: nothing to change; "${env.name}" is up to date.\n` : `Dry run: nothing was changed. Run without --dry-run to make these ${plural(plan.changes, 'change')}.\n`);
        return finish(EXIT_OK);
      }

      // 5. Do it.
      const onStep = (e: StepEvent): void => {
        if (e.phase === 'start') out(`[${e.index}/${e.total}] ${e.label}... `);
        else out(`${e.result ?? 'ok'}\n`);
      };
      let result: DeployResult;
      try {
        result = await applyDeploy(prepared, inspection, client, onStep);
      } catch (error) {
        out('failed\n');
        const failure = error instanceof DeployError ? error : asDeployError(error, 'deploy', env.where);
        return fail(EXIT_FAILED, 'platform', failureText(failure, prepared, io.cwd), {
          ...(failure.hint === undefined ? {} : { hint: failure.hint }),
          advice: failure.advice,
          validationErrors: [...failure.validationErrors],
        });
      }
      report.result = result;
      const flowCount = plural(prepared.flows.length, 'flow');
      const templateCount = plural(plan.templates.length, 'template');
      if (plan.changes === 0) {
        out(`Nothing to change: "${env.name}" is up to date (${flowCount}, ${templateCount})${result.lockWritten ? `; ${LOCK_FILE} updated with what was found` : ''}.\n`);
      } else {
        out(`Deployed to "${env.name}": ${formatCounts(result.counts)}. ${LOCK_FILE} records the flow ids and hashes.\n`);
      }
      return finish(EXIT_OK);
    },
  };
}

function asDeployError(error: unknown, step: string, where: string): DeployError {
  const e = error as { message?: string; hint?: string; code?: string };
  const network = e.code === 'NETWORK' || e.code === 'TIMEOUT';
  return new DeployError({
    step,
    reason: typeof e.message === 'string' ? e.message : String(error),
    ...(typeof e.hint === 'string' ? { hint: e.hint } : {}),
    advice: network
      ? `check that the platform is reachable at ${where}; for the sandbox, start \`waflow dev\` (and set WAFLOW_SANDBOX_URL when it is not on http://127.0.0.1:4010).`
      : 'check the environment\'s credentials and ids, then run deploy again.',
    done: 0,
  });
}

function configErrorText(error: ConfigError, color: boolean): string {
  const lines = error.issues.map((issue) => {
    const head = formatIssue(error.file, issue);
    return error.text !== undefined && issue.range !== undefined ? `${head}\n${formatCodeFrame(error.text, issue.range, { color })}` : `${head}\n`;
  });
  return `${lines.join('')}waflow deploy: ${plural(error.issues.length, 'problem')} in ${error.file}; nothing was sent.\n`;
}

export const deployCommand: Command = createDeployCommand();
