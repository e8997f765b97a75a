// The baseline of the sandbox journeys bench: the sandbox as it was when issue 16 was filed
// (commit BASELINE_COMMIT, the parent of the first commit that worked on it), run by today's
// harness in the same bench run, so journeys/s is a ratio on one machine at one moment rather
// than against a figure measured elsewhere. The commit is checked out into a temporary git
// worktree (node_modules linked to this checkout's), the harness files are copied in, and the
// one helper the harness needs that the old sandbox lacked (statusOf) is written in place.
// Needs the repository's history; without it the bench reports the current figures only.
import { execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BASELINE_COMMIT = '5c9de59fb3167209c8b0b8e42ebc6e1f8f408fe6';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
/** Today's harness: the journeys child, its statement counter, and the journey rig. */
const HARNESS = ['bench/sandbox-journeys-child.ts', 'bench/statement-counter.ts', 'src/sandbox/phone/journey-test-kit.ts'];

export interface Baseline {
  /** Runs the journeys child in the baseline checkout (same arguments as spawnTs's). */
  spawn(args: string[]): ChildProcess;
  remove(): void;
}

const git = (args: string[]): string => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

/** The baseline checkout, or why there is none (a shallow clone, no git). */
export function prepareBaseline(): Baseline | string {
  try {
    git(['cat-file', '-e', `${BASELINE_COMMIT}^{commit}`]);
  } catch {
    return `commit ${BASELINE_COMMIT.slice(0, 7)} is not in this checkout's history`;
  }
  const dir = mkdtempSync(join(tmpdir(), 'waflow-baseline-'));
  const tree = join(dir, 'tree');
  git(['worktree', 'add', '--detach', '--quiet', tree, BASELINE_COMMIT]);
  const remove = (): void => {
    try {
      git(['worktree', 'remove', '--force', tree]);
    } catch {
      // Already gone; prune below forgets it either way.
    }
    rmSync(dir, { recursive: true, force: true });
    git(['worktree', 'prune']);
  };
  try {
    symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'), 'dir');
    for (const file of HARNESS) copyFileSync(join(ROOT, file), join(tree, file));
    // The old sessions module has no statusOf; its live sessions always carry their session.
    const rig = join(tree, 'src/sandbox/phone/journey-test-kit.ts');
    const source = readFileSync(rig, 'utf8');
    const patched = source.replace(
      "import { act, openFlowMessage, statusOf } from './sessions.js';",
      "import { act, openFlowMessage } from './sessions.js';\nconst statusOf = (live: { session?: { status: string } }): string | undefined => live.session?.status;",
    );
    if (patched === source) throw new Error('the journey rig no longer imports statusOf as the baseline patch expects');
    writeFileSync(rig, patched);
  } catch (error) {
    remove();
    throw error;
  }
  return {
    spawn: (args) => spawn(process.execPath, ['--import', 'tsx', join(tree, 'bench', 'sandbox-journeys-child.ts'), ...args], { cwd: tree, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
    remove,
  };
}
