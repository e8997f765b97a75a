// The builder's visual mode in Chromium: a component added from the palette by keyboard and by
// drag lands exactly where it was put, with the rest of the JSON text byte for byte as it was, and
// the result validates; reordering by drag and by the row's buttons; a property edited in the panel
// changes that value only; the routing graph draws every screen and every edge routingGraph
// computes, with its kind; at 390 px nothing scrolls sideways. No console errors throughout.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { routingGraph, validateFlow } from '../../src/flow-json/index.js';
import { insertElement, removeElement, setMember } from '../src/builder/visual/json-text.js';
import { editorText, setEditorText } from './editor-driver.js';
import { openVisualMode } from './visual-driver.js';
import { eventually } from './eventually.js';
import { TEST_TIMEOUT_MS } from './harness.js';
import type { BrowserSandbox } from './harness.js';
import { browserSandboxSuite } from './suite.js';

const read = (path: string): string => readFileSync(new URL(`../../examples/${path}`, import.meta.url), 'utf8');
const SIGN_UP = read('sign-up.json');
const CHILDREN = '/screens/0/layout/children';

type Doc = { screens: { id: string; layout: { children: Record<string, unknown>[] } }[] };
const childrenOf = (text: string, screen = 0): Record<string, unknown>[] => (JSON.parse(text) as Doc).screens[screen]!.layout.children;
const errorsOf = (text: string): string[] => validateFlow(text).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}: ${d.message}`);

let t: BrowserSandbox;
const consoleErrors = browserSandboxSuite((sandbox) => {
  t = sandbox;
});

/** The code editor's text (switching to code mode and back when in visual mode). */
async function textOf(page: Page): Promise<string> {
  await page.getByTestId('mode-code').click();
  const text = await editorText(page);
  await page.getByTestId('mode-visual').click();
  await page.getByTestId('visual').waitFor();
  return text;
}

const row = (page: Page, pointer: string) => page.getByTestId(`node-${pointer}`).locator('> .vis-row');

describe('the builder visual mode', () => {
  it('adds a component from the palette with the keyboard, and the JSON changes only there', async () => {
    const { page } = t;
    await page.goto(`${t.sandbox.url}/builder`);
    await setEditorText(page, SIGN_UP);
    await page.getByTestId('diagnostics-ok').waitFor();
    // Keyboard only: the mode tabs take the arrow keys; Enter picks a component; Enter on "Add".
    await page.getByTestId('mode-code').focus();
    await page.keyboard.press('ArrowRight');
    await page.getByTestId('visual').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('mode-visual');
    await page.getByTestId(`select-${CHILDREN}/0`).focus();
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId(`select-${CHILDREN}/0`).getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('add-TextInput').focus();
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('visual-status').textContent()).toContain('Added TextInput at position 2');

    const after = await textOf(page);
    expect(childrenOf(after)[1]).toEqual({ type: 'TextInput', name: 'text_input_1', label: 'Text input' });
    // Exactly one element was inserted: taking it out gives the original text byte for byte.
    expect(removeElement(after, CHILDREN, 1)).toBe(SIGN_UP);
    expect(after).toBe(insertElement(SIGN_UP, CHILDREN, 1, { type: 'TextInput', name: 'text_input_1', label: 'Text input' }));
    expect(errorsOf(after)).toEqual([]);
    // The new component is selected, its properties shown from the catalogue.
    await eventually(() => page.getByTestId(`select-${CHILDREN}/1`).getAttribute('aria-pressed')).toBe('true');
    await expect(page.getByTestId('prop-label').inputValue()).resolves.toBe('Text input');
    expect(await page.getByTestId('prop-label').getAttribute('aria-required')).toBe('true');
    await expect(page.getByTestId('property-panel').textContent()).resolves.toContain('1–20 characters');
    // The palette follows the version: RichText (5.1+) is gone in 2.1, and the filter box narrows it.
    await expect(page.getByTestId('palette-RichText').count()).resolves.toBe(1);
    await page.getByTestId('version-select').selectOption('2.1');
    await eventually(() => page.getByTestId('palette-RichText').count()).toBe(0);
    await page.getByTestId('version-select').selectOption('');
    await page.getByTestId('palette-filter').fill('picker');
    const listed = () => page.locator('.vis-pal-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')).sort());
    await eventually(listed).toEqual(['palette-CalendarPicker', 'palette-DatePicker', 'palette-DocumentPicker', 'palette-PhotoPicker']);
    await page.getByTestId('palette-filter').fill('');
    expect(consoleErrors).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it('adds by dragging from the palette and reorders by drag and by the move buttons', async () => {
    const { page } = t;
    await openVisualMode(t, SIGN_UP);
    // Dropped on the upper half of the first row: before it.
    const first = row(page, `${CHILDREN}/0`);
    const box = (await first.boundingBox())!;
    await page.getByTestId('palette-TextBody').dragTo(first, { targetPosition: { x: 12, y: Math.max(2, box.height / 4) } });
    await eventually(() => page.getByTestId('visual-status').textContent()).toContain('Added TextBody at position 1');
    const added = await textOf(page);
    expect(childrenOf(added)[0]).toEqual({ type: 'TextBody', text: 'New text' });
    expect(removeElement(added, CHILDREN, 0)).toBe(SIGN_UP);
    expect(errorsOf(added)).toEqual([]);

    // Drag the new TextBody onto the end slot of the list: it goes last, its own text unchanged.
    await row(page, `${CHILDREN}/0`).dragTo(page.getByTestId(`drop-${CHILDREN}`));
    await eventually(() => page.getByTestId('visual-status').textContent()).toContain('Moved TextBody');
    const moved = await textOf(page);
    const n = childrenOf(SIGN_UP).length;
    expect(childrenOf(moved)[n]).toEqual({ type: 'TextBody', text: 'New text' });
    expect(moved).toBe(insertElement(SIGN_UP, CHILDREN, n, { type: 'TextBody', text: 'New text' }));

    // Keyboard: "Move up" on the selected row, twice.
    await page.getByTestId(`up-${CHILDREN}/${n}`).focus();
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId(`select-${CHILDREN}/${n - 1}`).getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId(`up-${CHILDREN}/${n - 1}`).focus();
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId(`select-${CHILDREN}/${n - 2}`).getAttribute('aria-pressed')).toBe('true');
    const up = await textOf(page);
    expect(up).toBe(insertElement(SIGN_UP, CHILDREN, n - 2, { type: 'TextBody', text: 'New text' }));
    // And remove it: back to the example exactly.
    await page.getByTestId(`remove-${CHILDREN}/${n - 2}`).click();
    await eventually(() => page.getByTestId('visual-status').textContent()).toContain('Removed TextBody');
    expect(await textOf(page)).toBe(SIGN_UP);
    expect(consoleErrors).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it('edits properties in the panel: that value changes, the rest stays byte for byte', async () => {
    const { page } = t;
    await openVisualMode(t, SIGN_UP);
    await page.getByTestId(`select-${CHILDREN}/1`).click();
    const label = page.getByTestId('prop-label');
    await expect(label.inputValue()).resolves.toBe('First name');
    await label.fill('Given name');
    await label.press('Enter');
    await eventually(() => page.getByTestId('visual-status').textContent()).toBe('Set label.');
    const renamed = await textOf(page);
    expect(renamed).toBe(SIGN_UP.replace('"label": "First name"', '"label": "Given name"'));

    // An optional property from an enum select is added after the nearest earlier one, then removed.
    await page.getByTestId(`select-${CHILDREN}/1`).click();
    // The optional properties are folded away unless one is written (this input has some).
    if (!(await page.locator('.vis-optional').evaluate((d) => (d as HTMLDetailsElement).open))) await page.locator('.vis-optional > summary').click();
    await page.getByTestId('prop-helper-text').fill('As on your ID');
    await page.getByTestId('prop-helper-text').press('Tab');
    await eventually(() => page.getByTestId('visual-status').textContent()).toBe('Set helper-text.');
    const helped = await textOf(page);
    expect(childrenOf(helped)[1]!['helper-text']).toBe('As on your ID');
    expect(helped).toBe(setMember(renamed, `${CHILDREN}/1`, 'helper-text', 'As on your ID', 'required'));
    expect(errorsOf(helped)).toEqual([]);
    await page.getByTestId(`select-${CHILDREN}/1`).click();
    await page.getByTestId('unset-helper-text').click();
    await eventually(() => page.getByTestId('visual-status').textContent()).toBe('Removed helper-text.');
    expect(await textOf(page)).toBe(renamed);

    // Screen properties: the screen's title, from the same panel when no component is selected.
    await page.getByTestId(`select-${CHILDREN}/1`).click();
    await page.getByTestId('select-screen').click();
    await page.getByTestId('prop-title').fill('Join us');
    await page.getByTestId('prop-title').press('Enter');
    await eventually(() => page.getByTestId('visual-status').textContent()).toBe('Set title.');
    expect(await textOf(page)).toBe(renamed.replace('"title": "Join the gym"', '"title": "Join us"'));
    expect(consoleErrors).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it.each(['all-inputs.json', 'booking/flow.json'])('draws every screen and edge of %s that routingGraph computes', async (file) => {
    const { page } = t;
    const text = read(file);
    await openVisualMode(t, text);
    const graph = routingGraph(JSON.parse(text));
    const svg = page.getByTestId('routing-graph');
    await eventually(() => svg.locator('[data-testid^="graph-node-"]').count()).toBe(graph.nodes.length);
    expect(await svg.locator('[data-testid^="graph-edge-"]').count()).toBe(graph.edges.length);
    for (const node of graph.nodes) {
      const g = svg.getByTestId(`graph-node-${node.id}`);
      expect(await g.isVisible()).toBe(true);
      expect([await g.getAttribute('data-layer'), await g.getAttribute('data-index')]).toEqual([String(node.layer), String(node.index)]);
    }
    for (const edge of graph.edges) {
      const path = svg.getByTestId(`graph-edge-${edge.from}-${edge.to}`);
      expect(await path.getAttribute('data-kind')).toBe(edge.kind);
      expect(await path.getAttribute('marker-end')).toBe(`url(#vis-arrow-${edge.kind})`);
    }
    await expect(svg.textContent()).resolves.toContain('data_exchange (routing_model)');
    // A node is a button: Enter on it opens its screen in the tree.
    const last = graph.nodes.at(-1)!;
    await svg.getByTestId(`graph-node-${last.id}`).focus();
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId(`screen-${last.id}`).getAttribute('aria-current')).toBe('true');
    // The phone previews the screen picked in the list.
    const second = graph.nodes[1]!;
    await page.getByTestId(`screen-${second.id}`).click();
    await eventually(() => page.getByTestId('screen-title').textContent()).toBe(second.title);
    await t.shot(`visual-graph-${file.replace(/\W+/g, '-')}`);
    expect(consoleErrors).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it('has no horizontal scroll at 390 px', async () => {
    const { page } = t;
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await openVisualMode(t, read('all-inputs.json'));
      await page.getByTestId(`select-${CHILDREN}/0`).click();
      const overflow = () => page.evaluate(() => {
        const el = document.scrollingElement ?? document.documentElement;
        return el.scrollWidth - el.clientWidth;
      });
      expect(await overflow()).toBeLessThanOrEqual(0);
      await t.shot('visual-narrow', { fullPage: true });
    } finally {
      await page.setViewportSize({ width: 1280, height: 860 });
    }
    expect(consoleErrors).toEqual([]);
  }, TEST_TIMEOUT_MS);
});
