// The builder's CodeMirror editor in Chromium: completion from the catalogue (typing an unknown
// component's type offers TextInput, picked from the list), hover docs, a squiggle whose quick fix
// (in the lint tooltip) removes the diagnostic, keyboard use (Esc then Tab leaves the editor,
// Ctrl-Enter previews the screen at the cursor, Ctrl-S saves), and every page at 390 px wide
// without horizontal scrolling. No console errors throughout.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cursorToLineEnd, editorText, setEditorText } from './editor-driver.js';
import { eventually } from './eventually.js';
import { TEST_TIMEOUT_MS } from './harness.js';
import type { BrowserSandbox } from './harness.js';
import { browserSandboxSuite } from './suite.js';
import { openFeedbackForm, openInbox, sendFeedbackForm } from './journeys.js';

const SIGN_UP = readFileSync(new URL('../../examples/sign-up.json', import.meta.url), 'utf8');
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

let t: BrowserSandbox;
const consoleErrors = browserSandboxSuite((sandbox) => {
  t = sandbox;
});

describe('the builder editor', () => {
  it('completes an unknown component type from the catalogue and shows its docs on hover', async () => {
    const { page } = t;
    await page.goto(`${t.sandbox.url}/builder`);
    await setEditorText(page, SIGN_UP);
    await page.getByTestId('diagnostics-ok').waitFor();

    // Type a component at the start of the first screen's children; brackets and quotes close themselves.
    const children = lineOf(SIGN_UP, '"children": [');
    await cursorToLineEnd(page, children);
    await page.keyboard.type('{"type": "TextIn');
    const list = page.locator('.cm-tooltip-autocomplete');
    await list.waitFor();
    const option = list.locator('li', { has: page.locator('.cm-completionLabel', { hasText: /^TextInput$/ }) });
    await eventually(() => option.count()).toBe(1);
    await t.shot('editor-completion');
    await option.click();
    await list.waitFor({ state: 'detached' });
    await page.keyboard.press('End');
    await page.keyboard.type(',');
    const written = await editorText(page);
    expect(written.split('\n')[children - 1]?.trim()).toBe('"children": [{"type": "TextInput"},');
    // The validator now asks for the new input's name and label.
    await eventually(() => page.locator(`[data-testid="diagnostics"] .diag-item[data-line="${children}"]`).count()).toBeGreaterThan(0);

    // Hover docs: the component's description and versions, from the catalogue.
    await page.locator('.cm-line', { hasText: '"children": [{"type": "TextInput"},' }).getByText('"TextInput"').hover();
    const doc = page.getByTestId('hover-doc');
    await eventually(() => doc.textContent()).toContain('Single-line text field.');
    await eventually(() => doc.textContent()).toContain('Flow JSON 2.1 and later');
    await t.shot('editor-hover-doc');
    expect(consoleErrors).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it('squiggles a diagnostic and applies its quick fix from the lint tooltip', async () => {
    const { page } = t;
    await page.goto(`${t.sandbox.url}/builder`);
    const typo = SIGN_UP.replace('"type": "TextInput"', '"type": "TextInptu"');
    await setEditorText(page, typo);
    const item = page.locator('[data-testid="diagnostics"] .diag-item');
    await eventually(() => item.count()).toBe(1);
    // The safe fix is computed once typing pauses; the list shows it when it is there.
    await page.getByRole('button', { name: "Fix: Change 'TextInptu' to 'TextInput'" }).waitFor();
    await item.click();
    const squiggle = page.locator('.cm-lintRange-error');
    await eventually(() => squiggle.textContent()).toBe('"TextInptu"');
    await squiggle.hover();
    const tooltip = page.locator('.cm-tooltip-lint');
    await eventually(() => tooltip.textContent()).toContain("Unknown component type 'TextInptu'");
    await t.shot('editor-quick-fix');
    await tooltip.getByRole('button', { name: "Change 'TextInptu' to 'TextInput'" }).click();
    await page.getByTestId('diagnostics-ok').waitFor();
    await eventually(() => page.locator('.cm-lintRange, .cm-lint-marker').count()).toBe(0);
    expect(await editorText(page)).toBe(SIGN_UP);
    // The fix is one step in the editor's history.
    await page.keyboard.press('ControlOrMeta+z');
    await eventually(() => editorText(page)).toBe(typo);
    expect(consoleErrors).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it('works from the keyboard: Esc then Tab leaves the editor, Ctrl-Enter previews, Ctrl-S saves', async () => {
    const { page } = t;
    await page.goto(`${t.sandbox.url}/builder`);
    await page.getByLabel('Flow name').fill('sign_up');
    await setEditorText(page, SIGN_UP);
    await page.getByTestId('diagnostics-ok').waitFor();
    const inEditor = (): Promise<boolean> => page.evaluate(() => Boolean(document.activeElement?.closest('.cm-editor')));

    // Tab indents inside the editor; Escape then Tab moves the focus on.
    await cursorToLineEnd(page, 1);
    await page.keyboard.press('Tab');
    await eventually(() => editorText(page)).toBe(`  ${SIGN_UP}`);
    expect(await inEditor()).toBe(true);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    await eventually(inEditor).toBe(false);

    // Ctrl-Enter: the screen the cursor is in shows on the phone, and the status line says what the check found.
    const secondScreen = lineOf(SIGN_UP, '"id": "SECURE_ACCOUNT"');
    await cursorToLineEnd(page, secondScreen);
    await page.keyboard.press('ControlOrMeta+Enter');
    await eventually(() => page.getByTestId('screen-title').textContent()).toBe('Secure your account');
    await eventually(() => page.getByTestId('builder-status').textContent()).toContain('No problems; previewing SECURE_ACCOUNT');
    // The shortcut did not also insert a line.
    expect(await editorText(page)).toBe(`  ${SIGN_UP}`);

    // Ctrl-S saves to the sandbox, from the editor too.
    expect(await inEditor()).toBe(true);
    await page.keyboard.press('ControlOrMeta+s');
    await eventually(() => page.getByTestId('builder-status').textContent()).toContain('Saved flow');
    const flows = await t.api<{ data: { name: string }[] }>('GET', `${t.graph}/${t.wabaId}/flows`);
    expect(flows.body.data.map((f) => f.name)).toContain('sign_up');
    expect(consoleErrors).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it('has no horizontal scroll at 390 px on the builder, the inbox and the dashboard', async () => {
    const { page } = t;
    await page.setViewportSize({ width: 390, height: 844 });
    const scrollWidth = (): Promise<number> => page.evaluate(() => (document.scrollingElement ?? document.documentElement).scrollWidth);
    try {
      await page.goto(`${t.sandbox.url}/builder`);
      await setEditorText(page, SIGN_UP);
      await eventually(() => page.getByTestId('screen-title').textContent()).toBe('Join the gym');
      expect(await scrollWidth()).toBeLessThanOrEqual(390);
      await t.shot('narrow-builder', { fullPage: true });

      // The inbox with a flow message, and its flow open in the phone.
      const { messageId } = await sendFeedbackForm(t);
      await openInbox(t, messageId);
      expect(await scrollWidth()).toBeLessThanOrEqual(390);
      await openFeedbackForm(t, messageId);
      expect(await scrollWidth()).toBeLessThanOrEqual(390);
      await t.shot('narrow-inbox', { fullPage: true });

      await page.getByTestId('nav-dashboard').click();
      await page.getByTestId('responses').waitFor();
      expect(await scrollWidth()).toBeLessThanOrEqual(390);
      await t.shot('narrow-dashboard', { fullPage: true });
    } finally {
      await page.setViewportSize({ width: 1280, height: 860 });
    }
    expect(consoleErrors).toEqual([]);
  }, TEST_TIMEOUT_MS);
});
