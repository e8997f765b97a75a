import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseCommandArgs, settleArgs } from '../args.js';
import type { CliIo, Command } from '../command.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../command.js';
import { DataChannelError, loadPublicKey } from '../../data-channel/index.js';
import { parseJson } from '../../flow-json/parse/index.js';
import { RuntimeError } from '../../runtime/index.js';
import { FlowStepError, FlowTester } from '../../testing/flow-tester.js';
import type { FlowTesterOptions } from '../../testing/flow-tester.js';
import { parseScript, runScript } from '../../testing/script.js';
import type { ScriptStep, Transcript } from '../../testing/script.js';
import { describeFileError } from '../format/file-error.js';

const USAGE = 'waflow run <flow.json> --script <steps.json> [--endpoint URL --public-key PEMFILE] [--app-secret-env VAR] [--flow-token T] [--screen ID] [--data JSON] [--init]';

const HELP = `usage: ${USAGE}

Runs a flow headlessly, as a person would use it on the phone, following a script of steps
(fill, pick, check, uncheck, toggle, tap, back, expect), and prints a JSON transcript: what each
step left on screen, every endpoint exchange, and the completion payload.

options:
  --script FILE        the steps: a JSON array, e.g. [{"fill":{"email":"a@b.co"}},{"tap":null}]
  --endpoint URL       the flow endpoint, called over HTTP exactly as WhatsApp calls it
  --public-key FILE    the business public key PEM the requests are encrypted with (with --endpoint)
  --app-secret-env VAR name of the environment variable holding the Meta app secret
                       (signs requests with X-Hub-Signature-256, and flow tokens for Data API 4.0)
  --flow-token T       the flow token (default waflow-test-flow-token)
  --screen ID          start on this screen instead of the first
  --data JSON          data for the first screen (navigate mode)
  --init               start with an INIT request: the endpoint chooses the first screen

exit status: 0 the script ran to its end, 1 a step failed (the transcript says which and why),
2 usage error (bad arguments, unreadable or invalid files)
`;

interface RunArgs {
  readonly flow: string;
  readonly script: string;
  readonly endpoint?: string;
  readonly publicKey?: string;
  readonly appSecretEnv?: string;
  readonly flowToken?: string;
  readonly screen?: string;
  readonly data?: string;
  readonly init: boolean;
}

/** Parses argv; returns a message for a usage error, or 'help'. */
export function parseRunArgs(argv: readonly string[]): RunArgs | 'help' | string {
  const parsed = parseCommandArgs(argv, {
    script: { type: 'string' },
    endpoint: { type: 'string' },
    'public-key': { type: 'string' },
    'app-secret-env': { type: 'string' },
    'flow-token': { type: 'string' },
    screen: { type: 'string' },
    data: { type: 'string' },
    init: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if ('error' in parsed) return parsed.error;
  const v = parsed.values;
  if (v.help === true) return 'help';
  if (parsed.positionals.length === 0) return 'no flow file given';
  if (parsed.positionals.length > 1) return `one flow file at a time; got ${parsed.positionals.length}`;
  if (v.script === undefined || v.script === '') return '--script <steps.json> is required';
  if (v.endpoint !== undefined && v['public-key'] === undefined) return '--endpoint needs --public-key (the PEM file the requests are encrypted with)';
  if (v['public-key'] !== undefined && v.endpoint === undefined) return '--public-key is only used with --endpoint';
  if (v['flow-token'] === '') return '--flow-token must not be empty';
  if (v.init === true && (v.screen !== undefined || v.data !== undefined)) return '--init lets the endpoint choose the first screen; drop --screen and --data';
  return {
    flow: parsed.positionals[0] as string,
    script: v.script,
    init: v.init === true,
    ...(v.endpoint !== undefined ? { endpoint: v.endpoint } : {}),
    ...(v['public-key'] !== undefined ? { publicKey: v['public-key'] } : {}),
    ...(v['app-secret-env'] !== undefined ? { appSecretEnv: v['app-secret-env'] } : {}),
    ...(v['flow-token'] !== undefined ? { flowToken: v['flow-token'] } : {}),
    ...(v.screen !== undefined ? { screen: v.screen } : {}),
    ...(v.data !== undefined ? { data: v.data } : {}),
  };
}

class UsageError extends Error {}

async function readText(io: CliIo, file: string, what: string): Promise<string> {
  try {
    return await readFile(resolve(io.cwd, file), 'utf8');
  } catch (err) {
    const reason = describeFileError(err);
    throw new UsageError(`cannot read ${what} ${file}: ${reason.message} (${reason.code})`);
  }
}

/** Parses JSON text; a syntax error names the line and column. */
function parseJsonText(text: string, what: string): unknown {
  const parsed = parseJson(text);
  const first = parsed.diagnostics.find((d) => d.severity === 'error');
  if (first === undefined) return parsed.value;
  const at = first.range === undefined ? '' : `:${first.range.start.line}:${first.range.start.column}`;
  throw new UsageError(`${what}${at}: invalid JSON: ${first.message}`);
}

async function buildOptions(args: RunArgs, io: CliIo): Promise<FlowTesterOptions> {
  const flow = parseJsonText(await readText(io, args.flow, 'flow'), args.flow);
  const options: FlowTesterOptions = { flow, init: args.init };
  if (args.flowToken !== undefined) options.flowToken = args.flowToken;
  if (args.screen !== undefined) options.screen = args.screen;
  if (args.data !== undefined) {
    const data = parseJsonText(args.data, '--data');
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UsageError('--data must be a JSON object');
    options.data = data as Record<string, unknown>;
  }
  let appSecret: string | undefined;
  if (args.appSecretEnv !== undefined) {
    appSecret = io.env[args.appSecretEnv];
    // Name the variable, never its value.
    if (appSecret === undefined || appSecret === '') throw new UsageError(`--app-secret-env: the environment variable ${args.appSecretEnv} is not set`);
  }
  if (args.endpoint !== undefined && args.publicKey !== undefined) {
    const publicKeyPem = await readText(io, args.publicKey, 'public key');
    try {
      await loadPublicKey(publicKeyPem);
    } catch (err) {
      // DataChannelError messages describe the PEM's kind, never its content.
      throw new UsageError(`--public-key ${args.publicKey}: ${err instanceof DataChannelError ? err.message : 'not a usable public key'}`);
    }
    let url: URL;
    try {
      url = new URL(args.endpoint);
    } catch {
      throw new UsageError(`--endpoint "${args.endpoint}" is not an absolute URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--endpoint must be an http or https URL, got "${url.protocol}"`);
    options.endpoint = { url: url.href, publicKeyPem, ...(appSecret !== undefined ? { appSecret } : {}) };
  } else if (appSecret !== undefined) {
    throw new UsageError('--app-secret-env is only used with --endpoint');
  }
  return options;
}

export const runCommand: Command = {
  name: 'run',
  usage: USAGE,
  async run(argv, io) {
    const args = settleArgs(parseRunArgs(argv), io, { name: 'run', usage: USAGE, help: HELP });
    if (typeof args === 'number') return args;
    let options: FlowTesterOptions;
    let steps;
    try {
      const script = parseScript(parseJsonText(await readText(io, args.script, 'script'), args.script));
      if (!script.ok) throw new UsageError(`${args.script}: ${script.message}`);
      steps = script.steps;
      options = await buildOptions(args, io);
    } catch (err) {
      if (!(err instanceof UsageError)) throw err;
      io.stderr(`waflow run: ${err.message}\n`);
      return EXIT_USAGE;
    }

    const outcome = await runFlowScript(options, steps);
    if ('unrunnable' in outcome) {
      io.stderr(`waflow run: ${args.flow}: ${outcome.unrunnable}\n`);
      return EXIT_USAGE;
    }
    io.stdout(`${JSON.stringify(outcome.transcript, null, 2)}\n`);
    return outcome.transcript.ok ? EXIT_OK : EXIT_FAILED;
  },
};

/** A transcript, or why the flow cannot run at all (the runtime rejects it: bad input). */
export type RunOutcome = { transcript: Transcript | StartFailure } | { unrunnable: string };

/** The transcript of a run whose first screen could not be shown (a failing first exchange). */
export interface StartFailure {
  ok: false;
  steps: [{ step: 0; action: 'start'; error: string }];
  failedStep: 0;
  completion: null;
  exchanges: { action: string; status: number; latencyMs: number }[];
}

/** Starts the flow and runs the steps: the core of `waflow run`, also behind the MCP `run` tool. */
export async function runFlowScript(options: FlowTesterOptions, steps: readonly ScriptStep[]): Promise<RunOutcome> {
  let tester: FlowTester;
  try {
    tester = await FlowTester.start(options);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // A flow the runtime cannot run is bad input; a failing first exchange is a failed run.
    if (err instanceof RuntimeError || err instanceof TypeError) return { unrunnable: message };
    const exchanges = (err instanceof FlowStepError ? err.exchanges ?? [] : []).map((e) => ({ action: e.action, status: e.status, latencyMs: Math.round(e.latencyMs * 10) / 10 }));
    return { transcript: { ok: false, steps: [{ step: 0, action: 'start', error: message }], failedStep: 0, completion: null, exchanges } };
  }
  return { transcript: await runScript(tester, steps) };
}
