// `waflow flows pull`: where it writes, what it refuses to overwrite, and how a download fails.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { emptyLock, flowHash, writeLock } from '../../../project/lock.js';
import { runFlows, starterProjectPerTest } from './test-kit.js';

const { project, platform } = starterProjectPerTest();
let local: string;
beforeEach(() => {
  local = readFileSync(join(project.path, 'flows/feedback.json'), 'utf8');
});

const REMOTE = '{\n  "version": "7.3",\n  "screens": []\n}\n';
const file = (path: string): string => readFileSync(join(project.path, path), 'utf8');

async function lockFeedback(hash: string): Promise<void> {
  const lock = emptyLock();
  lock.environments.sandbox = { flows: { Feedback: { id: '42', name: 'Feedback', hash, status: 'DRAFT' } }, templates: {} };
  await writeLock(project.path, lock);
}

describe('waflow flows pull', () => {
  it("writes a flow of the project over its file when the file is what the last deploy uploaded", async () => {
    platform.add({ id: '42', name: 'Feedback', json: REMOTE });
    await lockFeedback(flowHash(local));
    const run = await runFlows(platform, project.path, ['pull', 'Feedback']);
    expect(run.code).toBe(0);
    expect(run.out).toBe('Wrote flows/feedback.json (4 lines): the Flow JSON of flow "Feedback" (42), DRAFT, on "sandbox" (replaced the old content).\n');
    expect(file('flows/feedback.json')).toBe(REMOTE);
    // No temp file is left behind, and the download carried no credential.
    expect(readdirSync(join(project.path, 'flows'))).toEqual(['feedback.json']);
    expect(platform.downloads).toHaveLength(1);
    expect([...(platform.downloads[0]?.headers.keys() ?? [])]).toEqual([]);
  });

  it('refuses to overwrite local changes unless --force', async () => {
    platform.add({ id: '42', name: 'Feedback', json: REMOTE });
    await lockFeedback('sha256:what-was-deployed-before-the-edit');
    const run = await runFlows(platform, project.path, ['pull', 'Feedback', '--json']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('waflow flows pull: flows/feedback.json has local changes: it differs from the Flow JSON of flow "Feedback" (42) on "sandbox" and from what the last deploy uploaded. Nothing was written.');
    expect(run.err).toContain('what to do: run again with --force to replace it, or with --out FILE to write elsewhere');
    expect(JSON.parse(run.out)).toMatchObject({ ok: false, error: { kind: 'local-changes' } });
    expect(file('flows/feedback.json')).toBe(local);
    const forced = await runFlows(platform, project.path, ['pull', 'Feedback', '--force', '--json']);
    expect(JSON.parse(forced.out)).toMatchObject({ ok: true, id: '42', name: 'Feedback', status: 'DRAFT', file: join('flows', 'feedback.json'), written: true, bytes: REMOTE.length });
    expect(file('flows/feedback.json')).toBe(REMOTE);
  });

  it('writes nothing when the file already holds the same JSON', async () => {
    platform.add({ id: '42', name: 'Feedback', json: local });
    const run = await runFlows(platform, project.path, ['pull', 'Feedback']);
    expect(run.out).toBe('flows/feedback.json already holds the Flow JSON of flow "Feedback" (42) on "sandbox"; nothing written.\n');
  });

  it('writes a flow outside the project to <name>.json, and --out anywhere (folders made)', async () => {
    platform.add({ id: '7', name: 'Sign up: v1', json: REMOTE, status: 'PUBLISHED' });
    const run = await runFlows(platform, project.path, ['pull', '7']);
    expect(run.out).toBe('Wrote Sign-up-v1.json (4 lines): the Flow JSON of flow "Sign up: v1" (7), PUBLISHED, on "sandbox".\n');
    expect(file('Sign-up-v1.json')).toBe(REMOTE);
    const out = await runFlows(platform, join(project.path, 'flows'), ['pull', 'Sign up: v1', '--out', '../backup/signup.json']);
    expect(out.out).toContain(`Wrote ${join('..', 'backup', 'signup.json')} (4 lines)`);
    expect(file('backup/signup.json')).toBe(REMOTE);
  });

  it('says when the flow has no Flow JSON, or the download fails', async () => {
    platform.add({ id: '42', name: 'Feedback' });
    const none = await runFlows(platform, project.path, ['pull', 'Feedback']);
    expect(none.code).toBe(1);
    expect(none.err).toContain('waflow flows pull: flow "Feedback" (42) has no Flow JSON on "sandbox" yet.\n  what to do: upload one first: `waflow deploy`');
    platform.add({ id: '43', name: 'Broken link', json: REMOTE });
    platform.downloadStatus = 403;
    const denied = await runFlows(platform, project.path, ['pull', 'Broken link']);
    expect(denied.code).toBe(1);
    expect(denied.err).toContain('downloading the Flow JSON from cdn.test answered HTTP 403.');
    expect(denied.err).not.toContain('sig=');
    expect(existsSync(join(project.path, 'Broken-link.json'))).toBe(false);
  });

  it('reports a file it cannot write', async () => {
    platform.add({ id: '7', name: 'Other', json: REMOTE });
    writeFileSync(join(project.path, 'blocker'), 'a file, not a folder');
    const run = await runFlows(platform, project.path, ['pull', 'Other', '--out', 'blocker/other.json']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^waflow flows pull: cannot write blocker\/other\.json: /);
  });
});
