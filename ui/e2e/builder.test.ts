// (c) A builder session in Chromium: the validator runs as you type (a typo in a component type
// gives a diagnostic at its line, in the list, as a squiggle and as a gutter marker; clicking it
// moves the cursor; fixing it clears it), the version switch re-validates, the live phone preview follows the JSON,
// and the flow is saved, published and run interactively with a flow token and initial data.
// Safe fixes: a misspelt component type has a "Fix: ..." button that corrects it, and "Fix all"
// writes a missing routing_model and renames a misspelt property, leaving a design-guidance lint.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorText, setEditorText } from './editor-driver.js';
import { eventually } from './eventually.js';
import { pngBytes } from './media-files.js';
import { START_TIMEOUT_MS, startBrowserSandbox, TEST_TIMEOUT_MS } from './harness.js';
import type { BrowserSandbox } from './harness.js';

const ALL_INPUTS = readFileSync(new URL('../../examples/all-inputs.json', import.meta.url), 'utf8');
const SIGN_UP = readFileSync(new URL('../../examples/sign-up.json', import.meta.url), 'utf8');
const TYPO_LINE = SIGN_UP.split('\n').findIndex((l) => l.includes('"type": "TextInput"')) + 1;

/** An endpoint flow without routing_model, a misspelt "lable" and a Footer that says only "Done". */
const ORDER = JSON.stringify(
  {
    version: '7.3',
    data_api_version: '3.0',
    screens: [
      {
        id: 'START',
        title: 'Your order',
        layout: {
          type: 'SingleColumnLayout',
          children: [
            { type: 'TextBody', text: 'Tell us what you would like.' },
            { type: 'TextInput', name: 'dish', lable: 'Dish', required: true },
            { type: 'Footer', label: 'Continue', 'on-click-action': { name: 'navigate', next: { type: 'screen', name: 'DONE' }, payload: { dish: '${form.dish}' } } },
          ],
        },
      },
      {
        id: 'DONE',
        title: 'Thank you',
        terminal: true,
        data: { dish: { type: 'string', __example__: 'Soup' } },
        layout: {
          type: 'SingleColumnLayout',
          children: [
            { type: 'TextBody', text: 'We have your order.' },
            { type: 'Footer', label: 'Done', 'on-click-action': { name: 'complete', payload: { dish: '${data.dish}' } } },
          ],
        },
      },
    ],
  },
  null,
  2,
);

let t: BrowserSandbox;

beforeAll(async () => {
  t = await startBrowserSandbox();
}, START_TIMEOUT_MS);
afterAll(async () => {
  await t?.close();
});

describe('builder', () => {
  it('validates as you type, previews live, saves, publishes and runs interactively', async () => {
    const { page } = t;
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${t.sandbox.url}/builder`);
    await setEditorText(page, SIGN_UP);
    await page.getByTestId('diagnostics-ok').waitFor();
    const title = page.getByTestId('screen-title');
    await eventually(() => title.textContent()).toBe('Join the gym');

    // The preview is interactive: the OptIn's "Read more" opens the terms screen, back returns.
    await page.getByRole('button', { name: 'Read more' }).first().click();
    await eventually(() => title.textContent()).toBe('Membership terms');
    await page.getByTestId('flow-back').click();
    await eventually(() => title.textContent()).toBe('Join the gym');
    await page.locator('[data-field="first_name"] input').fill('Rita');
    await page.locator('[data-field="date_of_birth"] .wa-select').click();
    await page.getByTestId('date-sheet').waitFor();
    // The sheet opens within the field's max-date and picks a day the runtime accepts.
    await eventually(() => page.getByTestId('calendar-month').textContent()).toBe('December 2010');
    await eventually(() => page.locator('[data-date="2010-12-31"]').isEnabled()).toBe(true);
    await t.shot('builder-date-sheet');
    await page.locator('[data-date="2010-12-15"]').click();
    await page.getByTestId('date-sheet').waitFor({ state: 'detached' });
    await eventually(() => page.locator('[data-field="date_of_birth"] .wa-select-value').textContent()).toBe('15 Dec 2010');

    // A typo in a component type: one diagnostic, on the right line, squiggled and marked in the gutter.
    expect(TYPO_LINE).toBeGreaterThan(1);
    await setEditorText(page, SIGN_UP.replace('"type": "TextInput"', '"type": "TextInptu"'));
    const item = page.locator('[data-testid="diagnostics"] .diag-item').first();
    await item.waitFor();
    await eventually(() => item.getAttribute('data-line')).toBe(String(TYPO_LINE));
    await eventually(() => item.textContent()).toContain('TextInptu');
    // Clicking it puts the cursor on its line, which the editor scrolls into view.
    await item.click();
    await eventually(() => page.getByTestId('cursor').textContent()).toContain(`Ln ${TYPO_LINE},`);
    await eventually(() => page.locator('.cm-activeLine .cm-lintRange-error').textContent()).toBe('"TextInptu"');
    await eventually(() => page.locator('.cm-lint-marker-error').count()).toBe(1);
    await t.shot('builder-diagnostic');

    // Saving it anyway: the sandbox answers with its validation_errors, listed under the toolbar.
    await page.getByTestId('save').click();
    await eventually(() => page.getByTestId('builder-status').textContent()).toContain('validation error');
    await eventually(() => page.locator('[data-testid="server-errors"] li').count()).toBeGreaterThan(0);
    // Publishing it is refused on the Graph path; the status line shows Graph's error, code and details.
    await page.getByTestId('publish').click();
    await eventually(() => page.getByTestId('builder-status').textContent()).toContain('Publishing Flow failed (#139002): The Flow JSON has');

    // Fixing it clears the diagnostic, the squiggle and the marker.
    await setEditorText(page, SIGN_UP);
    await page.getByTestId('diagnostics-ok').waitFor();
    await eventually(() => page.locator('.cm-lintRange, .cm-lint-marker').count()).toBe(0);

    // The version switch re-validates: 3.1 clients need inputs inside a Form.
    await page.getByTestId('version-select').selectOption('3.1');
    await eventually(() => page.locator('[data-testid="diagnostics"] .diag-item[data-code="KEYWORD_ONE_OF"]').count()).toBeGreaterThan(0);
    await page.getByTestId('version-select').selectOption('');
    await page.getByTestId('diagnostics-ok').waitFor();

    // The preview follows edits: a new screen title shows on the phone.
    await setEditorText(page, SIGN_UP.replace('"title": "Join the gym"', '"title": "Join the club"'));
    await eventually(() => title.textContent()).toBe('Join the club');
    await t.shot('builder', { fullPage: false });

    // Save creates the flow and uploads flow.json; publish makes it PUBLISHED.
    await page.getByTestId('save').click();
    await eventually(() => page.getByTestId('builder-status').textContent()).toContain('Saved flow');
    const status = (await page.getByTestId('builder-status').textContent()) ?? '';
    const flowId = /Saved flow (\d+)/.exec(status)?.[1];
    expect(flowId).toBeDefined();
    await eventually(() => page.getByTestId('server-errors').count()).toBe(0);
    const stored = await fetch(`${t.sandbox.url}/_sandbox/flows/${flowId}/flow.json`).then((r) => r.json() as Promise<{ screens: { title: string }[] }>);
    expect(stored.screens[0]?.title).toBe('Join the club');
    await page.getByTestId('publish').click();
    await eventually(() => page.getByTestId('builder-status').textContent()).toContain('PUBLISHED');
    const flow = await t.api<{ status: string }>('GET', `${t.graph}/${flowId}`);
    expect(flow.body.status).toBe('PUBLISHED');
    // The flow list (Graph's /{waba_id}/flows) has it; opening it reads the flow and its Flow JSON again.
    await page.getByRole('button', { name: 'Open…' }).click();
    await page.locator('.flow-picker button', { hasText: 'feedback_form' }).click();
    await eventually(() => page.getByTestId('builder-status').textContent()).toContain(`${flowId} · PUBLISHED`);
    await eventually(() => title.textContent()).toBe('Join the club');

    // Interactive run with a flow token and initial data, starting on the last screen.
    await page.locator('details.interactive summary').click();
    await page.locator('details.interactive select').selectOption('SECURE_ACCOUNT');
    await page.getByTestId('initial-data').fill('{"first_name": "Rita"}');
    await page.getByTestId('run-interactive').click();
    await eventually(() => title.textContent()).toBe('Secure your account');
    await eventually(() => page.getByTestId('flow-sheet').textContent()).toContain('Almost there, Rita');
    await page.locator('[data-field="password"] input').fill('short');
    await eventually(() => page.locator('[data-field="password"] .wa-error').textContent()).toContain('8');
    await eventually(() => page.getByTestId('footer-button').isDisabled()).toBe(true);
    await t.shot('builder-interactive');

    // The same run through the sandbox: a draft message to the preview phone, opened by the sandbox.
    // Back to the live preview first (the same screen with its example data), so that the phone
    // shows Rita's name again only once the sandbox's session has arrived.
    await page.getByRole('button', { name: 'Back to live preview' }).click();
    await eventually(() => page.getByTestId('flow-sheet').textContent()).toContain('Almost there, Ana');
    await page.locator('details.interactive:not([open]) summary').click();
    await page.locator('details.interactive input[type="checkbox"]').check();
    await page.getByTestId('run-interactive').click();
    await eventually(() => title.textContent()).toBe('Secure your account');
    await eventually(() => page.getByTestId('flow-sheet').textContent()).toContain('Almost there, Rita');
    // The preview phone exists once the message is sent to it; until then its chat answers 404.
    await eventually(async () => (await t.api<{ messages?: unknown[] }>('GET', '/_sandbox/phones/15550009999/chat')).body.messages).toHaveLength(1);
    expect(pageErrors).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it('fixes a diagnostic with its safe fix, and all of them with Fix all', async () => {
    const { page } = t;
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${t.sandbox.url}/builder`);
    const items = page.locator('[data-testid="diagnostics"] .diag-item');

    // A misspelt component type: its diagnostic offers the corrected type, and applying it clears it.
    const typo = SIGN_UP.replace('"type": "TextInput"', '"type": "TextInptu"');
    await setEditorText(page, typo);
    await eventually(() => items.count()).toBe(1);
    await eventually(() => items.first().textContent()).toContain('TextInptu');
    const fix = page.getByRole('button', { name: "Fix: Change 'TextInptu' to 'TextInput'" });
    await fix.waitFor();
    // Fixes are computed in a worker, off the page's thread.
    expect(page.workers().map((w) => w.url())).toEqual([expect.stringMatching(/\/assets\/fix-worker-[\w-]+\.js$/)]);
    await t.shot('builder-fix');
    await fix.click();
    await page.getByTestId('diagnostics-ok').waitFor();
    expect(await editorText(page)).toBe(SIGN_UP);
    await eventually(() => page.locator('.cm-lintRange, .cm-lint-marker').count()).toBe(0);
    // The cursor is put where the fix changed the text.
    await eventually(() => page.getByTestId('cursor').textContent()).toContain(`Ln ${TYPO_LINE},`);

    // Fix all: routing_model is written from the navigate actions and "lable" renamed (which also
    // clears the missing label); the design-guidance lint on "Done" has no fix and stays.
    await setEditorText(page, ORDER);
    await eventually(() => items.evaluateAll((els) => els.map((el) => el.getAttribute('data-code')))).toEqual([
      'MISSING_REQUIRED_PROPERTY',
      'MISSING_REQUIRED_PROPERTY',
      'INVALID_PROPERTY_KEY',
      'style/cta-says-what-happens',
    ]);
    const lint = page.locator('.diag-item[data-code="style/cta-says-what-happens"]');
    await eventually(() => lint.getAttribute('class')).toContain('is-warning');
    await eventually(() => lint.textContent()).toContain('style/cta-says-what-happens');
    await eventually(() => page.locator('.diag-head span').textContent()).toBe('3 errors, 1 warning');
    await eventually(() => page.getByTestId('diag-fix').allTextContents()).toEqual([
      'Fix: Add routing_model built from the navigate actions',
      "Fix: Rename 'lable' to 'label'",
    ]);
    await page.getByTestId('fix-all').click();
    await eventually(() => items.evaluateAll((els) => els.map((el) => el.getAttribute('data-code')))).toEqual(['style/cta-says-what-happens']);
    await eventually(() => page.getByTestId('builder-status').textContent()).toContain('Applied 2 fixes');
    const fixed = JSON.parse(await editorText(page)) as { routing_model?: unknown; screens: { layout: { children: Record<string, unknown>[] } }[] };
    expect(fixed.routing_model).toEqual({ START: ['DONE'], DONE: [] });
    expect(fixed.screens[0]?.layout.children[1]).toEqual({ type: 'TextInput', name: 'dish', label: 'Dish', required: true });
    expect(await editorText(page)).toContain('"routing_model": {\n    "START": ["DONE"],');
    // Nothing fixable is left.
    await eventually(() => page.getByTestId('fix-all').count()).toBe(0);
    await eventually(() => page.getByTestId('diag-fix').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it('draws every component of examples/all-inputs.json in the phone and takes its input', async () => {
    const { page } = t;
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${t.sandbox.url}/builder`);
    await setEditorText(page, ALL_INPUTS);
    await page.getByTestId('diagnostics-ok').waitFor();
    const title = page.getByTestId('screen-title');
    await eventually(() => title.textContent()).toBe('Bike service: you');
    const sheet = page.getByTestId('flow-sheet');
    const footer = page.getByTestId('footer-button');
    const jump = async (screen: string, expected: string): Promise<void> => {
      await page.getByTestId('preview-screen').selectOption(screen);
      await eventually(() => title.textContent()).toBe(expected);
    };

    // Text inputs take their input types; the footer names what is missing.
    await eventually(() => page.locator('input[name="email"]').getAttribute('type')).toBe('email');
    await eventually(() => page.locator('input[name="account_password"]').getAttribute('type')).toBe('password');
    await eventually(() => page.locator('input[name="phone"]').getAttribute('type')).toBe('tel');
    await eventually(() => footer.isDisabled()).toBe(true);
    await eventually(() => footer.getAttribute('title')).toMatch(/Full name/);
    await page.locator('input[name="email"]').fill('not-an-email');
    await eventually(() => page.locator('[data-field="email"] .wa-error').count()).toBe(1);
    await t.shot('emulator-text-inputs');

    // Selections: dropdown with metadata, radio, checkbox limit, chips, a range calendar.
    await jump('SERVICE', 'Bike service: what');
    await page.locator('[data-field="service"] .wa-select').click();
    const list = page.getByTestId('dropdown-sheet');
    await eventually(() => list.textContent()).toContain('45 EUR');
    await list.getByRole('option', { name: /Full service/ }).click();
    await eventually(() => page.locator('[data-field="service"] .wa-select-value').textContent()).toBe('Full service');
    await page.getByRole('radio', { name: /Mountain/ }).click();
    await eventually(() => page.getByRole('radio', { name: /Mountain/ }).getAttribute('aria-checked')).toBe('true');
    await page.getByRole('checkbox', { name: /Bike wash/ }).click();
    await page.getByRole('checkbox', { name: /New chain/ }).click();
    await eventually(() => page.getByRole('checkbox', { name: /New chain/ }).getAttribute('aria-checked')).toBe('true');
    await page.getByRole('checkbox', { name: /New inner tubes/ }).click();
    // max-selected-items is 2: the runtime marks a third choice invalid and the footer stays disabled until it is undone.
    await page.getByTestId('flow-notice').waitFor();
    await eventually(() => page.locator('[data-field="extras"] .wa-error').textContent()).toContain('2');
    await page.getByRole('checkbox', { name: /New inner tubes/ }).click();
    await eventually(() => page.locator('[data-field="extras"] .wa-error').count()).toBe(0);
    await eventually(() => sheet.textContent()).toContain('10 EUR');
    await page.getByRole('button', { name: 'Squeaking' }).click();
    await eventually(() => page.getByRole('button', { name: /Squeaking/ }).getAttribute('aria-pressed')).toBe('true');
    await page.locator('[data-field="stay"] .wa-select').click();
    await eventually(() => page.getByTestId('calendar-month').textContent()).toBe('December 2026');
    // Sundays are not in include-days.
    await eventually(() => page.locator('[data-date="2026-12-06"]').isDisabled()).toBe(true);
    await page.locator('[data-date="2026-12-02"]').click();
    await page.locator('[data-date="2026-12-05"]').click();
    await eventually(() => page.locator('[data-field="stay"] .wa-select-value').textContent()).toBe('2 Dec 2026 – 5 Dec 2026');
    await t.shot('emulator-selections');

    // Pickers take real files from the page's file chooser (the preview encrypts them in the page).
    await jump('PHOTOS', 'Photos of the bike');
    await page.locator('[data-field="bike_photos"] input[type="file"]').setInputFiles([
      { name: 'beach.png', mimeType: 'image/png', buffer: pngBytes(16, 12) },
      { name: 'frame.png', mimeType: 'image/png', buffer: pngBytes(8, 8) },
    ]);
    await eventually(() => page.locator('[data-field="bike_photos"] .wa-files li').count()).toBe(2);
    await eventually(() => page.locator('[data-field="bike_photos"] .wa-files').textContent()).toContain('beach.png');
    await eventually(() => page.locator('[data-field="bike_photos"] img.wa-file-thumb').first().evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(16);
    // The preview applies the picker's limits as the phone does, with its reason under the field.
    await page.locator('[data-field="bike_photos"] input[type="file"]').setInputFiles({ name: 'quote.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await eventually(() => page.locator('[data-field="bike_photos"] [data-testid="picker-refused"]').textContent()).toBe('quote.pdf is not a photo (application/pdf); pick an image');
    await eventually(() => page.locator('[data-field="bike_photos"] .wa-files li').count()).toBe(2);
    await t.shot('emulator-photo-picker');

    // A NavigationList item navigates; RichText renders its Markdown.
    await jump('MENU', 'Almost done');
    await page.getByRole('button', { name: /Read the drop-off guide/ }).click();
    await eventually(() => title.textContent()).toBe('Drop-off guide');
    await eventually(() => page.locator('.wa-richtext h2').textContent()).toBe('Dropping off your bike');
    await eventually(() => page.locator('.wa-richtext ol li').count()).toBe(3);
    await eventually(() => page.locator('.wa-richtext strong').textContent()).toBe('Locker PIN');
    await t.shot('emulator-richtext');

    // Image, text styles and an EmbeddedLink that opens its URL.
    await jump('REVIEW', 'Review');
    const img = page.locator('img.wa-image');
    await eventually(() => img.getAttribute('alt')).toBe('Workshop logo');
    await eventually(() => img.getAttribute('src')).toMatch(/^data:image\/png;base64,iVBOR/);
    await eventually(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(16);
    await eventually(() => page.locator('.wa-body strong').textContent()).toBe('before');
    await eventually(() => page.locator('.wa-caption').evaluate((el) => getComputedStyle(el).fontStyle)).toBe('italic');
    // The page the link opens is answered in the browser: the test has no network.
    await page.context().route('https://example.com/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>map</title>' }));
    const [popup] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('button', { name: 'Workshop location' }).click()]);
    expect(popup.url()).toContain('example.com/workshop-map');
    await popup.close();
    await t.shot('emulator-review');
    expect(pageErrors).toEqual([]);
  }, TEST_TIMEOUT_MS);
});
