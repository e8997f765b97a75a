// `waflow flows publish | deprecate | delete`: progress, the platform's refusals in words (139002
// with its validation errors at line:column), the rules checked first, and the lock kept current.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/errors.js';
import type { Lockfile } from '../../../project/lock.js';
import { emptyLock, writeLock } from '../../../project/lock.js';
import { runFlows, starterProjectPerTest } from './test-kit.js';

const { project, platform } = starterProjectPerTest();
beforeEach(async () => {
  platform.add({ id: '42', name: 'Feedback' });
  const lock = emptyLock();
  lock.environments.sandbox = { flows: { Feedback: { id: '42', name: 'Feedback', hash: 'sha256:abc', status: 'DRAFT' } }, templates: {} };
  await writeLock(project.path, lock);
});

const lockText = (): string => readFileSync(join(project.path, 'waflow.lock.json'), 'utf8');
const locked = () => (JSON.parse(lockText()) as Lockfile).environments.sandbox?.flows.Feedback;

describe('waflow flows publish', () => {
  it('publishes, shows progress then the status, and records it in the lock', async () => {
    const run = await runFlows(platform, project.path, ['publish', 'Feedback']);
    expect(run).toEqual({
      code: 0,
      err: 'publishing flow "Feedback" (42) on "sandbox"…\n',
      out: 'Published flow "Feedback" (42) on "sandbox": status PUBLISHED (recorded in waflow.lock.json).\n',
    });
    expect(platform.flows.get('42')?.status).toBe('PUBLISHED');
    expect(locked()).toEqual({ id: '42', name: 'Feedback', hash: 'sha256:abc', status: 'PUBLISHED' });
    // Again: nothing to do, and no publish call.
    const again = await runFlows(platform, project.path, ['publish', '42', '--json']);
    expect(JSON.parse(again.out)).toEqual({ ok: true, environment: 'sandbox', provider: '360dialog', id: '42', name: 'Feedback', before: 'PUBLISHED', status: 'PUBLISHED' });
    expect(platform.calls.filter((c) => c === 'publish')).toHaveLength(1);
  });

  it('shows the validation errors of a 139002 refusal at line:column, and what to do', async () => {
    const failure = new ApiError({ status: 400, code: 139002, dialect: 'meta', message: 'Publishing Flow failed: The Flow JSON has 1 validation error(s)' });
    failure.validationErrors = [{ error: 'INVALID_PROPERTY_VALUE', errorType: 'FLOW_JSON_ERROR', message: "Unknown component type 'Slider'.", lineStart: 11, columnStart: 21 } as never];
    platform.override.publish = () => Promise.reject(failure);
    const before = lockText();
    const run = await runFlows(platform, project.path, ['publish', 'Feedback', '--json']);
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      'publishing flow "Feedback" (42) on "sandbox"…\n' +
        'waflow flows publish: publishing flow "Feedback" (42) failed (139002): its Flow JSON has 1 validation error:\n' +
        "  flows/feedback.json:11:21 error INVALID_PROPERTY_VALUE Unknown component type 'Slider'.\n" +
        '  what to do: fix them in flows/feedback.json (`waflow validate flows/feedback.json` shows each with a code frame), run `waflow deploy --env sandbox` to upload it, then `waflow flows publish Feedback --env sandbox` (or `waflow deploy --env sandbox --publish`).\n',
    );
    expect(JSON.parse(run.out)).toMatchObject({ ok: false, id: '42', error: { kind: 'validation', code: 139002, status: 400, validationErrors: [{ lineStart: 11 }] } });
    expect(lockText()).toBe(before);
  });

  it("passes on a 139002 without validation errors in the platform's words", async () => {
    platform.override.publish = () => Promise.reject(new ApiError({ status: 400, code: 139002, dialect: 'meta', message: 'The endpoint health check failed.' }));
    const run = await runFlows(platform, project.path, ['publish', 'Feedback']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('failed (139002): The endpoint health check failed.');
    expect(run.err).toContain('what to do: fix what the platform reports');
  });

  it('refuses a deprecated flow before asking the platform', async () => {
    platform.flows.get('42')!.status = 'DEPRECATED';
    const run = await runFlows(platform, project.path, ['publish', 'Feedback']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('flow "Feedback" (42) is DEPRECATED on "sandbox": a deprecated flow cannot be published again.\n  what to do: `waflow deploy --env sandbox --publish` creates a new flow for "Feedback"');
    expect(platform.calls).not.toContain('publish');
  });
});

describe('waflow flows deprecate', () => {
  it('deprecates a published flow and records it', async () => {
    platform.flows.get('42')!.status = 'PUBLISHED';
    const run = await runFlows(platform, project.path, ['deprecate', 'Feedback']);
    expect(run.out).toBe('Deprecated flow "Feedback" (42) on "sandbox": status DEPRECATED (recorded in waflow.lock.json).\n');
    expect(locked()?.status).toBe('DEPRECATED');
  });

  it('refuses a DRAFT, pointing at delete', async () => {
    const run = await runFlows(platform, project.path, ['deprecate', 'Feedback']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('flow "Feedback" (42) is a DRAFT on "sandbox": only a published flow can be deprecated.\n  what to do: a draft was never sent: delete it with `waflow flows delete Feedback --env sandbox --yes`');
    expect(platform.calls).not.toContain('deprecate');
  });
});

describe('waflow flows delete', () => {
  it('needs --yes', async () => {
    const run = await runFlows(platform, project.path, ['delete', 'Feedback']);
    expect(run).toMatchObject({ code: 2, err: 'waflow flows delete: deleting a flow cannot be undone: add --yes to delete "Feedback"\n' });
    expect(platform.calls).toEqual([]);
  });

  it('deletes a DRAFT and drops it from the lock', async () => {
    const run = await runFlows(platform, project.path, ['delete', 'Feedback', '-y']);
    expect(run.out).toBe('Deleted flow "Feedback" (42) from "sandbox"; removed "Feedback" from waflow.lock.json (the next deploy creates it again).\n');
    expect(platform.flows.has('42')).toBe(false);
    expect((JSON.parse(lockText()) as Lockfile).environments.sandbox?.flows).toEqual({});
  });

  it('refuses a published flow with what to do instead, and changes nothing', async () => {
    platform.flows.get('42')!.status = 'PUBLISHED';
    const before = lockText();
    const run = await runFlows(platform, project.path, ['delete', 'Feedback', '--yes', '--json']);
    expect(run.code).toBe(1);
    expect(run.err).toBe('waflow flows delete: refused: flow "Feedback" (42) is PUBLISHED on "sandbox", and only a DRAFT flow can be deleted.\n  what to do: deprecate it instead: `waflow flows deprecate Feedback --env sandbox` (it can then no longer be sent).\n');
    expect(JSON.parse(run.out)).toMatchObject({ ok: false, deleted: false, error: { kind: 'state', status: 'PUBLISHED' } });
    expect(platform.calls).not.toContain('delete');
    expect(lockText()).toBe(before);
  });

  it("reports the platform's own refusal", async () => {
    platform.override.delete = () => Promise.reject(new ApiError({ status: 400, code: 139004, dialect: 'meta', message: 'Flow deletion failed: the flow is in use.' }));
    const run = await runFlows(platform, project.path, ['delete', 'Feedback', '--yes']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('waflow flows delete: Flow deletion failed: the flow is in use.');
    expect(platform.flows.has('42')).toBe(true);
  });
});
