import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../data-channel/index.js';
import { validateFlow } from '../../flow-json/index.js';
import { parseConfigText } from '../../project/config.js';
import { FlowTester, inProcessEndpoint } from '../../testing/index.js';
import type { CliIo } from '../command.js';
import { STARTER_FILES, STARTER_FLOW } from '../templates/starter.js';
import { initCommand } from './init.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'waflow-cli-init-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, cwd: dir, env: {} };
  const code = await initCommand.run(argv, io);
  return { code, out, err };
}

describe('waflow init', () => {
  it('writes the starter project into a folder and says what to do next', async () => {
    const { code, out, err } = await run(['shop']);
    expect(err).toBe('');
    expect(code).toBe(0);
    for (const file of STARTER_FILES) expect(readFileSync(join(dir, 'shop', file.path), 'utf8')).toBe(file.content);
    expect(out).toContain(`Created a waflow project in ${join(dir, 'shop')}:`);
    expect(out).toContain('  cd shop\n');
    expect(out).toContain('npx waflow deploy --dry-run');
  });

  it('refuses to overwrite: when one of its files exists it writes nothing', async () => {
    mkdirSync(join(dir, 'flows'));
    writeFileSync(join(dir, 'flows', 'feedback.json'), 'mine');
    const { code, err } = await run([]);
    expect(code).toBe(1);
    expect(err).toBe(`waflow init: ${dir} already has flows/feedback.json; init never overwrites a file, so nothing was written. Move it away, or run init in an empty folder.\n`);
    expect(readFileSync(join(dir, 'flows', 'feedback.json'), 'utf8')).toBe('mine');
    expect(readdirSync(dir)).toEqual(['flows']);
  });

  it('refuses when another form of the project file is there', async () => {
    writeFileSync(join(dir, 'waflow.config.ts'), 'export default {}');
    const { code, err } = await run([]);
    expect(code).toBe(1);
    expect(err).toContain('already has waflow.config.ts');
    expect(existsSync(join(dir, 'waflow.config.json'))).toBe(false);
  });

  it('answers --help and refuses unknown options', async () => {
    expect((await run(['--help'])).out).toMatch(/^usage: waflow init \[dir\]/);
    expect(await run(['--force'])).toMatchObject({ code: 2, err: 'waflow init: unknown option --force\nusage: waflow init [dir]\n' });
  });
});

describe('the starter project', () => {
  const flowText = STARTER_FILES.find((f) => f.path === 'flows/feedback.json')?.content ?? '';

  it('has a config that passes the checks, with a sandbox environment read from the environment', () => {
    const config = parseConfigText(STARTER_FILES.find((f) => f.path === 'waflow.config.json')?.content ?? '');
    expect(config.environments.sandbox).toMatchObject({ provider: '360dialog', baseUrl: '${WAFLOW_SANDBOX_URL:-http://127.0.0.1:4010}/cloud', apiKeyEnv: 'D360_API_KEY' });
    expect(config.flows).toEqual([{ name: 'Feedback', file: 'flows/feedback.json', categories: ['SURVEY'] }]);
    // Every name of a credential variable ends in _KEY.
    expect(JSON.stringify(config.environments)).toMatch(/"apiKeyEnv":"D360_API_KEY".*"apiKeyEnv":"D360_PARTNER_API_KEY"/);
  });

  it('has a valid Flow JSON 7.x flow: no error, no warning, no style lint', () => {
    expect(STARTER_FLOW.version).toMatch(/^7\.\d$/);
    const result = validateFlow(flowText, { style: true });
    expect(result.diagnostics).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('completes as a customer fills it in', async () => {
    const tester = await FlowTester.start({ flow: flowText, flowToken: 'starter' });
    await tester.pick('Your rating', 'Good').tap('Continue');
    await tester.fill('What can we improve?', 'Shorter queues').tap('Send feedback');
    tester.expectCompletion({ flow_token: 'starter', rating: '4', comment: 'Shorter queues' });
  });

  it('has an endpoint that opens RATE on INIT and completes on COMMENT', async () => {
    // endpoint.ts as written, with waflow/endpoint pointed at this checkout's sources.
    const source = (STARTER_FILES.find((f) => f.path === 'endpoint.ts')?.content ?? '').replaceAll("'waflow/endpoint'", JSON.stringify(join(import.meta.dirname, '../../endpoint/index.ts')));
    writeFileSync(join(dir, 'endpoint.ts'), source);
    const { createEndpoint } = (await import(join(dir, 'endpoint.ts'))) as { createEndpoint: (privateKey: string) => (request: Request) => Promise<Response> };
    const { privateKeyPem, publicKeyPem } = await generateKeyPair();
    const transport = inProcessEndpoint(createEndpoint(privateKeyPem), { publicKeyPem });
    expect(await transport.exchange({ action: 'INIT', data: {}, flowToken: 't', version: '3.0' })).toEqual({ screen: 'RATE', data: {} });
    expect(await transport.exchange({ action: 'data_exchange', screen: 'COMMENT', data: { rating: '5', comment: ' Great ' }, flowToken: 't', version: '3.0' })).toEqual({
      screen: 'SUCCESS',
      data: { extension_message_response: { params: { flow_token: 't', rating: '5', comment: 'Great' } } },
    });
  });
});
