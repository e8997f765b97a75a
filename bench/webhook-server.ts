// Server process for bench/webhook-ingest.ts: serves every model of one kind on its own port,
// each idle until the generator turns to it, and reports the URLs and its pid over IPC. Usage
// (spawned by the bench):
//   node --import tsx bench/webhook-server.ts <app-secret> memory
//   node --import tsx bench/webhook-server.ts <app-secret> postgres <database-url> <schema>
// memory:   bare     node:http that reads the body and answers 200 (the floor of any server)
//           floor    bare + what no webhook handler can skip: the signature check on the bytes,
//                    UTF-8 decoding, JSON.parse, parseWebhook, a JSON answer; no deduplication,
//                    no memory for waitForCompletion, no promise
//           handler  toNodeWebhookHandler(createWebhookHandler({ appSecret })), no store
// postgres: raw      reads the body, JSON.parse, one plain single-row INSERT of the completion
//                    into a table shaped like flow_completions, answers 200 once it returns
//           handler  the handler with a PostgreSQL CompletionStore and no callback: the delivery
//                    in one INSERT … ON CONFLICT DO NOTHING RETURNING, outside a transaction
//           callback the same with an onFlowCompletion callback (a no-op): each new completion
//                    in its own transaction (BEGIN, INSERT, callback, COMMIT)
// The postgres models share one store, so one node-postgres pool (10 connections).
import { createServer } from 'node:http';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCompletionStore, migrate, openStore } from '../src/store/index.js';
import type { Store } from '../src/store/index.js';
import { createWebhookHandler, parseWebhook, toNodeWebhookHandler, verifyWebhookSignature } from '../src/webhooks/index.js';

const RAW_INSERT = `INSERT INTO raw_completions (message_id, flow_id, flow_token, wa_id, context_message_id, response,
  response_json_raw, hosting_type, phone_number_id, sent_at) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10)`;

const quiet = { warn: () => undefined };

function readAll(req: IncomingMessage, then: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => then(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
}

function answer(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'content-length': '0' });
  res.end();
}

const bare: RequestListener = (req, res) => readAll(req, () => answer(res, 200));

function floor(appSecret: string): RequestListener {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return (req, res) =>
    readAll(req, (body) => {
      const signature = req.headers['x-hub-signature-256'];
      if (!verifyWebhookSignature(body, typeof signature === 'string' ? signature : undefined, appSecret)) return answer(res, 401);
      const events = parseWebhook(JSON.parse(decoder.decode(body)));
      const text = JSON.stringify({ received: events.length });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
}

interface Delivery {
  entry: { changes: { value: { metadata: { phone_number_id: string }; messages: { id: string; from: string; timestamp: string; context?: { id: string }; interactive: { nfm_reply: { response_json: string } } }[] } }[] }[];
}

function rawInsert(store: Store): RequestListener {
  return (req, res) =>
    readAll(req, (body) => {
      const value = (JSON.parse(body.toString('utf8')) as Delivery).entry[0]!.changes[0]!.value;
      const m = value.messages[0]!;
      const raw = m.interactive.nfm_reply.response_json;
      const response = JSON.parse(raw) as { flow_token?: string };
      store
        .query(RAW_INSERT, [m.id, null, response.flow_token, m.from, m.context?.id, raw, raw, 'cloud', value.metadata.phone_number_id, new Date(Number(m.timestamp) * 1000)])
        .then(() => answer(res, 200), () => answer(res, 500));
    });
}

async function listen(listener: RequestListener): Promise<{ server: Server; url: string }> {
  const server = createServer(listener);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook` };
}

async function main(): Promise<void> {
  const [appSecret, kind, databaseUrl, schema] = process.argv.slice(2);
  if (appSecret === undefined) throw new Error('usage: webhook-server.ts <app-secret> memory | postgres <database-url> <schema>');
  const listeners: Record<string, RequestListener> = {};
  let store: Store | undefined;
  if (kind === 'memory') {
    listeners.bare = bare;
    listeners.floor = floor(appSecret);
    listeners.handler = toNodeWebhookHandler(createWebhookHandler({ appSecret, logger: quiet }));
  } else if (kind === 'postgres' && databaseUrl !== undefined && schema !== undefined) {
    store = await openStore({ databaseUrl, schema });
    await migrate(store);
    await store.exec('CREATE TABLE raw_completions (LIKE flow_completions INCLUDING ALL)');
    const completions = createCompletionStore(store);
    listeners.raw = rawInsert(store);
    listeners.handler = toNodeWebhookHandler(createWebhookHandler({ appSecret, store: completions, logger: quiet }));
    listeners.callback = toNodeWebhookHandler(createWebhookHandler({ appSecret, store: completions, logger: quiet, onFlowCompletion: () => undefined }));
  } else {
    throw new Error('usage: webhook-server.ts <app-secret> memory | postgres <database-url> <schema>');
  }
  const served = await Promise.all(Object.entries(listeners).map(async ([name, listener]) => [name, await listen(listener)] as const));
  process.on('message', (message) => {
    if (message !== 'stop') return;
    for (const [, { server }] of served) {
      server.closeAllConnections();
      server.close();
    }
    void (store?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  });
  process.send?.({ urls: Object.fromEntries(served.map(([name, { url }]) => [name, url])), pid: process.pid });
}

main().catch((error: unknown) => {
  console.error(`webhook bench server failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
