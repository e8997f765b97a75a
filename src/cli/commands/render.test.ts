import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pixelsUnlikeCorner, pngSize } from '../../render/render-test-kit.js';
import { parseRenderArgs, renderCommand } from './render.js';

const dir = mkdtempSync(join(tmpdir(), 'waflow-render-cli-'));
copyFileSync(new URL('../../../examples/feedback-form.json', import.meta.url), join(dir, 'feedback.json'));

async function render(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await renderCommand.run(argv, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, cwd: dir, env: {} });
  return { code, stdout, stderr };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('waflow render', () => {
  it('writes a PNG per screen and the contact sheet into --out', async () => {
    const { code, stdout, stderr } = await render(['feedback.json', '--out', 'shots']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'wrote shots/screen_feedback_one.png  screen_feedback_one — Feedback 1 of 2',
        'wrote shots/screen_feedback_two.png  screen_feedback_two — Feedback 2 of 2',
        'wrote shots/contact-sheet.png  contact sheet',
        '',
      ].join('\n'),
    );
    for (const id of ['screen_feedback_one', 'screen_feedback_two']) {
      const png = readFileSync(join(dir, 'shots', `${id}.png`));
      expect(pngSize(png)).toEqual({ width: 360, height: 740 });
      expect(pixelsUnlikeCorner(png)).toBeGreaterThan(10_000);
    }
    expect(pngSize(readFileSync(join(dir, 'shots', 'contact-sheet.png'))).width).toBeGreaterThan(720);
  }, 120_000);

  it('renders only the --screen given, at --width, without the sheet on --no-sheet (default out ./render)', async () => {
    const { code, stdout, stderr } = await render(['feedback.json', '--screen', 'screen_feedback_two', '--width', '400', '--no-sheet', '--data', '{"would_recommend":"0"}']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe('wrote render/screen_feedback_two.png  screen_feedback_two — Feedback 2 of 2\n');
    expect(pngSize(readFileSync(join(dir, 'render', 'screen_feedback_two.png'))).width).toBe(400);
    expect(existsSync(join(dir, 'render', 'contact-sheet.png'))).toBe(false);
  }, 120_000);

  it('names the screens there are when --screen is unknown (exit 2)', async () => {
    const { code, stdout, stderr } = await render(['feedback.json', '--screen', 'screen_three']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('waflow render: feedback.json: unknown screen "screen_three"; the flow\'s screens: screen_feedback_one, screen_feedback_two\n');
  });

  it('says how to install Chromium when --chromium does not exist (exit 1)', async () => {
    const { code, stderr } = await render(['feedback.json', '--chromium', '/nonexistent/chromium']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^waflow render: no Chromium at \/nonexistent\/chromium \(the chromiumPath given\)\. Rendering needs playwright-core \(`npm i -D playwright-core`\) and a Chromium \(`apt-get install chromium` on Debian\/Ubuntu, or `npx playwright install chromium`\)/);
  });

  it('reports unreadable files and bad --data with their place (exit 2)', async () => {
    expect(await render(['missing.json'])).toEqual({ code: 2, stdout: '', stderr: 'waflow render: cannot read flow missing.json: no such file or directory (ENOENT)\n' });
    const bad = await render(['feedback.json', '--data', '{"a": }']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^waflow render: feedback\.json: --data does not parse at line 1, column 7: /);
    expect((await render(['feedback.json', '--data', '[1]'])).stderr).toBe('waflow render: feedback.json: --data must be a JSON object\n');
  });

  it('parses its arguments', () => {
    expect(parseRenderArgs(['f.json'])).toEqual({ flow: 'f.json', out: 'render', sheet: true });
    expect(parseRenderArgs(['f.json', '--screen', 'A', '--screen', 'B', '--out', 'o', '--width', '412'])).toEqual({ flow: 'f.json', out: 'o', sheet: true, screens: ['A', 'B'], width: 412 });
    expect(parseRenderArgs(['f.json', '--all', '--screen', 'A'])).toBe('--screen and --all cannot be used together');
    expect(parseRenderArgs(['f.json', '--width', '3.5'])).toBe('--width must be a whole number of pixels, got "3.5"');
    expect(parseRenderArgs([])).toBe('no flow file given');
    expect(parseRenderArgs(['a.json', 'b.json'])).toBe('one flow file at a time; got 2');
    expect(parseRenderArgs(['--help'])).toBe('help');
  });
});
