// `waflow logs`: what the sandbox saw happen between WhatsApp and the business, in time order: the
// calls the simulated phones (and the health checks) made to flow endpoints, and each webhook
// delivery attempt. Read from `waflow dev`'s GET /_sandbox/logs; --follow long-polls it with the
// cursor of each answer until Ctrl-C. Only the sandbox has such logs: a real platform keeps them in
// its dashboard, which the command says (exit 2). It needs no credentials: only the environment's
// base URL, to find the sandbox.
import { EXIT_OK, EXIT_FAILED, EXIT_USAGE } from '../command.js';
import type { Command } from '../command.js';
import type { FetchLike } from '../../api/client/options.js';
import { DIALECT_INFO } from '../../api/contract/dialects.js';
import { EnvironmentError, pickEnvironment } from '../../project/environment.js';
import { interpolate } from '../../project/interpolate.js';
import { environmentLock, readLock } from '../../project/lock.js';
import type { EnvironmentConfig } from '../../project/types.js';
import { VerbError, asVerbError, openProject, runVerb, usageError } from '../verb.js';
import type { OpenedProject, VerbDefinition, VerbRun } from '../verb.js';
import { durationMs } from '../duration.js';
import { probeSandbox } from '../sandbox-probe.js';
import { stopSignal } from '../stop-signal.js';

const USAGE = 'waflow logs [--follow] [--since 10m] [--kind endpoint|webhook|all] [--flow NAME] [--limit N] [--env NAME] [--json] [--config FILE]';

const HELP = `usage: ${USAGE}

Shows what the sandbox (\`waflow dev\`) recorded, oldest first:
  endpoint  each request a simulated phone made to a flow's endpoint (INIT, data_exchange, BACK)
            and each health-check ping: action, HTTP status, latency, and why it failed
  webhook   each webhook delivery attempt: event, attempt and delivery status, the receiver's
            HTTP status, latency and error
No keys and no request or response bodies are shown (the sandbox does not keep them).

options:
  --follow          keep printing new entries as they happen, until Ctrl-C
  --since WHEN      only entries after WHEN: a duration back from now (90s, 10m, 2h, 1d) or an
                    ISO 8601 time
  --kind KIND       endpoint, webhook or all (default all)
  --flow NAME       only this flow's entries: a flow name of the config (waflow.lock.json gives
                    its id), a name in the sandbox, or an id
  --limit N         show the newest N entries (default 50, at most 1000)
  --env NAME        the environment whose sandbox to read (default as for deploy); it only needs
                    its base URL, no credentials
  --json            one JSON document ({ entries, cursor }); with --follow, one JSON line per
                    entry as it comes, then the summary document when stopped
  --config FILE     the project file (default: waflow.config.json in this folder or one above)

Only the sandbox has these logs: for another environment, the platform keeps them in its dashboard.

exit status: 0 shown (or followed until stopped), 1 the sandbox cannot be reached,
             2 usage, config, or an environment that is not the sandbox
`;

export type LogKind = 'endpoint' | 'webhook' | 'all';

/** An entry as GET /_sandbox/logs answers it. */
export interface LogEntry {
  id: string;
  kind: 'endpoint' | 'webhook';
  at: string;
  flow_id: string | null;
  flow_name: string | null;
  ok: boolean;
  http_status: number | null;
  latency_ms: number | null;
  error: string | null;
  // endpoint
  action?: string;
  endpoint_uri?: string;
  diagnosis?: string | null;
  // webhook
  event?: string;
  url?: string;
  attempt?: number;
  delivery_status?: string;
  message_id?: string | null;
  response_excerpt?: string | null;
}

interface LogsPage {
  data: LogEntry[];
  cursor: string;
  more: boolean;
}

export interface LogsDependencies {
  /** HTTP to the sandbox (tests pass their own); default the global fetch. */
  readonly fetch?: FetchLike;
  /** Stops --follow (tests); default: Ctrl-C (SIGINT) or SIGTERM. */
  readonly signal?: AbortSignal;
  /** How long one --follow request waits for an entry, in ms (default 20000). */
  readonly waitMs?: number;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;
const FOLLOW_WAIT_MS = 20_000;

/** `10m` back from now, or an ISO time; undefined for anything else. */
export function parseSince(text: string, now: Date): Date | undefined {
  const back = durationMs(text, ['ms', 's', 'm', 'h', 'd']);
  if (back !== undefined) return new Date(now.getTime() - back);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

// ---------------------------------------------------------------------------------------------
// Finding the sandbox behind an environment

const PREFIXES = Object.values(DIALECT_INFO).map((d) => d.sandboxPrefix);

/** The environment's base URL as configured (before `${VAR}`), or undefined for the provider's own. */
function configuredBaseUrl(e: EnvironmentConfig): string | undefined {
  if (e.provider === '360dialog') return e.baseUrl ?? e.partner?.baseUrl;
  return e.baseUrl;
}

/** The sandbox root a base URL points into (`http://127.0.0.1:4010/cloud` → `http://127.0.0.1:4010`). */
export function sandboxRoot(baseUrl: string): string | undefined {
  const trimmed = baseUrl.replace(/\/+$/, '').replace(/\/v\d+\.\d+$/, '');
  const prefix = PREFIXES.find((p) => trimmed.endsWith(p));
  if (prefix === undefined) return undefined;
  const root = trimmed.slice(0, -prefix.length);
  try {
    return /^https?:$/.test(new URL(root).protocol) ? root : undefined;
  } catch {
    return undefined;
  }
}

function notTheSandbox(name: string, e: EnvironmentConfig, why: string): VerbError {
  const where =
    e.provider === 'meta'
      ? "Meta's WhatsApp Manager (a flow's endpoint health and errors) and your app's webhook settings"
      : "360dialog's Hub, and Meta's WhatsApp Manager for a flow's endpoint health";
  return new VerbError(EXIT_USAGE, 'not-sandbox', `environment "${name}" (${e.provider}) is not the sandbox (${why}): only \`waflow dev\` keeps these logs.`, {
    advice: `the platform's logs live in its dashboard: ${where}; your endpoint's and webhook receiver's own logs show the rest. Run \`waflow logs\` against the sandbox environment (--env sandbox).`,
  });
}

interface Target {
  readonly root: string;
  readonly envName: string;
  readonly project: OpenedProject;
}

async function findSandbox(run: VerbRun, fetcher: FetchLike): Promise<Target> {
  const project = await openProject(run.io, run.args.config);
  let envName: string;
  try {
    envName = pickEnvironment(project.config, run.args.env);
  } catch (error) {
    throw asVerbError(error, 'choosing the environment');
  }
  const e = project.config.environments[envName];
  if (e === undefined) throw asVerbError(new EnvironmentError(`the config has no environment "${envName}".`), 'choosing the environment');
  run.report.environment = envName;
  run.report.provider = e.provider;
  const configured = configuredBaseUrl(e);
  if (configured === undefined) throw notTheSandbox(envName, e, "it uses the provider's own base URL");
  const base = interpolate(configured, run.io.env);
  if (!base.ok) {
    throw new VerbError(EXIT_USAGE, 'environment', `environment "${envName}": baseUrl reads the environment variable ${base.missing}, which is not set.`, {
      advice: `set it (export ${base.missing}=...; \`waflow dev\` prints the value), or give a default in the config: \${${base.missing}:-value}.`,
    });
  }
  const root = sandboxRoot(base.value);
  if (root === undefined) throw notTheSandbox(envName, e, `its base URL ${base.value} is not a sandbox surface`);
  const probe = await probeSandbox(fetcher, root, 10_000);
  if (probe.kind === 'unreachable') throw unreachable(root, probe.error);
  if (probe.kind === 'other') throw notTheSandbox(envName, e, `${root} does not answer as \`waflow dev\``);
  run.report.sandbox = root;
  return { root, envName, project };
}

function unreachable(root: string, error: unknown): VerbError {
  const reason = error instanceof Error ? ((error.cause as { code?: string } | undefined)?.code ?? error.message) : String(error);
  return new VerbError(EXIT_FAILED, 'network', `cannot reach the sandbox at ${root} (${reason}).`, {
    advice: 'start `waflow dev` (and set WAFLOW_SANDBOX_URL when it is not on http://127.0.0.1:4010).',
  });
}

/** A flow name of the config means the id deploy recorded; anything else goes to the sandbox as is. */
async function flowFilter(target: Target, given: string | undefined): Promise<string | undefined> {
  if (given === undefined || target.project.loaded === undefined) return given;
  const { lock } = await readLock(target.project.dir);
  return environmentLock(lock, target.envName).flows[given]?.id ?? given;
}

// ---------------------------------------------------------------------------------------------
// Output

function flowText(e: LogEntry): string {
  if (e.flow_id === null) return '';
  return e.flow_name === null ? `flow ${e.flow_id}` : `flow "${e.flow_name}" (${e.flow_id})`;
}

/** One entry: a line, and a second indented line for its error. */
export function formatEntry(e: LogEntry): string {
  const status = e.http_status === null ? '---' : String(e.http_status);
  const latency = e.latency_ms === null ? '' : `${e.latency_ms} ms`;
  const what = (e.kind === 'endpoint' ? e.action : e.event) ?? '';
  const detail =
    e.kind === 'endpoint'
      ? [flowText(e), e.endpoint_uri ?? ''].filter((s) => s !== '').join('  ')
      : [`attempt ${e.attempt ?? 1} (${e.delivery_status ?? '?'})`, flowText(e), e.url ?? ''].filter((s) => s !== '').join('  ');
  const lines = [`${e.at}  ${e.kind.padEnd(8)}  ${what.padEnd(16)}  ${status}  ${latency.padStart(8)}  ${detail}`];
  if (e.error !== null) {
    if (e.kind === 'endpoint') lines.push(`    error ${e.error}${e.diagnosis === null || e.diagnosis === undefined ? '' : `: ${e.diagnosis}`}`);
    else lines.push(`    error: ${e.error}${e.response_excerpt === null || e.response_excerpt === undefined || e.response_excerpt === '' ? '' : `; the receiver answered: ${e.response_excerpt}`}`);
  }
  return `${lines.join('\n')}\n`;
}

const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

function counts(entries: readonly LogEntry[]): string {
  const endpoint = entries.filter((e) => e.kind === 'endpoint').length;
  const failed = entries.filter((e) => !e.ok).length;
  return `${plural(endpoint, 'endpoint call')}, ${plural(entries.length - endpoint, 'webhook attempt')}${failed === 0 ? '' : `, ${failed} failed`}`;
}

// ---------------------------------------------------------------------------------------------

interface Query {
  readonly kind: LogKind;
  readonly since: Date | undefined;
  readonly flow: string | undefined;
  readonly limit: number;
}

async function getPage(fetcher: FetchLike, root: string, q: Query, extra: { after?: string; wait?: number }, signal?: AbortSignal): Promise<LogsPage> {
  const params = new URLSearchParams({ kind: q.kind, limit: String(q.limit) });
  if (q.since !== undefined) params.set('since', q.since.toISOString());
  if (q.flow !== undefined) params.set('flow', q.flow);
  if (extra.after !== undefined) params.set('after', extra.after);
  if (extra.wait !== undefined) params.set('wait', String(extra.wait));
  const timeout = AbortSignal.timeout((extra.wait ?? 0) + 15_000);
  const res = await fetcher(`${root}/_sandbox/logs?${params.toString()}`, { method: 'GET', signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]) });
  const body = (await res.json().catch(() => undefined)) as (LogsPage & { error?: { message?: string } }) | undefined;
  if (res.status === 404) throw new VerbError(EXIT_FAILED, 'sandbox', `the sandbox at ${root} has no logs route: it is older than this waflow.`, { advice: 'restart `waflow dev` from this version of waflow.' });
  if (!res.ok || body === undefined || !Array.isArray(body.data)) {
    throw new VerbError(EXIT_FAILED, 'sandbox', `the sandbox answered HTTP ${res.status}: ${body?.error?.message ?? 'not a list of log entries'}`);
  }
  return body;
}

function logsVerb(deps: LogsDependencies): VerbDefinition {
  const fetcher: FetchLike = deps.fetch ?? ((url, init) => fetch(url, init));
  return {
    name: 'logs',
    usage: USAGE,
    help: HELP,
    options: {
      follow: { type: 'boolean', short: 'f' },
      since: { type: 'string' },
      kind: { type: 'string' },
      flow: { type: 'string' },
      limit: { type: 'string' },
    },
    async run(run) {
      const v = run.args.values;
      if (run.args.positionals.length > 0) throw usageError(`logs takes no arguments; got "${run.args.positionals[0]?.slice(0, 40) ?? ''}"`);
      const kind = (v.kind ?? 'all') as string;
      if (kind !== 'endpoint' && kind !== 'webhook' && kind !== 'all') throw usageError('--kind must be endpoint, webhook or all');
      const limit = v.limit === undefined ? DEFAULT_LIMIT : Number(v.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw usageError(`--limit must be a whole number from 1 to ${MAX_LIMIT}`);
      const since = typeof v.since === 'string' ? parseSince(v.since, new Date()) : undefined;
      if (typeof v.since === 'string' && since === undefined) throw usageError('--since must be a duration such as 90s, 10m, 2h or 1d, or an ISO 8601 time');
      const follow = v.follow === true;

      const target = await findSandbox(run, fetcher);
      const flow = await flowFilter(target, typeof v.flow === 'string' ? v.flow : undefined);
      const query: Query = { kind, since, flow, limit };
      const scope = [kind === 'all' ? '' : `${kind} entries`, flow === undefined ? '' : `flow ${typeof v.flow === 'string' && v.flow !== flow ? `"${v.flow}" (${flow})` : flow}`, since === undefined ? '' : `since ${since.toISOString()}`].filter((s) => s !== '').join(', ');

      let page: LogsPage;
      try {
        page = await getPage(fetcher, target.root, query, {});
      } catch (error) {
        throw error instanceof VerbError ? error : unreachable(target.root, error);
      }
      run.report.entries = page.data;
      run.report.cursor = page.cursor;
      run.out(`Logs of the sandbox at ${target.root} (environment "${target.envName}")${scope === '' ? '' : `, ${scope}`}:\n`);
      for (const entry of page.data) run.out(formatEntry(entry));
      if (!follow) {
        run.out(page.data.length === 0 ? 'No entries yet: open a flow with an endpoint on a simulated phone, or send a message with a webhook URL configured (waflow dev --webhook-url).\n' : `${counts(page.data)}${page.data.length === limit ? ` (the newest ${limit}; --limit N shows more)` : ''}.\n`);
        return EXIT_OK;
      }

      // --follow: each answer's cursor asks for what came after it.
      let printed = page.data.length;
      const stop = stopSignal(deps.signal);
      const emit = (entry: LogEntry): void => {
        if (run.args.json) run.io.stdout(`${JSON.stringify(entry)}\n`);
        else run.out(formatEntry(entry));
      };
      if (run.args.json) {
        for (const entry of page.data) emit(entry);
        delete run.report.entries;
      }
      run.note('waflow logs: following; Ctrl-C stops.');
      let cursor = page.cursor;
      try {
        while (!stop.signal.aborted) {
          let next: LogsPage;
          try {
            next = await getPage(fetcher, target.root, { ...query, limit: MAX_LIMIT }, { after: cursor, wait: deps.waitMs ?? FOLLOW_WAIT_MS }, stop.signal);
          } catch (error) {
            if (stop.signal.aborted) break;
            throw error instanceof VerbError ? error : unreachable(target.root, error);
          }
          for (const entry of next.data) emit(entry);
          printed += next.data.length;
          cursor = next.cursor;
        }
      } finally {
        stop.dispose();
      }
      run.report.cursor = cursor;
      run.report.followed = true;
      run.report.count = printed;
      run.note(`waflow logs: stopped after ${plural(printed, 'entry', 'entries')}.`);
      return EXIT_OK;
    },
  };
}

/** The command, with HTTP and the stop signal replaceable for tests. */
export function createLogsCommand(deps: LogsDependencies = {}): Command {
  const verb = logsVerb(deps);
  return { name: 'logs', usage: USAGE, run: (argv, io) => runVerb(verb, argv, io) };
}

export const logsCommand: Command = createLogsCommand();
