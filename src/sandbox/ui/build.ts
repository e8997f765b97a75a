// Builds ui/dist with Vite when it is missing or older than its sources (the app, and the runtime
// and validator it bundles), for tests and `waflow dev` in a fresh checkout. Vite is a
// devDependency: it is imported only when a build is needed. An installed package ships ui/dist
// built (prepack) and no ui/src, so there it never builds: it serves what it has.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_UI_DIST } from './static.js';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const UI_ROOT = join(REPO, 'ui');
/** What the bundle is made of. */
const SOURCES = [join(UI_ROOT, 'src'), join(UI_ROOT, 'index.html'), join(UI_ROOT, 'vite.config.ts'), join(REPO, 'src', 'runtime'), join(REPO, 'src', 'flow-json')];

export function uiBuilt(distDir: string = DEFAULT_UI_DIST): boolean {
  return existsSync(join(distDir, 'index.html'));
}

/** The newest modification time under the given files and folders (tests excluded). */
export function newestSource(paths: readonly string[] = SOURCES): number {
  let newest = 0;
  const visit = (path: string): void => {
    let info;
    try {
      info = statSync(path);
    } catch {
      return;
    }
    if (info.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else if (!path.endsWith('.test.ts')) {
      newest = Math.max(newest, info.mtimeMs);
    }
  };
  for (const p of paths) visit(p);
  return newest;
}

/** Whether ui/dist is missing or older than a source file. */
export function uiStale(distDir: string = DEFAULT_UI_DIST): boolean {
  if (!uiBuilt(distDir)) return true;
  return statSync(join(distDir, 'index.html')).mtimeMs < newestSource();
}

/** Runs `vite build` on ui/ (offline) when ui/dist is missing or stale, or when `force` is set. */
/** A checkout has the app's sources; an installed package has only its build. */
export function isCheckout(): boolean {
  return existsSync(join(UI_ROOT, 'src'));
}

export async function ensureUiBuilt(options: { force?: boolean } = {}): Promise<{ built: boolean; distDir: string }> {
  if (!isCheckout()) return { built: false, distDir: DEFAULT_UI_DIST };
  if (options.force !== true && !uiStale()) return { built: false, distDir: DEFAULT_UI_DIST };
  // Test workers may get here together: one builds, the others wait and find it fresh.
  await acquireLock();
  try {
    if (options.force !== true && !uiStale()) return { built: false, distDir: DEFAULT_UI_DIST };
    const vite = await import('vite');
    await vite.build({ configFile: join(UI_ROOT, 'vite.config.ts'), logLevel: 'warn' });
    if (!uiBuilt()) throw new Error(`vite build finished but ${DEFAULT_UI_DIST}/index.html is missing`);
    return { built: true, distDir: DEFAULT_UI_DIST };
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/** Runs `work` holding the checkout's build lock: one Vite build at a time across test workers. */
export async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  await acquireLock();
  try {
    return await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

// Under node_modules (ignored by git), beside the packages the build needs.
const LOCK = join(REPO, 'node_modules', '.waflow-ui-build-lock');
const LOCK_STALE_MS = 120_000;

async function acquireLock(): Promise<void> {
  const deadline = Date.now() + LOCK_STALE_MS;
  for (;;) {
    try {
      mkdirSync(LOCK); // atomic: fails while another process holds it
      return;
    } catch (error) {
      // No node_modules/ to hold the lock: make it, or the loop below would never end.
      if ((error as { code?: string }).code === 'ENOENT') {
        mkdirSync(dirname(LOCK), { recursive: true });
        continue;
      }
      let age = 0;
      try {
        age = Date.now() - statSync(LOCK).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      if (age > LOCK_STALE_MS || Date.now() > deadline) rmSync(LOCK, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
