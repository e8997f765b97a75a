// `waflow check ENDPOINT_URL`: the health check WhatsApp runs on a flow endpoint (before publishing
// and periodically after), from the command line: an encrypted `ping` with the business public key
// registered on the environment (or a key file), the key's signature status, whether a local
// private key is the pair of that key, and the latency against WhatsApp's 10 s limit. One line per
// check with what to do; exit 0 when healthy, 1 when not.
import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../command.js';
import { VerbError, asVerbError, openEnvironment, openProject, runVerb, usageError } from '../verb.js';
import type { EnvironmentDependencies, VerbDefinition, VerbRun } from '../verb.js';
import { pingEndpoint } from '../../health/index.js';
import { EnvironmentError, pickEnvironment, resolveEndpointUri } from '../../project/environment.js';
import { KeyFileError, derivePublicKey, describePublicKey, readKeyFile, shownPath } from './business-key.js';
import { LATENCY_LIMITS, latencyLine, pingLine, privateKeyLine, registeredKeyLine, skip } from './check-lines.js';
import type { CheckLine, FileKey, LatencyLimits, PlatformView } from './check-lines.js';
import { passphraseFrom } from './keys-upload.js';
import { managesKeys, noKeyManagement, readRegisteredKey } from './registered-key.js';

const USAGE = 'waflow check [ENDPOINT_URL | --flow NAME] [--public-key FILE] [--private-key FILE [--passphrase-env VAR]] [--app-secret-env VAR] [--env NAME] [--json] [--config FILE]';

const HELP = `usage: ${USAGE}

Runs the health check WhatsApp runs on a flow endpoint, before publishing a flow and
periodically after: an encrypted { "action": "ping" } that must be answered 200 with the
encrypted { "data": { "status": "active" } } within ${LATENCY_LIMITS.timeoutMs / 1000} s. It is encrypted with the business public
key registered on the environment (\`waflow keys upload\`), as WhatsApp does.

checks (one line each, with what to do when one fails):
  registered key   a key is registered and its signature is VALID (not MISMATCH)
  private key      with --private-key: that key is the pair of the registered one (else: 421)
  ping             the answer: unreachable, wrong key (421), wrong status, not encrypted,
                   decrypt failed, wrong payload, or too slow
  latency          the answer's time: failed at ${LATENCY_LIMITS.slowMs} ms and over (WhatsApp gives up at ${LATENCY_LIMITS.timeoutMs} ms),
                   a warning from ${LATENCY_LIMITS.aimMs} ms (Meta asks for under 1 s)

options:
  --flow NAME            take the URL from the endpointUri of this flow in the config
  --public-key FILE      encrypt with this public key instead of the registered one (works
                         without an environment; with one, it must be the registered key)
  --private-key FILE     check that this private key (the endpoint's) is the pair of the key
  --passphrase-env VAR   the variable holding that private key's passphrase
  --app-secret-env VAR   the variable holding the app secret: the ping is signed
                         (X-Hub-Signature-256), for endpoints that check signatures
  --env NAME             the environment whose registered key is used (default: the config's
                         default, or the sandbox \`waflow dev\` serves)
  --json                 one JSON document on stdout instead of text
  --config FILE          the project file (default: waflow.config.json here or above)

exit status: 0 healthy, 1 a check failed, 2 usage, config or environment error
`;

const OPTIONS = {
  flow: { type: 'string' },
  'public-key': { type: 'string' },
  'private-key': { type: 'string' },
  'passphrase-env': { type: 'string' },
  'app-secret-env': { type: 'string' },
} as const;

export interface CheckDependencies extends EnvironmentDependencies {
  /** Latency thresholds (tests shorten them). */
  readonly limits?: Partial<LatencyLimits>;
}

const str = (run: VerbRun, name: string): string | undefined => {
  const value = run.args.values[name];
  return typeof value === 'string' ? value : undefined;
};

const MARK = { pass: '✓', warn: '!', fail: '✗', skip: '-' } as const;

function formatLine(line: CheckLine): string {
  const head = `${MARK[line.status]} ${line.name.padEnd(16)}${line.message}`;
  return line.advice === undefined || line.status === 'pass' ? head : `${head}\n${' '.repeat(18)}what to do: ${line.advice}`;
}

/** The URL as given, or with a password in it masked. */
function shownUrl(given: string, url: URL): string {
  if (url.password === '') return given;
  const masked = new URL(url.href);
  masked.password = '***';
  return masked.href;
}

/** The endpointUri of a flow of the config, `${VAR}` filled in. */
async function flowEndpoint(run: VerbRun, name: string): Promise<string> {
  const project = await openProject(run.io, run.args.config);
  const flow = project.config.flows.find((f) => f.name === name);
  if (flow === undefined) {
    const names = project.config.flows.map((f) => `"${f.name}"`).join(', ');
    throw usageError(`${project.loaded === undefined ? 'without a waflow.config.json, there' : 'the config'} has no flow "${name.slice(0, 80)}"${names === '' ? '' : `; its flows: ${names}`}`);
  }
  let uri: string | undefined;
  try {
    uri = resolveEndpointUri(run.args.env ?? pickEnvironment(project.config, undefined), flow.name, flow.endpointUri, run.io.env);
  } catch (error) {
    if (error instanceof EnvironmentError) throw asVerbError(error, 'reading the endpointUri');
    throw error;
  }
  if (uri === undefined || uri === '') throw usageError(`flow "${flow.name}" has no endpointUri in the config; give the ENDPOINT_URL instead`);
  return uri;
}

async function readKeys(run: VerbRun): Promise<{ file: FileKey | undefined; privateKey: FileKey | undefined }> {
  const passphrase = passphraseFrom(run);
  const read = async (option: string, derive: boolean): Promise<FileKey | undefined> => {
    const named = str(run, option);
    if (named === undefined) return undefined;
    const path = resolve(run.io.cwd, named);
    const file = shownPath(run.io.cwd, path);
    const text = await readKeyFile(path, file);
    return { file, key: derive ? await derivePublicKey(text, passphrase, file) : describePublicKey(text, file) };
  };
  try {
    return { file: await read('public-key', false), privateKey: await read('private-key', true) };
  } catch (error) {
    if (error instanceof KeyFileError) throw new VerbError(EXIT_USAGE, 'key-file', error.message);
    throw error;
  }
}

/** The registered key, from the environment; without --env, a --public-key check goes on without it. */
async function platformView(run: VerbRun, deps: CheckDependencies, file: FileKey | undefined, shown: string): Promise<PlatformView> {
  const required = run.args.env !== undefined || file === undefined;
  try {
    const opened = await openEnvironment(run, deps);
    const { environment } = opened;
    if (!managesKeys(environment.provider)) {
      if (file !== undefined) return { read: false, why: `environment "${environment.name}" (${environment.provider}) has no business public key operations` };
      const refusal = noKeyManagement(opened.project.config, environment.name, `waflow check ${shown}`);
      throw new VerbError(refusal.exitCode, refusal.kind, refusal.message, { advice: `${refusal.advice ?? ''} Or encrypt with a key file: --public-key FILE.` });
    }
    return { read: true, environment: environment.name, provider: environment.provider, registered: await readRegisteredKey(opened) };
  } catch (error) {
    if (required || !(error instanceof VerbError)) throw error;
    const why = error.message.split('. ')[0] ?? error.message;
    return { read: false, why: `no environment to read the registered key from (${why.slice(0, 200)})` };
  }
}

function secretFrom(run: VerbRun, option: string): string | undefined {
  const variable = str(run, option);
  if (variable === undefined) return undefined;
  const value = run.io.env[variable];
  if (value === undefined || value === '') throw usageError(`environment variable ${variable.slice(0, 64)} (--${option}) is not set or empty`);
  return value;
}

export function createCheckVerb(deps: CheckDependencies = {}): VerbDefinition {
  const limits: LatencyLimits = { ...LATENCY_LIMITS, ...deps.limits };
  return {
    name: 'check',
    usage: USAGE,
    help: HELP,
    options: OPTIONS,
    async run(run) {
      const [given, ...extra] = run.args.positionals;
      const flow = str(run, 'flow');
      if (extra.length > 0) throw usageError('give one ENDPOINT_URL');
      if (flow !== undefined && given !== undefined) throw usageError('give ENDPOINT_URL or --flow NAME, not both');
      if (flow === undefined && given === undefined) throw usageError('give the ENDPOINT_URL to check, or --flow NAME to take it from the config');
      if (str(run, 'passphrase-env') !== undefined && str(run, 'private-key') === undefined) throw usageError('--passphrase-env goes with --private-key');
      const appSecret = secretFrom(run, 'app-secret-env');

      const endpointUri = given ?? (await flowEndpoint(run, flow ?? ''));
      let url: URL;
      try {
        url = new URL(endpointUri);
      } catch {
        throw usageError('ENDPOINT_URL must be an absolute http or https URL');
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw usageError(`ENDPOINT_URL must be http or https, not ${url.protocol.slice(0, 20)}`);
      const shown = shownUrl(endpointUri, url);
      run.report.endpointUri = shown;
      if (flow !== undefined) run.report.flow = flow;

      const { file, privateKey } = await readKeys(run);
      const platform = await platformView(run, deps, file, shown);
      const envFlag = run.args.env === undefined ? '' : ` --env ${run.args.env}`;
      const registered = platform.read ? platform.registered?.key : undefined;
      const pingKey = file !== undefined ? { key: file.key, registered: false } : registered === undefined ? undefined : { key: registered, registered: true };
      if (pingKey !== undefined) {
        run.report.key = { source: pingKey.registered ? 'registered' : 'file', ...(file === undefined ? {} : { file: file.file }), fingerprint: pingKey.key.fingerprint, sha256: pingKey.key.sha256 };
      }

      const where = platform.read ? ` (environment "${platform.environment}", ${platform.provider})` : '';
      run.out(`Checking ${shown}${flow === undefined ? '' : ` (flow "${flow}")`}${where} as WhatsApp does: an encrypted ping with ${pingKey === undefined ? 'no key' : `${pingKey.registered ? 'the registered key' : file?.file ?? ''} ${pingKey.key.fingerprint}`}.\n`);
      const lines: CheckLine[] = [registeredKeyLine(platform, file, envFlag)];
      if (privateKey !== undefined) lines.push(privateKeyLine(privateKey, pingKey, envFlag));
      if (pingKey === undefined) {
        lines.push(skip('ping', 'no public key to encrypt it with'), skip('latency', 'no ping'));
      } else {
        const diagnosis = await pingEndpoint({ endpointUri: url.href, publicKeyPem: pingKey.key.pem, timeoutMs: limits.timeoutMs, ...(appSecret === undefined ? {} : { appSecret }) });
        lines.push(pingLine(diagnosis, { key: pingKey.key, envFlag, appSecretGiven: appSecret !== undefined, limits }), latencyLine(diagnosis, limits));
        if (diagnosis.latencyMs !== undefined) run.report.latencyMs = diagnosis.latencyMs;
        if (diagnosis.httpStatus !== undefined) run.report.httpStatus = diagnosis.httpStatus;
      }
      run.report.limitMs = limits.timeoutMs;
      run.report.checks = lines;
      for (const line of lines) run.out(`${formatLine(line)}\n`);

      const failed = lines.filter((l) => l.status === 'fail');
      run.report.healthy = failed.length === 0;
      if (failed.length > 0) {
        const pingFailed = failed.some((l) => l.name === 'ping' || l.name === 'latency' || l.kind === 'no-key' || l.kind === 'signature');
        const consequence = pingFailed ? "; WhatsApp's health check would fail, and publishing a flow with this endpoint be refused" : '';
        run.out(`Not healthy: ${failed.length === 1 ? '1 check failed' : `${failed.length} checks failed`} (${failed.map((l) => l.name).join(', ')})${consequence}.\n`);
        return EXIT_FAILED;
      }
      const warned = lines.some((l) => l.status === 'warn');
      run.out(`Healthy: the endpoint answers WhatsApp's health check${warned ? ' (see the warning above)' : ''}.\n`);
      return EXIT_OK;
    },
  };
}

/** The command, with its client factory and latency limits replaceable for tests. */
export function createCheckCommand(deps: CheckDependencies = {}): Command {
  const verb = createCheckVerb(deps);
  return { name: 'check', usage: USAGE, run: (argv, io) => runVerb(verb, argv, io) };
}

export const checkCommand: Command = createCheckCommand();
