// (a) The seed's feedback form, end to end in Chromium: the business sends it (Cloud API), the
// inbox shows the flow message, the CTA opens it in the phone sheet, both screens are filled, the
// completion closes the sheet and shows the reply bubble, the sandbox stores the response and
// delivers the webhook, and the dashboard charts the answers and exports them as CSV.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFlow, sendFlowMessage, START_TIMEOUT_MS, startBrowserSandbox, TEST_TIMEOUT_MS } from './harness.js';
import type { BrowserSandbox } from './harness.js';

const FEEDBACK = readFileSync(new URL('../../examples/feedback-form.json', import.meta.url), 'utf8');
const WA_ID = '4915112345678';

let t: BrowserSandbox;
let hooks: Server;
const received: string[] = [];

beforeAll(async () => {
  // The business's webhook receiver: a real HTTP server that keeps what it is sent.
  hooks = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(body);
      // The first completion webhook meets a receiver that is down: the sandbox retries it.
      const firstReply = body.includes('nfm_reply') && received.filter((b) => b.includes('nfm_reply')).length === 1;
      res.writeHead(firstReply ? 503 : 200).end(firstReply ? 'down' : 'ok');
    });
  });
  await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', () => resolve()));
  const port = (hooks.address() as AddressInfo).port;
  t = await startBrowserSandbox({ webhookUrls: [`http://127.0.0.1:${port}/webhook`], appSecret: 'e2e-app-secret-feedback' });
}, START_TIMEOUT_MS);

afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => hooks?.close(() => resolve()));
});

describe('feedback form from the inbox to the dashboard', () => {
  it('runs both screens from the CTA and shows the stored response in the dashboard', async () => {
    const { page } = t;
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    // Flow JSON 2.1 can be sent but not published: the message opens the draft.
    const flowId = await createFlow(t, 'feedback_form', FEEDBACK);
    const messageId = await sendFlowMessage(
      t,
      WA_ID,
      { flow_token: 'fb-token-1', flow_id: flowId, flow_cta: 'Give feedback', flow_action: 'navigate', flow_action_payload: { screen: 'screen_feedback_one' }, mode: 'draft' },
      { header: 'Your order arrived', body: 'How did we do? It takes a minute.', footer: 'Acme Store' },
    );

    await page.goto(`${t.sandbox.url}/inbox?wa_id=${WA_ID}`);
    const bubble = page.locator(`[data-message-id="${messageId}"]`);
    await expect.poll(() => bubble.locator('.bubble-header').textContent()).toBe('Your order arrived');
    expect(await bubble.locator('.bubble-body').textContent()).toBe('How did we do? It takes a minute.');
    expect(await bubble.locator('.bubble-footer').textContent()).toBe('Acme Store');
    await t.shot('inbox-flow-message');

    await bubble.getByTestId('cta').click();
    const sheet = page.getByTestId('flow-sheet');
    await sheet.waitFor();
    expect(await sheet.getAttribute('data-screen')).toBe('screen_feedback_one');
    expect(await page.getByTestId('screen-title').textContent()).toBe('Feedback 1 of 2');
    // Nothing chosen yet: the footer is disabled and says why.
    const footer = page.getByTestId('footer-button');
    expect(await footer.isDisabled()).toBe(true);
    expect(await footer.getAttribute('title')).toContain('Choose one:');

    await page.getByRole('radio', { name: 'Yes' }).click();
    await expect.poll(() => page.getByRole('radio', { name: 'Yes' }).getAttribute('aria-checked')).toBe('true');
    await page.locator('textarea[name="how_to_do_better_comment"]').fill('More colours, please');
    await expect.poll(() => footer.isEnabled()).toBe(true);
    await t.shot('emulator-feedback-screen-1', { docs: 'emulator.png' });
    await footer.click();

    await expect.poll(() => sheet.getAttribute('data-screen')).toBe('screen_feedback_two');
    expect(await page.getByTestId('flow-back').isVisible()).toBe(true);
    const pick = async (label: string, option: string): Promise<void> => {
      await page.locator('.wa-select', { hasText: label }).click();
      const list = page.getByTestId('dropdown-sheet');
      await list.waitFor();
      if (label === 'Purchase experience') await t.shot('emulator-dropdown-sheet');
      await list.getByRole('option', { name: option }).click();
      await list.waitFor({ state: 'detached' });
    };
    await pick('Purchase experience', 'Good (4/5)');
    await pick('Delivery and setup', 'Excellent (5/5)');
    await pick('Customer service', 'Average (3/5)');
    await expect.poll(() => page.locator('.wa-select', { hasText: 'Customer service' }).locator('.wa-select-value').textContent()).toContain('Average');
    await t.shot('emulator-feedback-screen-2');
    await footer.click();

    // The completion closes the sheet; the phone's reply arrives in the chat.
    await sheet.waitFor({ state: 'detached' });
    const reply = page.getByTestId('reply-bubble');
    await reply.waitFor();
    expect(await reply.textContent()).toContain('purchase_experience_rating');
    await t.shot('inbox-flow-reply');

    // The stored response, read back from the sandbox.
    const stored = await t.api<{ data: { response_json: Record<string, unknown> }[] }>('GET', `/_sandbox/ui/flows/${flowId}/responses`);
    expect(stored.body.data).toHaveLength(1);
    expect(stored.body.data[0]?.response_json).toEqual({
      flow_token: 'fb-token-1',
      would_recommend: '1',
      how_to_do_better: 'More colours, please',
      purchase_experience_rating: '4',
      delivery_rating: '5',
      customer_service_rating: '3',
    });

    // The dashboard: one answer per question, charted by option title.
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('question-chart').first().waitFor();
    const purchase = page.locator('[data-testid="question-chart"][data-key="purchase_experience_rating"]');
    await expect.poll(() => purchase.locator('[data-option="4"]').getAttribute('data-count')).toBe('1');
    expect(await purchase.locator('[data-option="5"]').getAttribute('data-count')).toBe('0');
    expect(await purchase.textContent()).toContain('Purchase experience');
    const recommend = page.locator('[data-testid="question-chart"][data-key="would_recommend"]');
    expect(await recommend.locator('[data-option="1"]').getAttribute('data-count')).toBe('1');
    expect(await recommend.locator('.bar-label').first().textContent()).toBe('Yes');
    expect(await page.getByTestId('responses-table').textContent()).toContain('More colours, please');

    // The webhook delivery of the completion, in the log with its failed first attempt and the retry.
    await expect.poll(() => received.filter((b) => b.includes('nfm_reply')).length, { timeout: 15_000 }).toBe(2);
    await page.getByRole('button', { name: 'Refresh' }).click();
    const replyHook = page.locator('[data-testid="deliveries"] tr[data-kind="message.interactive"]');
    await expect.poll(() => replyHook.getAttribute('data-status'), { timeout: 15_000 }).toBe('delivered');
    const attempts = await replyHook.locator('.attempt').evaluateAll((els) => els.map((e) => e.getAttribute('data-attempt-status')));
    expect(attempts).toEqual(['503', '200']);
    await t.shot('dashboard', { docs: 'dashboard.png', fullPage: false });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const path = await download.path();
    const csv = readFileSync(path, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('completed_at,wa_id,flow_token,purchase_experience_rating,delivery_rating,customer_service_rating,would_recommend,how_to_do_better');
    expect(csv).toContain(`,${WA_ID},fb-token-1,4,5,3,1,"More colours, please"`);

    expect(pageErrors).toEqual([]);
  }, TEST_TIMEOUT_MS);
});
