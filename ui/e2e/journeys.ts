// The journeys the README's screenshots show, walked by the browser tests (which assert along the
// way) and by `npm run screenshots` (which photographs them for docs/screenshots). Every step waits
// on the state it leads to, so the next step, an assertion or a screenshot sees it.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFlow, sendFlowMessage, startBrowserSandbox, until } from './harness.js';
import type { BrowserSandbox } from './harness.js';

const FEEDBACK = readFileSync(new URL('../../examples/feedback-form.json', import.meta.url), 'utf8');
export const FEEDBACK_WA_ID = '4915112345678';
export const FEEDBACK_TOKEN = 'fb-token-1';

/** The business's webhook receiver: a real HTTP server that keeps what it is sent. */
export interface WebhookReceiver {
  readonly url: string;
  readonly received: string[];
  /** The flow completions (nfm_reply) received, the refused first attempt included. */
  completions(): number;
  close(): Promise<void>;
}

/** Starts a receiver that is down (503) for the first completion webhook, so the sandbox retries it. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: string[] = [];
  const completions = (): number => received.filter((b) => b.includes('nfm_reply')).length;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(body);
      const firstReply = body.includes('nfm_reply') && completions() === 1;
      res.writeHead(firstReply ? 503 : 200).end(firstReply ? 'down' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    completions,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface FeedbackSession {
  readonly t: BrowserSandbox;
  readonly hooks: WebhookReceiver;
  close(): Promise<void>;
}

/** A sandbox in Chromium whose webhooks go to a fresh receiver. */
export async function startFeedbackSession(): Promise<FeedbackSession> {
  const hooks = await startWebhookReceiver();
  let t: BrowserSandbox;
  try {
    t = await startBrowserSandbox({ webhookUrls: [hooks.url], appSecret: 'e2e-app-secret-feedback' });
  } catch (error) {
    await hooks.close();
    throw error;
  }
  return {
    t,
    hooks,
    async close() {
      await t.close();
      await hooks.close();
    },
  };
}

/** The business sends the feedback form (Flow JSON 2.1, sent as a draft) through the Cloud API. */
export async function sendFeedbackForm(t: BrowserSandbox): Promise<{ flowId: string; messageId: string }> {
  const flowId = await createFlow(t, 'feedback_form', FEEDBACK);
  const messageId = await sendFlowMessage(
    t,
    FEEDBACK_WA_ID,
    { flow_token: FEEDBACK_TOKEN, flow_id: flowId, flow_cta: 'Give feedback', flow_action: 'navigate', flow_action_payload: { screen: 'screen_feedback_one' }, mode: 'draft' },
    { header: 'Your order arrived', body: 'How did we do? It takes a minute.', footer: 'Acme Store' },
  );
  return { flowId, messageId };
}

/** Opens the phone's inbox and waits for the flow message's bubble. */
export async function openInbox(t: BrowserSandbox, messageId: string): Promise<void> {
  await t.page.goto(`${t.sandbox.url}/inbox?wa_id=${FEEDBACK_WA_ID}`);
  await t.page.locator(`[data-message-id="${messageId}"] .bubble-body`).waitFor();
}

/** Taps the bubble's CTA and waits for the first screen in the flow sheet. */
export async function openFeedbackForm(t: BrowserSandbox, messageId: string): Promise<void> {
  await t.page.locator(`[data-message-id="${messageId}"]`).getByTestId('cta').click();
  await t.page.locator('[data-testid="flow-sheet"][data-screen="screen_feedback_one"]').waitFor();
}

/** Answers the first screen; ends with the footer enabled (the emulator screenshot). */
export async function answerFeedbackScreenOne(t: BrowserSandbox): Promise<void> {
  const { page } = t;
  await page.getByRole('radio', { name: 'Yes' }).click();
  await page.getByRole('radio', { name: 'Yes', checked: true }).waitFor();
  await page.locator('textarea[name="how_to_do_better_comment"]').fill('More colours, please');
  await until('the footer button to be enabled', () => page.getByTestId('footer-button').isEnabled());
}

/** Picks an option of the dropdown labelled `label`; `onOpen` runs while its list is open. */
export async function pickOption(t: BrowserSandbox, label: string, option: string, onOpen?: () => Promise<void>): Promise<void> {
  const { page } = t;
  const select = page.locator('.wa-select', { hasText: label });
  await select.click();
  const list = page.getByTestId('dropdown-sheet');
  await list.waitFor();
  await onOpen?.();
  await list.getByRole('option', { name: option }).click();
  await list.waitFor({ state: 'detached' });
  await until(`"${label}" to show "${option}"`, async () => ((await select.locator('.wa-select-value').textContent()) ?? '').includes(option));
}

/** Goes on to the second screen and rates the three steps; ends with the footer enabled. */
export async function answerFeedbackScreenTwo(t: BrowserSandbox, options: { onDropdownOpen?: () => Promise<void> } = {}): Promise<void> {
  const { page } = t;
  await page.getByTestId('footer-button').click();
  await page.locator('[data-testid="flow-sheet"][data-screen="screen_feedback_two"]').waitFor();
  await pickOption(t, 'Purchase experience', 'Good (4/5)', options.onDropdownOpen);
  await pickOption(t, 'Delivery and setup', 'Excellent (5/5)');
  await pickOption(t, 'Customer service', 'Average (3/5)');
  await until('the footer button to be enabled', () => page.getByTestId('footer-button').isEnabled());
}

/** Completes the flow: the sheet closes and the phone's reply arrives in the chat. */
export async function completeFeedback(t: BrowserSandbox): Promise<void> {
  await t.page.getByTestId('footer-button').click();
  await t.page.getByTestId('flow-sheet').waitFor({ state: 'detached' });
  await t.page.getByTestId('reply-bubble').waitFor();
}

/**
 * Opens the dashboard from the inbox, waits for the charted response, then for the completion
 * webhook (refused once by the receiver, then retried) to show as delivered in the log (the
 * dashboard screenshot).
 */
export async function showFeedbackDashboard(session: FeedbackSession): Promise<void> {
  const { page } = session.t;
  await page.getByTestId('nav-dashboard').click();
  await page.locator('[data-testid="question-chart"][data-key="purchase_experience_rating"] [data-option="4"][data-count="1"]').waitFor();
  // The log is read when the page loads or refreshes: refresh once the sandbox has recorded the retry's success.
  await until('the completion webhook to be delivered', async () => {
    const delivered = await session.t.api<{ data: unknown[] }>('GET', '/_sandbox/webhooks/deliveries?kind=message.interactive&status=delivered');
    return delivered.body.data.length > 0;
  });
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.locator('[data-testid="deliveries"] tr[data-kind="message.interactive"][data-status="delivered"]').waitFor();
}
