// Driving the builder's visual mode from a browser: open a document in it, and the view the
// README's picture shows (ui/e2e/screenshots.ts). Shared by ui/e2e/visual.test.ts.
import { readFileSync } from 'node:fs';
import { setEditorText } from './editor-driver.js';
import type { BrowserSandbox } from './harness.js';

/** Opens the builder with `text` in the code editor, then switches to visual mode. */
export async function openVisualMode(t: BrowserSandbox, text: string): Promise<void> {
  const { page } = t;
  await page.goto(`${t.sandbox.url}/builder`);
  await setEditorText(page, text);
  await page.getByTestId('mode-visual').click();
  await page.getByTestId('visual').waitFor();
}

/**
 * A flow with both kinds of routes (navigate actions and a data_exchange route), a component
 * selected so the property panel shows it, in a window tall enough for graph, palette and panel.
 */
export async function showVisualMode(t: BrowserSandbox): Promise<void> {
  const { page } = t;
  await page.setViewportSize({ width: 1280, height: 1500 });
  await openVisualMode(t, readFileSync(new URL('../../examples/all-inputs.json', import.meta.url), 'utf8'));
  await page.getByTestId('select-/screens/0/layout/children/1').click();
  await page.getByTestId('prop-label').waitFor();
  await page.getByTestId('graph-node-PROFILE').waitFor();
}
