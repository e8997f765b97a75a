// What the `waflow flows` verbs share: opening an environment that manages flows, finding the flow a
// NAME|ID names (and whether the project knows it), validation errors as `waflow validate` prints
// them, and recording a status change in waflow.lock.json.
import { relative, resolve } from 'node:path';
import type { ApiClient } from '../../../api/client.js';
import type { FetchLike } from '../../../api/client/options.js';
import { isBlockingValidationError } from '../../../api/contract/flows.js';
import type { FlowStatus } from '../../../api/contract/flows.js';
import { EXIT_FAILED, EXIT_USAGE } from '../../command.js';
import { LOCK_FILE, readLock, writeLock } from '../../../project/lock.js';
import type { LockedFlow } from '../../../project/lock.js';
import type { FlowConfig } from '../../../project/types.js';
import { VerbError, asVerbError, openEnvironment, resolveFlowId, usageError } from '../../verb.js';
import type { EnvironmentDependencies, OpenedEnvironment, VerbRun } from '../../verb.js';

export interface FlowsDependencies extends EnvironmentDependencies {
  /** Fetches a Flow JSON asset's download_url (tests pass their own); default the global fetch. */
  readonly fetch?: FetchLike;
}

export const COMMON_USAGE = '[--env NAME] [--json] [--config FILE]';

export const COMMON_HELP = `common options:
  --env NAME        the environment (default: "defaultEnvironment" of the config, else "sandbox",
                    else the only one; without a project file, the \`sandbox\` of \`waflow init\`,
                    i.e. \`waflow dev\` through WAFLOW_SANDBOX_URL and the D360_* variables it prints)
  --json            one JSON document on stdout instead of text
  --config FILE     the project file (default: waflow.config.json in this folder or one above)

exit status: 0 done, 1 refused or failed on the platform, 2 usage, config or environment error
`;

export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

/** Opens the environment and checks that it manages flows, before any request. */
export async function openFlows(run: VerbRun, deps: FlowsDependencies): Promise<OpenedEnvironment> {
  const opened = await openEnvironment(run, deps);
  const env = opened.environment;
  if (!env.flows) {
    throw new VerbError(EXIT_USAGE, 'environment', `environment "${env.name}" (${env.provider}) cannot manage flows: 360dialog's Messaging API has no flow management, only its Partner API has.`, {
      advice: `add "partner" credentials (baseUrl, partnerId, wabaAccountId, apiKeyEnv) to environment "${env.name}" in the config, or use an environment with provider "360dialog-partner" or "meta".`,
    });
  }
  return opened;
}

/** The one NAME|ID a verb takes. */
export function flowArgument(run: VerbRun, usage: string): string {
  const [first, ...rest] = run.args.positionals;
  if (first === undefined || first === '') throw usageError(`name a flow: ${usage}`);
  if (rest.length > 0) throw usageError(`one flow at a time; got ${run.args.positionals.length} arguments`);
  return first;
}

/** A flow of the environment, and the project's entry for it when the project has one. */
export interface FlowRef {
  readonly id: string;
  /** Its name on the platform, when known. */
  readonly name: string | undefined;
  /** The config's flow (by name, or by the id the lock records for it). */
  readonly config: FlowConfig | undefined;
  /** What waflow.lock.json records for it in this environment. */
  readonly locked: LockedFlow | undefined;
}

/** The project's flow with this id or name; none without a project file. */
export function projectFlow(opened: OpenedEnvironment, id: string, names: readonly (string | undefined)[]): Pick<FlowRef, 'config' | 'locked'> {
  if (opened.project.loaded === undefined) return { config: undefined, locked: undefined };
  const flows = opened.project.config.flows;
  const byLock = Object.entries(opened.lock.flows).find(([, entry]) => entry.id === id);
  const config = byLock !== undefined ? flows.find((f) => f.name === byLock[0]) : flows.find((f) => names.includes(f.name));
  // The lock entry counts only when it is this flow's (a stale one names another id).
  const locked = byLock?.[1] ?? (config === undefined ? undefined : opened.lock.flows[config.name]);
  return { config, locked: locked?.id === id ? locked : undefined };
}

/** Finds the flow NAME|ID names: lock, then the platform's list (see resolveFlowId). */
export async function findFlow(opened: OpenedEnvironment, nameOrId: string): Promise<FlowRef> {
  const found = await resolveFlowId(opened, nameOrId);
  return { id: found.id, name: found.name, ...projectFlow(opened, found.id, [nameOrId, found.name]) };
}

/** A platform call, its failure turned into the platform's words and what to do. */
export async function call<T>(opened: OpenedEnvironment, doing: string, work: (client: ApiClient) => Promise<T>): Promise<T> {
  try {
    return await work(opened.client);
  } catch (error) {
    throw asVerbError(error, doing, opened.environment.where);
  }
}

/** How a flow is named in messages: `"Name" (id)`. */
export function flowLabel(ref: { id: string; name?: string | undefined }): string {
  return ref.name === undefined || ref.name === '' ? `flow ${ref.id}` : `flow "${ref.name}" (${ref.id})`;
}

/** A flow name as a shell argument: quoted when it holds more than letters, digits and ._-@/. */
export function shellArg(text: string): string {
  return /^[\w.@/-]+$/.test(text) ? text : `"${text.replace(/["\\$`]/g, (c) => `\\${c}`)}"`;
}

/** A file name from a flow name: what `pull` writes when the project does not name a file. */
export function fileNameFor(name: string): string {
  const base = name.replace(/[^\w.-]+/g, '-').replace(/^[-.]+|-+$/g, '');
  return `${base === '' ? 'flow' : base}.json`;
}

/** Where the flow's JSON lives locally, relative to the working folder (for line:col links). */
export function localLabel(run: VerbRun, opened: OpenedEnvironment, ref: Pick<FlowRef, 'config' | 'name' | 'id'>): string {
  if (ref.config !== undefined) return relative(run.io.cwd, resolve(opened.project.dir, ref.config.file)) || ref.config.file;
  return fileNameFor(ref.name ?? ref.id);
}

export interface ValidationEntry {
  error?: string;
  errorType?: string;
  message?: string;
  lineStart?: number;
  columnStart?: number;
}

/** Counts blocking errors and warnings (FLOW_JSON_WARNING entries do not block publishing). */
export function countValidation(entries: readonly ValidationEntry[]): { errors: number; warnings: number } {
  const errors = entries.filter((e) => isBlockingValidationError(e)).length;
  return { errors, warnings: entries.length - errors };
}

/** `file:line:column severity code message`, as `waflow validate` prints a diagnostic. */
export function validationLines(file: string, entries: readonly ValidationEntry[], indent = '  '): string[] {
  return entries.map((e) => {
    const at = e.lineStart === undefined ? '' : `:${e.lineStart}:${e.columnStart ?? 1}`;
    const severity = isBlockingValidationError(e) ? 'error' : 'warning';
    return `${indent}${file}${at} ${severity} ${e.error ?? 'ERROR'} ${e.message ?? ''}`.trimEnd();
  });
}

/**
 * Records a change of a flow the lock knows (by id) in waflow.lock.json: its new status, or its
 * removal. The lock is read again just before the atomic write, so nothing else is lost.
 * Answers the lock's name for it when something was written.
 */
export async function updateLock(run: VerbRun, opened: OpenedEnvironment, id: string, change: { status: FlowStatus } | 'remove'): Promise<string | undefined> {
  if (opened.project.loaded === undefined) return undefined;
  const dir = opened.project.dir;
  try {
    const { lock, warning } = await readLock(dir);
    if (warning !== undefined) return undefined;
    const flows = lock.environments[opened.environment.name]?.flows;
    const entry = flows === undefined ? undefined : Object.entries(flows).find(([, f]) => f.id === id);
    if (flows === undefined || entry === undefined) return undefined;
    const [key, flow] = entry;
    if (change === 'remove') delete flows[key];
    else if (flow.status === change.status) return undefined;
    else flows[key] = { ...flow, status: change.status };
    await writeLock(dir, lock);
    return key;
  } catch (error) {
    // The platform has changed already; a lock that could not be written is found again by name.
    run.note(`warning: ${LOCK_FILE} was not updated: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** A refusal of the platform's lifecycle rules (publish, deprecate, delete). */
export function refused(kind: string, message: string, advice: string, details: Record<string, unknown> = {}): VerbError {
  return new VerbError(EXIT_FAILED, kind, message, { advice, details });
}
