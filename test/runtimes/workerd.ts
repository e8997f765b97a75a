// workerd needs one ES module: the worker script bundled with esbuild from the installed
// package, as wrangler would, and a config.capnp with the secrets as text bindings. No
// nodejs_compat flag: the data channel must work on WebCrypto alone.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export interface WorkerBundle {
  file: string;
  /** Every node: import left in the bundle, as "<kind> <path>"; must be empty. */
  nodeImports: string[];
}

export async function bundleWorker(entry: string, projectDir: string, outDir: string): Promise<WorkerBundle> {
  const file = join(outDir, 'worker.js');
  const result = await build({
    entryPoints: [entry],
    outfile: file,
    absWorkingDir: projectDir,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    // The resolution wrangler uses for Workers.
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['module', 'main'],
    target: 'es2022',
    // Kept out of the bundle, so that any node: import shows up in the metafile below instead of
    // failing the build (neutral platform) or being silently polyfilled.
    external: ['node:*'],
    metafile: true,
    logLevel: 'silent',
  });
  const nodeImports = Object.values(result.metafile.outputs)
    .flatMap((output) => output.imports)
    .filter((i) => i.path.startsWith('node:'))
    .map((i) => `${i.kind} ${i.path}`);
  return { file, nodeImports };
}

const capnpString = (text: string): string => JSON.stringify(text);

/** Writes config.capnp next to the bundle; each secret becomes a text binding read from its own file. */
export function writeWorkerdConfig(dir: string, secrets: Record<string, string>): string {
  const bindings = Object.entries(secrets).map(([name, value]) => {
    writeFileSync(join(dir, `${name}.txt`), value, { mode: 0o600 });
    return `    (name = ${capnpString(name)}, text = embed ${capnpString(`${name}.txt`)}),`;
  });
  const config = `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "flows", worker = .flowsWorker) ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "flows") ],
);

const flowsWorker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = "2025-01-01",
  bindings = [
${bindings.join('\n')}
  ],
);
`;
  const file = join(dir, 'config.capnp');
  writeFileSync(file, config);
  return file;
}
