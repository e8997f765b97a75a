// `waflow deploy`, as a library: prepare (environment, flow files, validation, lock), inspect the
// platform and compute the plan, then apply it step by step, recording each flow's id and hash in
// the lock as soon as the platform has it, so a failure half-way loses nothing and the next run
// continues where this one stopped.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createClient } from '../api/client.js';
import type { ApiClient, FetchLike } from '../api/client.js';
import type { FlowCategory, FlowStatus, FlowSummary, FlowValidationError } from '../api/contract/flows.js';
import { isBlockingValidationError } from '../api/contract/flows.js';
import type { TemplateRecord } from '../api/contract/templates.js';
import { ApiClientError, ApiError } from '../api/errors.js';
import type { Diagnostic } from '../flow-json/diagnostics.js';
import { locate, parseJson } from '../flow-json/parse/index.js';
import { validateFlow } from '../flow-json/validate/index.js';
import type { ConfigIssue, LoadedConfig } from './config.js';
import { ConfigError } from './config.js';
import { EnvironmentError, pickEnvironment, resolveEndpointUri, resolveEnvironment } from './environment.js';
import type { ResolvedEnvironment } from './environment.js';
import { environmentLock, flowHash, readLock, serializeLock, templateKey, writeLock } from './lock.js';
import type { EnvironmentLock, LockedFlow, Lockfile } from './lock.js';
import { computePlan, nameVersion } from './plan.js';
import type { DeployPlan, ExistingTemplate, FlowPlan, FlowState, FlowStep, LocalFlow, PlanOptions, RemoteFlow, TemplatePlan, TemplateState } from './plan.js';
import type { FlowConfig, TemplateConfig } from './types.js';

type Env = Readonly<Record<string, string | undefined>>;

/** A flow file of the project, read and validated. */
export interface PreparedFlow {
  readonly config: FlowConfig;
  /** Absolute path. */
  readonly path: string;
  readonly text: string;
  readonly hash: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly valid: boolean;
  /** The id of its first screen (the default screen of a FLOW button). */
  readonly firstScreen: string | undefined;
  /** Screen ids, to check the templates' buttons. */
  readonly screens: readonly string[];
  /** endpointUri with `${VAR}` filled in. */
  readonly endpointUri?: string;
}

export interface Prepared {
  readonly project: LoadedConfig;
  readonly environment: ResolvedEnvironment;
  readonly flows: readonly PreparedFlow[];
  readonly lock: Lockfile;
  /** A lock file that could not be used, and is ignored. */
  readonly lockWarning?: string;
}

/** A flow file that cannot be read. */
export class FlowFileError extends Error {
  readonly file: string;
  readonly code: string;
  constructor(file: string, code: string, message: string) {
    super(message);
    this.name = 'FlowFileError';
    this.file = file;
    this.code = code;
  }
}

function firstScreenOf(text: string): { first: string | undefined; screens: string[] } {
  try {
    const doc = JSON.parse(text) as { screens?: { id?: unknown }[] };
    const screens = Array.isArray(doc.screens) ? doc.screens.map((s) => (typeof s?.id === 'string' ? s.id : '')).filter((id) => id !== '') : [];
    return { first: screens[0], screens };
  } catch {
    return { first: undefined, screens: [] };
  }
}

/** Reads every flow file of the project and validates it (with the config's `validate` options). */
export async function readFlows(project: LoadedConfig): Promise<PreparedFlow[]> {
  const { config } = project;
  const validateOptions = { ...(config.validate?.style === true ? { style: true } : {}), ...(config.validate?.rules === undefined ? {} : { rules: config.validate.rules }) };
  const flows: PreparedFlow[] = [];
  for (const flow of config.flows) {
    const path = resolve(project.dir, flow.file);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'EIO';
      throw new FlowFileError(flow.file, code, `flow "${flow.name}": cannot read ${flow.file} (${code === 'ENOENT' ? 'no such file' : code}); fix "file" in ${project.file}.`);
    }
    const result = validateFlow(text, validateOptions);
    const { first, screens } = firstScreenOf(text);
    flows.push({ config: flow, path, text, hash: flowHash(text), diagnostics: result.diagnostics, valid: result.valid, firstScreen: first, screens });
  }
  return flows;
}

/**
 * Environment and credentials, flow files (read and validated unless given), the lock. Nothing is
 * sent anywhere. Throws EnvironmentError for an unknown environment or a missing variable.
 */
export async function prepareDeploy(project: LoadedConfig, options: { environment?: string; env: Env; flows?: readonly PreparedFlow[] }): Promise<Prepared> {
  const { config } = project;
  const name = pickEnvironment(config, options.environment);
  const environment = resolveEnvironment(config, name, options.env);
  if (!environment.flows && config.flows.length > 0) {
    throw new EnvironmentError(
      `environment "${name}" cannot deploy flows: 360dialog's Messaging API has no flow management. Add "partner": { "partnerId", "wabaAccountId", "apiKeyEnv" } (360dialog's Partner API) to it.`,
    );
  }
  const read = options.flows ?? (await readFlows(project));
  const flows = read.map((flow) => {
    const endpointUri = resolveEndpointUri(name, flow.config.name, flow.config.endpointUri, options.env);
    return endpointUri === undefined ? flow : { ...flow, endpointUri };
  });
  checkButtonScreens(project, flows);
  const { lock, warning } = await readLock(project.dir);
  return { project, environment, flows, lock, ...(warning === undefined ? {} : { lockWarning: warning }) };
}

/** A navigate button must open a screen the flow has. */
function checkButtonScreens(project: LoadedConfig, flows: readonly PreparedFlow[]): void {
  const issues: ConfigIssue[] = [];
  (project.config.templates ?? []).forEach((t, i) => {
    const flow = flows.find((f) => f.config.name === t.button.flow);
    if (flow === undefined || !flow.valid || t.button.screen === undefined || flow.screens.includes(t.button.screen)) return;
    const pointer = `/templates/${i}/button/screen`;
    const range = project.text === undefined ? undefined : locate(parseJson(project.text), pointer);
    issues.push({
      pointer,
      path: `templates[${i}].button.screen`,
      message: `flow "${flow.config.name}" (${flow.config.file}) has no screen "${t.button.screen}"; its screens: ${flow.screens.join(', ')}.`,
      ...(range === undefined ? {} : { range }),
    });
  });
  if (issues.length > 0) throw new ConfigError(project.file, issues, project.text);
}

// ---------------------------------------------------------------------------------------------
// Inspect: what the platform holds, and the plan

export interface Inspection {
  readonly plan: DeployPlan;
  /** The platform's flows by id, as listed. */
  readonly remote: ReadonlyMap<string, RemoteFlow>;
  /** Ids the plan refers to by flow name, for templates. */
  readonly flowIds: ReadonlyMap<string, string>;
}

export interface InspectOptions extends PlanOptions {
  /** Reads a flow asset's download URL (to compare hashes without a lock); default the global fetch. */
  readonly fetch?: FetchLike;
}

function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || (error.code === 100 && error.subcode === 33));
}

async function assetHash(client: ApiClient, id: string, fetchAsset: FetchLike): Promise<string | undefined> {
  try {
    const assets = await client.flows.listAssets(id);
    const url = assets.data.find((a) => a.assetType === 'FLOW_JSON')?.downloadUrl;
    if (url === undefined) return undefined;
    const res = await fetchAsset(url, { method: 'GET', signal: AbortSignal.timeout(15_000) });
    if (!res.ok) return undefined;
    return flowHash(await res.text());
  } catch {
    return undefined;
  }
}

function remoteOf(details: { id: string; name?: string; status?: FlowStatus; categories?: FlowCategory[]; endpointUri?: string }, fallback: FlowSummary | undefined, extra: Pick<RemoteFlow, 'via'> & Partial<RemoteFlow>): RemoteFlow {
  const endpointUri = details.endpointUri;
  return {
    id: details.id,
    name: details.name ?? fallback?.name ?? '',
    status: details.status ?? fallback?.status ?? 'DRAFT',
    categories: details.categories ?? fallback?.categories ?? [],
    ...(endpointUri === undefined ? {} : { endpointUri }),
    ...extra,
  };
}

const FIELDS = ['id', 'name', 'status', 'categories', 'endpoint_uri'] as const;
const LIVE: readonly FlowStatus[] = ['PUBLISHED', 'BLOCKED', 'THROTTLED'];

function buttonFlowId(template: TemplateRecord): string | undefined {
  for (const component of template.components ?? []) {
    if (!('buttons' in component) || !Array.isArray(component.buttons)) continue;
    for (const button of component.buttons) if (button.type === 'FLOW' && 'flowId' in button && typeof button.flowId === 'string') return button.flowId;
  }
  return undefined;
}

/** Reads what the platform holds for each flow (by the lock's id, else by name) and plans the deploy. */
export async function inspectDeploy(prepared: Prepared, client: ApiClient, options: InspectOptions): Promise<Inspection> {
  const envLock = environmentLock(prepared.lock, prepared.environment.name);
  const listed = await client.flows.listAll();
  const configNames = prepared.flows.map((f) => f.config.name);
  const states: FlowState[] = [];
  const byId = new Map<string, RemoteFlow>();
  const fetchAsset = options.fetch ?? ((url, init) => fetch(url, init));

  for (const flow of prepared.flows) {
    const local: LocalFlow = {
      name: flow.config.name,
      file: flow.config.file,
      hash: flow.hash,
      categories: flow.config.categories,
      ...(flow.endpointUri === undefined ? {} : { endpointUri: flow.endpointUri }),
    };
    const locked: LockedFlow | undefined = envLock.flows[local.name];
    let staleLockId: string | undefined;
    if (locked !== undefined) {
      try {
        const details = await client.flows.get(locked.id, { fields: FIELDS });
        // A flow this draft replaces is deprecated on publish, if it is still live.
        const replaced = locked.replaces === undefined ? undefined : listed.find((f) => f.id === locked.replaces && LIVE.includes(f.status));
        const remote = remoteOf(details, listed.find((f) => f.id === locked.id), { via: 'lock', hash: locked.hash, ...(replaced === undefined ? {} : { replaces: replaced.id }) });
        byId.set(remote.id, remote);
        states.push({ local, remote });
        continue;
      } catch (error) {
        if (!isNotFound(error)) throw error;
        staleLockId = locked.id;
      }
    }
    // By name: "Name", or "Name vN" made by --clone-as-new (unless another flow of the config has that name).
    const candidates = listed
      .map((f) => ({ f, v: nameVersion(local.name, f.name) }))
      .filter((c): c is { f: FlowSummary; v: number } => c.v !== undefined && c.f.id !== staleLockId && (c.v === 1 || !configNames.includes(c.f.name)))
      .sort((a, b) => b.v - a.v);
    const live = candidates.find((c) => c.f.status !== 'DEPRECATED');
    const chosen = live ?? candidates[0];
    if (chosen === undefined) {
      states.push({ local, ...(staleLockId === undefined ? {} : { staleLockId }) });
      continue;
    }
    const details = await client.flows.get(chosen.f.id, { fields: FIELDS });
    const replaced = chosen.f.status === 'DRAFT' ? candidates.find((c) => c.v < chosen.v && LIVE.includes(c.f.status)) : undefined;
    const hash = chosen.f.status === 'DEPRECATED' ? undefined : await assetHash(client, chosen.f.id, fetchAsset);
    const remote = remoteOf(details, chosen.f, { via: 'name', ...(hash === undefined ? {} : { hash }), ...(replaced === undefined ? {} : { replaces: replaced.f.id }) });
    byId.set(remote.id, remote);
    states.push({ local, remote, ...(staleLockId === undefined ? {} : { staleLockId }) });
  }

  const templates: TemplateState[] = [];
  const configured = prepared.project.config.templates ?? [];
  if (configured.length > 0 && prepared.environment.templates) {
    const existing = (await client.templates.list()).wabaTemplates;
    for (const config of configured) {
      const found = existing.find((t) => t.name === config.name && t.language === config.language);
      const flowId = found === undefined ? undefined : buttonFlowId(found);
      const known: ExistingTemplate | undefined =
        found === undefined ? undefined : { ...(found.id === undefined ? {} : { id: found.id }), status: found.status, ...(flowId === undefined ? {} : { flowId }) };
      templates.push({ config, ...(known === undefined ? {} : { existing: known }) });
    }
  } else {
    for (const config of configured) templates.push({ config });
  }

  const plan = computePlan({
    flows: states,
    templates,
    takenNames: listed.map((f) => f.name),
    templatesSupported: prepared.environment.templates,
    options: { publish: options.publish, cloneAsNew: options.cloneAsNew },
  });
  const flowIds = new Map<string, string>();
  for (const f of plan.flows) if (f.remote !== undefined && !f.steps.some((s) => s.kind === 'create')) flowIds.set(f.name, f.remote.id);
  return { plan, remote: byId, flowIds };
}

// ---------------------------------------------------------------------------------------------
// Apply

/** A step of the deploy failed; `done` steps were made and are in the lock. */
export class DeployError extends Error {
  /** What the platform answered (ApiError message), or the client's reason. */
  readonly reason: string;
  readonly hint: string | undefined;
  /** What to do next, in words. */
  readonly advice: string;
  /** The platform's Flow JSON errors (upload or publish), with line and column. */
  readonly validationErrors: readonly Partial<FlowValidationError>[];
  readonly step: string;
  readonly done: number;
  /** The Flow JSON file the step was about (config-relative), when it was about one. */
  readonly file: string | undefined;

  constructor(init: { step: string; reason: string; hint?: string; advice: string; validationErrors?: readonly Partial<FlowValidationError>[]; done: number; file?: string }) {
    super(`${init.step} failed: ${init.reason}`);
    this.name = 'DeployError';
    this.step = init.step;
    this.reason = init.reason;
    this.hint = init.hint;
    this.advice = init.advice;
    this.validationErrors = init.validationErrors ?? [];
    this.done = init.done;
    this.file = init.file;
  }
}

export interface StepEvent {
  /** 1-based. */
  readonly index: number;
  readonly total: number;
  /** `create flow "Feedback"`, `upload flows/feedback.json to flow 123`... */
  readonly label: string;
  readonly phase: 'start' | 'done';
  /** After `done`: what came of it ("id 123"). */
  readonly result?: string;
}

export interface DeployCounts {
  created: number;
  cloned: number;
  updated: number;
  uploaded: number;
  published: number;
  deprecated: number;
  templatesCreated: number;
  flowsUnchanged: number;
  templatesExisting: number;
  templatesSkipped: number;
}

export interface DeployResult {
  readonly counts: DeployCounts;
  /** Flow ids by config name after the deploy. */
  readonly flowIds: Readonly<Record<string, string>>;
  /** Whether waflow.lock.json was rewritten. */
  readonly lockWritten: boolean;
}

function describeStep(flow: FlowPlan, step: FlowStep, id: string | undefined): string {
  switch (step.kind) {
    case 'create':
      return step.cloneFrom === undefined ? `create flow "${step.name}"` : `create flow "${step.name}" as a clone of flow ${step.cloneFrom}`;
    case 'update':
      return `update flow ${id ?? ''} metadata (${[step.categories === undefined ? '' : `categories ${step.categories.join(', ')}`, step.endpointUri === undefined ? '' : `endpointUri ${step.endpointUri}`].filter((s) => s !== '').join('; ')})`;
    case 'upload':
      return `upload ${flow.file} to flow ${id ?? ''}`;
    case 'publish':
      return `publish flow ${id ?? ''} ("${flow.newName ?? flow.remote?.name ?? flow.name}")`;
    case 'deprecate':
      return `deprecate flow ${step.id}`;
  }
}

function adviceFor(error: unknown, where: string, step: FlowStep | 'template'): string {
  if (error instanceof ApiClientError && (error.code === 'NETWORK' || error.code === 'TIMEOUT')) {
    return `check that the platform is reachable at ${where}; for the sandbox, start \`waflow dev\` (and set WAFLOW_SANDBOX_URL when it is not on http://127.0.0.1:4010), then run deploy again.`;
  }
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return 'check the credentials the environment names (the variables ending in Env in the config) and the ids, then run deploy again.';
  if (step !== 'template' && step.kind === 'upload') return 'fix the Flow JSON at the lines above (run `waflow validate` on it), then run deploy again: only this flow is uploaded again.';
  if (step !== 'template' && step.kind === 'publish') return 'fix what the platform reports (the Flow JSON, or the endpoint health check for a flow with an endpoint), then run `waflow deploy --publish` again.';
  return 'fix the cause above and run deploy again: what was done is recorded in waflow.lock.json and is not done twice.';
}

function toDeployError(error: unknown, label: string, where: string, step: FlowStep | 'template', done: number, file?: string): DeployError {
  if (error instanceof DeployError) return error;
  const about = file === undefined ? {} : { file };
  if (error instanceof ApiError) {
    return new DeployError({ step: label, reason: error.message, ...(error.hint === undefined ? {} : { hint: error.hint }), advice: adviceFor(error, where, step), validationErrors: error.validationErrors ?? [], done, ...about });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new DeployError({ step: label, reason, advice: adviceFor(error, where, step), done, ...about });
}

function emptyCounts(): DeployCounts {
  return { created: 0, cloned: 0, updated: 0, uploaded: 0, published: 0, deprecated: 0, templatesCreated: 0, flowsUnchanged: 0, templatesExisting: 0, templatesSkipped: 0 };
}

export function templateRequest(t: TemplateConfig, flowId: string, firstScreen: string | undefined) {
  const action = t.button.action ?? 'navigate';
  const screen = action === 'navigate' ? (t.button.screen ?? firstScreen) : undefined;
  return {
    name: t.name,
    language: t.language,
    category: t.category,
    components: [
      { type: 'BODY' as const, text: t.body },
      { type: 'BUTTONS' as const, buttons: [{ type: 'FLOW' as const, text: t.button.text, flowId, flowAction: action, ...(screen === undefined ? {} : { navigateScreen: screen }) }] },
    ],
  };
}

/**
 * Carries out a plan that is not blocked. The lock is rewritten after each flow and template that
 * changed, atomically; `onStep` hears each step start and finish. Throws DeployError on the first
 * failure, after recording what was done.
 */
export async function applyDeploy(prepared: Prepared, inspection: Inspection, client: ApiClient, onStep: (event: StepEvent) => void = () => undefined): Promise<DeployResult> {
  const { plan } = inspection;
  if (plan.blocked) throw new Error('applyDeploy: the plan is blocked; show plan.flows[].blocked instead');
  const envName = prepared.environment.name;
  const lock: Lockfile = structuredClone(prepared.lock);
  const before = serializeLock(lock);
  const envLock: EnvironmentLock = lock.environments[envName] ?? { flows: {}, templates: {} };
  lock.environments[envName] = envLock;
  let current = before;
  let lockWritten = false;
  const save = async (): Promise<void> => {
    const text = serializeLock(lock);
    if (text === current) return;
    await writeLock(prepared.project.dir, lock);
    current = text;
    lockWritten = true;
  };

  const counts = emptyCounts();
  const flowIds: Record<string, string> = Object.fromEntries(inspection.flowIds);
  const total = plan.changes;
  let index = 0;
  const where = prepared.environment.where;

  for (const flow of plan.flows) {
    const local = prepared.flows.find((f) => f.config.name === flow.name);
    if (local === undefined) continue;
    let id = flow.remote?.id;
    let status: FlowStatus | undefined = flow.remote?.status;
    let replaces = flow.replaces;
    let hash = flow.remote?.via === 'lock' ? envLock.flows[flow.name]?.hash : undefined;
    if (flow.steps.length === 0) counts.flowsUnchanged++;
    for (const step of flow.steps) {
      index++;
      const label = describeStep(flow, step, id);
      onStep({ index, total, label, phase: 'start' });
      let result = 'ok';
      try {
        switch (step.kind) {
          case 'create': {
            const created = await client.flows.create({
              name: step.name,
              categories: [...local.config.categories],
              ...(local.endpointUri === undefined ? {} : { endpointUri: local.endpointUri }),
              ...(step.cloneFrom === undefined ? {} : { cloneFlowId: step.cloneFrom }),
            });
            id = created.id;
            status = 'DRAFT';
            hash = undefined;
            if (step.cloneFrom !== undefined) counts.cloned++;
            else counts.created++;
            result = `id ${id}`;
            break;
          }
          case 'update':
            await client.flows.update(id ?? '', { ...(step.categories === undefined ? {} : { categories: [...step.categories] }), ...(step.endpointUri === undefined ? {} : { endpointUri: step.endpointUri }) });
            counts.updated++;
            break;
          case 'upload': {
            const uploaded = await client.flows.uploadJson(id ?? '', local.text);
            const errors = uploaded.validationErrors.filter(isBlockingValidationError);
            if (errors.length > 0) {
              throw new DeployError({
                step: label,
                reason: `the platform found ${errors.length} error(s) in ${flow.file}; flow ${id ?? ''} keeps them until a corrected upload`,
                advice: adviceFor(undefined, where, step),
                validationErrors: errors,
                done: index - 1,
                file: flow.file,
              });
            }
            hash = local.hash;
            counts.uploaded++;
            break;
          }
          case 'publish':
            await client.flows.publish(id ?? '');
            status = 'PUBLISHED';
            counts.published++;
            break;
          case 'deprecate':
            await client.flows.deprecate(step.id);
            if (replaces === step.id) replaces = undefined;
            counts.deprecated++;
            break;
        }
      } catch (error) {
        // Keep what the platform now holds: a created flow is found by name next time anyway, an
        // uploaded one is not uploaded again.
        if (id !== undefined && hash !== undefined) {
          envLock.flows[flow.name] = { id, name: flow.newName ?? flow.remote?.name ?? flow.name, hash, ...(status === undefined ? {} : { status }), ...(replaces === undefined ? {} : { replaces }) };
          await save();
        }
        throw toDeployError(error, label, where, step, index - 1, flow.file);
      }
      onStep({ index, total, label, phase: 'done', result });
    }
    if (id !== undefined) {
      flowIds[flow.name] = id;
      // An unchanged flow found by name is adopted with the local hash: its JSON was either
      // compared equal, or could not be compared (a published flow is taken as it is).
      envLock.flows[flow.name] = {
        id,
        name: flow.newName !== undefined && flow.steps.some((s) => s.kind === 'create') ? flow.newName : (flow.remote?.name ?? flow.name),
        hash: hash ?? local.hash,
        ...(status === undefined ? {} : { status }),
        ...(replaces === undefined ? {} : { replaces }),
      };
      await save();
    }
  }

  for (const template of plan.templates) {
    if (template.outcome === 'skipped') counts.templatesSkipped++;
    if (template.outcome === 'exists') {
      counts.templatesExisting++;
      const key = templateKey(template.name, template.language);
      if (envLock.templates[key] === undefined) {
        envLock.templates[key] = { name: template.name, language: template.language, ...(template.id === undefined ? {} : { id: template.id }) };
        await save();
      }
    }
    if (template.outcome !== 'create') continue;
    await createTemplate(template);
  }
  return { counts, flowIds, lockWritten };

  async function createTemplate(template: TemplatePlan): Promise<void> {
    const config = (prepared.project.config.templates ?? []).find((t) => t.name === template.name && t.language === template.language);
    const flow = prepared.flows.find((f) => f.config.name === template.flow);
    const flowId = flowIds[template.flow];
    if (config === undefined || flow === undefined) return;
    index++;
    const label = `create template ${template.name} (${template.language}) with a FLOW button to "${template.flow}"`;
    onStep({ index, total, label, phase: 'start' });
    if (flowId === undefined) throw new DeployError({ step: label, reason: `flow "${template.flow}" has no id in this environment`, advice: 'deploy the flow first', done: index - 1 });
    try {
      const created = await client.templates.create(templateRequest(config, flowId, flow.firstScreen));
      envLock.templates[templateKey(template.name, template.language)] = { id: created.id, name: template.name, language: template.language, flowId };
      await save();
      counts.templatesCreated++;
      onStep({ index, total, label, phase: 'done', result: `id ${created.id}, ${created.status}` });
    } catch (error) {
      throw toDeployError(error, label, where, 'template', index - 1);
    }
  }
}

/** A client for the environment (createClient's own checks become EnvironmentErrors). */
export function clientFor(environment: ResolvedEnvironment, make: (options: ResolvedEnvironment['options']) => ApiClient = createClient): ApiClient {
  try {
    return make(environment.options);
  } catch (error) {
    if (error instanceof ApiClientError) throw new EnvironmentError(`environment "${environment.name}": ${error.message}`);
    throw error;
  }
}
