// Where the cross-runtime tests get waflow from: a folder whose node_modules/waflow holds the
// compiled package. The one place to change when the source changes.
//   - packed (default): test/packed.ts builds dist/, packs the tarball and installs it into a
//     fresh project ("lean": the tarball alone), as a user gets it;
//   - source-bundle (WAFLOW_RUNTIMES_FROM=source, for quick iteration): esbuild compiles the two
//     subpaths under test from src/ into node_modules/.cache, laid out as the package would be;
//   - WAFLOW_RUNTIMES_FROM=/abs/path: a project already holding node_modules/waflow.
// Either way the result is a project of our own in os.tmpdir() whose node_modules links to the
// package, so the server scripts copied there import `waflow/endpoint` as a user's would,
// without writing into the shared packed project.
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { packedProject } from '../packed.js';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE = join(REPO, 'node_modules', '.cache', 'waflow-runtimes');

export interface RuntimeProject {
  /** Scratch folder in os.tmpdir(); remove it when done. */
  dir: string;
  /** The server scripts (test/runtimes/servers), next to a node_modules holding waflow. */
  servers: string;
  source: 'packed' | 'source-bundle' | 'given';
}

/** Compiles the four subpaths under test from src/, sharing chunks. */
async function bundleSources(): Promise<string> {
  const dir = join(CACHE, 'source-project');
  const pkg = join(dir, 'node_modules', 'waflow');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(pkg, { recursive: true });
  await build({
    entryPoints: {
      endpoint: join(REPO, 'src/endpoint/index.ts'),
      'data-channel': join(REPO, 'src/data-channel/index.ts'),
      'flow-json': join(REPO, 'src/flow-json/index.ts'),
      runtime: join(REPO, 'src/runtime/index.ts'),
    },
    outdir: join(pkg, 'dist'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    // Left as they are so the workerd bundle check sees any node: import the sources make.
    external: ['node:*'],
    logLevel: 'silent',
  });
  const exports = { './endpoint': './dist/endpoint.js', './data-channel': './dist/data-channel.js', './flow-json': './dist/flow-json.js', './runtime': './dist/runtime.js' };
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'waflow', version: '0.0.0-source', type: 'module', exports }));
  return dir;
}

export async function runtimeProject(): Promise<RuntimeProject> {
  const from = process.env.WAFLOW_RUNTIMES_FROM ?? '';
  const source: RuntimeProject['source'] = from === 'source' ? 'source-bundle' : isAbsolute(from) ? 'given' : 'packed';
  const installed = source === 'source-bundle' ? await bundleSources() : source === 'given' ? from : (await packedProject()).lean;
  const dir = mkdtempSync(join(tmpdir(), 'waflow-runtimes-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'waflow-runtimes', private: true, type: 'module' }));
  symlinkSync(join(installed, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const servers = join(dir, 'servers');
  cpSync(join(REPO, 'test', 'runtimes', 'servers'), servers, { recursive: true });
  return { dir, servers, source };
}
