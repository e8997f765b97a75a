// JSON → TypeScript → JSON on every example and on the real-flow corpus (when ../shared is there):
// the module convert writes, run, gives the original document back (modulo key order), and the
// validator reports the same codes for both.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../validate/index.js';
import { flowJsonToTs } from './convert.js';
import { toFlowJson } from './flow.js';
import type { AuthoredFlow } from './shape.js';
import { AUTHOR_ENTRY, loadModules } from './round-trip-test-kit.js';
import { formatProblems, typeCheck } from '../typegen/typecheck-test-kit.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const EXAMPLES = join(ROOT, 'examples');
const CORPUS = join(ROOT, '..', 'shared', 'corpus', 'flow-json-real', 'valid');

function exampleFiles(): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(EXAMPLES, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.json')) files.push(join(EXAMPLES, entry.name));
    if (entry.isDirectory() && existsSync(join(EXAMPLES, entry.name, 'flow.json'))) files.push(join(EXAMPLES, entry.name, 'flow.json'));
    // A folder of flows (examples/gallery); other JSON there (a package.json) is no flow.
    if (entry.isDirectory()) {
      for (const f of readdirSync(join(EXAMPLES, entry.name))) {
        const file = join(EXAMPLES, entry.name, f);
        if (f.endsWith('.json') && f !== 'flow.json' && Array.isArray((JSON.parse(readFileSync(file, 'utf8')) as { screens?: unknown }).screens)) files.push(file);
      }
    }
  }
  return files.sort();
}

const codes = (flow: unknown): string[] => validateFlow(flow).diagnostics.map((d) => `${d.code} ${d.pointer}`).sort();

async function roundTrip(files: readonly string[]): Promise<void> {
  const originals = new Map(files.map((f) => [f, JSON.parse(readFileSync(f, 'utf8')) as unknown]));
  const sources = new Map([...originals].map(([f, json]) => [f, flowJsonToTs(json, { name: 'converted', importFrom: AUTHOR_ENTRY, source: f })]));
  const modules = await loadModules(sources);
  for (const [file, original] of originals) {
    const back = toFlowJson(modules.get(file)!['converted'] as AuthoredFlow);
    expect(back, `${file}\n${sources.get(file)}`).toEqual(original);
    expect(codes(back), file).toEqual(codes(original));
  }
}

const corpusFiles = (): string[] => (existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.json')).map((f) => join(CORPUS, f)) : []);

describe('JSON → TypeScript → JSON', () => {
  it('gives back every example', async () => {
    const files = exampleFiles();
    expect(files.length).toBeGreaterThanOrEqual(9);
    await roundTrip(files);
  });

  it.skipIf(!existsSync(CORPUS))('gives back every flow of the real-flow corpus', async () => {
    const files = corpusFiles();
    expect(files.length).toBeGreaterThan(0);
    await roundTrip(files);
  });

  it('writes TypeScript that type-checks against the builders, for every example and corpus flow', () => {
    // In-memory modules beside this file, importing the builders as a project imports waflow/author.
    const overlay = new Map(
      [...exampleFiles(), ...corpusFiles()].map((f, i) => [
        join(import.meta.dirname, `converted-${i}.ts`),
        flowJsonToTs(JSON.parse(readFileSync(f, 'utf8')), { name: 'converted', importFrom: './index.js', source: f }),
      ]),
    );
    const problems = typeCheck([...overlay.keys()], overlay);
    expect(problems, formatProblems(problems)).toEqual([]);
  }, 120_000);
});
