// Test support for the API suites: a sandbox over real HTTP on 127.0.0.1, on PGlite (temp folder)
// or the real PostgreSQL (a fresh schema, dropped afterwards), with an API key and the production
// client pointed at it for either hosting type.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '../api/index.js';
import type { ApiClient, HostingType } from '../api/index.js';
import { openStore } from '../store/index.js';
import type { StoreKind } from '../store/index.js';
import { TEST_DATABASE_URL, uniqueSchema } from '../store/test-kit.js';
import { createApiKey } from './auth.js';
import { createSandbox } from './server.js';
import type { CreateSandboxOptions, Sandbox } from './server.js';

export interface ApiTestSandbox {
  readonly sandbox: Sandbox;
  readonly apiKey: string;
  client(hostingType: HostingType, apiKey?: string): ApiClient;
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
  const { key } = await createApiKey(sandbox.context.store, { name: 'test', phoneId: sandbox.businessPhone.id });
  const baseUrl = (hostingType: HostingType) => `${sandbox.url}/${hostingType}`;
  return {
    sandbox,
    apiKey: key,
    baseUrl,
    client: (hostingType, apiKey = key) => createClient({ apiKey, hostingType, baseUrl: baseUrl(hostingType) }),
    async cleanup() {
      await sandbox.close();
      await drop();
    },
  };
}

/** The seed's feedback form (examples/feedback-form.json), as its text. */
export function feedbackFormSource(): string {
  return readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'feedback-form.json'), 'utf8');
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
