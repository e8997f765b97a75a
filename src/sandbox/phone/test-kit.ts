// Test support for the sandbox's phone, webhooks and health suites: a sandbox on PGlite in a temp
// folder, and a business-side webhook receiver (the webhooks SDK's handler over real HTTP on
// 127.0.0.1, storing completions in the business's own database: PostgreSQL at 127.0.0.1:5432, in
// a schema of its own) that can be started late, stopped and made to fail.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCompletionStore, migrate, openStore } from '../../store/index.js';
import { copyPgliteTemplate } from '../../store/pglite-template.js';
import type { CompletionStore, Store } from '../../store/index.js';
import { createWebhookHandler, toNodeWebhookHandler } from '../../webhooks/index.js';
import type { WebhookEvent } from '../../webhooks/index.js';
import { createSandbox } from '../server.js';
import type { CreateSandboxOptions, Sandbox } from '../server.js';

/** The business side's database in tests (the project's test PostgreSQL). */
export const BUSINESS_DATABASE_URL = process.env.WAFLOW_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function tempDir(prefix = 'waflow-sandbox-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export async function startSandbox(dataDir: string, options: CreateSandboxOptions = {}): Promise<Sandbox> {
  await copyPgliteTemplate(dataDir);
  return createSandbox({ dataDir, port: 0, host: '127.0.0.1', templateApprovalDelayMs: -1, ...options });
}

/** A free port on 127.0.0.1 (listened on and closed again), for a receiver that starts later. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export interface Receiver {
  readonly url: string;
  readonly completions: CompletionStore;
  /** Every event the handler processed as new, in order. */
  readonly events: WebhookEvent[];
  /** HTTP requests that reached the receiver, with the status it answered. */
  readonly requests: { status: number }[];
  /** While > 0, the next POSTs are answered 503 (and counted down). */
  failNext: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A business webhook receiver on a fixed port that answers only between start() and stop(). The
 * port is held from creation to close() and, while the receiver is down, each connection is cut
 * at once (the platform's "could not be reached"). Closing the socket and listening again later
 * would let another process take the port in between.
 */
export async function createReceiver(appSecret: string, port?: number): Promise<Receiver> {
  const schema = `receiver_${randomBytes(6).toString('hex')}`;
  const db: Store = await openStore({ databaseUrl: BUSINESS_DATABASE_URL, schema });
  await migrate(db);
  const completions = createCompletionStore(db);
  const events: WebhookEvent[] = [];
  const requests: { status: number }[] = [];
  const handler = createWebhookHandler({
    appSecret,
    store: completions,
    onEvent: (event) => {
      events.push(event);
    },
  });
  let up = false;
  const node = toNodeWebhookHandler(async (req) => {
    if (receiver.failNext > 0) {
      receiver.failNext -= 1;
      requests.push({ status: 503 });
      return new Response('down for maintenance', { status: 503 });
    }
    const res = await handler(req);
    requests.push({ status: res.status });
    return res;
  });
  const server = createServer(node);
  server.on('connection', (socket) => {
    if (!up) socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port ?? 0, '127.0.0.1', () => resolve());
  });
  const chosen = (server.address() as AddressInfo).port;
  const receiver: Receiver = {
    url: `http://127.0.0.1:${chosen}/webhook`,
    completions,
    events,
    requests,
    failNext: 0,
    start() {
      up = true;
      return Promise.resolve();
    },
    stop() {
      up = false;
      // Kept-alive connections from before end too: the next attempt finds the receiver down.
      server.closeAllConnections();
      return Promise.resolve();
    },
    async close() {
      await receiver.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    },
  };
  return receiver;
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
