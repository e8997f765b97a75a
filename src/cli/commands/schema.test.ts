import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../command.js';
import { generateJsonSchema } from '../../flow-json/schema/index.js';
import { LATEST_FLOW_JSON_VERSION } from '../../flow-json/versions.js';
import { schemaCommand } from './schema.js';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'waflow-schema-')); });
afterAll(() => rm(dir, { recursive: true, force: true }));

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, cwd: dir, env: {} };
  const code = await schemaCommand.run(argv, io);
  return { code, stdout, stderr };
}

describe('waflow schema', () => {
  it('prints TypeScript declarations with --typescript', async () => {
    const { code, stdout } = await run(['--typescript', '--version', '6.1']);
    expect(code).toBe(0);
    expect(stdout).toContain('export interface FlowJson');
    expect(stdout).toContain(`"version": '6.1'`);
    expect(stdout).not.toContain('NavigationListComponent'); // 6.2 and later
  });

  it('prints the latest version’s schema by default', async () => {
    const { code, stdout } = await run([]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(generateJsonSchema(LATEST_FLOW_JSON_VERSION));
  });

  it('prints the schema of the version asked for, with --version X or --version=X', async () => {
    const spaced = await run(['--version', '2.1']);
    expect(spaced.code).toBe(0);
    expect(JSON.parse(spaced.stdout)).toEqual(generateJsonSchema('2.1'));
    expect(JSON.parse(spaced.stdout)).not.toEqual(generateJsonSchema(LATEST_FLOW_JSON_VERSION));
    expect((await run(['--version=2.1'])).stdout).toBe(spaced.stdout);
  });

  it('writes the schema to --out (relative to the working directory) and prints nothing on stdout', async () => {
    const { code, stdout, stderr } = await run(['--version', '6.0', '--out=flow-6.0.schema.json']);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('flow-6.0.schema.json');
    expect(JSON.parse(await readFile(join(dir, 'flow-6.0.schema.json'), 'utf8'))).toEqual(generateJsonSchema('6.0'));
  });

  it('exits 2 naming the file and the reason when --out cannot be written', async () => {
    const { code, stderr } = await run(['--out', 'no/such/dir/schema.json']);
    expect(code).toBe(2);
    expect(stderr).toBe('waflow schema: cannot write no/such/dir/schema.json: no such file or directory (ENOENT)\n');
  });

  it.each([
    [['--version', '1.0'], 'unknown --version "1.0"; valid versions: 2.1,'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['extra.json'], "Unexpected argument 'extra.json'"],
    [['--out'], "Option '--out <value>' argument missing"],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`waflow schema: ${message}`);
  });
});
