// Driving the builder's CodeMirror editor from a browser test. Writing goes through the editor's
// own input path: select all (Ctrl/⌘-A) and a paste event carrying the text, as a person pasting
// a document would. Reading uses the editor element's `flowText` (Editor.tsx): CodeMirror keeps
// only the lines in view in the DOM, so the page's text is not the document.
import type { Page } from 'playwright-core';
import { until } from './harness.js';

/** Replaces the editor's whole text, then waits until the editor holds it. */
export async function setEditorText(page: Page, text: string): Promise<void> {
  const content = page.locator('[data-testid="editor"] .cm-content');
  await content.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await content.evaluate((el, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  await until('the editor to hold the pasted text', async () => (await editorText(page)) === text);
}

/** The editor's whole text. */
export function editorText(page: Page): Promise<string> {
  return page.getByTestId('editor').evaluate((el) => (el as HTMLElement & { flowText: string }).flowText);
}

/** Puts the cursor at the end of a 1-based line with the keyboard (Ctrl-Home, arrows, End). */
export async function cursorToLineEnd(page: Page, line: number): Promise<void> {
  await page.locator('[data-testid="editor"] .cm-content').focus();
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
}
