import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
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
    const line = JSON.parse(spaced.stdout) as { diagnostics: { message: string; pointer: string; severity: string }[] };
    const errors = line.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([expect.objectContaining({ pointer: '/screens/0/layout/children/0/type' })]);
    expect(errors[0]?.message).toContain('3.0');
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
    for (const option of ['--fix', '--rules code=level', '--no-style', '--config file', 'waflow.config.json']) expect(stdout).toContain(option);
  });

  it('parses options before, between and after files', () => {
    expect(parseValidateArgs(['a.json', '--format', 'json', 'b.json', '--version=6.0'])).toEqual({
      files: ['a.json', 'b.json'], format: 'json', version: '6.0', help: false,
    });
    expect(parseValidateArgs(['--fix', 'a.json', '--no-style', '--config', 'c.json'])).toEqual({
      files: ['a.json'], format: 'pretty', help: false, fix: true, style: false, config: 'c.json',
    });
  });

  it('is reachable through main', async () => {
    let stdout = '';
    const code = await main(['validate', 'syntax-error.json'], { stdout: (t) => { stdout += t; }, stderr: () => {}, cwd: fixtures, env: {} });
    expect(code).toBe(1);
    expect(stdout).toContain('syntax-error.json:7:7');
  });
});

// --- fixes, lint settings and the configuration file ---------------------------------------------

/** A flow with three safe fixes: a misspelt property, a misspelt component type and a deprecated version. */
const FIXABLE = `{
  "version": "3.0",
  "screens": [
    {
      "id": "WELCOME",
      "title": "Welcome",
      "terminal": true,
      "layout": {
        "type": "SingleColumnLayout",
        "children": [
          { "type": "TextHeadnig", "text": "Hello" },
          {
            "type": "Footer",
            "lable": "Send feedback",
            "on-click-action": { "name": "complete", "payload": {} }
          }
        ]
      }
    }
  ]
}
`;

const FIXED = FIXABLE.replace('"3.0"', '"5.1"').replace('"TextHeadnig"', '"TextHeading"').replace('"lable"', '"label"');

/** A fresh directory in the system's temporary directory (never inside the repository). */
async function scratch(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'waflow-validate-'));
  scratchDirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text, 'utf8');
  return dir;
}

const scratchDirs: string[] = [];
afterEach(async () => {
  await Promise.all(scratchDirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const OLD = new Date('2000-01-01T00:00:00Z');

describe('waflow validate --fix', () => {
  it('applies the safe fixes in place, says how many, and reports what remains', async () => {
    const dir = await scratch({ 'flow.json': FIXABLE });
    const { code, stdout, stderr } = await run(['--fix', 'flow.json'], {}, dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(await readFile(join(dir, 'flow.json'), 'utf8')).toBe(FIXED);
    expect(stdout.split('\n')[0]).toBe('flow.json: 3 fixes applied');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('1 file checked: 1 valid, 0 invalid (0 errors, 0 warnings), 3 fixes applied');
  });

  it('writes nothing when there is nothing to fix', async () => {
    const dir = await scratch({ 'flow.json': FIXED });
    await utimes(join(dir, 'flow.json'), OLD, OLD);
    const { code, stdout } = await run(['--fix', 'flow.json'], {}, dir);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/^flow\.json: .* applied$/m);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/, 0 fixes applied$/);
    expect((await stat(join(dir, 'flow.json'))).mtime.getTime()).toBe(OLD.getTime());
  });

  it('exits 1 when an error without a safe fix remains, and prints "fixed" and the rest as JSON', async () => {
    const broken = FIXABLE.replace('{ "type": "TextHeadnig", "text": "Hello" }', '{ "type": "Slider", "text": "Hello" }');
    const dir = await scratch({ 'flow.json': broken });
    const { code, stdout } = await run(['--fix', '--format', 'json', 'flow.json'], {}, dir);
    expect(code).toBe(1);
    const line = JSON.parse(stdout) as { fixed: number; valid: boolean; diagnostics: { code: string; pointer: string }[] };
    expect(line).toMatchObject({ fixed: 2, valid: false });
    expect(line.diagnostics.map((d) => `${d.code}@${d.pointer}`)).toEqual(['INVALID_PROPERTY_VALUE@/screens/0/layout/children/0/type']);
    expect(await readFile(join(dir, 'flow.json'), 'utf8')).toBe(broken.replace('"3.0"', '"5.1"').replace('"lable"', '"label"'));
  });

  it('without --fix, shows each fix and how to apply them, and lists fixes in the JSON output', async () => {
    const dir = await scratch({ 'flow.json': FIXABLE });
    const pretty = await run(['flow.json'], {}, dir);
    expect(pretty.code).toBe(1);
    expect(pretty.stdout).toContain("  fix: Change 'TextHeadnig' to 'TextHeading'\n");
    expect(pretty.stdout).toContain('  fix: Change version to "5.1"\n');
    expect(pretty.stdout).toContain('3 problems have safe fixes: run again with --fix to apply them\n');
    const json = JSON.parse((await run(['--format=json', 'flow.json'], {}, dir)).stdout) as { diagnostics: { code: string; fixes?: unknown }[] };
    const version = json.diagnostics.find((d) => d.code === 'DEPRECATED_FLOW_JSON_VERSION');
    expect(version?.fixes).toEqual([{ title: 'Change version to "5.1"', edits: [{ range: { start: { line: 2, column: 14 }, end: { line: 2, column: 19 } }, newText: '"5.1"' }] }]);
    expect(await readFile(join(dir, 'flow.json'), 'utf8')).toBe(FIXABLE);
  });
});

describe('waflow validate design-guidance lints', () => {
  // A Footer labelled "Next" says nothing about what happens: style/cta-says-what-happens fires.
  const NEXT = FIXED.replace('"Send feedback"', '"Next"');
  const codes = async (argv: string[], dir: string) => {
    const { code, stdout, stderr } = await run(['--format', 'json', ...argv], {}, dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    return (JSON.parse(stdout) as { diagnostics: { code: string; severity: string }[] }).diagnostics.map((d) => `${d.severity} ${d.code}`);
  };

  it('runs them by default, at their own level or as --rules says; --no-style skips them', async () => {
    const dir = await scratch({ 'flow.json': NEXT });
    expect(await codes(['flow.json'], dir)).toEqual(['warning style/cta-says-what-happens']);
    expect(await codes(['flow.json', '--rules', 'style/cta-says-what-happens=info'], dir)).toEqual(['info style/cta-says-what-happens']);
    expect(await codes(['flow.json', '--rules=style/sentence-case=off,style/cta-says-what-happens=off'], dir)).toEqual([]);
    expect(await codes(['flow.json', '--rules', 'style/cta-says-what-happens=off', '--rules', 'style/cta-says-what-happens=warning'], dir)).toEqual(['warning style/cta-says-what-happens']);
    expect(await codes(['flow.json', '--no-style'], dir)).toEqual([]);
  });

  it('reads ./waflow.config.json, or the file --config names; options on the command line win', async () => {
    const dir = await scratch({
      'flow.json': NEXT,
      'waflow.config.json': JSON.stringify({ validate: { rules: { 'style/cta-says-what-happens': 'info' } } }),
      'quiet.json': JSON.stringify({ other: 'tools may keep settings here', validate: { style: false } }),
    });
    expect(await codes(['flow.json'], dir)).toEqual(['info style/cta-says-what-happens']);
    expect(await codes(['flow.json', '--rules', 'style/cta-says-what-happens=warning'], dir)).toEqual(['warning style/cta-says-what-happens']);
    expect(await codes(['flow.json', '--config', 'quiet.json'], dir)).toEqual([]);
    expect(await codes(['flow.json', '--config', 'quiet.json', '--style'], dir)).toEqual(['warning style/cta-says-what-happens']);
  });

  it.each([
    ['{\n  "validate": {\n    "rules": { "style/cta-says-what-happens": "loud" }\n  }\n}', 'waflow.config.json:3:47 at /validate/rules/style~1cta-says-what-happens: level must be off, info or warning, not "loud"'],
    ['{\n  "validate": {\n    "rules": { "style/cta-say-what-happens": "off" }\n  }\n}', 'waflow.config.json:3:16 at /validate/rules/style~1cta-say-what-happens: unknown lint "style/cta-say-what-happens"; did you mean "style/cta-says-what-happens"?'],
    ['{\n  "validate": { "styel": false }\n}', 'waflow.config.json:2:17 at /validate/styel: unknown setting "styel" (validate has "style" and "rules")'],
    ['{\n  "validate": { "style": "no" }\n}', 'waflow.config.json:2:26 at /validate/style: "style" must be true or false'],
    ['{\n  "validate": { "rules": [] }\n}', 'waflow.config.json:2:26 at /validate/rules: "rules" must be an object'],
    ['{\n  "validate": {\n    "style": false,\n  }\n}', 'waflow.config.json:3:19 at /validate: Trailing comma is not allowed in JSON; remove it'],
    ['[]', 'waflow.config.json:1:1: the configuration must be a JSON object'],
  ])('rejects a malformed configuration with its line, column and JSON pointer (%#)', async (config, message) => {
    const dir = await scratch({ 'flow.json': NEXT, 'waflow.config.json': config });
    const { code, stdout, stderr } = await run(['flow.json'], {}, dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`waflow validate: invalid configuration ${message}`);
  });

  it('exits 2 when the --config file cannot be read', async () => {
    const dir = await scratch({ 'flow.json': NEXT });
    const { code, stderr } = await run(['flow.json', '--config', 'missing.json'], {}, dir);
    expect(code).toBe(2);
    expect(stderr).toContain('waflow validate: cannot read configuration missing.json: no such file or directory (ENOENT)');
  });

  it.each([
    [['--rules', 'style/sentence-case', 'a.json'], '--rules "style/sentence-case": write code=level, e.g. style/sentence-case=off'],
    [['--rules', 'style/sentence-case=error', 'a.json'], '--rules "style/sentence-case=error": level must be off, info or warning, not "error" (lints are never errors)'],
    [['--rules', 'style/sentence-cas=off', 'a.json'], '--rules "style/sentence-cas=off": unknown lint "style/sentence-cas"; did you mean "style/sentence-case"?'],
    [['--rules', 'INVALID_PROPERTY_KEY=off', 'a.json'], '--rules "INVALID_PROPERTY_KEY=off": "INVALID_PROPERTY_KEY" is not a design-guidance lint: only style/... codes can be set'],
    [['--style', '--no-style', 'a.json'], '--style and --no-style cannot be used together'],
  ])('rejects bad lint options: %j', async (argv, message) => {
    const { code, stderr, stdout } = await run(argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`waflow validate: ${message}`);
  });

  it('parses repeated and comma-separated --rules, a later entry winning', () => {
    expect(parseValidateArgs(['a.json', '--rules', 'style/sentence-case=off, style/restrained-emoji=info', '--rules=style/sentence-case=warning'])).toMatchObject({
      rules: { 'style/sentence-case': 'warning', 'style/restrained-emoji': 'info' },
    });
  });
});
