// Test support for the API suites: a sandbox over real HTTP on 127.0.0.1, on PGlite (temp folder)
// or the real PostgreSQL (a fresh schema, dropped afterwards), with a number's API key, a partner
// API key, and the production client pointed at it for each provider: 360dialog's Messaging API
// (either hosting type, flows through the Partner API), the Partner API alone, and Meta's Graph API.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '../api/index.js';
import type { ApiClient, HostingType } from '../api/index.js';
import type { Provider } from '../api/contract/dialects.js';
import { openStore } from '../store/index.js';
import type { StoreKind } from '../store/index.js';
import { copyPgliteTemplate } from '../store/pglite-template.js';
import { TEST_DATABASE_URL, uniqueSchema } from '../store/test-kit.js';
import { createApiKey, createPartnerKey } from './auth.js';
import { SURFACE_PREFIXES } from './router.js';
import { createSandbox } from './server.js';
import type { CreateSandboxOptions, Sandbox } from './server.js';

/** The sandbox account as the Partner API names it, with a partner API key. */
export interface PartnerAccess {
  readonly partnerId: string;
  readonly wabaAccountId: string;
  readonly apiKey: string;
  /** `${url}/hub/api/v2`. */
  readonly baseUrl: string;
}

/** The sandbox account as Graph names it; the number's key is its access token. */
export interface MetaAccess {
  readonly accessToken: string;
  readonly wabaId: string;
  readonly phoneNumberId: string;
  /** `${url}/graph` (the client appends the version). */
  readonly baseUrl: string;
}

export interface ApiTestSandbox {
  readonly sandbox: Sandbox;
  /** The business number's API key (D360-API-KEY, and its Graph access token). */
  readonly apiKey: string;
  readonly partner: PartnerAccess;
  readonly meta: MetaAccess;
  /**
   * 360dialog's Messaging API for a hosting type; flow calls go through the Partner API, to the
   * sandbox account's WABA account unless another is named (another number's, for scoping tests).
   */
  client(hostingType: HostingType, apiKey?: string, wabaAccountId?: string): ApiClient;
  /** A client of one provider, with the sandbox account's credentials. */
  clientFor(provider: Provider): ApiClient;
  /** `${url}/cloud` or `${url}/on-premise`. */
  baseUrl(hostingType: HostingType): string;
  cleanup(): Promise<void>;
}

/** PGlite start is slow on a busy two-core machine; suites give beforeAll this much. */
export const START_TIMEOUT_MS = 120_000;

export async function startApiSandbox(kind: StoreKind = 'pglite', options: CreateSandboxOptions = {}): Promise<ApiTestSandbox> {
  let sandbox: Sandbox;
  let drop: () => Promise<void>;
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'waflow-sandbox-api-'));
    await copyPgliteTemplate(dir);
    sandbox = await createSandbox({ port: 0, dataDir: dir, templateApprovalDelayMs: -1, ...options });
    drop = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const schema = uniqueSchema('waflow_sandbox');
    sandbox = await createSandbox({ port: 0, databaseUrl: TEST_DATABASE_URL, schema, templateApprovalDelayMs: -1, ...options });
    drop = async () => {
      const admin = await openStore({ databaseUrl: TEST_DATABASE_URL });
      try {
        await admin.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await admin.close();
      }
    };
  }
  const store = sandbox.context.store;
  const { key } = await createApiKey(store, { name: 'test', phoneId: sandbox.businessPhone.id });
  const { key: partnerKey } = await createPartnerKey(store, { name: 'test', partnerId: sandbox.partner.id });
  const phone = sandbox.businessPhone;
  if (phone.wabaId === undefined || phone.wabaAccountId === undefined) throw new Error('the sandbox business phone has no WABA ids');
  const partner: PartnerAccess = { partnerId: sandbox.partner.id, wabaAccountId: phone.wabaAccountId, apiKey: partnerKey, baseUrl: `${sandbox.url}${SURFACE_PREFIXES.partner}` };
  const meta: MetaAccess = { accessToken: key, wabaId: phone.wabaId, phoneNumberId: phone.id, baseUrl: `${sandbox.url}${SURFACE_PREFIXES.meta}` };
  const baseUrl = (hostingType: HostingType) => `${sandbox.url}/${hostingType}`;
  const client = (hostingType: HostingType, apiKey = key, wabaAccountId = partner.wabaAccountId): ApiClient =>
    createClient({ apiKey, hostingType, baseUrl: baseUrl(hostingType), partner: { partnerId: partner.partnerId, wabaAccountId, apiKey: partnerKey, baseUrl: partner.baseUrl } });
  return {
    sandbox,
    apiKey: key,
    partner,
    meta,
    baseUrl,
    client,
    clientFor(provider) {
      switch (provider) {
        case '360dialog':
          return client('cloud');
        case '360dialog-partner':
          return createClient({ provider: '360dialog-partner', partnerId: partner.partnerId, wabaAccountId: partner.wabaAccountId, apiKey: partnerKey, baseUrl: partner.baseUrl });
        case 'meta':
          return createClient({ provider: 'meta', accessToken: meta.accessToken, wabaId: meta.wabaId, phoneNumberId: meta.phoneNumberId, baseUrl: meta.baseUrl });
      }
    },
    async cleanup() {
      await sandbox.close();
      await drop();
    },
  };
}

/** The seed's feedback form as written (examples/feedback-form.json): Flow JSON 2.1, sendable but not publishable. */
export function seedFeedbackFormSource(): string {
  return readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'feedback-form.json'), 'utf8');
}

/** The version the test copy of the feedback form declares: publishable (5.1+), the latest. */
export const FEEDBACK_FORM_VERSION = '7.3';

/**
 * The seed's feedback form, as its text, with its version raised from 2.1 to 7.3 so that it can be
 * published (WhatsApp publishes only 5.1 and later). Nothing else changes: the form is valid as it
 * stands in every version from 5.1 (validator, checked by src/sandbox/flow-validation.test.ts).
 */
export function feedbackFormSource(): string {
  const seed = seedFeedbackFormSource();
  const raised = seed.replace(/"version":\s*"2\.1"/, `"version": "${FEEDBACK_FORM_VERSION}"`);
  if (raised === seed) throw new Error('examples/feedback-form.json no longer declares "version": "2.1"; update feedbackFormSource()');
  return raised;
}

/** A Flow JSON whose screen has a component Meta does not know, on line 9. */
export const INVALID_FLOW = `{
  "version": "3.1",
  "screens": [
    {
      "id": "ONLY",
      "title": "Broken",
      "terminal": true,
      "layout": { "type": "SingleColumnLayout", "children": [
        { "type": "Sparkles", "text": "no such component" }
      ] }
    }
  ]
}
`;
