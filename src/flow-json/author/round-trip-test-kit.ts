// Runs TypeScript that convert wrote: bundles it with esbuild (the builders resolved to this
// repository's src) into a temporary folder and imports it. For tests only.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** The builders' entry, for flowJsonToTs({ importFrom }) in tests. */
export const AUTHOR_ENTRY = resolve(import.meta.dirname, 'index.ts');

/** Imports each TypeScript module source (by name) and returns its exports. */
export async function loadModules(sources: ReadonlyMap<string, string>): Promise<Map<string, Record<string, unknown>>> {
  const dir = mkdtempSync(join(tmpdir(), 'waflow-author-'));
  try {
    const entries = [...sources].map(([name, text], i) => {
      const file = join(dir, `m${i}.ts`);
      writeFileSync(file, text);
      return { name, file };
    });
    await build({ entryPoints: entries.map((e) => e.file), bundle: true, format: 'esm', platform: 'node', outdir: join(dir, 'out'), outExtension: { '.js': '.mjs' }, logLevel: 'silent' });
    const out = new Map<string, Record<string, unknown>>();
    for (const [i, e] of entries.entries()) out.set(e.name, (await import(pathToFileURL(join(dir, 'out', `m${i}.mjs`)).href)) as Record<string, unknown>);
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
