// `waflow dev --watch`: while the sandbox runs, the flows of the project (the waflow.config.json
// found from the current folder) are watched, and each change re-runs `waflow typegen` for the
// project as `waflow deploy` does, so a flow's TypeScript types follow its JSON and a renamed
// field breaks the build at once. A change to the config itself is read again (flows added,
// renamed, or a new "typegen" folder). Types go where the config's "typegen" says, next to each
// flow without it: --watch is the request for them.
//
// Folders are watched rather than files: editors save by writing a new file and renaming it over
// the old one, which ends a watch on the file itself. Changes are gathered for a short moment
// (an editor's save is several events) and runs never overlap: a change during a run starts one
// more run after it.
import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { ConfigError, findConfigFile, formatIssue, loadConfig } from '../../project/config.js';
import type { CliIo } from '../command.js';
import { jobsForProject, runTypegen } from './typegen.js';
import type { TypegenOutcome } from './typegen.js';

export interface ProjectWatchOptions {
  /** The project file; found from `io.cwd` upwards when not given. */
  readonly configFile?: string;
  /** How long changes are gathered before a run (ms, default 100). */
  readonly settleMs?: number;
  /** Called after every run, the first included (tests wait on it). */
  readonly onRun?: (outcome: TypegenOutcome | { readonly configError: string }) => void;
}

export interface ProjectWatch {
  /** The project file being watched. */
  readonly configFile: string;
  close(): void;
}

/** Thrown when there is no project to watch: the message says what to do. */
export class WatchSetupError extends Error {
  override readonly name = 'WatchSetupError';
}

const shown = (cwd: string, path: string): string => relative(cwd, path).split(sep).join('/') || basename(path);

/** Runs typegen for the project once, then again after each change of a flow or of the config. */
export async function watchProjectTypes(io: CliIo, options: ProjectWatchOptions = {}): Promise<ProjectWatch> {
  const found = options.configFile === undefined ? findConfigFile(io.cwd) : options.configFile;
  if (found === undefined) throw new WatchSetupError(`--watch needs a project: no waflow.config.json in ${io.cwd} or a folder above it (\`waflow init\` writes one)`);
  const configFile = resolve(io.cwd, found);
  const settleMs = options.settleMs ?? 100;
  const say = (text: string): void => io.stdout(`[watch] ${text}`);
  let watchers: FSWatcher[] = [];
  /** Absolute paths whose change means a run: the config and every flow file. */
  let watched = new Set<string>([configFile]);
  let closed = false;
  let running = false;
  let pending = false;
  let timer: NodeJS.Timeout | undefined;

  const rewatch = (): void => {
    for (const w of watchers) w.close();
    watchers = [];
    for (const dir of new Set([...watched].map((file) => dirname(file)))) {
      try {
        const w = watch(dir, (_event, name) => {
          // Without a name (some platforms) any event in the folder counts.
          if (name === null || watched.has(resolve(dir, name.toString()))) schedule();
        });
        w.on('error', () => undefined);
        watchers.push(w);
      } catch {
        say(`cannot watch ${shown(io.cwd, dir)}; its flows are read again only when the config changes\n`);
      }
    }
  };

  const runOnce = async (): Promise<void> => {
    let outcome: TypegenOutcome | { configError: string };
    try {
      const project = await loadConfig(configFile);
      const files = new Set([configFile, ...project.config.flows.map((flow) => resolve(project.dir, flow.file))]);
      if ([...files].some((f) => !watched.has(f)) || files.size !== watched.size) {
        watched = files;
        rewatch();
      }
      outcome = await runTypegen(jobsForProject(project), { cwd: io.cwd, print: (t) => say(t), report: io.stderr });
    } catch (error) {
      const configError =
        error instanceof ConfigError ? error.issues.map((i) => formatIssue(error.file, i)).join('\n') : `cannot read ${shown(io.cwd, configFile)}: ${error instanceof Error ? error.message : String(error)}`;
      io.stderr(`[watch] ${configError}\n`);
      outcome = { configError };
    }
    options.onRun?.(outcome);
  };

  const run = async (): Promise<void> => {
    if (closed) return;
    if (running) {
      pending = true;
      return;
    }
    running = true;
    try {
      do {
        pending = false;
        await runOnce();
      } while (pending && !closed);
    } finally {
      running = false;
    }
  };

  function schedule(): void {
    if (closed) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void run();
    }, settleMs);
  }

  rewatch();
  say(`types of the flows of ${shown(io.cwd, configFile)} follow their JSON\n`);
  await run();
  return {
    configFile,
    close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      for (const w of watchers) w.close();
      watchers = [];
    },
  };
}
