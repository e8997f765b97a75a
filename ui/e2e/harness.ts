// The browser suites' fixture: a sandbox on PGlite in a temp folder serving the built app, and a
// real Chromium (Debian's, driven by playwright-core) pointed at it. Screenshots go to
// artifacts/screenshots (gitignored); the README's copies in docs/screenshots are written only by
// `npm run screenshots` (ui/e2e/screenshots.ts).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { DEFAULT_GRAPH_VERSION } from '../../src/api/contract/dialects.js';
import { CHROMIUM_ARGS } from '../../src/render/chromium.js';
import { createSandbox } from '../../src/sandbox/index.js';
import type { CreateSandboxOptions, Sandbox } from '../../src/sandbox/index.js';
import { createApiKey } from '../../src/sandbox/auth.js';
import { ensureUiBuilt } from '../../src/sandbox/ui/index.js';
import { copyPgliteTemplate } from '../../src/store/pglite-template.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ARTIFACTS = join(REPO_ROOT, 'artifacts', 'screenshots');

/** Starting PGlite and Chromium on a busy two-core machine is slow; suites give beforeAll this much. */
export const START_TIMEOUT_MS = 180_000;
export const TEST_TIMEOUT_MS = 90_000;
/** How long a step waits for the page or the sandbox to reach the state it expects. */
export const STATE_TIMEOUT_MS = 15_000;

// One list of Chromium flags for the tests and `waflow render`.
export { CHROMIUM_ARGS };

export interface BrowserSandbox {
  readonly sandbox: Sandbox;
  readonly browser: Browser;
  readonly page: Page;
  /** A key for calling the API from the test itself (the business side). */
  readonly apiKey: string;
  /** The Graph prefix flows are managed under: `/graph/v24.0`. */
  readonly graph: string;
  /** The business number's WABA id (the `{waba_id}` of Graph's flow paths). */
  readonly wabaId: string;
  /**
   * JSON call to the sandbox with the test's API key: as `D360-API-KEY`, or on /graph paths as the
   * bearer access token (the number's key is its Graph access token).
   */
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** A screenshot of the page, for looking at after a run: artifacts/screenshots/<name>.png. */
  shot(name: string, options?: { fullPage?: boolean }): Promise<void>;
  close(): Promise<void>;
}

export async function startBrowserSandbox(options: CreateSandboxOptions = {}): Promise<BrowserSandbox> {
  await ensureUiBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'waflow-ui-e2e-'));
  await copyPgliteTemplate(dir);
  const sandbox = await createSandbox({ dataDir: dir, port: 0, host: '127.0.0.1', templateApprovalDelayMs: -1, ...options });
  const { key } = await createApiKey(sandbox.context.store, { name: 'e2e', phoneId: sandbox.businessPhone.id });
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  } catch (error) {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(STATE_TIMEOUT_MS);
  mkdirSync(ARTIFACTS, { recursive: true });
  const wabaId = sandbox.businessPhone.wabaId;
  if (wabaId === undefined) throw new Error('the sandbox business number has no WABA id');
  return {
    sandbox,
    browser,
    page,
    apiKey: key,
    graph: `/graph/${DEFAULT_GRAPH_VERSION}`,
    wabaId,
    async api<T>(method: string, path: string, body?: unknown) {
      const auth: Record<string, string> = path === '/graph' || path.startsWith('/graph/') ? { authorization: `Bearer ${key}` } : { 'D360-API-KEY': key };
      const res = await fetch(`${sandbox.url}${path}`, {
        method,
        headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
    },
    async shot(name, opts = {}) {
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: opts.fullPage ?? false });
    },
    async close() {
      await browser.close().catch(() => undefined);
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Polls `check` until it is true (on the page or in the sandbox), failing after `timeoutMs` with
 * what was awaited. For steps shared with `npm run screenshots`, which runs outside vitest.
 */
export async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = STATE_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      if (await check()) return;
      last = undefined;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`, last === undefined ? {} : { cause: last });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Uploads a Flow JSON as a new flow through the real API (Graph's flow paths), optionally publishing it. */
export async function createFlow(t: BrowserSandbox, name: string, flowJson: string, options: { publish?: boolean; endpointUri?: string } = {}): Promise<string> {
  const created = await t.api<{ id: string }>('POST', `${t.graph}/${t.wabaId}/flows`, {
    name,
    categories: ['OTHER'],
    flow_json: flowJson,
    ...(options.endpointUri === undefined ? {} : { endpoint_uri: options.endpointUri }),
  });
  if (created.status !== 200) throw new Error(`creating flow ${name} answered ${created.status}: ${JSON.stringify(created.body)}`);
  const id = created.body.id;
  if (options.publish === true) {
    const published = await t.api('POST', `${t.graph}/${id}/publish`);
    if (published.status !== 200) throw new Error(`publishing flow ${name} answered ${published.status}: ${JSON.stringify(published.body)}`);
  }
  return id;
}

/** Sends a flow message (Cloud shape) to a simulated phone; returns the wamid. */
export async function sendFlowMessage(
  t: BrowserSandbox,
  to: string,
  parameters: Record<string, unknown>,
  texts: { header?: string; body: string; footer?: string },
): Promise<string> {
  const sent = await t.api<{ messages: { id: string }[] }>('POST', '/cloud/messages', {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to,
    type: 'interactive',
    interactive: {
      type: 'flow',
      ...(texts.header === undefined ? {} : { header: { type: 'text', text: texts.header } }),
      body: { text: texts.body },
      ...(texts.footer === undefined ? {} : { footer: { text: texts.footer } }),
      action: { name: 'flow', parameters: { flow_message_version: '3', ...parameters } },
    },
  });
  if (sent.status !== 200) throw new Error(`sending the flow message answered ${sent.status}: ${JSON.stringify(sent.body)}`);
  const id = sent.body.messages[0]?.id;
  if (id === undefined) throw new Error('the send answer has no message id');
  return id;
}
