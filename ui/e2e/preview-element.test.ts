// <waflow-phone> from the built package (dist/preview) on the demo page examples/preview/, as a
// project that installed waflow serves it: the flow from `src`, the page's endpoint stub answering
// the data_exchange, a person completing both screens in the element.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateFlow } from '../../src/flow-json/validate/index.js';
import type { WaflowPhoneElement as Implemented } from '../src/preview/element.js';
import type { WaflowPhoneElement as Published } from '../src/preview/public-types.js';
import { eventually } from './eventually.js';
import { START_TIMEOUT_MS, TEST_TIMEOUT_MS } from './harness.js';
import { openPreviewDemo } from './preview-kit.js';
import type { PreviewPage } from './preview-kit.js';

// The hand-written declarations the package publishes describe the element that is built.
const published: (element: Implemented) => Published = (element) => element;
void published;

let t: PreviewPage;
beforeAll(async () => {
  t = await openPreviewDemo();
}, START_TIMEOUT_MS);
afterAll(async () => {
  await t?.close();
});

describe('<waflow-phone> on the demo page', () => {
  it('serves a valid demo flow', () => {
    const text = readFileSync(new URL('../../examples/preview/flow.json', import.meta.url), 'utf8');
    expect(validateFlow(text).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('completes the flow: navigate events for each screen, the stub endpoint in between, the completion payload', async () => {
    const { page } = t;
    await eventually(async () => (await t.events()).filter((e) => e.type === 'waflow-navigate').map((e) => e.detail.screen)).toEqual(['PARTY']);
    // Everything the phone draws is in the element's shadow root, which Playwright's locators pierce.
    await expect(page.getByTestId('screen-title').textContent()).resolves.toBe('Book a table');
    await page.getByLabel('Your name').fill('Ana');
    await page.getByRole('radio', { name: 'Four' }).click();
    await page.getByTestId('footer-button').click();

    await eventually(async () => (await t.events()).filter((e) => e.type === 'waflow-navigate').map((e) => e.detail)).toEqual([
      { screen: 'PARTY', data: {} },
      { screen: 'TIMES', data: { greeting: 'A table for 4, Ana:', party_size: '4', times: [{ id: '18:30', title: '6:30 pm' }, { id: '21:00', title: '9:00 pm' }] } },
    ]);
    await expect(page.getByTestId('screen-title').textContent()).resolves.toBe('Choose a time');
    await page.getByRole('radio', { name: '9:00 pm' }).click();
    await page.getByTestId('footer-button').click();

    await eventually(async () => (await t.events()).filter((e) => e.type === 'waflow-complete').map((e) => e.detail)).toEqual([
      { response_json: { flow_token: 'demo-flow-token', time: '21:00', party_size: '4' } },
    ]);
    await expect(page.getByTestId('flow-completed').isVisible()).resolves.toBe(true);
    // The page's own listener saw the same events.
    await expect(page.locator('#log').textContent()).resolves.toContain('complete {"flow_token":"demo-flow-token","time":"21:00","party_size":"4"}');
    expect((await t.events()).filter((e) => e.type === 'waflow-error')).toEqual([]);
    expect(t.errors).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it("keeps the phone's styles in its shadow root and reports a flow that does not parse", async () => {
    const { page } = t;
    // The page has only its own stylesheet; the phone is styled all the same.
    await expect(page.evaluate(() => document.styleSheets.length)).resolves.toBe(1);
    await expect(page.getByTestId('waflow-phone').evaluate((el) => getComputedStyle(el).width)).resolves.toBe('360px');

    await page.evaluate(() => {
      const broken = document.createElement('waflow-phone');
      broken.id = 'broken';
      broken.setAttribute('flow', '{\n  "screens": [\n}');
      document.body.append(broken);
    });
    await eventually(async () => (await t.events()).filter((e) => e.type === 'waflow-error').map((e) => e.detail.message)).toEqual([
      expect.stringMatching(/^The Flow JSON is not valid JSON at line 3, column 1: /) as unknown as string,
    ]);
    await expect(page.locator('#broken').getByTestId('preview-problem').textContent()).resolves.toMatch(/^The Flow JSON is not valid JSON at line 3, column 1/);
    expect(t.errors).toEqual([]);
  }, TEST_TIMEOUT_MS);
});
