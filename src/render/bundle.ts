// The `<waflow-phone>` bundle that `waflow render` loads into Chromium. An installed package ships
// it built (dist/preview, by prepack); a checkout builds it with Vite when it is missing or older
// than its sources, under the same lock as the browser app's build.
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCheckout, newestSource, withBuildLock } from '../sandbox/ui/build.js';

// src/render and dist/render are both two levels under the package root.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const PREVIEW_DIST = join(ROOT, 'dist', 'preview');
const BUNDLE = join(PREVIEW_DIST, 'index.js');
const CONFIG = join(ROOT, 'ui', 'vite.preview.config.ts');
/** What the bundle is made of: the element, the phone, the preview session, the runtime it runs. */
const SOURCES = [
  join(ROOT, 'ui', 'src', 'preview'),
  join(ROOT, 'ui', 'src', 'phone'),
  join(ROOT, 'ui', 'src', 'builder', 'usePreview.ts'),
  join(ROOT, 'ui', 'src', 'builder', 'preview-host.ts'),
  CONFIG,
  join(ROOT, 'src', 'runtime'),
  join(ROOT, 'src', 'flow-json'),
  join(ROOT, 'src', 'media'),
  join(ROOT, 'src', 'sandbox', 'phone'),
];

function stale(): boolean {
  return !existsSync(BUNDLE) || statSync(BUNDLE).mtimeMs < newestSource(SOURCES);
}

/** Builds dist/preview in a checkout when it is missing or stale (or `force`); never in an installed package. */
export async function ensurePreviewBuilt(options: { force?: boolean } = {}): Promise<{ built: boolean; file: string }> {
  if (!isCheckout() || (options.force !== true && !stale())) return { built: false, file: BUNDLE };
  return withBuildLock(async () => {
    // Another worker may have built it while this one waited for the lock.
    if (options.force !== true && !stale()) return { built: false, file: BUNDLE };
    const vite = await import('vite');
    await vite.build({ configFile: CONFIG, logLevel: 'warn' });
    if (!existsSync(BUNDLE)) throw new Error(`vite build finished but ${BUNDLE} is missing`);
    return { built: true, file: BUNDLE };
  });
}

/** The bundle's text, built first when needed. */
export async function previewBundle(): Promise<string> {
  const { file } = await ensurePreviewBuilt();
  if (!existsSync(file)) throw new Error(`the <waflow-phone> bundle is missing (${file}); in a checkout run \`npm run build:preview\`, or reinstall the package`);
  return readFile(file, 'utf8');
}
