// The package as a user gets it: build dist/ and the browser app, `npm pack`, and install the
// tarball into fresh projects outside the repository (in the system's temporary folder, so no
// node_modules/ of the repository is on their resolution path). Built once per content of the
// sources and reused, so the suites that need it share one build even when they run in parallel
// workers: one builds under a lock, the others wait for it.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ensureUiBuilt } from '../src/sandbox/ui/index.js';

const run = promisify(execFile);
export const REPO = fileURLToPath(new URL('..', import.meta.url));
const CACHE = join(tmpdir(), 'waflow-packed');

export interface PackedProject {
  /** The `npm pack` tarball. */
  tarball: string;
  /** A project with only the tarball installed: what `npm install waflow` gives. */
  lean: string;
  /** A project with the tarball and the optional peers and types a full app would add. */
  full: string;
}

/** What the full project adds: the versions this repository tests with, so the npm cache has them. */
const FULL_EXTRAS = ['@electric-sql/pglite', '@types/node', '@types/express', 'express', 'fastify', 'hono', '@hono/node-server', 'pg', 'redis', 'playwright-core', '@modelcontextprotocol/server'];

function installedVersion(name: string): string {
  const pkg = JSON.parse(readFileSync(join(REPO, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** Everything that can change the tarball. */
function contentHash(): string {
  const hash = createHash('sha256');
  const visit = (path: string): void => {
    const info = statSync(path);
    if (info.isDirectory()) {
      for (const entry of readdirSync(path).sort()) if (entry !== 'node_modules' && entry !== 'dist') visit(join(path, entry));
      return;
    }
    hash.update(relative(REPO, path)).update('\0').update(readFileSync(path)).update('\0');
  };
  for (const path of ['src', 'ui/src', 'ui/index.html', 'ui/vite.config.ts', 'ui/vite.preview.config.ts', 'bin', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'docs/testing.md']) {
    if (existsSync(join(REPO, path))) visit(join(REPO, path));
  }
  return hash.digest('hex').slice(0, 16);
}

async function npm(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run('npm', args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
  return stdout;
}

async function makeProject(dir: string, tarball: string, extras: readonly string[]): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`);
  const specs = extras.map((name) => `${name}@${installedVersion(name)}`);
  await npm(['install', '--prefer-offline', '--no-package-lock', tarball, ...specs], dir);
}

async function build(target: string): Promise<PackedProject> {
  await ensureUiBuilt();
  await npm(['run', 'build:lib'], REPO);
  // build:lib empties dist, so the <waflow-phone> bundle (waflow/preview) is built after it.
  await npm(['run', 'build:preview'], REPO);
  mkdirSync(target, { recursive: true });
  // The build ran above; --ignore-scripts keeps prepack from building a second time.
  const packed = JSON.parse(await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', target], REPO)) as { filename: string }[];
  const tarball = join(target, packed[0]?.filename ?? '');
  const project: PackedProject = { tarball, lean: join(target, 'lean'), full: join(target, 'full') };
  await makeProject(project.lean, tarball, []);
  await makeProject(project.full, tarball, FULL_EXTRAS);
  writeFileSync(join(target, 'ready.json'), JSON.stringify(project));
  return project;
}

const STALE_LOCK_MS = 10 * 60_000;

async function withLock<T>(lock: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than any build is left by a killed run.
      let age = 0;
      try {
        age = Date.now() - statSync(lock).mtimeMs;
      } catch {
        continue;
      }
      if (age > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`waited 10 minutes for ${lock}`);
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

let memo: Promise<PackedProject> | undefined;

/** The packed and installed package for the current sources (built at most once per content). */
export function packedProject(): Promise<PackedProject> {
  memo ??= (async () => {
    mkdirSync(CACHE, { recursive: true });
    const hash = contentHash();
    const target = join(CACHE, hash);
    const ready = join(target, 'ready.json');
    return withLock(join(CACHE, 'lock'), async () => {
      if (existsSync(ready)) return JSON.parse(readFileSync(ready, 'utf8')) as PackedProject;
      // Builds of other sources are dropped once they are an hour old: a suite still running on
      // one (sources edited during a run) keeps it.
      for (const entry of readdirSync(CACHE)) {
        const path = join(CACHE, entry);
        if (entry !== 'lock' && Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
      }
      return build(target);
    });
  })();
  return memo;
}
