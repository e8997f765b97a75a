// The files `waflow init` writes: a project that deploys at once to `waflow dev`. The config's
// `sandbox` environment reads the sandbox's URL from WAFLOW_SANDBOX_URL (default
// http://127.0.0.1:4010), its keys from D360_API_KEY and D360_PARTNER_API_KEY, and the WABA account
// id from D360_WABA_ACCOUNT_ID: all four are what `waflow dev` prints.

import { DIALECT_INFO } from '../../api/contract/dialects.js';
import { DEFAULT_HOST, DEFAULT_PARTNER_ID, DEFAULT_PORT } from '../../sandbox/context.js';

export interface StarterFile {
  /** Relative to the project folder, with forward slashes. */
  readonly path: string;
  readonly content: string;
  /** What it is, for the list init prints. */
  readonly about: string;
}

// The sandbox's own defaults and prefixes, so a starter project matches what `waflow dev` serves.
const SANDBOX_URL = `\${WAFLOW_SANDBOX_URL:-http://${DEFAULT_HOST}:${DEFAULT_PORT}}`;

export const STARTER_CONFIG = {
  flows: [{ name: 'Feedback', file: 'flows/feedback.json', categories: ['SURVEY'] }],
  templates: [
    {
      name: 'visit_feedback',
      language: 'en_US',
      category: 'MARKETING',
      body: 'Thanks for your visit! Could you tell us how it went? It takes a minute.',
      button: { text: 'Give feedback', flow: 'Feedback', screen: 'RATE', action: 'navigate' },
    },
  ],
  environments: {
    sandbox: {
      provider: '360dialog',
      baseUrl: `${SANDBOX_URL}${DIALECT_INFO.cloud.sandboxPrefix}`,
      apiKeyEnv: 'D360_API_KEY',
      partner: {
        baseUrl: `${SANDBOX_URL}${DIALECT_INFO.partner.sandboxPrefix}`,
        partnerId: `\${D360_PARTNER_ID:-${DEFAULT_PARTNER_ID}}`,
        wabaAccountId: '${D360_WABA_ACCOUNT_ID}',
        apiKeyEnv: 'D360_PARTNER_API_KEY',
      },
    },
  },
  validate: { style: true },
};

/** A two-screen feedback form (Flow JSON 7.3): no endpoint, so it publishes without one. */
export const STARTER_FLOW = {
  version: '7.3',
  screens: [
    {
      id: 'RATE',
      title: 'Your visit',
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextSubheading', text: 'How was your visit?' },
          {
            type: 'RadioButtonsGroup',
            name: 'rating',
            label: 'Your rating',
            required: true,
            'data-source': [
              { id: '5', title: 'Excellent' },
              { id: '4', title: 'Good' },
              { id: '3', title: 'Average' },
              { id: '2', title: 'Poor' },
              { id: '1', title: 'Very poor' },
            ],
          },
          {
            type: 'Footer',
            label: 'Continue',
            'on-click-action': { name: 'navigate', next: { type: 'screen', name: 'COMMENT' }, payload: { rating: '${form.rating}' } },
          },
        ],
      },
    },
    {
      id: 'COMMENT',
      title: 'Your visit',
      terminal: true,
      success: true,
      data: { rating: { type: 'string', __example__: '5' } },
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextArea', name: 'comment', label: 'What can we improve?', required: false },
          {
            type: 'Footer',
            label: 'Send feedback',
            'on-click-action': { name: 'complete', payload: { rating: '${data.rating}', comment: '${form.comment}' } },
          },
        ],
      },
    },
  ],
};

const ENDPOINT = `// The data endpoint of this project's flows. WhatsApp calls it, encrypted, when a flow exchanges
// data with your server: a Flow JSON with "data_api_version": "3.0" and a "routing_model", and an
// "endpointUri" for that flow in waflow.config.json (\`waflow deploy\` registers it). The feedback
// flow is static (it publishes without an endpoint); these handlers are its server side for the
// day it needs one: INIT opens RATE, and COMMENT's answers complete the flow.
import { complete, createFlowEndpoint, nextScreen } from 'waflow/endpoint';
import type { FlowEndpoint } from 'waflow/endpoint';

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

export function createEndpoint(privateKey: string, appSecret?: string): FlowEndpoint {
  return createFlowEndpoint({
    privateKey, // the PEM text of keys/private.pem (npx waflow keys generate --out keys)
    appSecret, // the Meta app secret: when set, X-Hub-Signature-256 is checked
    handlers: {
      init: () => nextScreen('RATE', {}),
      dataExchange: {
        COMMENT: ({ data }) => complete({ rating: text(data.rating), comment: text(data.comment) }),
      },
    },
  });
}
`;

const TEST = `// Run with Node's test runner: npx tsx --test test/feedback.test.ts (Bun: bun test).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { generateKeyPair } from 'waflow/data-channel';
import { validateFlow } from 'waflow/flow-json';
import { FlowTester, inProcessEndpoint } from 'waflow/testing';
import { createEndpoint } from '../endpoint.js';

const flow = await readFile(new URL('../flows/feedback.json', import.meta.url), 'utf8');

test('flows/feedback.json is valid Flow JSON', () => {
  const { valid, diagnostics } = validateFlow(flow);
  assert.equal(valid, true, diagnostics.map((d) => \`\${d.code} \${d.message}\`).join('\\n'));
});

test('a customer rates the visit and leaves a comment', async () => {
  const tester = await FlowTester.start({ flow, flowToken: 'feedback-test' });
  await tester.pick('Your rating', 'Good').tap('Continue');
  await tester.fill('What can we improve?', 'Shorter queues').tap('Send feedback');
  tester.expectCompletion({ flow_token: 'feedback-test', rating: '4', comment: 'Shorter queues' });
});

test('the endpoint opens RATE on INIT and completes on COMMENT', async () => {
  const { privateKeyPem, publicKeyPem } = await generateKeyPair();
  const endpoint = inProcessEndpoint(createEndpoint(privateKeyPem), { publicKeyPem });
  assert.deepEqual(await endpoint.exchange({ action: 'INIT', data: {}, flowToken: 'feedback-test', version: '3.0' }), { screen: 'RATE', data: {} });
  const done = await endpoint.exchange({ action: 'data_exchange', screen: 'COMMENT', data: { rating: '5', comment: 'Great' }, flowToken: 'feedback-test', version: '3.0' });
  assert.deepEqual(done, { screen: 'SUCCESS', data: { extension_message_response: { params: { flow_token: 'feedback-test', rating: '5', comment: 'Great' } } } });
});
`;

const ENV_EXAMPLE = `# What \`waflow deploy --env sandbox\` reads. \`waflow dev\` prints every value on its first start.
# Copy to .env (keep it out of git) or export them in your shell.
WAFLOW_SANDBOX_URL=http://${DEFAULT_HOST}:${DEFAULT_PORT}
D360_API_KEY=
D360_PARTNER_API_KEY=
D360_WABA_ACCOUNT_ID=
# D360_PARTNER_ID=${DEFAULT_PARTNER_ID}
`;

export const STARTER_FILES: readonly StarterFile[] = [
  { path: 'waflow.config.json', content: `${JSON.stringify(STARTER_CONFIG, null, 2)}\n`, about: 'the project: flows, templates and the sandbox environment' },
  { path: 'flows/feedback.json', content: `${JSON.stringify(STARTER_FLOW, null, 2)}\n`, about: 'a two-screen feedback form (Flow JSON 7.3)' },
  { path: 'endpoint.ts', content: ENDPOINT, about: "the flows' data endpoint, on waflow/endpoint" },
  { path: 'test/feedback.test.ts', content: TEST, about: 'walks the form and calls the endpoint (npx tsx --test test/feedback.test.ts)' },
  { path: '.env.example', content: ENV_EXAMPLE, about: 'the environment variables deploy reads (names only)' },
];
