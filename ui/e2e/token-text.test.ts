// The browser phone and a 427 with the business's text: the endpoint ends the flow token with
// invalidFlowToken('…'), the phone's sheet shows that text, and the message's button is disabled
// with it as the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../src/data-channel/index.js';
import { createFlowEndpoint, invalidFlowToken } from '../../src/endpoint/index.js';
import { captureLogger, serveEndpoint } from '../../src/endpoint/test-kit.js';
import type { RunningServer } from '../../src/endpoint/test-kit.js';
import { BOOKING_FLOW } from '../../examples/booking/endpoint.js';
import { eventually } from './eventually.js';
import { createFlow, sendFlowMessage, START_TIMEOUT_MS, startBrowserSandbox, TEST_TIMEOUT_MS } from './harness.js';
import type { BrowserSandbox } from './harness.js';

const WA_ID = '4917612340427';
const PLACED = 'This order was already placed';

let t: BrowserSandbox;
let endpoint: RunningServer;

beforeAll(async () => {
  const keys = await generateKeyPair();
  endpoint = await serveEndpoint(createFlowEndpoint({ privateKey: keys.privateKeyPem, logger: captureLogger(), handlers: { init: () => invalidFlowToken(PLACED) } }));
  t = await startBrowserSandbox();
  const uploaded = await t.api('POST', '/cloud/whatsapp_business_encryption', { public_key: keys.publicKeyPem });
  if (uploaded.status !== 200) throw new Error(`uploading the public key answered ${uploaded.status}: ${JSON.stringify(uploaded.body)}`);
}, START_TIMEOUT_MS);

afterAll(async () => {
  await t?.close();
  await endpoint?.close();
});

describe('a 427 with the business\'s text on the browser phone', () => {
  it('shows the text on the sheet and disables the message\'s button with it', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { page } = t;
    const flowId = await createFlow(t, 'order_again', JSON.stringify(BOOKING_FLOW), { publish: true, endpointUri: endpoint.url });
    const messageId = await sendFlowMessage(t, WA_ID, { flow_token: 'order-1', flow_id: flowId, flow_cta: 'Order again', flow_action: 'data_exchange' }, { body: 'Order your usual?' });

    await page.goto(`${t.sandbox.url}/inbox?wa_id=${WA_ID}`);
    const cta = page.locator(`[data-message-id="${messageId}"]`).getByTestId('cta');
    await cta.click();
    const failure = page.getByTestId('flow-error');
    await failure.waitFor();
    expect(await failure.locator('.wa-overlay-title').textContent()).toBe('This flow has expired');
    expect(await page.getByTestId('flow-error-text').textContent()).toBe(PLACED);
    await t.shot('token-text-427');

    await failure.getByRole('button', { name: 'Close' }).click();
    await eventually(() => cta.isDisabled()).toBe(true);
    expect(await cta.getAttribute('title')).toBe(PLACED);
  });
});
