// What a deploy will do, computed from what is known and nothing else (no I/O): the project's flows
// and templates, what the platform holds, and the lock. Per flow: create it, update its metadata,
// upload its JSON when the hash differs, publish it when asked; a published flow is immutable, so a
// change to one is refused unless --clone-as-new makes a new flow from it.
import type { FlowCategory, FlowStatus } from '../api/contract/flows.js';
import type { TemplateConfig } from './types.js';

/** A flow of the project, read from disk. */
export interface LocalFlow {
  readonly name: string;
  readonly file: string;
  readonly hash: string;
  readonly categories: readonly FlowCategory[];
  /** With `${VAR}` filled in. */
  readonly endpointUri?: string;
}

/** The flow on the platform that stands for a local flow. */
export interface RemoteFlow {
  readonly id: string;
  readonly name: string;
  readonly status: FlowStatus;
  readonly categories: readonly FlowCategory[];
  readonly endpointUri?: string;
  /** The hash of its Flow JSON: from the lock when the lock names this id, or from its asset; undefined when unknown. */
  readonly hash?: string;
  /** How it was found: by the lock's id, or by name with flows.list(). */
  readonly via: 'lock' | 'name';
  /** A published flow this draft replaces (made by --clone-as-new): deprecated once this one is published. */
  readonly replaces?: string;
}

export interface FlowState {
  readonly local: LocalFlow;
  readonly remote?: RemoteFlow;
  /** The lock named this id and the platform has no such flow. */
  readonly staleLockId?: string;
}

export interface ExistingTemplate {
  readonly id?: string;
  readonly status?: string;
  /** The flow id of its FLOW button, when the platform says. */
  readonly flowId?: string;
}

export interface TemplateState {
  readonly config: TemplateConfig;
  readonly existing?: ExistingTemplate;
}

export interface PlanOptions {
  readonly publish: boolean;
  readonly cloneAsNew: boolean;
}

export interface PlanInput {
  readonly flows: readonly FlowState[];
  readonly templates: readonly TemplateState[];
  /** Every flow name on the platform account (flow names are unique, deprecated ones included). */
  readonly takenNames: readonly string[];
  /** False for a provider without a template API (the Partner API alone). */
  readonly templatesSupported: boolean;
  readonly options: PlanOptions;
}

export type FlowStep =
  | { readonly kind: 'create'; readonly name: string; readonly cloneFrom?: string }
  | { readonly kind: 'update'; readonly categories?: readonly FlowCategory[]; readonly endpointUri?: string }
  | { readonly kind: 'upload' }
  | { readonly kind: 'publish' }
  | { readonly kind: 'deprecate'; readonly id: string };

export type FlowOutcome = 'create' | 'clone' | 'change' | 'unchanged' | 'blocked';

export interface FlowPlan {
  readonly name: string;
  readonly file: string;
  readonly hash: string;
  readonly remote?: { readonly id: string; readonly name: string; readonly status: FlowStatus; readonly via: 'lock' | 'name' };
  readonly outcome: FlowOutcome;
  readonly steps: readonly FlowStep[];
  /** What differs, in words: "Flow JSON changed", "categories SURVEY → SURVEY, OTHER". */
  readonly changes: readonly string[];
  readonly notes: readonly string[];
  /** Why this flow cannot be deployed as asked (a change to a published flow without --clone-as-new). */
  readonly blocked?: string;
  /** The name a new flow for it would get ("Feedback v2" when "Feedback" is taken). */
  readonly newName?: string;
  /** A DRAFT that replaces a published flow: kept in the lock until that one is deprecated. */
  readonly replaces?: string;
}

export interface TemplatePlan {
  readonly name: string;
  readonly language: string;
  readonly flow: string;
  readonly outcome: 'create' | 'exists' | 'skipped';
  readonly id?: string;
  readonly notes: readonly string[];
}

export interface DeployPlan {
  readonly flows: readonly FlowPlan[];
  readonly templates: readonly TemplatePlan[];
  /** Some flow cannot be deployed as asked: nothing is done. */
  readonly blocked: boolean;
  /** How many platform calls that change something the plan makes (0: nothing to do). */
  readonly changes: number;
}

/** `base` when free, else `base v2`, `base v3`... (flow names are unique per account, deprecated ones too). */
export function nextFlowName(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) {
    const name = `${base} v${n}`;
    if (!taken.includes(name)) return name;
  }
}

/** The version a remote name gives a config name: 1 for the name itself, n for "name vn", else undefined. */
export function nameVersion(base: string, remoteName: string): number | undefined {
  if (remoteName === base) return 1;
  if (!remoteName.startsWith(`${base} v`)) return undefined;
  const rest = remoteName.slice(base.length + 2);
  return /^[1-9]\d{0,5}$/.test(rest) ? Number(rest) : undefined;
}

const list = (items: readonly string[]): string => (items.length === 0 ? '(none)' : [...items].sort().join(', '));

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function planFlow(state: FlowState, input: PlanInput, taken: string[]): FlowPlan {
  const { local, remote } = state;
  const { publish, cloneAsNew } = input.options;
  const base = { name: local.name, file: local.file, hash: local.hash };
  const notes: string[] = [];
  if (state.staleLockId !== undefined) notes.push(`the lock's flow ${state.staleLockId} no longer exists on the platform`);

  const fresh = (reason?: string): FlowPlan => {
    const name = nextFlowName(local.name, taken);
    taken.push(name);
    if (reason !== undefined) notes.push(reason);
    const steps: FlowStep[] = [{ kind: 'create', name }, { kind: 'upload' }, ...(publish ? [{ kind: 'publish' } as const] : [])];
    return { ...base, outcome: 'create', steps, changes: [], notes, newName: name };
  };
  if (remote === undefined) return fresh();

  const where = { id: remote.id, name: remote.name, status: remote.status, via: remote.via };
  if (remote.via === 'name') notes.push(`found by name${remote.name === local.name ? '' : ` as "${remote.name}"`} (not in the lock)`);
  if (remote.status === 'DEPRECATED') {
    return { ...fresh(`flow ${remote.id} ("${remote.name}") is DEPRECATED and can no longer change: a new flow is created`), remote: where };
  }

  const jsonChanged = remote.hash === undefined ? undefined : remote.hash !== local.hash;
  const categoriesChanged = !sameSet(remote.categories, local.categories);
  const endpointChanged = local.endpointUri !== undefined && remote.endpointUri !== local.endpointUri;
  const changes: string[] = [];
  if (jsonChanged === true) changes.push(`Flow JSON changed (${local.file})`);
  if (categoriesChanged) changes.push(`categories ${list(remote.categories)} → ${list(local.categories)}`);
  if (endpointChanged) changes.push(`endpointUri ${remote.endpointUri ?? '(none)'} → ${local.endpointUri ?? '(none)'}`);

  if (remote.status === 'DRAFT') {
    const steps: FlowStep[] = [];
    if (categoriesChanged || endpointChanged) {
      steps.push({
        kind: 'update',
        ...(categoriesChanged ? { categories: local.categories } : {}),
        ...(endpointChanged && local.endpointUri !== undefined ? { endpointUri: local.endpointUri } : {}),
      });
    }
    if (jsonChanged !== false) {
      if (jsonChanged === undefined) notes.push('its Flow JSON could not be compared: uploaded again');
      steps.push({ kind: 'upload' });
    }
    if (publish) {
      steps.push({ kind: 'publish' });
      if (remote.replaces !== undefined) steps.push({ kind: 'deprecate', id: remote.replaces });
    } else if (remote.replaces !== undefined) {
      notes.push(`replaces published flow ${remote.replaces}: deploy --publish publishes this one and deprecates that one`);
    }
    return { ...base, remote: where, outcome: steps.length === 0 ? 'unchanged' : 'change', steps, changes, notes, ...(remote.replaces === undefined ? {} : { replaces: remote.replaces }) };
  }

  // PUBLISHED (or BLOCKED/THROTTLED, which are published flows the platform limits): immutable.
  if (jsonChanged === undefined) notes.push('its Flow JSON could not be compared (no lock entry, no readable asset): taken as it is');
  if (changes.length === 0) return { ...base, remote: where, outcome: 'unchanged', steps: [], changes, notes };
  const newName = nextFlowName(local.name, taken);
  if (!cloneAsNew) {
    const blocked =
      `flow ${remote.id} ("${remote.name}") is ${remote.status}, and a published flow is immutable: its Flow JSON, categories and endpoint can no longer change ` +
      `(changed here: ${changes.join('; ')}). Deploy it as a new flow with --clone-as-new: it creates "${newName}" from flow ${remote.id} with these changes; ` +
      `with --publish as well, it publishes "${newName}" and then deprecates flow ${remote.id}.`;
    return { ...base, remote: where, outcome: 'blocked', steps: [], changes, notes, blocked, newName };
  }
  taken.push(newName);
  const steps: FlowStep[] = [{ kind: 'create', name: newName, cloneFrom: remote.id }, { kind: 'upload' }];
  if (publish) steps.push({ kind: 'publish' }, { kind: 'deprecate', id: remote.id });
  else notes.push(`flow ${remote.id} stays published until deploy --publish publishes "${newName}" and deprecates it`);
  return { ...base, remote: where, outcome: 'clone', steps, changes, notes, newName, ...(publish ? {} : { replaces: remote.id }) };
}

function planTemplate(state: TemplateState, input: PlanInput, flows: readonly FlowPlan[]): TemplatePlan {
  const { config, existing } = state;
  const base = { name: config.name, language: config.language, flow: config.button.flow };
  if (!input.templatesSupported) {
    return { ...base, outcome: 'skipped', notes: ['this provider has no template API: create templates from a "360dialog" or "meta" environment'] };
  }
  const flow = flows.find((f) => f.name === config.button.flow);
  if (existing !== undefined) {
    const notes: string[] = [];
    const now = flow?.remote?.id;
    const replaced = flow !== undefined && flow.steps.some((s) => s.kind === 'create');
    if (existing.status !== undefined) notes.push(existing.status);
    if (existing.flowId !== undefined && ((now !== undefined && existing.flowId !== now) || replaced)) {
      notes.push(`its FLOW button opens flow ${existing.flowId}; a template cannot be edited: add one with a new name to send the new flow`);
    }
    return { ...base, outcome: 'exists', ...(existing.id === undefined ? {} : { id: existing.id }), notes };
  }
  return { ...base, outcome: 'create', notes: [] };
}

/** The plan of a deploy. Pure: the same input always gives the same plan. */
export function computePlan(input: PlanInput): DeployPlan {
  const taken = [...input.takenNames];
  const flows = input.flows.map((state) => planFlow(state, input, taken));
  const templates = input.templates.map((state) => planTemplate(state, input, flows));
  const blocked = flows.some((f) => f.blocked !== undefined);
  const changes = flows.reduce((n, f) => n + f.steps.length, 0) + templates.filter((t) => t.outcome === 'create').length;
  return { flows, templates, blocked, changes };
}
