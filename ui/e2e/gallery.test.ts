// The gallery in Chromium: every catalogue entry is a card, the search box and the use-case filter
// narrow them, a template opens in the builder from the keyboard (its text in the editor, its name
// in the toolbar) and is completed in the builder's preview phone, whose response_json holds what
// was entered. At 390 px the gallery does not scroll sideways. No console errors throughout.
import { describe, expect, it } from 'vitest';
import { GALLERY, galleryEntry } from '../src/gallery/entries.js';
import { summarizeFlow } from '../src/gallery/summary.js';
import { editorText } from './editor-driver.js';
import { eventually } from './eventually.js';
import { TEST_TIMEOUT_MS, until } from './harness.js';
import type { BrowserSandbox } from './harness.js';
import { browserSandboxSuite } from './suite.js';
import { pickOption } from './journeys.js';

let t: BrowserSandbox;
const consoleErrors = browserSandboxSuite((sandbox) => {
  t = sandbox;
});

const shownIds = (): Promise<string[]> => t.page.locator('[data-testid="gallery-card"]').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-entry') ?? ''));

describe('gallery', () => {
  it('lists every entry with its facts, and search and use case narrow the list', async () => {
    const { page } = t;
    await page.goto(`${t.sandbox.url}/gallery`);
    await eventually(shownIds).toEqual(GALLERY.map((e) => e.id));
    expect(await page.getByTestId('gallery-count').textContent()).toBe(`${GALLERY.length} flows`);
    const quote = page.locator('[data-testid="gallery-card"][data-entry="insurance-quote"]');
    expect(await quote.getByRole('heading').textContent()).toBe('Insurance quote');
    expect(await quote.getByTestId('gallery-facts').textContent()).toBe('Flow JSON 7.3 · 3 screens');
    expect(await quote.getByRole('list', { name: 'Components used' }).getByRole('listitem').allTextContents()).toEqual(summarizeFlow(galleryEntry('insurance-quote')?.json ?? '').components);
    expect(await page.locator('[data-entry="feedback-form"] [data-testid="gallery-facts"]').textContent()).toBe('Flow JSON 2.1 · 2 screens');
    await t.shot('gallery');

    // A component name finds the flows that use it; words combine.
    await page.getByTestId('gallery-search').fill('ChipsSelector');
    const withChips = GALLERY.filter((e) => summarizeFlow(e.json).components.includes('ChipsSelector')).map((e) => e.id);
    expect(withChips).toContain('purchase-interest');
    await eventually(shownIds).toEqual(withChips);
    await page.getByTestId('gallery-search').fill('nothing matches this');
    await page.getByText('No flow matches.').waitFor();
    await page.getByRole('button', { name: 'Show all' }).click();
    await eventually(shownIds).toHaveLength(GALLERY.length);
    await page.getByTestId('gallery-category').selectOption('Surveys');
    await eventually(shownIds).toEqual(GALLERY.filter((e) => e.category === 'Surveys').map((e) => e.id));
    expect(await page.getByTestId('gallery-count').textContent()).toBe(`2 of ${GALLERY.length} flows`);
    expect(consoleErrors).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it('opens a template in the builder from the keyboard and completes it in the preview phone', async () => {
    const { page } = t;
    await page.goto(`${t.sandbox.url}/gallery`);
    // Keyboard only: search, then Tab through the filters to the one card's link and press Enter.
    await page.getByTestId('gallery-search').focus();
    await page.keyboard.type('car insurance quote');
    await eventually(shownIds).toEqual(['insurance-quote']);
    const link = page.getByRole('link', { name: 'Open Insurance quote in the builder' });
    await until('the card link to have the focus', async () => {
      await page.keyboard.press('Tab');
      return link.evaluate((el) => el === document.activeElement);
    });
    await page.keyboard.press('Enter');
    await until('the builder at ?gallery=insurance-quote', () => page.url().endsWith('/builder?gallery=insurance-quote'));
    await eventually(() => page.getByTestId('builder-status').textContent()).toBe('Opened “Insurance quote” from the gallery.');
    await eventually(() => editorText(page)).toBe(galleryEntry('insurance-quote')?.json);
    expect(await page.getByRole('textbox', { name: 'Flow name' }).inputValue()).toBe('insurance_quote');
    await page.getByTestId('diagnostics-ok').waitFor();

    // The preview phone: three screens filled as a person would, then the footer completes the flow.
    const title = page.getByTestId('screen-title');
    await eventually(() => title.textContent()).toBe('Car insurance quote');
    const footer = page.getByTestId('footer-button');
    await pickOption(t, 'Type of car', 'Estate');
    await page.locator('[data-field="year"] input').fill('2019');
    await page.locator('[data-field="postcode"] input').fill('1000-001');
    await until('the footer button to be enabled', () => footer.isEnabled());
    // The footer answers the keyboard too.
    await footer.focus();
    await page.keyboard.press('Enter');
    await eventually(() => title.textContent()).toBe('Your cover');
    expect(await footer.isEnabled()).toBe(false);
    await page.locator('[data-field="cover"] [role="radio"]', { hasText: 'Comprehensive' }).click();
    await page.locator('[data-field="claims"] [role="radio"]', { hasText: 'None' }).click();
    await until('the footer button to be enabled', () => footer.isEnabled());
    await footer.click();
    await eventually(() => title.textContent()).toBe('Where to send it');
    await page.locator('[data-field="full_name"] input').fill('Rui Costa');
    await page.locator('[data-field="email"] input').fill('rui@example.com');
    await page.getByRole('checkbox', { name: 'I agree that you use these details to prepare my quote' }).click();
    await until('the footer button to be enabled', () => footer.isEnabled());
    await footer.click();
    await page.getByTestId('flow-completed').waitFor();
    const completion = page.getByTestId('preview-completion');
    await completion.waitFor();
    await t.shot('gallery-completed-in-builder');
    expect(JSON.parse((await completion.textContent()) ?? '')).toEqual({
      flow_token: 'preview-flow-token',
      vehicle_type: 'estate',
      year: 2019,
      postcode: '1000-001',
      cover: 'comprehensive',
      claims: 'none',
      full_name: 'Rui Costa',
      email: 'rui@example.com',
      consent: true,
    });
    expect(consoleErrors).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it('keeps the default form for a builder without ?gallery and names an unknown id', async () => {
    const { page } = t;
    await page.goto(`${t.sandbox.url}/builder?gallery=no-such-flow`);
    await eventually(() => page.getByTestId('builder-status').textContent()).toBe('The gallery has no flow "no-such-flow"; showing the feedback form.');
    await eventually(() => editorText(page)).toBe(galleryEntry('feedback-form')?.json);
    expect(await page.getByRole('textbox', { name: 'Flow name' }).inputValue()).toBe('feedback_form');
    // The top bar leads to the gallery.
    await page.getByTestId('nav-gallery').click();
    await eventually(shownIds).toHaveLength(GALLERY.length);
    expect(new URL(page.url()).pathname).toBe('/gallery');
    expect(consoleErrors).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it('has no horizontal scroll at 390 px', async () => {
    const { page } = t;
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(`${t.sandbox.url}/gallery`);
      await eventually(shownIds).toHaveLength(GALLERY.length);
      expect(await page.evaluate(() => (document.scrollingElement ?? document.documentElement).scrollWidth)).toBeLessThanOrEqual(390);
      await t.shot('narrow-gallery', { fullPage: true });
    } finally {
      await page.setViewportSize({ width: 1280, height: 860 });
    }
    expect(consoleErrors).toEqual([]);
  }, TEST_TIMEOUT_MS);
});
