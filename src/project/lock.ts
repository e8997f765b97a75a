// waflow.lock.json, next to the config: per environment, the id each flow got on the platform and
// the hash of the Flow JSON last uploaded there, and the templates created. It is a cache of what
// deploy did: a missing or stale entry is found again by name. Written atomically (a temp file in
// the same folder, then a rename), with sorted keys, so it diffs well in a repository.
import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FlowStatus } from '../api/contract/flows.js';

export const LOCK_FILE = 'waflow.lock.json';
export const LOCKFILE_VERSION = 1;

export interface LockedFlow {
  /** The flow's id in this environment. */
  id: string;
  /** Its name there (a clone is called "Name v2"). */
  name: string;
  /** `sha256:<hex>` of the Flow JSON last uploaded to it. */
  hash: string;
  /** Its status when deploy last saw it. */
  status?: FlowStatus;
  /** A DRAFT made by --clone-as-new: the published flow it replaces, deprecated once this one is published. */
  replaces?: string;
}

export interface LockedTemplate {
  id?: string;
  name: string;
  language: string;
  /** The flow id of its FLOW button. */
  flowId?: string;
}

export interface EnvironmentLock {
  /** By the flow's name in the config. */
  flows: Record<string, LockedFlow>;
  /** By `name/language`. */
  templates: Record<string, LockedTemplate>;
}

export interface Lockfile {
  lockfileVersion: typeof LOCKFILE_VERSION;
  environments: Record<string, EnvironmentLock>;
}

export function emptyLock(): Lockfile {
  return { lockfileVersion: LOCKFILE_VERSION, environments: {} };
}

export function environmentLock(lock: Lockfile, name: string): EnvironmentLock {
  return lock.environments[name] ?? { flows: {}, templates: {} };
}

/** The hash deploy compares: sha-256 of the file's exact text. */
export function flowHash(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

export function templateKey(name: string, language: string): string {
  return `${name}/${language}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (v: unknown): v is string => typeof v === 'string' && v !== '';

/** Keeps the well-formed entries of a parsed lock; anything else is dropped (it is only a cache). */
function sanitize(value: unknown): Lockfile | undefined {
  if (!isRecord(value) || value.lockfileVersion !== LOCKFILE_VERSION || !isRecord(value.environments)) return undefined;
  const lock = emptyLock();
  for (const [env, entry] of Object.entries(value.environments)) {
    if (!isRecord(entry)) continue;
    const out: EnvironmentLock = { flows: {}, templates: {} };
    for (const [name, f] of Object.entries(isRecord(entry.flows) ? entry.flows : {})) {
      if (!isRecord(f) || !str(f.id) || !str(f.name) || !str(f.hash)) continue;
      out.flows[name] = {
        id: f.id,
        name: f.name,
        hash: f.hash,
        ...(str(f.status) ? { status: f.status as FlowStatus } : {}),
        ...(str(f.replaces) ? { replaces: f.replaces } : {}),
      };
    }
    for (const [key, t] of Object.entries(isRecord(entry.templates) ? entry.templates : {})) {
      if (!isRecord(t) || !str(t.name) || !str(t.language)) continue;
      out.templates[key] = { name: t.name, language: t.language, ...(str(t.id) ? { id: t.id } : {}), ...(str(t.flowId) ? { flowId: t.flowId } : {}) };
    }
    lock.environments[env] = out;
  }
  return lock;
}

export interface ReadLock {
  readonly lock: Lockfile;
  /** Set when a lock file exists but could not be used (it is then ignored and rewritten). */
  readonly warning?: string;
}

/** Reads the lock of a project folder; no file is an empty lock. */
export async function readLock(dir: string): Promise<ReadLock> {
  let text: string;
  try {
    text = await readFile(join(dir, LOCK_FILE), 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return { lock: emptyLock() };
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { lock: emptyLock(), warning: `${LOCK_FILE} is not valid JSON: ignored (flows are found by name) and rewritten after the deploy.` };
  }
  const lock = sanitize(parsed);
  if (lock === undefined) return { lock: emptyLock(), warning: `${LOCK_FILE} is not a lockfileVersion ${LOCKFILE_VERSION} lock: ignored (flows are found by name) and rewritten after the deploy.` };
  return { lock };
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sorted(value[k])]),
  );
}

/** The lock as written: sorted keys, two-space indent, a final newline. */
export function serializeLock(lock: Lockfile): string {
  const { lockfileVersion, environments } = lock;
  return `${JSON.stringify({ lockfileVersion, environments: sorted(environments) }, null, 2)}\n`;
}

/** Writes the lock atomically: a reader sees the old file or the new one, never half of one. */
export async function writeLock(dir: string, lock: Lockfile): Promise<void> {
  const target = join(dir, LOCK_FILE);
  const temp = join(dir, `.${LOCK_FILE}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, serializeLock(lock), 'utf8');
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
