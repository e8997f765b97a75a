/**
 * The package as users install it (test/packed.ts: built, packed, installed in a fresh project):
 * - CLI start-up: wall time of one whole `waflow validate file.json` process from the install
 *   against a bare `node -e 0` in the same run, interleaved (goal: at most 3x);
 * - install size of waflow alone and with each optional peer, as `npm install` lays them out.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, lstatSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO, packedProject } from '../test/packed.js';
import { percentile, round } from './measure.js';

const run = promisify(execFile);

/** Wall-clock milliseconds of one process, from spawn to exit. */
async function timeProcess(args: string[], cwd: string): Promise<number> {
  const t0 = performance.now();
  await run(process.execPath, args, { cwd });
  return performance.now() - t0;
}

/** Bytes and files under a folder (file sizes as npm writes them; links not followed). */
function folderSize(path: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  const visit = (p: string): void => {
    const info = lstatSync(p);
    if (info.isDirectory()) for (const entry of readdirSync(p)) visit(join(p, entry));
    else {
      bytes += info.size;
      files++;
    }
  };
  visit(path);
  return { bytes, files };
}

function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(REPO, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

function installSize(tarball: string, extras: readonly string[]): { bytes: number; files: number } {
  const dir = mkdtempSync(join(tmpdir(), 'waflow-size-'));
  try {
    writeFileSync(join(dir, 'package.json'), '{"name":"size","version":"1.0.0","private":true,"type":"module"}\n');
    const specs = extras.map((name) => `${name}@${installedVersion(name)}`);
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock', tarball, ...specs], { cwd: dir, stdio: 'ignore' });
    return folderSize(join(dir, 'node_modules'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const MB = 1024 * 1024;

export async function benchPackage(): Promise<Record<string, number | string>> {
  const packed = await packedProject();
  const bin = join(packed.lean, 'node_modules', 'waflow', 'bin', 'waflow.js');
  const flow = join(REPO, 'examples', 'sign-up.json');
  const cwd = mkdtempSync(join(tmpdir(), 'waflow-cli-bench-'));
  mkdirSync(cwd, { recursive: true });
  const runs = 25;
  const bare: number[] = [];
  const validate: number[] = [];
  for (let i = 0; i < 3; i++) {
    await timeProcess(['-e', '0'], cwd);
    await timeProcess([bin, 'validate', flow], cwd);
  }
  for (let i = 0; i < runs; i++) {
    bare.push(await timeProcess(['-e', '0'], cwd));
    validate.push(await timeProcess([bin, 'validate', flow], cwd));
  }
  rmSync(cwd, { recursive: true, force: true });
  bare.sort((a, b) => a - b);
  validate.sort((a, b) => a - b);
  const bareMs = percentile(bare, 50);
  const validateMs = percentile(validate, 50);

  const sizes: Record<string, number | string> = {};
  const alone = installSize(packed.tarball, []);
  sizes['install waflow alone (MB)'] = round(alone.bytes / MB, 2);
  sizes['install waflow alone (files)'] = alone.files;
  for (const extra of ['@electric-sql/pglite', 'pg', 'redis']) {
    const size = installSize(packed.tarball, [extra]);
    sizes[`install + ${extra} (MB)`] = round(size.bytes / MB, 2);
  }
  const sandbox = installSize(packed.tarball, ['@electric-sql/pglite', 'hono', '@hono/node-server']);
  sizes['install + waflow dev peers: pglite, hono, @hono/node-server (MB)'] = round(sandbox.bytes / MB, 2);
  const all = installSize(packed.tarball, ['@electric-sql/pglite', 'pg', 'redis', 'hono', '@hono/node-server']);
  sizes['install + all optional peers but the frameworks (MB)'] = round(all.bytes / MB, 2);

  return {
    'node -e 0 median (ms)': round(bareMs, 1),
    'waflow validate median (ms)': round(validateMs, 1),
    'validate / bare node': round(validateMs / bareMs, 2),
    runs,
    ...sizes,
  };
}
