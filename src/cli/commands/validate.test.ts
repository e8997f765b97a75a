import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../command.js';
import { main } from '../main.js';
import { parseValidateArgs, validateCommand } from './validate.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

async function run(argv: string[], env: CliIo['env'] = {}, cwd = fixtures) {
  let stdout = '';
  let stderr = '';
  const code = await validateCommand.run(argv, {
    stdout: (t) => { stdout += t; },
    stderr: (t) => { stderr += t; },
    cwd,
    env,
  });
  return { code, stdout, stderr };
}

describe('waflow validate (pretty)', () => {
  it('accepts the seed feedback form and exits 0', async () => {
    const { code, stdout, stderr } = await run(['feedback-form.json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).not.toMatch(/ error /);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^1 file checked: 1 valid, 0 invalid \(0 errors, \d+ warnings?\)$/);
  });

  it('reports a JSON syntax error at its line and column with a code frame, and exits 1', async () => {
    const { code, stdout } = await run(['syntax-error.json']);
    expect(code).toBe(1);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^syntax-error\.json:7:7 error [A-Z_]+ Expected ',' or '}' after property value$/);
    expect(lines.slice(1, 7)).toEqual([
      '  5 |       "id": "WELCOME",',
      '  6 |       "title": "Welcome"',
      '> 7 |       "terminal": true',
      '    |       ^',
      '  8 |     }',
      '  9 |   ]',
    ]);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('1 file checked: 0 valid, 1 invalid (1 error, 0 warnings)');
  });

  it('reports an unknown component type at the type value', async () => {
    const { code, stdout } = await run(['unknown-component.json']);
    expect(code).toBe(1);
    const header = stdout.split('\n').find((l) => l.includes('Slider'));
    expect(header).toMatch(/^unknown-component\.json:16:21 error [A-Z_]+ .*'Slider'/);
    expect(stdout).toContain('> 16 |             "type": "Slider",\n     |                     ^~~~~~~~\n');
  });

  it('checks every file, names an unreadable one with the OS reason, and exits 2', async () => {
    const { code, stdout, stderr } = await run(['missing.json', 'feedback-form.json', 'syntax-error.json', '.']);
    expect(code).toBe(2);
    expect(stderr).toContain('waflow validate: cannot read missing.json: no such file or directory (ENOENT)\n');
    expect(stderr).toContain('waflow validate: cannot read .: is a directory, not a file (EISDIR)\n');
    expect(stdout).toContain('syntax-error.json:7:7 error');
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^4 files checked: 1 valid, 1 invalid, 2 unreadable \(1 error, \d+ warnings?\)$/);
  });

  it('counts errors and warnings across files in the summary', async () => {
    const single = await Promise.all(['feedback-form.json', 'syntax-error.json', 'unknown-component.json'].map((f) => run([f, '--format', 'json'])));
    const all = single.flatMap((r) => (JSON.parse(r.stdout) as { diagnostics: { severity: string }[] }).diagnostics);
    const errors = all.filter((d) => d.severity === 'error').length;
    const warnings = all.filter((d) => d.severity === 'warning').length;
    const { stdout } = await run(['feedback-form.json', 'syntax-error.json', 'unknown-component.json']);
    const s = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(`3 files checked: 1 valid, 2 invalid (${s(errors, 'error')}, ${s(warnings, 'warning')})`);
    expect(errors).toBe(2);
  });

  it('colours severities only when FORCE_COLOR is set and NO_COLOR is not', async () => {
    expect((await run(['syntax-error.json'])).stdout).not.toContain('\u001b[');
    expect((await run(['syntax-error.json'], { FORCE_COLOR: '1' })).stdout).toContain('\u001b[31;1merror\u001b[0m');
    expect((await run(['syntax-error.json'], { FORCE_COLOR: '1', NO_COLOR: '' })).stdout).not.toContain('\u001b[');
  });
});

describe('waflow validate --format json', () => {
  it('prints one parseable JSON object per file with the diagnostic fields', async () => {
    const { code, stdout } = await run(['--format=json', 'feedback-form.json', 'syntax-error.json', 'missing.json']);
    expect(code).toBe(2);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    const [ok, bad, missing] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(ok).toMatchObject({ file: 'feedback-form.json', valid: true });
    expect(bad).toEqual({
      file: 'syntax-error.json',
      valid: false,
      diagnostics: [{
        code: expect.stringMatching(/^[A-Z_]+$/),
        severity: 'error',
        message: "Expected ',' or '}' after property value",
        pointer: '/screens/0',
        range: { start: { line: 7, column: 7 }, end: { line: 7, column: 8 } },
      }],
    });
    expect(missing).toEqual({ file: 'missing.json', valid: false, diagnostics: [], error: { code: 'ENOENT', message: 'no such file or directory' } });
  });

  it('exits 1 for an invalid file and prints no summary line', async () => {
    const { code, stdout } = await run(['unknown-component.json', '--format', 'json']);
    expect(code).toBe(1);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('waflow validate --version', () => {
  it('validates as the given version (both --version X and --version=X)', async () => {
    // RichText arrived in Flow JSON 5.1; the fixture is a valid 7.3 flow that uses it.
    expect((await run(['rich-text-7.3.json'])).code).toBe(0);
    expect((await run(['--version', '7.3', 'rich-text-7.3.json'])).code).toBe(0);
    const spaced = await run(['--format', 'json', '--version', '3.0', 'rich-text-7.3.json']);
    const joined = await run(['--format', 'json', '--version=3.0', 'rich-text-7.3.json']);
    expect(spaced.code).toBe(1);
    expect(joined.stdout).toBe(spaced.stdout);
    const line = JSON.parse(spaced.stdout) as { diagnostics: { message: string; pointer: string }[] };
    expect(line.diagnostics).toEqual([expect.objectContaining({ pointer: '/screens/0/layout/children/0/type' })]);
    expect(line.diagnostics[0]?.message).toContain('3.0');
  });

  it('rejects an unknown version and lists the valid ones', async () => {
    const { code, stderr, stdout } = await run(['--version', '9.9', 'feedback-form.json']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('unknown --version "9.9"; valid versions: 2.1, 3.0, 3.1, 4.0, 5.0, 5.1, 6.0, 6.1, 6.2, 6.3, 7.0, 7.1, 7.2, 7.3');
  });
});

describe('waflow validate usage errors', () => {
  it.each([
    [['--frobnicate', 'a.json'], "Unknown option '--frobnicate'"],
    [[], 'no files given'],
    [['--format', 'xml', 'a.json'], 'unknown --format "xml"; use pretty or json'],
    [['a.json', '--format'], "Option '--format <value>' argument missing"],
  ])('%j exits 2 with a clear message', async (argv, message) => {
    const { code, stderr, stdout } = await run(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`waflow validate: ${message}`);
    expect(stderr).toContain('usage: waflow validate <files...>');
  });

  it('prints help on --help and exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('usage: waflow validate');
  });

  it('parses options before, between and after files', () => {
    expect(parseValidateArgs(['a.json', '--format', 'json', 'b.json', '--version=6.0'])).toEqual({
      files: ['a.json', 'b.json'], format: 'json', version: '6.0', help: false,
    });
  });

  it('is reachable through main', async () => {
    let stdout = '';
    const code = await main(['validate', 'syntax-error.json'], { stdout: (t) => { stdout += t; }, stderr: () => {}, cwd: fixtures, env: {} });
    expect(code).toBe(1);
    expect(stdout).toContain('syntax-error.json:7:7');
  });
});
