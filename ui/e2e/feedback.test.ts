// (a) The seed's feedback form, end to end in Chromium: the business sends it (Cloud API), the
// inbox shows the flow message, the CTA opens it in the phone sheet, both screens are filled, the
// completion closes the sheet and shows the reply bubble, the sandbox stores the response and
// delivers the webhook, and the dashboard charts the answers and exports them as CSV. The steps
// are the journey `npm run screenshots` photographs for the README (journeys.ts).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from './eventually.js';
import { START_TIMEOUT_MS, TEST_TIMEOUT_MS } from './harness.js';
import {
  answerFeedbackScreenOne,
  answerFeedbackScreenTwo,
  completeFeedback,
  FEEDBACK_TOKEN,
  FEEDBACK_WA_ID,
  openFeedbackForm,
  openInbox,
  sendFeedbackForm,
  showFeedbackDashboard,
  startFeedbackSession,
} from './journeys.js';
import type { FeedbackSession } from './journeys.js';

let session: FeedbackSession;

beforeAll(async () => {
  session = await startFeedbackSession();
}, START_TIMEOUT_MS);

afterAll(async () => {
  await session?.close();
});

describe('feedback form from the inbox to the dashboard', () => {
  it('runs both screens from the CTA and shows the stored response in the dashboard', async () => {
    const { t, hooks } = session;
    const { page } = t;
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    // Flow JSON 2.1 can be sent but not published: the message opens the draft.
    const { flowId, messageId } = await sendFeedbackForm(t);
    await openInbox(t, messageId);
    const bubble = page.locator(`[data-message-id="${messageId}"]`);
    await eventually(() => bubble.locator('.bubble-header').textContent()).toBe('Your order arrived');
    await eventually(() => bubble.locator('.bubble-body').textContent()).toBe('How did we do? It takes a minute.');
    await eventually(() => bubble.locator('.bubble-footer').textContent()).toBe('Acme Store');
    await t.shot('inbox-flow-message');

    await openFeedbackForm(t, messageId);
    const sheet = page.getByTestId('flow-sheet');
    await eventually(() => page.getByTestId('screen-title').textContent()).toBe('Feedback 1 of 2');
    // Nothing chosen yet: the footer is disabled and says why.
    const footer = page.getByTestId('footer-button');
    await eventually(() => footer.isDisabled()).toBe(true);
    await eventually(() => footer.getAttribute('title')).toContain('Choose one:');

    await answerFeedbackScreenOne(t);
    await eventually(() => page.getByRole('radio', { name: 'Yes' }).getAttribute('aria-checked')).toBe('true');
    await t.shot('emulator-feedback-screen-1');

    await answerFeedbackScreenTwo(t, { onDropdownOpen: () => t.shot('emulator-dropdown-sheet') });
    await eventually(() => sheet.getAttribute('data-screen')).toBe('screen_feedback_two');
    await eventually(() => page.getByTestId('flow-back').isVisible()).toBe(true);
    await eventually(() => page.locator('.wa-select', { hasText: 'Customer service' }).locator('.wa-select-value').textContent()).toContain('Average');
    await t.shot('emulator-feedback-screen-2');

    // The completion closes the sheet; the phone's reply arrives in the chat.
    await completeFeedback(t);
    await eventually(() => page.getByTestId('reply-bubble').textContent()).toContain('purchase_experience_rating');
    await t.shot('inbox-flow-reply');

    // The stored response, read back from the sandbox.
    const stored = await t.api<{ data: { response_json: Record<string, unknown> }[] }>('GET', `/_sandbox/ui/flows/${flowId}/responses`);
    expect(stored.body.data).toHaveLength(1);
    expect(stored.body.data[0]?.response_json).toEqual({
      flow_token: FEEDBACK_TOKEN,
      would_recommend: '1',
      how_to_do_better: 'More colours, please',
      purchase_experience_rating: '4',
      delivery_rating: '5',
      customer_service_rating: '3',
    });

    // The dashboard: one answer per question, charted by option title; the completion webhook in
    // the delivery log with its refused first attempt and the retry.
    await showFeedbackDashboard(session);
    const purchase = page.locator('[data-testid="question-chart"][data-key="purchase_experience_rating"]');
    await eventually(() => purchase.locator('[data-option="4"]').getAttribute('data-count')).toBe('1');
    await eventually(() => purchase.locator('[data-option="5"]').getAttribute('data-count')).toBe('0');
    await eventually(() => purchase.textContent()).toContain('Purchase experience');
    const recommend = page.locator('[data-testid="question-chart"][data-key="would_recommend"]');
    await eventually(() => recommend.locator('[data-option="1"]').getAttribute('data-count')).toBe('1');
    await eventually(() => recommend.locator('.bar-label').first().textContent()).toBe('Yes');
    await eventually(() => page.getByTestId('responses-table').textContent()).toContain('More colours, please');
    expect(hooks.completions()).toBe(2);
    const replyHook = page.locator('[data-testid="deliveries"] tr[data-kind="message.interactive"]');
    await eventually(() => replyHook.getAttribute('data-status')).toBe('delivered');
    await eventually(() => replyHook.locator('.attempt').evaluateAll((els) => els.map((e) => e.getAttribute('data-attempt-status')))).toEqual(['503', '200']);
    await t.shot('dashboard');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toBe('completed_at,wa_id,flow_token,purchase_experience_rating,delivery_rating,customer_service_rating,would_recommend,how_to_do_better');
    expect(csv).toContain(`,${FEEDBACK_WA_ID},${FEEDBACK_TOKEN},4,5,3,1,"More colours, please"`);

    expect(pageErrors).toEqual([]);
  }, TEST_TIMEOUT_MS);
});
