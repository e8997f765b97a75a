// `waflow flows ...` against `waflow dev` as a user starts it (a real process, the keys and ids it
// prints): per provider environment that manages flows (the starter's `sandbox`, i.e. 360dialog
// with partner credentials; the Partner API alone; Meta's Graph API), `waflow init` in a temp
// folder and `waflow deploy`, then every verb, run in process with the project as working folder:
//   list shows the deployed flows (the project's marked); get shows status and versions; pull
//   writes exactly what was deployed and refuses to overwrite local changes without --force;
//   preview gives a link that opens; publish moves a flow to PUBLISHED (checked through a separate
//   client) and records it in the lock, or shows validation errors at line:col on 139002;
//   deprecate → DEPRECATED; delete removes a DRAFT and refuses a published flow. --json parses.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployCommand } from '../src/cli/commands/deploy.js';
import { flowsCommand } from '../src/cli/commands/flows/index.js';
import type { Lockfile } from '../src/project/index.js';
import { addEnvironments, cliRunner, initProject, report, shellEnv, waflowDevPerFile } from './cli-kit.js';
import { withOutput } from './runtimes/processes.js';

const dev = waflowDevPerFile('waflow-flows-cli-');
const { dir } = dev;
const { run: cli, ok } = cliRunner(() => shellEnv(dev.creds));

/** Valid JSON, but not a valid flow: an unknown component, so publishing fails with 139002. */
const BROKEN_FLOW = `{
  "version": "7.3",
  "screens": [
    {
      "id": "ONLY",
      "title": "Only",
      "terminal": true,
      "layout": {
        "type": "SingleColumnLayout",
        "children": [
          { "type": "Slider", "name": "rating" },
          { "type": "Footer", "label": "Done", "on-click-action": { "name": "complete", "payload": {} } }
        ]
      }
    }
  ]
}
`;

describe('waflow flows without a project file', () => {
  it("uses the starter's sandbox environment (waflow dev) and explains usage errors", { timeout: 60_000 }, async () => {
    await withOutput(dev.process, async () => {
      const list = await ok(flowsCommand, dir.path, ['list', '--json']);
      expect(report(list)).toMatchObject({ ok: true, environment: 'sandbox', provider: '360dialog', flows: expect.any(Array) });
      const unknown = await cli(flowsCommand, dir.path, ['show']);
      expect(unknown.code).toBe(2);
      expect(unknown.err).toContain('waflow flows: unknown subcommand "show"; the subcommands: list, get, pull, preview, publish, deprecate, delete.');
      const missing = await cli(flowsCommand, dir.path, ['get', 'No such flow anywhere']);
      expect(missing.code).toBe(1);
      expect(missing.err).toContain('environment "sandbox" has no flow named "No such flow anywhere"');
    });
  });
});

describe.each(['sandbox', 'partner-only', 'meta'])('waflow flows against waflow dev (%s)', (envName) => {
  it('list, get, pull, preview, publish, deprecate, delete', { timeout: 120_000 }, async () => {
    await withOutput(dev.process, async () => {
      const tag = envName.replace(/\W/g, '_');
      const project = await initProject(dir.path, `project-${tag}`, shellEnv(dev.creds));
      // Names of its own (the projects share one sandbox account), a second flow, no template.
      const feedback = `Feedback ${tag}`;
      const draft = `Draft ${tag}`;
      addEnvironments(project, (config) => {
        config.flows = [
          { name: feedback, file: 'flows/feedback.json', categories: ['SURVEY'] },
          { name: draft, file: 'flows/draft.json', categories: ['OTHER'] },
        ];
        config.templates = [];
      });
      const flowFile = join(project, 'flows', 'feedback.json');
      const deployed = readFileSync(flowFile, 'utf8');
      writeFileSync(join(project, 'flows', 'draft.json'), deployed.replace('How was your visit?', 'A draft question?'));
      const env = ['--env', envName];
      await ok(deployCommand, project, env);
      const lock = (): Lockfile => JSON.parse(readFileSync(join(project, 'waflow.lock.json'), 'utf8')) as Lockfile;
      const feedbackId = lock().environments[envName]?.flows[feedback]?.id ?? '';
      const draftId = lock().environments[envName]?.flows[draft]?.id ?? '';
      expect(feedbackId).toMatch(/^\d+$/);
      const status = async (id: string) => (await dev.truth.flows.get(id, { fields: ['status'] })).status;

      // list: a table row per flow, the project's marked with their config name.
      const list = await ok(flowsCommand, project, ['list', ...env]);
      expect(list.out).toMatch(new RegExp(`^  ${feedback} +${feedbackId} +DRAFT +SURVEY +0 +${feedback}$`, 'm'));
      expect(list.out).toMatch(new RegExp(`^  ${draft} +${draftId} +DRAFT +OTHER +0 +${draft}$`, 'm'));
      const listed = report(await ok(flowsCommand, project, ['list', ...env, '--json']));
      expect(listed).toMatchObject({ ok: true, environment: envName });
      expect(listed.flows).toContainEqual({ id: feedbackId, name: feedback, status: 'DRAFT', categories: ['SURVEY'], errors: 0, warnings: 0, project: feedback });

      // get: status, versions, the preview link; health_status where Meta serves it.
      const get = await ok(flowsCommand, project, ['get', feedback, ...env]);
      expect(get.out).toContain(`Flow "${feedback}" (${feedbackId}) on "${envName}"`);
      expect(get.out).toMatch(/^ {2}status {12}DRAFT$/m);
      expect(get.out).toMatch(/^ {2}json_version {6}7\.3$/m);
      expect(get.out).toMatch(/^ {2}validation {8}no errors$/m);
      expect(get.out).toContain(`${dev.creds.url}/preview/${feedbackId}?token=`);
      if (envName === 'meta') expect(get.out).toMatch(/^ {2}health_status {5}AVAILABLE \(FLOW AVAILABLE/m);
      else expect(get.out).not.toContain('health_status');
      expect(report(await ok(flowsCommand, project, ['get', feedbackId, ...env, '--json'])).flow).toMatchObject({ id: feedbackId, name: feedback, status: 'DRAFT', jsonVersion: '7.3' });

      // pull: the project's file already holds it; --out writes exactly what was deployed; local
      // changes are kept unless --force.
      const same = await ok(flowsCommand, project, ['pull', feedback, ...env]);
      expect(same.out).toContain('flows/feedback.json already holds the Flow JSON');
      const pulled = await ok(flowsCommand, project, ['pull', feedback, ...env, '--out', 'copy/pulled.json']);
      expect(pulled.out).toContain(`Wrote ${join('copy', 'pulled.json')}`);
      expect(readFileSync(join(project, 'copy', 'pulled.json'), 'utf8')).toBe(deployed);
      writeFileSync(flowFile, deployed.replace('How was your visit?', 'My local edit?'));
      const kept = await cli(flowsCommand, project, ['pull', feedback, ...env]);
      expect(kept.code).toBe(1);
      expect(kept.err).toContain(`${join('flows', 'feedback.json')} has local changes`);
      expect(kept.err).toContain('--force');
      expect(readFileSync(flowFile, 'utf8')).toContain('My local edit?');
      const forced = report(await ok(flowsCommand, project, ['pull', feedback, ...env, '--force', '--json']));
      expect(forced).toMatchObject({ ok: true, id: feedbackId, written: true, file: join('flows', 'feedback.json') });
      expect(readFileSync(flowFile, 'utf8')).toBe(deployed);

      // preview: a link that opens the flow's preview page.
      const preview = report(await ok(flowsCommand, project, ['preview', feedback, ...env, '--json']));
      expect(preview.previewUrl).toMatch(new RegExp(`/preview/${feedbackId}\\?token=`));
      expect(Date.parse(preview.expiresAt.replace('+0000', 'Z'))).toBeGreaterThan(Date.now());
      const page = await fetch(preview.previewUrl as string);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(feedback);
      expect((await ok(flowsCommand, project, ['preview', feedback, ...env])).out).toMatch(/expires \S+ \(in \d+ days\)/);

      // publish: progress, then the status; the platform and the lock agree.
      const published = await ok(flowsCommand, project, ['publish', feedback, ...env]);
      expect(published.err).toContain(`publishing flow "${feedback}" (${feedbackId}) on "${envName}"…`);
      expect(published.out).toContain(`Published flow "${feedback}" (${feedbackId}) on "${envName}": status PUBLISHED (recorded in waflow.lock.json)`);
      expect(await status(feedbackId)).toBe('PUBLISHED');
      expect(lock().environments[envName]?.flows[feedback]?.status).toBe('PUBLISHED');

      // delete refuses a published flow (and needs --yes at all).
      const noYes = await cli(flowsCommand, project, ['delete', draft, ...env]);
      expect(noYes.code).toBe(2);
      expect(noYes.err).toContain('add --yes');
      const refusedDelete = await cli(flowsCommand, project, ['delete', feedback, ...env, '--yes', '--json']);
      expect(refusedDelete.code).toBe(1);
      expect(refusedDelete.err).toContain(`refused: flow "${feedback}" (${feedbackId}) is PUBLISHED on "${envName}", and only a DRAFT flow can be deleted.`);
      expect(refusedDelete.err).toContain(`what to do: deprecate it instead: \`waflow flows deprecate "${feedback}" --env ${envName}\``);
      expect(report(refusedDelete)).toMatchObject({ ok: false, deleted: false, error: { kind: 'state', status: 'PUBLISHED' } });
      expect(await status(feedbackId)).toBe('PUBLISHED');

      // deprecate → DEPRECATED.
      const deprecated = report(await ok(flowsCommand, project, ['deprecate', feedback, ...env, '--json']));
      expect(deprecated).toMatchObject({ ok: true, id: feedbackId, before: 'PUBLISHED', status: 'DEPRECATED', lockUpdated: true });
      expect(await status(feedbackId)).toBe('DEPRECATED');
      expect(lock().environments[envName]?.flows[feedback]?.status).toBe('DEPRECATED');

      // delete removes a DRAFT, from the platform and the lock.
      const deleted = await ok(flowsCommand, project, ['delete', draft, ...env, '--yes']);
      expect(deleted.out).toContain(`Deleted flow "${draft}" (${draftId}) from "${envName}"; removed "${draft}" from waflow.lock.json`);
      expect((await dev.truth.flows.list()).data.map((f) => f.id)).not.toContain(draftId);
      expect(lock().environments[envName]?.flows[draft]).toBeUndefined();

      // publish of a flow with validation errors: 139002, each error at line:column, what to do.
      const broken = `Broken ${tag}`;
      const brokenId = (await dev.truth.flows.create({ name: broken, categories: ['OTHER'], flowJson: BROKEN_FLOW })).id;
      const failed = await cli(flowsCommand, project, ['publish', broken, ...env, '--json']);
      expect(failed.code).toBe(1);
      expect(failed.err).toContain(`publishing flow "${broken}" (${brokenId}) failed (139002): its Flow JSON has`);
      expect(failed.err).toMatch(new RegExp(`^  Broken-${tag}\\.json:11:\\d+ error \\S+ .*Slider`, 'm'));
      expect(failed.err).toContain('what to do: fix them');
      expect(report(failed)).toMatchObject({ ok: false, id: brokenId, error: { kind: 'validation', code: 139002, validationErrors: expect.arrayContaining([expect.objectContaining({ lineStart: 11 })]) } });
      expect(await status(brokenId)).toBe('DRAFT');
    });
  });
});
