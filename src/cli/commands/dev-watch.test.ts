import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../command.js';
import { devCommand, parseDevArgs } from './dev.js';
import { watchProjectTypes, WatchSetupError } from './dev-watch.js';
import type { ProjectWatch, ProjectWatchOptions } from './dev-watch.js';

const FEEDBACK = readFileSync(join(import.meta.dirname, '..', '..', '..', 'examples', 'feedback-form.json'), 'utf8');
const PROJECT = {
  flows: [{ name: 'Feedback', file: 'flows/feedback.json', categories: ['SURVEY'] }],
  environments: { sandbox: { provider: '360dialog', apiKeyEnv: 'D360_API_KEY' } },
  typegen: { out: 'src/flows' },
};

let dir: string;
let watcher: ProjectWatch | undefined;
let out = '';
let err = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'waflow-watch-'));
  out = '';
  err = '';
});
afterEach(() => {
  watcher?.close();
  watcher = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const io = (): CliIo => ({ stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: dir, env: {} });

function put(path: string, text: string): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  // As an editor saves: a new file renamed over the old one.
  writeFileSync(join(dir, `${path}.tmp`), text);
  renameSync(join(dir, `${path}.tmp`), join(dir, path));
}

type Outcome = Parameters<NonNullable<ProjectWatchOptions['onRun']>>[0];

/** Starts the watch; `next()` resolves with the outcome of the run after the ones seen so far. */
async function start(): Promise<{ next: () => Promise<Outcome>; first: Outcome }> {
  const outcomes: Outcome[] = [];
  const waiting: (() => void)[] = [];
  let taken = 0;
  watcher = await watchProjectTypes(io(), {
    settleMs: 20,
    onRun: (o) => {
      outcomes.push(o);
      for (const wake of waiting.splice(0)) wake();
    },
  });
  const next = async (): Promise<Outcome> => {
    while (outcomes.length <= taken) await new Promise<void>((resolve) => waiting.push(resolve));
    return outcomes[taken++]!;
  };
  return { first: await next(), next };
}

describe('waflow dev --watch: types follow the flows', () => {
  it('writes the types at start, rewrites them when a field is renamed, and keeps them while the flow has an error', async () => {
    put('waflow.config.json', JSON.stringify(PROJECT));
    put('flows/feedback.json', FEEDBACK);
    const types = join(dir, 'src', 'flows', 'feedback.types.ts');
    const { first, next } = await start();
    expect(first).toEqual({ written: 1, failed: 0, unreadable: 0 });
    expect(readFileSync(types, 'utf8')).toContain('how_to_do_better');

    put('flows/feedback.json', FEEDBACK.replaceAll('how_to_do_better', 'suggestion'));
    expect(await next()).toEqual({ written: 1, failed: 0, unreadable: 0 });
    const renamed = readFileSync(types, 'utf8');
    expect(renamed).toContain('suggestion');
    expect(renamed).not.toContain('how_to_do_better');

    // An unknown component: the flow has an error, its old types stay, the error says where.
    put('flows/feedback.json', FEEDBACK.replace('"TextArea"', '"TextAria"'));
    expect(await next()).toEqual({ written: 0, failed: 1, unreadable: 0 });
    expect(readFileSync(types, 'utf8')).toBe(renamed);
    expect(err).toMatch(/flows\/feedback\.json:\d+:\d+ .*TextAria/);
    expect(out).toContain('[watch] src/flows/feedback.types.ts: wrote FeedbackFlow');
  });

  it('reads the config again: a new typegen folder and a new flow are picked up', async () => {
    put('waflow.config.json', JSON.stringify(PROJECT));
    put('flows/feedback.json', FEEDBACK);
    const { next } = await start();
    put('flows/second.json', FEEDBACK);
    put('waflow.config.json', JSON.stringify({ ...PROJECT, flows: [...PROJECT.flows, { name: 'Second', file: 'flows/second.json', categories: ['SURVEY'] }], typegen: { out: 'types' } }));
    expect(await next()).toEqual({ written: 2, failed: 0, unreadable: 0 });
    expect(existsSync(join(dir, 'types', 'second.types.ts'))).toBe(true);

    // The new flow is watched too.
    put('flows/second.json', FEEDBACK.replaceAll('how_to_do_better', 'idea'));
    expect(await next()).toEqual({ written: 1, failed: 0, unreadable: 0 });
    expect(readFileSync(join(dir, 'types', 'second.types.ts'), 'utf8')).toContain('idea');
  });

  it('reports a broken config with its place and goes on watching', async () => {
    put('waflow.config.json', JSON.stringify(PROJECT));
    put('flows/feedback.json', FEEDBACK);
    const { next } = await start();
    put('waflow.config.json', JSON.stringify({ ...PROJECT, flows: [{ name: 'Feedback' }] }));
    const broken = await next();
    expect(broken).toHaveProperty('configError');
    expect(err).toContain('waflow.config.json');
    put('waflow.config.json', JSON.stringify(PROJECT));
    expect(await next()).toEqual({ written: 0, failed: 0, unreadable: 0 });
  });

  it('needs a project file: waflow dev --watch without one is a usage error, before any sandbox starts', async () => {
    await expect(watchProjectTypes(io())).rejects.toThrow(WatchSetupError);
    expect(parseDevArgs(['--watch'], io())).toMatchObject({ watch: true });
    expect(parseDevArgs([], io())).not.toHaveProperty('watch');
    expect(await devCommand.run(['--watch', '--port', '0', '--data-dir', join(dir, 'db')], io())).toBe(2);
    expect(err).toMatch(/^waflow dev: --watch needs a project: no waflow\.config\.json in .* \(`waflow init` writes one\)\n$/);
    expect(existsSync(join(dir, 'db'))).toBe(false);
  });
});
