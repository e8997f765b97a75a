// Test support: suites that need an embedded database start from a copy of one migrated PGlite
// folder instead of running initdb (WebAssembly, 3–6 s on a busy two-core machine) and every
// migration again. The template lives in the OS temp folder, keyed by the migrations' text and
// PGlite's version, so a changed migration or an upgraded PGlite builds a new one. Workers that
// start together build it side by side and the first rename wins; the others use the winner's.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadMigrations, migrate } from './migrate.js';
import { openPgliteStore } from './pglite.js';

/** Written last into a finished template: a folder without it is a build that did not finish. */
const READY = 'waflow-template-ready';

/** PGlite's version, from the package.json above its entry (the package does not export that file). */
function pgliteVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (name === '@electric-sql/pglite' && version !== undefined) return version;
    }
    const parent = dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}

function templateKey(): string {
  const hash = createHash('sha256').update(pgliteVersion());
  for (const m of loadMigrations()) hash.update(`\0${m.version}\0${m.name}\0${m.sql}`);
  return hash.digest('hex').slice(0, 16);
}

async function build(path: string): Promise<void> {
  const staging = mkdtempSync(`${path}.build-`);
  try {
    const store = await openPgliteStore(staging, undefined);
    try {
      await migrate(store);
    } finally {
      await store.close();
    }
    cpSync(join(staging, 'PG_VERSION'), join(staging, READY));
    renameSync(staging, path);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another worker renamed its build there first: theirs is as good as ours.
    if (existsSync(join(path, READY))) return;
    throw error;
  }
}

let pending: Promise<string> | undefined;

/** The migrated template folder, built on first use. */
export function pgliteTemplate(): Promise<string> {
  pending ??= (async () => {
    const path = join(tmpdir(), `waflow-pglite-template-${templateKey()}`);
    // The mark goes in before the rename, so a folder at `path` is always a finished one.
    if (!existsSync(join(path, READY))) await build(path);
    return path;
  })();
  return pending;
}

/**
 * Fills `dir` with a copy of the migrated template when it is missing or empty; a folder that holds
 * a database already (a sandbox restarted on its data) is left alone.
 */
export async function copyPgliteTemplate(dir: string): Promise<void> {
  if (existsSync(dir) && readdirSync(dir).length > 0) return;
  const template = await pgliteTemplate();
  cpSync(template, dir, { recursive: true, filter: (source) => !source.endsWith(READY) });
}
