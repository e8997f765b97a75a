// The `waflow flows` dispatcher and what every verb shares: subcommands, --help, usage errors, the
// environment check, failures in the platform's words, and no secret in any output.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiClientError, ApiError } from '../../../api/errors.js';
import { FLOWS_SUBCOMMANDS } from './index.js';
import { ENV, FakePlatform, KEY, runFlows, starterProjectPerTest } from './test-kit.js';

const { project, platform } = starterProjectPerTest();

describe('waflow flows', () => {
  it('lists its subcommands in --help', async () => {
    const run = await runFlows(platform, project.path, ['--help']);
    expect(run.code).toBe(0);
    for (const name of FLOWS_SUBCOMMANDS) expect(run.out).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
    expect(FLOWS_SUBCOMMANDS).toEqual(['list', 'get', 'pull', 'preview', 'publish', 'deprecate', 'delete']);
  });

  it('refuses an unknown or missing subcommand with the list of subcommands', async () => {
    const unknown = await runFlows(platform, project.path, ['show', 'x']);
    expect(unknown).toEqual({ code: 2, out: '', err: expect.stringContaining('waflow flows: unknown subcommand "show"; the subcommands: list, get, pull, preview, publish, deprecate, delete.\nusage: waflow flows <list|get|') });
    expect((await runFlows(platform, project.path, [])).err).toContain('waflow flows: name a subcommand; the subcommands: list, get,');
    expect((await runFlows(platform, project.path, ['--json', 'list'])).err).toContain('put the subcommand before the options (got "--json")');
    expect(platform.calls).toEqual([]);
  });

  it('gives each subcommand its --help and its usage errors, before any request', async () => {
    const help = await runFlows(platform, project.path, ['pull', '--help']);
    expect(help.out).toMatch(/^usage: waflow flows pull NAME\|ID \[--out FILE\] \[--force\] \[--env NAME\] \[--json\] \[--config FILE\]\n/);
    expect(await runFlows(platform, project.path, ['get'])).toMatchObject({ code: 2, err: 'waflow flows get: name a flow: waflow flows get NAME|ID [--env NAME] [--json] [--config FILE]\n' });
    expect(await runFlows(platform, project.path, ['get', 'a', 'b'])).toMatchObject({ code: 2, err: 'waflow flows get: one flow at a time; got 2 arguments\n' });
    expect(await runFlows(platform, project.path, ['list', 'extra'])).toMatchObject({ code: 2, err: expect.stringContaining('flows list takes no arguments') });
    expect(await runFlows(platform, project.path, ['publish', 'x', '--force'])).toMatchObject({ code: 2, err: expect.stringContaining("Unknown option '--force'") });
    expect(platform.calls).toEqual([]);
  });

  it('says when an environment cannot manage flows (360dialog without partner credentials)', async () => {
    writeFileSync(join(project.path, 'waflow.config.json'), JSON.stringify({ flows: [], environments: { plain: { provider: '360dialog', apiKeyEnv: 'D360_API_KEY' } } }));
    const run = await runFlows(platform, project.path, ['list', '--json']);
    expect(run.code).toBe(2);
    expect(run.err).toContain('waflow flows list: environment "plain" (360dialog) cannot manage flows');
    expect(run.err).toContain('what to do: add "partner" credentials');
    expect(JSON.parse(run.out)).toMatchObject({ ok: false, environment: 'plain', error: { kind: 'environment' } });
    expect(platform.calls).toEqual([]);
  });

  it('names a missing credential variable, and never prints a key', async () => {
    const { D360_PARTNER_API_KEY: _gone, ...env } = ENV;
    const run = await runFlows(platform, project.path, ['list'], env);
    expect(run.code).toBe(2);
    expect(run.err).toContain('the environment variable D360_PARTNER_API_KEY is not set');
    const failing = new FakePlatform();
    failing.override.listAll = () => Promise.reject(new ApiError({ status: 401, code: 190, dialect: 'meta', message: 'Invalid OAuth access token.' }));
    const denied = await runFlows(failing, project.path, ['list']);
    expect(denied.code).toBe(1);
    expect(denied.err).toContain('waflow flows list: Invalid OAuth access token.');
    expect(denied.err).toContain('what to do: check the credentials');
    for (const text of [run.out, run.err, denied.out, denied.err]) expect(text).not.toContain(KEY);
  });

  it('explains a platform that does not answer', async () => {
    platform.override.listAll = () => Promise.reject(new ApiClientError('NETWORK', 'flows.list: connect ECONNREFUSED 127.0.0.1:1'));
    const run = await runFlows(platform, project.path, ['get', 'Feedback', '--json']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('ECONNREFUSED');
    expect(run.err).toContain('start `waflow dev`');
    expect(JSON.parse(run.out)).toMatchObject({ ok: false, error: { kind: 'network' } });
  });
});
