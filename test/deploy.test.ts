// Flows as code against `waflow dev` as a user starts it (a real process, the keys and ids it
// prints): `waflow init` in a temp folder, then `waflow deploy` run in process with the folder as
// its working directory, once per provider (360dialog with its Partner API, the Partner API alone,
// Meta's Graph API), all pointing at the same sandbox through the config's environments:
//   --dry-run changes nothing; deploy creates the flows and uploads their JSON; a second deploy
//   changes nothing and says so; an edit uploads that flow only; --publish publishes; an edit of a
//   published flow is refused (immutable); --clone-as-new --publish replaces it (the old one is
//   deprecated); without the lock, the flows are found again by name.
// And the starter project's own test passes, run with Node's test runner as the user runs it.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FlowSummary } from '../src/api/index.js';
import { deployCommand } from '../src/cli/commands/deploy.js';
import type { Lockfile } from '../src/project/index.js';
import { META_ENVIRONMENT, PARTNER_ONLY_ENVIRONMENT, addEnvironments, cliRunner, initProject, shellEnv, waflowDevPerFile } from './cli-kit.js';
import { withOutput } from './runtimes/processes.js';

const ROOT = resolve(import.meta.dirname, '..');

const dev = waflowDevPerFile('waflow-deploy-');
const { dir } = dev;
const { run: cli, ok } = cliRunner(() => shellEnv(dev.creds));

/** A deploy that must succeed; its output is shown when it does not. */
async function deploy(cwd: string, argv: string[]): Promise<string> {
  return (await ok(deployCommand, cwd, argv)).out;
}

/** The three providers as environments of one config, all pointing at the sandbox. */
const ENVIRONMENTS = {
  '360dialog': {
    provider: '360dialog',
    baseUrl: '${WAFLOW_SANDBOX_URL:-http://127.0.0.1:4010}/cloud',
    apiKeyEnv: 'D360_API_KEY',
    partner: { baseUrl: '${WAFLOW_SANDBOX_URL:-http://127.0.0.1:4010}/hub/api/v2', partnerId: '${D360_PARTNER_ID:-waflowPA}', wabaAccountId: '${D360_WABA_ACCOUNT_ID}', apiKeyEnv: 'D360_PARTNER_API_KEY' },
  },
  '360dialog-partner': PARTNER_ONLY_ENVIRONMENT,
  meta: META_ENVIRONMENT,
} as const;

async function remoteFlows(): Promise<FlowSummary[]> {
  return (await dev.truth.flows.list()).data;
}

async function remoteJson(flowId: string): Promise<string> {
  const url = (await dev.truth.flows.listAssets(flowId)).data[0]?.downloadUrl ?? '';
  return (await fetch(url)).text();
}

function readLockFile(project: string): Lockfile {
  return JSON.parse(readFileSync(join(project, 'waflow.lock.json'), 'utf8')) as Lockfile;
}

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no "${from}"`);
  writeFileSync(file, text.replace(from, to));
}

describe.each(Object.keys(ENVIRONMENTS) as (keyof typeof ENVIRONMENTS)[])('waflow init and waflow deploy against waflow dev (%s)', (provider) => {
  it('dry run, deploy, no-op, one-flow upload, publish, immutability, clone-as-new, found again without the lock', { timeout: 240_000 }, async () => {
    await withOutput(dev.process, async () => {
      const tag = provider.replace(/\W/g, '_');
      const project = await initProject(dir.path, `project-${tag}`, shellEnv(dev.creds));

      // The developer makes the project theirs: names of their own (the three projects share one
      // sandbox account), a second flow, and an environment per provider.
      const feedback = `Feedback ${tag}`;
      const thanks = `Thanks ${tag}`;
      const config = addEnvironments(project, (c) => {
        c.flows = [
          { name: feedback, file: 'flows/feedback.json', categories: ['SURVEY'] },
          { name: thanks, file: 'flows/thanks.json', categories: ['OTHER'] },
        ];
        c.templates[0].name = `visit_feedback_${tag.toLowerCase()}`;
        c.templates[0].button.flow = feedback;
        c.environments = ENVIRONMENTS;
      });
      writeFileSync(join(project, 'flows', 'thanks.json'), readFileSync(join(project, 'flows', 'feedback.json'), 'utf8').replace('How was your visit?', 'Thank you! How was it?'));
      const flowFile = join(project, 'flows', 'feedback.json');
      const env = ['--env', provider];
      const ours = (flows: FlowSummary[]) => flows.filter((f) => f.name.startsWith(feedback) || f.name.startsWith(thanks));
      const templates = provider === '360dialog-partner' ? 0 : 1;

      // 1. --dry-run prints the plan and changes nothing.
      const before = await remoteFlows();
      const dry = await deploy(project, [...env, '--dry-run']);
      expect(dry).toContain('2 files checked: 2 valid, 0 invalid');
      expect(dry).toContain(`+ flow "${feedback}": create, upload flows/feedback.json`);
      expect(dry).toContain(`+ flow "${thanks}": create, upload flows/thanks.json`);
      expect(dry).toContain(`Dry run: nothing was changed. Run without --dry-run to make these ${4 + templates} changes.`);
      expect(await remoteFlows()).toEqual(before);
      expect(existsSync(join(project, 'waflow.lock.json'))).toBe(false);

      // 2. deploy creates both flows and uploads their JSON (and the template where there is a template API).
      const first = await deploy(project, env);
      expect(first).toMatch(/\[1\/\d\] create flow "Feedback \w+"\.\.\. id \d+\n\[2\/\d\] upload flows\/feedback\.json to flow \d+\.\.\. ok\n/);
      expect(first).toContain(`Deployed to "${provider}": 2 flows created, 2 Flow JSONs uploaded${templates === 1 ? ', 1 template created' : ', 1 template skipped'}.`);
      const lock = readLockFile(project);
      const feedbackId = lock.environments[provider]?.flows[feedback]?.id ?? '';
      const thanksId = lock.environments[provider]?.flows[thanks]?.id ?? '';
      expect(ours(await remoteFlows()).map((f) => [f.id, f.name, f.status]).sort()).toEqual([
        [feedbackId, feedback, 'DRAFT'],
        [thanksId, thanks, 'DRAFT'],
      ].sort());
      expect(await remoteJson(feedbackId)).toBe(readFileSync(flowFile, 'utf8'));
      if (templates === 1) {
        const template = await dev.truth.templates.get(config.templates[0].name as string);
        expect(template.components).toContainEqual({ type: 'BUTTONS', buttons: [expect.objectContaining({ type: 'FLOW', flowId: feedbackId, navigateScreen: 'RATE' })] });
      } else {
        expect(first).toContain('- template visit_feedback_360dialog_partner (en_US): skipped');
      }

      // 3. A second deploy changes nothing, and says so; the lock is untouched.
      const lockText = readFileSync(join(project, 'waflow.lock.json'), 'utf8');
      const again = await deploy(project, env);
      expect(again).toContain(`Nothing to change: "${provider}" is up to date (2 flows, 1 template).`);
      expect(again).not.toMatch(/^\[\d/m);
      expect(readFileSync(join(project, 'waflow.lock.json'), 'utf8')).toBe(lockText);

      // 4. An edit of one flow uploads that flow only.
      edit(flowFile, 'How was your visit?', 'How was your stay?');
      const edited = await deploy(project, env);
      expect(edited).toContain(`~ flow "${feedback}" (${feedbackId}, DRAFT): upload flows/feedback.json [Flow JSON changed (flows/feedback.json)]`);
      expect(edited).toContain(`= flow "${thanks}" (${thanksId}, DRAFT): unchanged`);
      expect(edited).toContain(`[1/1] upload flows/feedback.json to flow ${feedbackId}... ok`);
      expect(edited).toContain('1 Flow JSON uploaded, 1 flow unchanged');
      expect(await remoteJson(feedbackId)).toContain('How was your stay?');

      // 5. --publish publishes both.
      const published = await deploy(project, [...env, '--publish']);
      expect(published).toContain('2 flows published');
      expect(ours(await remoteFlows()).map((f) => f.status)).toEqual(['PUBLISHED', 'PUBLISHED']);

      // 6. An edit of a published flow is refused: published flows are immutable.
      edit(flowFile, 'How was your stay?', 'How was your evening?');
      const refused = await cli(deployCommand, project, env);
      expect(refused.code).toBe(1);
      expect(refused.out).toContain(`! flow "${feedback}" (${feedbackId}, PUBLISHED): refused: published flows are immutable`);
      expect(refused.err).toContain(`flow ${feedbackId} ("${feedback}") is PUBLISHED, and a published flow is immutable`);
      expect(refused.err).toContain(`what to do: run \`waflow deploy --env ${provider} --clone-as-new\``);
      expect(ours(await remoteFlows())).toHaveLength(2);

      // 7. --clone-as-new --publish: a new flow from the old one, published; the old one deprecated.
      const cloned = await deploy(project, [...env, '--clone-as-new', '--publish']);
      expect(cloned).toContain(`create flow "${feedback} v2" as a clone of flow ${feedbackId}`);
      expect(cloned).toContain(`deprecate flow ${feedbackId}... ok`);
      expect(cloned).toContain('1 flow cloned, 1 Flow JSON uploaded, 1 flow published, 1 flow deprecated');
      const cloneId = readLockFile(project).environments[provider]?.flows[feedback]?.id ?? '';
      expect(ours(await remoteFlows()).map((f) => [f.id, f.name, f.status]).sort()).toEqual([
        [feedbackId, feedback, 'DEPRECATED'],
        [cloneId, `${feedback} v2`, 'PUBLISHED'],
        [thanksId, thanks, 'PUBLISHED'],
      ].sort());
      expect(await remoteJson(cloneId)).toContain('How was your evening?');
      expect(await deploy(project, env)).toContain(`Nothing to change: "${provider}" is up to date`);

      // 8. The lock is a cache: without it the flows are found by name, and nothing changes.
      const kept = readFileSync(join(project, 'waflow.lock.json'), 'utf8');
      rmSync(join(project, 'waflow.lock.json'));
      const relocked = await deploy(project, env);
      expect(relocked).toContain(`= flow "${feedback}" (${cloneId}, PUBLISHED): unchanged\n      note: found by name as "${feedback} v2" (not in the lock)`);
      expect(relocked).toContain(`Nothing to change: "${provider}" is up to date (2 flows, 1 template); waflow.lock.json updated with what was found.`);
      expect(readLockFile(project).environments[provider]?.flows).toEqual(JSON.parse(kept).environments[provider].flows);
    });
  });
});

describe('the starter project', () => {
  it("passes its own test, run with Node's test runner as the user runs it", { timeout: 120_000 }, async () => {
    const project = await initProject(dir.path, 'starter', shellEnv(dev.creds));
    // `npm install waflow`, as this checkout's sources.
    const pkg = join(project, 'node_modules', 'waflow');
    mkdirSync(pkg, { recursive: true });
    symlinkSync(join(ROOT, 'src'), join(pkg, 'src'), 'dir');
    const exports = Object.fromEntries(['flow-json', 'testing', 'data-channel', 'endpoint'].map((p) => [`./${p}`, `./src/${p}/index.ts`]));
    writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'waflow', type: 'module', exports }));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'starter', type: 'module', private: true }));
    const tsx = pathToFileURL(join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    const result = await new Promise<{ code: number | null; output: string }>((done) => {
      const child = spawn(process.execPath, ['--import', tsx, '--test', 'test/feedback.test.ts'], { cwd: project, env: { ...process.env, NODE_OPTIONS: '' } });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('close', (code) => done({ code, output }));
    });
    expect(result.output).toMatch(/# pass 3\n/);
    expect(result.code, result.output).toBe(0);
  });
});
