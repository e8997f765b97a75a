// The Node versions the packed package is tested on besides the one running the tests: 20 and 22
// are both supported, so the other one of the pair. WAFLOW_TEST_NODE_BINARIES (a PATH-style list
// of node binaries) names them explicitly; otherwise the other version is installed once from the
// npm registry, where Node's official binaries are published as node-<platform>-<arch>, into a
// cache folder in os.tmpdir() (a `node` bin inside the repository would shadow the one npm runs).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

function install(major: number): string {
  const name = `node-${process.platform}-${process.arch}`;
  const dir = join(tmpdir(), `waflow-node-${major}`);
  const binary = join(dir, 'node_modules', name, 'bin', 'node');
  if (!existsSync(binary)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    execFileSync('npm', ['install', '--prefix', dir, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `${name}@${major}`], { stdio: 'pipe' });
    if (!existsSync(binary)) throw new Error(`npm installed ${name}@${major} but ${binary} is missing`);
  }
  return binary;
}

export function otherNodeBinaries(): string[] {
  const given = process.env.WAFLOW_TEST_NODE_BINARIES;
  if (given !== undefined) return given.split(delimiter).filter(Boolean);
  const major = Number(process.versions.node.split('.')[0]);
  return [install(major === 22 ? 20 : 22)];
}
