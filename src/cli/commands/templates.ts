// `waflow templates list|create`: the message templates of an environment, and a template with a
// FLOW button made from the config (`templates` of waflow.config.json, as `waflow deploy` makes it)
// or from flags. A FLOW button names a flow by its name: its id in the environment comes from the
// lock or the platform, and a navigate button opens the flow's first screen unless told otherwise.
// The Partner API alone has no template API: such an environment is refused before any request.
import type { ApiClient } from '../../api/client.js';
import type { FetchLike } from '../../api/client/options.js';
import type { TemplateCategory, TemplateComponent, TemplateRecord } from '../../api/contract/templates.js';
import { FlowFileError, readFlows, templateRequest } from '../../project/deploy.js';
import type { TemplateConfig } from '../../project/types.js';
import { EXIT_OK, EXIT_USAGE } from '../command.js';
import type { Command, CliIo } from '../command.js';
import { VerbError, asVerbError, openEnvironment, resolveFlowId, runVerb, usageError } from '../verb.js';
import type { EnvironmentDependencies, OpenedEnvironment, VerbDefinition, VerbRun } from '../verb.js';
import { formatTable } from './flows/table.js';

const COMMON = '[--env NAME] [--json] [--config FILE]';
const LIST_USAGE = `waflow templates list ${COMMON}`;
const CREATE_USAGE = `waflow templates create NAME [--language en_US] ${COMMON}\n       waflow templates create NAME --flow FLOW --body TEXT --button TEXT [--screen ID] [--language en_US] [--category MARKETING|UTILITY] ${COMMON}`;
const USAGE = `waflow templates list|create ...`;

const COMMON_HELP = `common options:
  --env NAME        the environment (default: "defaultEnvironment" of the config, else "sandbox",
                    else the only one; without a project file, the \`sandbox\` of \`waflow init\`)
  --json            one JSON document on stdout instead of text
  --config FILE     the project file (default: waflow.config.json in this folder or one above)

A "360dialog-partner" environment has no templates (360dialog's Partner API manages flows only):
use a "360dialog" or "meta" environment.

exit status: 0 done, 1 refused or failed on the platform, 2 usage, config or environment error
`;

const HELP = `usage: waflow templates list ${COMMON}
       ${CREATE_USAGE}

  list      the environment's message templates: name, language, status, category, and the flow
            its FLOW button opens
  create    creates a template with a FLOW button: NAME as configured in "templates" of
            waflow.config.json, or the one the flags describe

${COMMON_HELP}`;

export interface TemplatesDependencies extends EnvironmentDependencies {
  /** Reads a Flow JSON asset's download URL (to find a flow's first screen); default the global fetch. */
  readonly fetch?: FetchLike;
}

const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

/** Opens the environment and refuses one without a template API, before any request. */
async function openTemplates(run: VerbRun, deps: TemplatesDependencies): Promise<OpenedEnvironment> {
  const opened = await openEnvironment(run, deps);
  const env = opened.environment;
  if (!env.templates) {
    throw new VerbError(EXIT_USAGE, 'environment', `environment "${env.name}" (${env.provider}) has no message templates: 360dialog's Partner API manages flows only.`, {
      advice: 'use an environment with provider "360dialog" (its Messaging API, with the number\'s D360-API-KEY) or "meta" (--env NAME).',
    });
  }
  return opened;
}

async function call<T>(opened: OpenedEnvironment, doing: string, work: (client: ApiClient) => Promise<T>): Promise<T> {
  try {
    return await work(opened.client);
  } catch (error) {
    throw asVerbError(error, doing, opened.environment.where);
  }
}

// ---------------------------------------------------------------------------------------------
// list

interface FlowButton {
  readonly text: string;
  readonly flowId: string | undefined;
  readonly flowName: string | undefined;
  readonly action: string | undefined;
  readonly screen: string | undefined;
}

function flowButtonOf(components: readonly TemplateComponent[] | undefined): FlowButton | undefined {
  for (const c of components ?? []) {
    if (!('buttons' in c) || !Array.isArray(c.buttons)) continue;
    for (const b of c.buttons) {
      if (b.type === 'FLOW') return { text: b.text, flowId: b.flowId, flowName: b.flowName, action: b.flowAction, screen: b.navigateScreen };
    }
  }
  return undefined;
}

/** Flow names by id: the platform's list when the environment manages flows, else the lock's. */
async function flowNames(run: VerbRun, opened: OpenedEnvironment): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const [name, locked] of Object.entries(opened.lock.flows)) names.set(locked.id, locked.name || name);
  if (!opened.environment.flows) return names;
  try {
    for (const f of await opened.client.flows.listAll()) names.set(f.id, f.name);
  } catch (error) {
    run.note(`warning: the flows' names could not be read (${asVerbError(error, 'listing the flows').message}); FLOW buttons show flow ids.`);
  }
  return names;
}

function listVerb(deps: TemplatesDependencies): VerbDefinition {
  return {
    name: 'templates list',
    usage: LIST_USAGE,
    help: `usage: ${LIST_USAGE}

Lists the message templates of an environment: name, language, status, category, and for a
template with a FLOW button the flow it opens (name and id) and its screen.

${COMMON_HELP}`,
    async run(run) {
      if (run.args.positionals.length > 0) throw usageError(`templates list takes no arguments; got "${run.args.positionals[0]?.slice(0, 40) ?? ''}"`);
      const opened = await openTemplates(run, deps);
      const env = opened.environment;
      const page = await call(opened, 'listing the templates', (client) => client.templates.list());
      const templates = page.wabaTemplates;
      const names = templates.some((t) => flowButtonOf(t.components)?.flowId !== undefined) ? await flowNames(run, opened) : new Map<string, string>();
      const rows = templates.map((t: TemplateRecord) => {
        const button = flowButtonOf(t.components);
        const flowName = button?.flowName ?? (button?.flowId === undefined ? undefined : names.get(button.flowId));
        return { t, button, flowName };
      });
      run.report.templates = rows.map(({ t, button, flowName }) => ({
        id: t.id ?? null,
        name: t.name,
        language: t.language,
        status: t.status,
        category: t.category,
        ...(t.rejectedReason === undefined ? {} : { rejectedReason: t.rejectedReason }),
        flow: button === undefined ? null : { id: button.flowId ?? null, name: flowName ?? null, action: button.action ?? null, screen: button.screen ?? null, buttonText: button.text },
      }));
      // The client reads one page: a total above it means the platform holds more.
      const complete = page.total === undefined || page.total <= templates.length;
      run.report.complete = complete;
      if (page.total !== undefined) run.report.total = page.total;
      if (!complete) run.note(`warning: "${env.name}" holds ${page.total ?? '?'} templates; the API client reads the first page only (${templates.length} shown).`);

      if (rows.length === 0) {
        run.out(`Environment "${env.name}" (${env.provider}) has no templates. \`waflow templates create NAME\` creates one of the config's.\n`);
        return EXIT_OK;
      }
      const flowCell = (r: (typeof rows)[number]): string => {
        if (r.button === undefined) return '';
        const id = r.button.flowId ?? '?';
        const who = r.flowName === undefined ? id : `${r.flowName} (${id})`;
        return r.button.screen === undefined ? who : `${who} → ${r.button.screen}`;
      };
      const table = formatTable(['NAME', 'LANGUAGE', 'STATUS', 'CATEGORY', 'ID', 'FLOW BUTTON'], rows.map((r) => [r.t.name, r.t.language, r.t.status, r.t.category, r.t.id ?? '', flowCell(r)]), '  ');
      const withFlow = rows.filter((r) => r.button !== undefined).length;
      run.out(`Templates of "${env.name}" (${env.provider}, ${env.where}):\n${table}${plural(rows.length, 'template')}, ${withFlow} with a FLOW button.\n`);
      return EXIT_OK;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// create

const CATEGORIES: readonly TemplateCategory[] = ['MARKETING', 'UTILITY'];

/** The template NAME names: the config's, or the flags'. */
function templateToCreate(run: VerbRun, opened: OpenedEnvironment, name: string): { config: TemplateConfig; adHoc: boolean } {
  const v = run.args.values;
  const text = (key: string): string | undefined => (typeof v[key] === 'string' ? (v[key] as string) : undefined);
  const language = text('language');
  const given = (['flow', 'body', 'button'] as const).filter((k) => text(k) !== undefined);
  if (given.length > 0) {
    const missing = (['flow', 'body', 'button'] as const).filter((k) => text(k) === undefined);
    if (missing.length > 0) throw usageError(`a template made from flags needs --flow, --body and --button; missing ${missing.map((m) => `--${m}`).join(', ')}`);
    const category = text('category') ?? 'MARKETING';
    if (!(CATEGORIES as readonly string[]).includes(category)) throw usageError(`--category must be ${CATEGORIES.join(' or ')} (a template with a FLOW button cannot be AUTHENTICATION)`);
    const screen = text('screen');
    return {
      adHoc: true,
      config: { name, language: language ?? 'en_US', category: category as TemplateCategory, body: text('body') ?? '', button: { text: text('button') ?? '', flow: text('flow') ?? '', ...(screen === undefined ? {} : { screen }), action: 'navigate' } },
    };
  }
  for (const flag of ['screen', 'category'] as const) {
    if (text(flag) !== undefined) throw usageError(`--${flag} goes with --flow, --body and --button (a template made from flags); a template of the config takes it from the config`);
  }
  const configured = (opened.project.config.templates ?? []).filter((t) => t.name === name);
  const found = language === undefined ? configured : configured.filter((t) => t.language === language);
  const where = opened.project.loaded?.file ?? "the starter project's config (no waflow.config.json found)";
  if (found.length === 1 && found[0] !== undefined) return { adHoc: false, config: found[0] };
  if (found.length > 1) throw usageError(`template "${name}" is configured in ${found.map((t) => t.language).join(', ')}: choose one with --language`);
  const known = (opened.project.config.templates ?? []).map((t) => `${t.name} (${t.language})`);
  throw new VerbError(EXIT_USAGE, 'not-found', `${where} has no template "${name.slice(0, 80)}"${language === undefined ? '' : ` in ${language}`}${known.length === 0 ? '' : `; its templates: ${known.join(', ')}`}.`, {
    advice: `add it to "templates" in the config, or describe it with flags: ${CREATE_USAGE.split('\n')[1]?.trim() ?? ''}`,
  });
}

/** The flow's id in the environment; without flow management, only the lock or digits can say. */
async function buttonFlow(opened: OpenedEnvironment, flow: string): Promise<{ id: string; name: string | undefined }> {
  if (opened.environment.flows) return resolveFlowId(opened, flow);
  const locked = opened.lock.flows[flow];
  if (locked !== undefined) return { id: locked.id, name: locked.name };
  if (/^\d+$/.test(flow)) return { id: flow, name: undefined };
  throw new VerbError(EXIT_USAGE, 'environment', `environment "${opened.environment.name}" cannot look flow "${flow.slice(0, 80)}" up by name: 360dialog's Messaging API has no flow management.`, {
    advice: `give the flow's id (--flow 1234...), deploy it first (waflow.lock.json then knows it), or add "partner" credentials to environment "${opened.environment.name}".`,
  });
}

interface Screens {
  readonly first: string | undefined;
  readonly all: readonly string[];
  readonly from: string;
}

function screensOfJson(text: string): string[] {
  const doc = JSON.parse(text) as { screens?: { id?: unknown }[] };
  return Array.isArray(doc.screens) ? doc.screens.map((s) => s?.id).filter((id): id is string => typeof id === 'string' && id !== '') : [];
}

/** The flow's screens: from the project's Flow JSON file (what deploy uploads), else the platform's. */
async function flowScreens(opened: OpenedEnvironment, flowName: string, flowId: string, fetcher: FetchLike): Promise<Screens | undefined> {
  const loaded = opened.project.loaded;
  const local = loaded?.config.flows.find((f) => f.name === flowName);
  if (loaded !== undefined && local !== undefined) {
    try {
      const [read] = await readFlows({ ...loaded, config: { ...loaded.config, flows: [local] } });
      if (read !== undefined) return { first: read.firstScreen, all: read.screens, from: local.file };
    } catch (error) {
      if (error instanceof FlowFileError) throw new VerbError(EXIT_USAGE, 'file', error.message);
      throw error;
    }
  }
  if (!opened.environment.flows) return undefined;
  try {
    const assets = await opened.client.flows.listAssets(flowId);
    const url = assets.data.find((a) => a.assetType === 'FLOW_JSON')?.downloadUrl;
    if (url === undefined) return undefined;
    const res = await fetcher(url, { method: 'GET', signal: AbortSignal.timeout(15_000) });
    if (!res.ok) return undefined;
    const all = screensOfJson(await res.text());
    return { first: all[0], all, from: `flow ${flowId}'s Flow JSON` };
  } catch {
    return undefined;
  }
}

function createVerb(deps: TemplatesDependencies): VerbDefinition {
  const fetcher: FetchLike = deps.fetch ?? ((url, init) => fetch(url, init));
  return {
    name: 'templates create',
    usage: CREATE_USAGE,
    options: {
      language: { type: 'string' },
      flow: { type: 'string' },
      body: { type: 'string' },
      button: { type: 'string' },
      screen: { type: 'string' },
      category: { type: 'string' },
    },
    help: `usage: ${CREATE_USAGE}

Creates a message template with a FLOW button. With NAME alone, the template of that name in
"templates" of waflow.config.json (as \`waflow deploy\` creates it; --language picks one of several
languages). With the flags, this one:

  --flow FLOW       the flow the button opens: a flow name (of the config, or on the platform) or id
  --body TEXT       the message text (at most 1024 characters)
  --button TEXT     the button text (at most 25 characters)
  --screen ID       the screen the button opens (default: the flow's first screen)
  --language CODE   default en_US
  --category CAT    MARKETING (default) or UTILITY

A new template is PENDING until the platform approves it (\`waflow templates list\` shows its status);
it cannot be edited afterwards: create one with another name instead.

${COMMON_HELP}`,
    async run(run) {
      const [name, ...rest] = run.args.positionals;
      if (name === undefined || name === '') throw usageError(`name the template: ${CREATE_USAGE.split('\n')[0] ?? ''}`);
      if (rest.length > 0) throw usageError(`one template at a time; got ${run.args.positionals.length} arguments`);
      const opened = await openTemplates(run, deps);
      const env = opened.environment;
      const { config, adHoc } = templateToCreate(run, opened, name);
      const flow = await buttonFlow(opened, config.button.flow);
      const action = config.button.action ?? 'navigate';
      let firstScreen: string | undefined;
      if (action === 'navigate') {
        const screens = await flowScreens(opened, config.button.flow, flow.id, fetcher);
        if (config.button.screen !== undefined && screens !== undefined && screens.all.length > 0 && !screens.all.includes(config.button.screen)) {
          throw new VerbError(EXIT_USAGE, 'screen', `flow "${config.button.flow}" has no screen "${config.button.screen.slice(0, 80)}" (${screens.from}); its screens: ${screens.all.join(', ')}.`, {
            advice: adHoc ? 'give one of them with --screen, or leave --screen out for the first.' : 'fix "button.screen" of the template in the config.',
          });
        }
        firstScreen = screens?.first;
        if (config.button.screen === undefined && firstScreen === undefined) {
          throw new VerbError(EXIT_USAGE, 'screen', `the first screen of flow "${config.button.flow}" (${flow.id}) could not be read, and a navigate button needs one.`, {
            advice: adHoc ? 'give the screen with --screen ID.' : 'set "button.screen" of the template in the config.',
          });
        }
      }
      const screen = action === 'navigate' ? (config.button.screen ?? firstScreen) : undefined;
      const request = templateRequest(config, flow.id, firstScreen);
      const created = await call(opened, `creating template ${config.name} (${config.language})`, (client) => client.templates.create(request));
      const flowLabel = flow.name === undefined ? `flow ${flow.id}` : `flow "${flow.name}" (${flow.id})`;
      run.report.template = {
        id: created.id,
        name: config.name,
        language: config.language,
        category: created.category ?? config.category,
        status: created.status,
        source: adHoc ? 'flags' : 'config',
        flow: { id: flow.id, name: flow.name ?? null, action, screen: screen ?? null, buttonText: config.button.text },
      };
      run.out(`Created template ${config.name} (${config.language}, ${created.category ?? config.category}) on "${env.name}" (${env.provider}): id ${created.id}, status ${created.status}.\n`);
      run.out(`  FLOW button "${config.button.text}" opens ${flowLabel}${screen === undefined ? ` (${action})` : ` at screen ${screen}`}.\n`);
      if (created.status === 'PENDING') run.out('  It can be sent once APPROVED: `waflow templates list` shows its status.\n');
      return EXIT_OK;
    },
  };
}

// ---------------------------------------------------------------------------------------------

/** The command, with the client factory and fetch replaceable for tests. */
export function createTemplatesCommand(deps: TemplatesDependencies = {}): Command {
  const verbs: Record<string, VerbDefinition> = { list: listVerb(deps), create: createVerb(deps) };
  return {
    name: 'templates',
    usage: USAGE,
    async run(argv: readonly string[], io: CliIo) {
      const [sub, ...rest] = argv;
      if (sub === '--help' || sub === '-h' || sub === 'help') {
        io.stdout(HELP);
        return EXIT_OK;
      }
      const verb = sub === undefined ? undefined : verbs[sub];
      if (verb === undefined) {
        io.stderr(`waflow templates: ${sub === undefined ? 'name what to do' : `unknown subcommand "${sub.slice(0, 40)}"`}: list or create\n${HELP}`);
        return EXIT_USAGE;
      }
      return runVerb(verb, rest, io);
    },
  };
}

export const templatesCommand: Command = createTemplatesCommand();
