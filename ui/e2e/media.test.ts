// Real files through the browser phone's file chooser, end to end: the claim flow (examples/claim)
// with its endpoint on 127.0.0.1; the phone refuses a file the picker does not take (its reason
// under the field), the endpoint refuses a "photo" that is not one (its message under that file),
// a real PNG and PDF go through, and the dashboard shows the completion's photo as a thumbnail and
// its receipt as a download link, byte for byte what was picked.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../src/data-channel/index.js';
import { captureLogger, serveEndpoint } from '../../src/endpoint/test-kit.js';
import type { RunningServer } from '../../src/endpoint/test-kit.js';
import { createClaimEndpoint } from '../../examples/claim/endpoint.js';
import { eventually } from './eventually.js';
import { createFlow, sendFlowMessage, START_TIMEOUT_MS, startBrowserSandbox, TEST_TIMEOUT_MS } from './harness.js';
import type { BrowserSandbox } from './harness.js';
import { pdfBytes, pngBytes } from './media-files.js';

const WA_ID = '4915130000314';
const CLAIM_JSON = readFileSync(new URL('../../examples/claim/flow.json', import.meta.url), 'utf8');

const dir = mkdtempSync(join(tmpdir(), 'waflow-ui-media-'));
const file = (name: string, bytes: Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
const PHOTO = pngBytes(24, 16);
const RECEIPT = pdfBytes('Receipt 42.00 EUR');
const paths = {
  photo: file('damage.png', PHOTO),
  receipt: file('receipt.pdf', RECEIPT),
  // Named and typed as a PNG by the browser, but a text: the phone takes it, the endpoint does not.
  notAPhoto: file('notes.png', new TextEncoder().encode('a shopping list, not a photo')),
  // 6 MB against the receipt picker's max-file-size-kb of 5120.
  tooLarge: file('scan.pdf', Buffer.concat([RECEIPT, Buffer.alloc(6 * 1024 * 1024 - RECEIPT.length, 0x20)])),
};

let t: BrowserSandbox;
let endpoint: RunningServer;
/** The page's console errors; a refused pick's 422 is the one error the browser is expected to log. */
const consoleErrors: { text: string; url: string }[] = [];
const isRefusedPick = (e: { text: string; url: string }): boolean => /status of 422/.test(e.text) && /\/_sandbox\/sessions\/[^/]+\/pick$/.test(e.url);

beforeAll(async () => {
  const keys = await generateKeyPair();
  endpoint = await serveEndpoint(createClaimEndpoint({ privateKey: keys.privateKeyPem, logger: captureLogger() }));
  t = await startBrowserSandbox();
  const uploaded = await t.api('POST', '/cloud/whatsapp_business_encryption', { public_key: keys.publicKeyPem });
  if (uploaded.status !== 200) throw new Error(`uploading the public key answered ${uploaded.status}: ${JSON.stringify(uploaded.body)}`);
  t.page.on('console', (msg: ConsoleMessage) => {
    if (msg.type() === 'error') consoleErrors.push({ text: msg.text(), url: msg.location().url });
  });
  t.page.on('pageerror', (error) => consoleErrors.push({ text: error.message, url: '' }));
}, START_TIMEOUT_MS);

afterAll(async () => {
  await t?.close();
  await endpoint?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Bytes the page fetches from `href` (with its session cookie): length and SHA-256, hex. */
async function fetchedInPage(href: string): Promise<{ status: number; length: number; sha256: string; disposition: string | null }> {
  return t.page.evaluate(async (url) => {
    const res = await fetch(url);
    const bytes = await res.arrayBuffer();
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    return { status: res.status, length: bytes.byteLength, sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''), disposition: res.headers.get('content-disposition') };
  }, href);
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Sends a flow message, opens the inbox on it and taps its button; resolves when the sheet shows `screen`. */
async function openFlow(flowId: string, parameters: Record<string, unknown>, screen: string): Promise<void> {
  const { page } = t;
  const messageId = await sendFlowMessage(t, WA_ID, { flow_id: flowId, flow_cta: 'Open', ...parameters }, { body: 'Please send us the files' });
  await page.goto(`${t.sandbox.url}/inbox?wa_id=${WA_ID}`);
  await page.locator(`[data-message-id="${messageId}"]`).getByTestId('cta').click();
  await eventually(() => page.getByTestId('flow-sheet').getAttribute('data-screen')).toBe(screen);
}

describe('media on the browser phone and the dashboard', () => {
  it('picks real files, shows the phone\'s and the endpoint\'s refusals, and the dashboard shows the photo and the receipt', { timeout: TEST_TIMEOUT_MS * 2 }, async () => {
    const { page } = t;
    const seen = consoleErrors.length;
    const flowId = await createFlow(t, 'claim', CLAIM_JSON, { publish: true, endpointUri: endpoint.url });
    await openFlow(flowId, { flow_token: 'claim-e2e', flow_action: 'data_exchange' }, 'DAMAGE');
    const photo = page.locator('[data-field="photo"]');
    const chooser = page.getByTestId('file-input-photo');
    expect(await chooser.getAttribute('accept')).toBe('image/*');
    expect(await chooser.getAttribute('multiple')).toBeNull();

    // The phone refuses a PDF in a PhotoPicker before anything is uploaded, and says why under the field.
    await chooser.setInputFiles(paths.receipt);
    await eventually(() => photo.getByTestId('picker-refused').textContent()).toBe('receipt.pdf is not a photo (application/pdf); pick an image');
    expect(await photo.locator('.wa-files li').count()).toBe(0);

    // A "photo" the endpoint opens and refuses: its message is shown under that file (the picker's error-message object).
    await chooser.setInputFiles(paths.notAPhoto);
    await eventually(() => photo.locator('.wa-files li .wa-file-name').textContent()).toBe('notes.png');
    await eventually(() => photo.getByTestId('picker-refused').count()).toBe(0);
    await page.getByTestId('footer-button').click();
    const refusedFile = photo.locator('.wa-files li[data-media-id]').first();
    await eventually(() => refusedFile.locator('.wa-file-error').textContent()).toBe('This is not a JPEG or PNG photo. Please pick another one.');
    expect(await page.getByTestId('flow-sheet').getAttribute('data-screen')).toBe('DAMAGE');
    // Said once, under the file, not again under the field.
    expect(await photo.locator('.wa-error').count()).toBe(1);
    await t.shot('media-endpoint-refusal');

    // Remove it, pick the real photo: its thumbnail is drawn from the file in the page.
    await photo.getByRole('button', { name: 'Remove notes.png' }).click();
    await eventually(() => photo.locator('.wa-files li').count()).toBe(0);
    await chooser.setInputFiles(paths.photo);
    const thumb = photo.locator('img.wa-file-thumb');
    await eventually(() => thumb.getAttribute('alt')).toBe('damage.png');
    await eventually(() => thumb.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(24);
    expect(await photo.locator('.wa-file-error').count()).toBe(0);
    await page.getByTestId('footer-button').click();
    await eventually(() => page.getByTestId('flow-sheet').getAttribute('data-screen')).toBe('RECEIPT');

    // The receipt picker takes PDFs of at most 5 MB: a 6 MB one is refused with the phone's reason.
    const receipt = page.locator('[data-field="receipt"]');
    const receiptChooser = page.getByTestId('file-input-receipt');
    expect(await receiptChooser.getAttribute('accept')).toBe('application/pdf');
    await receiptChooser.setInputFiles(paths.tooLarge);
    await eventually(() => receipt.getByTestId('picker-refused').textContent()).toBe('scan.pdf is 6 MB; files must be at most 5 MB (max-file-size-kb 5120)');
    await eventually(() => page.getByTestId('flow-notice').textContent()).toBe('scan.pdf is 6 MB; files must be at most 5 MB (max-file-size-kb 5120)');
    await receiptChooser.setInputFiles(paths.receipt);
    await eventually(() => receipt.locator('.wa-files li .wa-file-name').textContent()).toBe('receipt.pdf');
    await page.getByTestId('footer-button').click();
    await eventually(() => page.getByTestId('flow-sheet').getAttribute('data-screen')).toBe('REVIEW');
    await page.getByTestId('footer-button').click();
    // A completion closes the sheet; the reply arrives in the chat.
    await page.getByTestId('flow-sheet').waitFor({ state: 'detached' });

    await page.goto(`${t.sandbox.url}/dashboard?flow_id=${flowId}`);
    const img = page.getByTestId('responses-table').locator('img.media-thumb');
    await eventually(() => img.getAttribute('alt')).toBe('damage.png');
    await eventually(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth)).toBe(24);
    const href = (await img.locator('xpath=..').getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/_sandbox\/ui\/media\/\d+$/);
    expect(await fetchedInPage(href)).toEqual({ status: 200, length: PHOTO.length, sha256: sha256(PHOTO), disposition: `inline; filename="damage.png"; filename*=UTF-8''damage.png` });

    // The receipt travels in the response message too: a link that downloads the PDF as picked.
    const link = page.getByTestId('responses-table').locator('a.media-doc');
    await eventually(() => link.textContent()).toContain('receipt.pdf');
    expect(await link.getAttribute('download')).toBe('receipt.pdf');
    const docHref = (await link.getAttribute('href')) ?? '';
    expect(await fetchedInPage(docHref)).toEqual({ status: 200, length: RECEIPT.length, sha256: sha256(RECEIPT), disposition: `attachment; filename="receipt.pdf"; filename*=UTF-8''receipt.pdf` });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('receipt.pdf');
    expect(sha256(readFileSync(await download.path()))).toBe(sha256(RECEIPT));
    await t.shot('media-dashboard');
    // The page logged nothing but the browser's note of the two refused picks' 422.
    const logged = consoleErrors.slice(seen);
    expect(logged.filter((e) => !isRefusedPick(e))).toEqual([]);
    expect(logged.length).toBe(2);
  });
});
