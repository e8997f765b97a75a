// What the CLI integration tests share: one `waflow dev` per test file (test/dev-process.ts starts
// it), the variables a developer exports from what it printed, a verb run in process with what it
// prints captured, `waflow init` into a temp folder, and the environments the tests add to the
// config it writes (all on the same sandbox).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createClient } from '../src/api/index.js';
import type { ApiClient } from '../src/api/index.js';
import type { CliIo, Command } from '../src/cli/command.js';
import { initCommand } from '../src/cli/commands/init.js';
import { tempDir } from '../src/sandbox/phone/test-kit.js';
import { startWaflowDev } from './dev-process.js';
import type { DevCredentials } from './dev-process.js';
import type { ServerProcess } from './runtimes/processes.js';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface WaflowDev {
  /** The file's temp folder (the sandbox's data is in data/); removed after the file. */
  readonly dir: { readonly path: string; remove(): void };
  /** The process, for withOutput; undefined until it has started. */
  readonly process: ServerProcess | undefined;
  /** What it printed. Read inside a hook or test: it starts in beforeAll. */
  readonly creds: DevCredentials;
  /** Meta's view of the sandbox account: the ground truth the verbs are checked against. */
  readonly truth: ApiClient;
}

/**
 * Starts `waflow dev --port 0 --data-dir <tmp>/data ...args()` before the file's tests and stops it
 * (and removes the temp folder) after them. `args` is read in beforeAll, so a hook registered
 * earlier (e.g. a webhook receiver's) can provide it.
 */
export function waflowDevPerFile(prefix: string, args: () => readonly string[] = () => []): WaflowDev {
  const dir = tempDir(prefix);
  let started: { dev: ServerProcess; creds: DevCredentials; truth: ApiClient } | undefined;
  const need = () => {
    if (started === undefined) throw new Error('waflow dev has not started yet: read it inside a hook or test');
    return started;
  };
  beforeAll(async () => {
    const { dev, creds } = await startWaflowDev(join(dir.path, 'data'), args());
    const truth = createClient({ provider: 'meta', accessToken: creds.apiKey, wabaId: creds.wabaId, phoneNumberId: creds.phoneNumberId, baseUrl: `${creds.url}/graph` });
    started = { dev, creds, truth };
  }, 150_000);
  afterAll(async () => {
    await started?.dev.stop();
    dir.remove();
  });
  return {
    dir,
    get process() {
      return started?.dev;
    },
    get creds() {
      return need().creds;
    },
    get truth() {
      return need().truth;
    },
  };
}

/** The variables a developer exports from what `waflow dev` printed (the configs name them). */
export function shellEnv(creds: DevCredentials): Record<string, string> {
  return {
    WAFLOW_SANDBOX_URL: creds.url,
    D360_API_KEY: creds.apiKey,
    D360_PARTNER_API_KEY: creds.partnerKey,
    D360_WABA_ACCOUNT_ID: creds.wabaAccountId,
    D360_PARTNER_ID: creds.partnerId,
    D360_PARTNER_USER: creds.partnerUser,
    WHATSAPP_ACCESS_TOKEN: creds.apiKey,
    WABA_ID: creds.wabaId,
    PHONE_NUMBER_ID: creds.phoneNumberId,
  };
}

/** A verb's exit status and what it printed. */
export interface Run {
  code: number;
  out: string;
  err: string;
}

/** A verb running in process: what it has printed so far can be read while it runs. */
export interface Running {
  readonly done: Promise<Run>;
  out(): string;
  err(): string;
}

export interface CliRunner {
  start(command: Command, cwd: string, argv: readonly string[], env?: Record<string, string>): Running;
  run(command: Command, cwd: string, argv: readonly string[], env?: Record<string, string>): Promise<Run>;
  /** A run that must succeed: it throws with both outputs when it does not. */
  ok(command: Command, cwd: string, argv: readonly string[], env?: Record<string, string>): Promise<Run>;
}

/** Runs verbs in process with `env()` as their environment (unless given); `check` sees every finished run. */
export function cliRunner(env: () => Record<string, string>, check: (run: Run) => void = () => undefined): CliRunner {
  const start = (command: Command, cwd: string, argv: readonly string[], given = env()): Running => {
    let out = '';
    let err = '';
    const io: CliIo = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, cwd, env: given };
    const done = command.run(argv, io).then((code) => {
      const run = { code, out, err };
      check(run);
      return run;
    });
    return { done, out: () => out, err: () => err };
  };
  const run = (command: Command, cwd: string, argv: readonly string[], given?: Record<string, string>): Promise<Run> => start(command, cwd, argv, given).done;
  return {
    start,
    run,
    async ok(command, cwd, argv, given) {
      const result = await run(command, cwd, argv, given);
      if (result.code !== 0) throw new Error(`waflow ${command.name} ${argv.join(' ')} exited ${result.code}\n--- stdout ---\n${result.out}\n--- stderr ---\n${result.err}`);
      return result;
    },
  };
}

/** `--json` output: one document on stdout. */
export function report(run: Run): Json {
  return JSON.parse(run.out) as Json;
}

/** `waflow init NAME` in `parent`, which must succeed with nothing on stderr; answers the project's folder. */
export async function initProject(parent: string, name: string, env: Record<string, string>): Promise<string> {
  const init = await cliRunner(() => env).ok(initCommand, parent, [name]);
  if (init.err !== '') throw new Error(`waflow init ${name} printed on stderr:\n${init.err}`);
  return join(parent, name);
}

/** Meta's Graph API on the sandbox. */
export const META_ENVIRONMENT = { provider: 'meta', baseUrl: '${WAFLOW_SANDBOX_URL}/graph', accessTokenEnv: 'WHATSAPP_ACCESS_TOKEN', wabaId: '${WABA_ID}', phoneNumberId: '${PHONE_NUMBER_ID}' } as const;

/** 360dialog's Partner API alone (flows only) on the sandbox, signed in as the Partner Hub user. */
export const PARTNER_ONLY_ENVIRONMENT = {
  provider: '360dialog-partner',
  baseUrl: '${WAFLOW_SANDBOX_URL}/hub/api/v2',
  partnerId: '${D360_PARTNER_ID}',
  wabaAccountId: '${D360_WABA_ACCOUNT_ID}',
  username: '${D360_PARTNER_USER}',
  passwordEnv: 'D360_PARTNER_API_KEY',
} as const;

/** The environments the tests add next to the starter's `sandbox` (which `waflow init` writes). */
export const EXTRA_ENVIRONMENTS = { meta: META_ENVIRONMENT, 'partner-only': PARTNER_ONLY_ENVIRONMENT } as const;

const configFile = (project: string): string => join(project, 'waflow.config.json');

export function readConfig(project: string): Json {
  return JSON.parse(readFileSync(configFile(project), 'utf8')) as Json;
}

export function writeConfig(project: string, config: Json): void {
  writeFileSync(configFile(project), JSON.stringify(config, null, 2));
}

/** Adds EXTRA_ENVIRONMENTS to the project's config, applies the test's own `change`, writes it; answers what it wrote. */
export function addEnvironments(project: string, change: (config: Json) => void = () => undefined): Json {
  const config = readConfig(project);
  config.environments = { ...config.environments, ...EXTRA_ENVIRONMENTS };
  change(config);
  writeConfig(project, config);
  return config;
}
