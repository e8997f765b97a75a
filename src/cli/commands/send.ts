// `waflow send`: sends a flow to a phone, as an interactive flow message or inside a template with
// a FLOW button, and with --wait prints what the user answered. The flow token is generated
// (unpredictable, like a session id) unless --token gives one; it links the message and its
// answer, and is printed with the message id.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { FetchLike } from '../../api/client/options.js';
import type { SendMessageResponse } from '../../api/contract/index.js';
import type { Command } from '../command.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE } from '../command.js';
import { loadFlow } from '../../runtime/document.js';
import { VerbError, asVerbError, openEnvironment, resolveFlowId, runVerb, usageError } from '../verb.js';
import type { EnvironmentDependencies, OpenedEnvironment, VerbDefinition, VerbRun } from '../verb.js';
import { durationMs } from '../duration.js';
import { probeSandbox } from '../sandbox-probe.js';
import { stopSignal } from '../stop-signal.js';
import { WaitTimeout, parseListen, startReceiver, waitInSandbox, waitOnReceiver } from './send-wait.js';
import type { Answer, Receiver } from './send-wait.js';

const USAGE =
  'waflow send --to NUMBER (--flow NAME|ID [--draft] [--screen ID] [--data JSON] [--action navigate|data_exchange] [--body TEXT] [--cta TEXT] | --template NAME [--language CODE] [--flow-button-data JSON]) [--token T] [--wait [--timeout 120s] [--listen HOST:PORT] [--app-secret-env VAR] [--verify-token-env VAR]] [--env NAME] [--json] [--config FILE]';

const DEFAULT_BODY = 'Tap the button below to continue.';
const DEFAULT_CTA = 'Open';
const DEFAULT_TIMEOUT = '120s';
const DEFAULT_LISTEN = '127.0.0.1:8787';

const HELP = `usage: ${USAGE}

Sends a flow to a phone number: as an interactive flow message (--flow), or as a message template
with a FLOW button (--template). Prints the message id and the flow token, which links the message,
the flow's requests to your endpoint and the user's answer. With --wait, waits for the user to
complete the flow and prints the answer (response_json).

message:
  --to NUMBER           the recipient's phone number (digits, an optional leading +)
  --flow NAME|ID        a flow of the config (the id deploy recorded), a flow name on the platform,
                        or an id
  --draft               send the flow's draft (mode "draft"): a flow that is not published yet can
                        only be sent this way, and the phone shows it as a test
  --action ACTION       navigate (default: the flow opens on a screen) or data_exchange (the flow's
                        endpoint answers INIT with the first screen)
  --screen ID           the screen navigate opens (default: the flow's first screen, read from the
                        config's Flow JSON file or the platform's copy)
  --data JSON           the data that screen receives, a JSON object: --data '{"name":"Ana"}'
  --body TEXT           the message text (default "${DEFAULT_BODY}")
  --cta TEXT            the button text, at most 20 characters (default "${DEFAULT_CTA}")
  --template NAME       send this approved template instead (its FLOW button opens a published flow)
  --language CODE       the template's language (default: the config's template of that name, else
                        en_US)
  --flow-button-data JSON   the data of the screen the template's FLOW button opens
  --token T             the flow token (default: a new random one)

waiting for the answer:
  --wait                wait until the user completes the flow, then print the answer
  --timeout DURATION    how long to wait: 90s, 10m, 1h, 500ms (default ${DEFAULT_TIMEOUT}); exit 1 after it
  With the sandbox (\`waflow dev\`), the answer is read from the sandbox itself: complete the flow on
  the simulated phone (the browser app, or the /_sandbox/phones and /_sandbox/sessions routes).
  With another platform, the answer comes as the nfm_reply webhook: --wait starts a webhook
  receiver on this machine before sending, and the number's webhooks must reach it. The platform
  cannot reach 127.0.0.1: expose the receiver with a tunnel (e.g. \`cloudflared tunnel --url
  http://127.0.0.1:8787\` or \`ngrok http 8787\`) and set the tunnel's https URL as the webhook
  (360dialog: POST <waba-v2 base URL>/v1/configs/webhook {"url": ...} with the number's
  D360-API-KEY; Meta: the app's WhatsApp webhook configuration, with --verify-token-env). Use a
  test number: while it points here, its other webhooks are acknowledged and dropped.
  --listen HOST:PORT    where the receiver listens (default ${DEFAULT_LISTEN})
  --app-secret-env VAR  the variable holding the Meta app secret: webhooks without a valid
                        X-Hub-Signature-256 are refused (without it, signatures are not checked)
  --verify-token-env VAR  the variable holding the verify token Meta's subscription check sends

common options:
  --env NAME            the environment (default: "defaultEnvironment" of the config, else
                        "sandbox", else the only one; without a project file, the \`sandbox\` of
                        \`waflow init\`: \`waflow dev\` through WAFLOW_SANDBOX_URL and the D360_*
                        variables it prints). Sending needs a '360dialog' or 'meta' environment.
  --json                one JSON document on stdout (message id, flow token, the answer) instead of
                        text; progress stays on stderr
  --config FILE         the project file (default: waflow.config.json in this folder or one above)

exit status: 0 sent (and, with --wait, answered), 1 refused by the platform, not answered in time
             or stopped, 2 usage, config or environment error
`;

export interface SendDependencies extends EnvironmentDependencies {
  /** HTTP to the sandbox and to Flow JSON download links (tests pass their own); default the global fetch. */
  readonly fetch?: FetchLike;
  /** Stops --wait (tests); default: Ctrl-C (SIGINT) or SIGTERM. */
  readonly signal?: AbortSignal;
}

const MAX_TIMEOUT_MS = 24 * 3_600_000;

/** `90s`, `10m`, `1h`, `500ms`; a bare number is seconds. Undefined when it is none of these, or not up to 24h. */
export function parseDuration(text: string): number | undefined {
  const given = durationMs(text, ['ms', 's', 'm', 'h'], 's');
  const ms = given === undefined ? 0 : Math.round(given);
  return ms > 0 && ms <= MAX_TIMEOUT_MS ? ms : undefined;
}

function jsonObject(text: string, flag: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const why = (error instanceof Error ? error.message : String(error)).slice(0, 100);
    throw usageError(`${flag} is not valid JSON (${why}); give an object, e.g. ${flag} '{"name":"Ana"}'`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw usageError(`${flag} must be a JSON object, e.g. ${flag} '{"name":"Ana"}'`);
  if (Object.keys(value).length === 0) throw usageError(`${flag} must not be an empty object; leave it out instead`);
  return value as Record<string, unknown>;
}

interface SendArgs {
  readonly to: string;
  readonly flow: string | undefined;
  readonly template: string | undefined;
  readonly draft: boolean;
  readonly action: 'navigate' | 'data_exchange';
  readonly screen: string | undefined;
  readonly data: Record<string, unknown> | undefined;
  readonly body: string;
  readonly cta: string;
  readonly language: string | undefined;
  readonly buttonData: Record<string, unknown> | undefined;
  readonly token: string;
  readonly wait: boolean;
  readonly timeoutMs: number;
  readonly timeoutText: string;
  readonly listen: { host: string; port: number };
  readonly appSecretEnv: string | undefined;
  readonly verifyTokenEnv: string | undefined;
}

/** The flags, checked together before anything is sent. */
function readArgs(run: VerbRun): SendArgs {
  const v = run.args.values;
  const str = (name: string): string | undefined => (typeof v[name] === 'string' ? v[name] : undefined);
  if (run.args.positionals.length > 0) throw usageError(`send takes flags only; got "${run.args.positionals[0]?.slice(0, 40) ?? ''}"`);
  const toText = str('to');
  if (toText === undefined) throw usageError('say who receives it: --to NUMBER');
  const to = toText.replace(/[\s()-]/g, '').replace(/^\+/, '');
  if (!/^\d{6,15}$/.test(to)) throw usageError('--to must be a phone number: 6 to 15 digits, an optional leading +');
  const flow = str('flow');
  const template = str('template');
  if ((flow === undefined) === (template === undefined)) throw usageError('give either --flow NAME|ID or --template NAME');
  const only = (names: string[], what: string): void => {
    const given = names.find((n) => v[n] !== undefined);
    if (given !== undefined) throw usageError(`--${given} is for ${what}`);
  };
  if (template !== undefined) only(['draft', 'screen', 'data', 'action', 'body', 'cta'], '--flow messages (a template has its own text, button and screen)');
  else only(['language', 'flow-button-data'], '--template');
  const action = str('action') ?? 'navigate';
  if (action !== 'navigate' && action !== 'data_exchange') throw usageError('--action must be navigate or data_exchange');
  if (action === 'data_exchange') only(['screen', 'data'], 'navigate (with data_exchange the endpoint answers INIT with the first screen and its data)');
  if (v.wait !== true) only(['timeout', 'listen', 'app-secret-env', 'verify-token-env'], '--wait');
  const timeoutText = str('timeout') ?? DEFAULT_TIMEOUT;
  const timeoutMs = parseDuration(timeoutText);
  if (timeoutMs === undefined) throw usageError('--timeout must be a duration up to 24h, such as 90s, 10m or 1h');
  const listen = parseListen(str('listen') ?? DEFAULT_LISTEN);
  if (listen === undefined) throw usageError('--listen must be HOST:PORT, such as 127.0.0.1:8787');
  const dataText = str('data');
  const buttonText = str('flow-button-data');
  return {
    to,
    flow,
    template,
    draft: v.draft === true,
    action,
    screen: str('screen'),
    data: dataText === undefined ? undefined : jsonObject(dataText, '--data'),
    body: str('body') ?? DEFAULT_BODY,
    cta: str('cta') ?? DEFAULT_CTA,
    language: str('language'),
    buttonData: buttonText === undefined ? undefined : jsonObject(buttonText, '--flow-button-data'),
    token: str('token') ?? randomUUID(),
    wait: v.wait === true,
    timeoutMs,
    timeoutText,
    listen,
    appSecretEnv: str('app-secret-env'),
    verifyTokenEnv: str('verify-token-env'),
  };
}

/** A secret named by --*-env: the variable must be set (its value is never printed). */
function secretFrom(run: VerbRun, variable: string | undefined, flag: string): string | undefined {
  if (variable === undefined) return undefined;
  const value = run.io.env[variable];
  if (value === undefined || value === '') throw new VerbError(EXIT_USAGE, 'environment', `${flag} names ${variable}, which is not set.`, { advice: `export ${variable}=... first.` });
  return value;
}

// ---------------------------------------------------------------------------------------------
// The flow and its first screen

/** A flow named on the command line. Without flow management (360dialog without partner credentials) only the lock or an id can name it. */
async function findFlow(opened: OpenedEnvironment, nameOrId: string): Promise<{ id: string; name: string | undefined }> {
  if (!opened.environment.flows) {
    const locked = opened.lock.flows[nameOrId];
    if (locked !== undefined) return { id: locked.id, name: locked.name };
    if (/^\d+$/.test(nameOrId)) return { id: nameOrId, name: undefined };
    throw new VerbError(EXIT_USAGE, 'environment', `environment "${opened.environment.name}" cannot look flows up by name (no flow management: 360dialog's Messaging API has none), and waflow.lock.json has no flow "${nameOrId.slice(0, 80)}".`, {
      advice: 'give the flow id, or add "partner" credentials to the environment.',
    });
  }
  return resolveFlowId(opened, nameOrId);
}

/** The screen a navigate start opens when none is named (the runtime's rule: routing model entry, else the first). */
function entryOf(text: string): string | undefined {
  try {
    return loadFlow(JSON.parse(text) as unknown).entry;
  } catch {
    return undefined;
  }
}

/** The Flow JSON of the config's flow with this id or name, when the project has one. */
async function configFlowJson(opened: OpenedEnvironment, id: string, names: readonly (string | undefined)[]): Promise<string | undefined> {
  const project = opened.project;
  if (project.loaded === undefined) return undefined;
  const byLock = Object.entries(opened.lock.flows).find(([, entry]) => entry.id === id)?.[0];
  const config = project.config.flows.find((f) => f.name === byLock) ?? project.config.flows.find((f) => names.includes(f.name));
  if (config === undefined) return undefined;
  return readFile(resolve(project.dir, config.file), 'utf8').catch(() => undefined);
}

/** The platform's copy: its FLOW_JSON asset, fetched without credentials (a download link). */
async function platformFlowJson(opened: OpenedEnvironment, id: string, fetcher: FetchLike): Promise<string | undefined> {
  try {
    const asset = (await opened.client.flows.listAssets(id)).data.find((a) => a.assetType === 'FLOW_JSON');
    if (asset === undefined || !/^https?:/.test(asset.downloadUrl)) return undefined;
    const res = await fetcher(asset.downloadUrl, { method: 'GET', signal: AbortSignal.timeout(30_000) });
    return res.ok ? await res.text() : undefined;
  } catch {
    return undefined;
  }
}

async function firstScreen(opened: OpenedEnvironment, flow: { id: string; name: string | undefined }, asked: string, fetcher: FetchLike): Promise<string> {
  const local = await configFlowJson(opened, flow.id, [asked, flow.name]);
  const screen = (local === undefined ? undefined : entryOf(local)) ?? entryOf((await platformFlowJson(opened, flow.id, fetcher)) ?? '');
  if (screen !== undefined) return screen;
  throw new VerbError(EXIT_USAGE, 'screen', `cannot tell the first screen of flow ${flow.id}: the project has no readable Flow JSON for it and the platform's copy could not be read.`, {
    advice: 'name the screen with --screen ID.',
  });
}

// ---------------------------------------------------------------------------------------------
// Output

const shown = (value: unknown): string =>
  // Answers are the user's text: anything with control characters is quoted, so it cannot move the terminal's cursor.
  typeof value === 'string' && !/[\p{Cc}\u2028\u2029]/u.test(value) ? value : JSON.stringify(value);

export function formatAnswer(to: string, answer: Answer): string {
  const lines = [`Completed by +${answer.from || to}${answer.replyMessageId === undefined ? '' : ` (reply ${answer.replyMessageId})`}:`];
  const fields = Object.entries(answer.response).filter(([key]) => key !== 'flow_token');
  for (const [key, value] of fields) lines.push(`  ${shown(key)}: ${shown(value)}`);
  if (fields.length === 0) lines.push('  (no answers: response_json holds the flow token only)');
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------

interface Sent {
  readonly response: SendMessageResponse;
  readonly what: string;
}

async function sendFlowMessage(run: VerbRun, opened: OpenedEnvironment, args: SendArgs & { flow: string }, fetcher: FetchLike): Promise<Sent> {
  const flow = await findFlow(opened, args.flow);
  const screen = args.action === 'navigate' ? (args.screen ?? (await firstScreen(opened, flow, args.flow, fetcher))) : undefined;
  run.report.flow = { id: flow.id, ...(flow.name === undefined ? {} : { name: flow.name }) };
  run.report.mode = args.draft ? 'draft' : 'published';
  run.report.action = args.action;
  if (screen !== undefined) run.report.screen = screen;
  const response = await opened.client.messages.sendFlow({
    to: args.to,
    body: args.body,
    flowId: flow.id,
    flowCta: args.cta,
    flowToken: args.token,
    mode: args.draft ? 'draft' : 'published',
    flowAction: args.action,
    ...(screen === undefined ? {} : { flowActionPayload: { screen, ...(args.data === undefined ? {} : { data: args.data }) } }),
  });
  const label = flow.name === undefined ? `flow ${flow.id}` : `flow "${flow.name}" (${flow.id})`;
  return { response, what: `${label}${args.draft ? ' as a draft' : ''}${screen === undefined ? ' (data_exchange)' : ` on screen ${screen}`}` };
}

async function sendTemplateMessage(run: VerbRun, opened: OpenedEnvironment, args: SendArgs & { template: string }): Promise<Sent> {
  const configured = opened.project.loaded === undefined ? undefined : opened.project.config.templates?.find((t) => t.name === args.template);
  const language = args.language ?? configured?.language ?? 'en_US';
  run.report.template = { name: args.template, language };
  const response = await opened.client.messages.sendTemplate({
    to: args.to,
    name: args.template,
    language,
    // The templates deploy creates have one button, the FLOW button.
    flowButton: { index: 0, flowToken: args.token, ...(args.buttonData === undefined ? {} : { flowActionData: args.buttonData }) },
  });
  return { response, what: `template ${args.template} (${language})` };
}

function timeoutError(args: SendArgs, messageId: string, sandbox: string | undefined, receiver: Receiver | undefined): VerbError {
  const advice =
    sandbox !== undefined
      ? `complete the flow on the simulated phone (the sandbox's browser app at ${sandbox}, or POST /_sandbox/phones/${args.to}/messages/${messageId}/open and the /_sandbox/sessions routes), or wait longer with --timeout.`
      : `check that the number's webhook reaches ${receiver?.url ?? 'the receiver'} (through a tunnel: the platform cannot reach this machine), that --app-secret-env names the secret the platform signs with, and that the user opened the message; or wait longer with --timeout.`;
  return new VerbError(EXIT_FAILED, 'timeout', `no answer within ${args.timeoutText}: +${args.to} has not completed the flow (message ${messageId}, flow token ${args.token}).`, { advice });
}

function sendVerb(deps: SendDependencies): VerbDefinition {
  const fetcher: FetchLike = deps.fetch ?? ((url, init) => fetch(url, init));
  return {
    name: 'send',
    usage: USAGE,
    help: HELP,
    options: {
      to: { type: 'string' },
      flow: { type: 'string' },
      template: { type: 'string' },
      draft: { type: 'boolean' },
      action: { type: 'string' },
      screen: { type: 'string' },
      data: { type: 'string' },
      body: { type: 'string' },
      cta: { type: 'string' },
      language: { type: 'string' },
      'flow-button-data': { type: 'string' },
      token: { type: 'string' },
      wait: { type: 'boolean' },
      timeout: { type: 'string' },
      listen: { type: 'string' },
      'app-secret-env': { type: 'string' },
      'verify-token-env': { type: 'string' },
    },
    async run(run) {
      const args = readArgs(run);
      const appSecret = secretFrom(run, args.appSecretEnv, '--app-secret-env');
      const verifyToken = secretFrom(run, args.verifyTokenEnv, '--verify-token-env');
      const opened = await openEnvironment(run, deps);
      const env = opened.environment;
      if (opened.client.dialects.messages === undefined) {
        throw new VerbError(EXIT_USAGE, 'environment', `environment "${env.name}" (${env.provider}) cannot send messages: 360dialog's Partner API manages flows only.`, {
          advice: "send through an environment with provider '360dialog' (the number's D360-API-KEY) or 'meta'.",
        });
      }
      run.report.to = args.to;
      run.report.flowToken = args.token;

      // Where the answer will come from, settled before sending: a receiver must be up first.
      let sandbox: string | undefined;
      let receiver: Receiver | undefined;
      if (args.wait) {
        const origin = new URL(opened.client.baseUrl).origin;
        sandbox = (await probeSandbox(fetcher, origin, 5000)).kind === 'sandbox' ? origin : undefined;
        run.report.waitedOn = sandbox === undefined ? 'webhook' : 'sandbox';
        if (sandbox === undefined) {
          receiver = await startReceiver({ ...args.listen, appSecret, verifyToken, note: run.note });
          run.note(`webhook receiver listening on ${receiver.url}: point the number's webhook at a tunnel to it (see \`waflow send --help\`).`);
          if (appSecret === undefined) run.note('warning: webhook signatures are not checked; pass --app-secret-env VAR to check X-Hub-Signature-256.');
        }
      }
      const stop = args.wait ? stopSignal(deps.signal) : undefined;
      try {
        let sent: Sent;
        try {
          sent = args.template !== undefined ? await sendTemplateMessage(run, opened, { ...args, template: args.template }) : await sendFlowMessage(run, opened, { ...args, flow: args.flow ?? '' }, fetcher);
        } catch (error) {
          throw asVerbError(error, 'sending the message', env.where);
        }
        const messageId = sent.response.messages[0]?.id ?? '';
        run.report.messageId = messageId;
        run.out(`Sent ${sent.what} to +${args.to}: ${messageId}\n  flow token: ${args.token}\n`);
        if (!args.wait || stop === undefined) return EXIT_OK;

        const deadline = performance.now() + args.timeoutMs;
        run.note(`waiting for +${args.to} to complete the flow… (Ctrl-C to stop)`);
        let answer: Answer;
        try {
          answer =
            receiver === undefined
              ? await waitInSandbox(fetcher, sandbox ?? '', args.token, messageId, deadline, stop.signal)
              : await waitOnReceiver(receiver, args.token, deadline, stop.signal);
        } catch (error) {
          if (error instanceof WaitTimeout) throw timeoutError(args, messageId, sandbox, receiver);
          if (stop.signal.aborted) throw new VerbError(EXIT_FAILED, 'stopped', `stopped waiting; the message was sent (flow token ${args.token}).`);
          throw error;
        }
        run.report.completion = { from: answer.from, ...(answer.replyMessageId === undefined ? {} : { messageId: answer.replyMessageId }), response: answer.response };
        run.out(formatAnswer(args.to, answer));
        return EXIT_OK;
      } finally {
        stop?.dispose();
        await receiver?.close();
      }
    },
  };
}

/** The command, with its client factory, fetch and stop signal replaceable for tests. */
export function createSendCommand(deps: SendDependencies = {}): Command {
  const verb = sendVerb(deps);
  return { name: 'send', usage: USAGE, run: (argv, io) => runVerb(verb, argv, io) };
}

export const sendCommand: Command = createSendCommand();
