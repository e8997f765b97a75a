// (b) The appointment booking through its example endpoint (examples/booking, on 127.0.0.1 with a
// freshly generated key pair): the sandbox encrypts every request to it, the endpoint's answers
// drive the phone sheet (INIT, the day's free times, an error banner, the next screens), the
// completion reaches the chat, and the dashboard lists each request with its status and latency
// and runs the health check.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../src/data-channel/index.js';
import { startServer } from '../../examples/booking/server.js';
import { BOOKING_FLOW } from '../../examples/booking/endpoint.js';
import { eventually } from './eventually.js';
import { createFlow, sendFlowMessage, START_TIMEOUT_MS, startBrowserSandbox, TEST_TIMEOUT_MS } from './harness.js';
import type { BrowserSandbox } from './harness.js';

const WA_ID = '4917612340000';
const APP_SECRET = 'e2e-booking-app-secret';
const PASSPHRASE = 'e2e-booking-passphrase';

let t: BrowserSandbox;
let endpoint: { server: Server; url: string };
const dir = mkdtempSync(join(tmpdir(), 'waflow-ui-booking-'));

beforeAll(async () => {
  const keys = await generateKeyPair({ passphrase: PASSPHRASE });
  const keyPath = join(dir, 'private.pem');
  writeFileSync(keyPath, keys.privateKeyPem, { mode: 0o600 });
  endpoint = await startServer({ port: 0, host: '127.0.0.1', privateKeyPath: keyPath, passphrase: PASSPHRASE, appSecret: APP_SECRET });
  t = await startBrowserSandbox({ appSecret: APP_SECRET });
  const uploaded = await t.api('POST', '/cloud/whatsapp_business_encryption', { public_key: keys.publicKeyPem });
  if (uploaded.status !== 200) throw new Error(`uploading the public key answered ${uploaded.status}: ${JSON.stringify(uploaded.body)}`);
}, START_TIMEOUT_MS);

afterAll(async () => {
  await t?.close();
  if (endpoint !== undefined) {
    endpoint.server.closeAllConnections();
    await new Promise<void>((resolve) => endpoint.server.close(() => resolve()));
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('appointment booking through the example endpoint', () => {
  it('books from the CTA through three endpoint screens and logs every request', async () => {
    const { page } = t;
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    // Publishing pings the endpoint (health check), so this already proves the encrypted channel.
    const flowId = await createFlow(t, 'appointment_booking', JSON.stringify(BOOKING_FLOW), { publish: true, endpointUri: endpoint.url });
    const messageId = await sendFlowMessage(
      t,
      WA_ID,
      { flow_token: 'booking-token-1', flow_id: flowId, flow_cta: 'Book now', flow_action: 'data_exchange' },
      { body: 'Book your next appointment with us.' },
    );

    await page.goto(`${t.sandbox.url}/inbox?wa_id=${WA_ID}`);
    const bubble = page.locator(`[data-message-id="${messageId}"]`);
    await bubble.getByTestId('cta').click();
    const sheet = page.getByTestId('flow-sheet');
    await sheet.waitFor();
    // INIT went to the endpoint: the first screen carries its services and days.
    await eventually(() => sheet.getAttribute('data-screen')).toBe('APPOINTMENT');
    const time = page.locator('[data-field="time"] .wa-select');
    await eventually(() => time.isDisabled()).toBe(true);

    const pick = async (field: string, index: number): Promise<string> => {
      await page.locator(`[data-field="${field}"] .wa-select`).click();
      const list = page.getByTestId('dropdown-sheet');
      await list.waitFor();
      const option = list.getByRole('option').nth(index);
      const title = (await option.locator('.wa-option-title').textContent()) ?? '';
      await option.click();
      await list.waitFor({ state: 'detached' });
      return title;
    };
    await pick('service', 0);
    await pick('date', 0);
    // Picking a day asked the endpoint for its free times, which enables the time dropdown.
    await eventually(() => time.isEnabled()).toBe(true);
    const slot = await pick('time', 0);
    expect(slot).not.toBe('');
    await t.shot('booking-appointment');
    await page.getByTestId('footer-button').click();

    await eventually(() => sheet.getAttribute('data-screen')).toBe('DETAILS');
    // A one-letter name passes the field but not the endpoint: its error_message shows as a banner.
    await page.locator('input[name="name"]').fill('A');
    await page.locator('input[name="email"]').fill('ana@example.com');
    await eventually(() => page.getByTestId('footer-button').isEnabled()).toBe(true);
    await page.getByTestId('footer-button').click();
    await eventually(() => page.getByTestId('error-banner').textContent()).toBe('Please enter your full name.');
    await t.shot('booking-error-banner');
    await page.locator('input[name="name"]').fill('Ana Lima');
    await page.getByTestId('footer-button').click();

    await eventually(() => sheet.getAttribute('data-screen')).toBe('SUMMARY');
    await eventually(() => sheet.textContent()).toContain('Ana Lima');
    await t.shot('booking-summary');
    await page.getByTestId('footer-button').click();

    await sheet.waitFor({ state: 'detached' });
    const reply = page.getByTestId('reply-bubble');
    await reply.waitFor();
    await eventually(() => reply.textContent()).toContain('booking_id');
    await eventually(() => reply.textContent()).toContain('Ana Lima');

    // A message sent while the inbox is open arrives live (server-sent events, no reload).
    const sent = await t.api<{ messages: { id: string }[] }>('POST', '/cloud/messages', {
      messaging_product: 'whatsapp',
      to: WA_ID,
      type: 'text',
      text: { body: 'See you soon, Ana!' },
    });
    expect(sent.status).toBe(200);
    await eventually(() => page.locator(`[data-message-id="${sent.body.messages[0]?.id ?? ''}"] .bubble-body`).textContent()).toBe('See you soon, Ana!');
    await t.shot('inbox-live-message');

    // The dashboard: every request of the session, decrypted status and latency, then the health check.
    await page.goto(`${t.sandbox.url}/dashboard?flow_id=${flowId}`);
    const rows = page.locator('[data-testid="exchanges"] tbody tr');
    await eventually(() => rows.count()).toBe(6);
    await eventually(() => rows.evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-action')}:${tr.getAttribute('data-status')}`))).toEqual(['INIT:200', 'data_exchange:200', 'data_exchange:200', 'data_exchange:200', 'data_exchange:200', 'data_exchange:200']);
    await page.getByTestId('run-check').click();
    await eventually(() => page.getByTestId('diagnosis').textContent()).toContain('Healthy');
    await t.shot('dashboard-endpoint-log', { fullPage: true });
    expect(pageErrors).toEqual([]);
  }, TEST_TIMEOUT_MS);
});
