// Server process for bench/endpoint.ts: serves the benchmark endpoint with one concurrency
// model and reports its URL and process ids over IPC. Usage (spawned by the bench):
//   node --import tsx bench/endpoint-server.ts <web|single|threads|cluster> <private-key-file>
// web: toNodeHandler(createFlowEndpoint()) in one process, the web Request/Response route;
// single and cluster: serveFlowEndpoint with 1 or 2 workers; threads: see below.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { decryptRequestWith, encryptResponse } from '../src/data-channel/envelope.js';
import { serveFlowEndpoint } from '../src/endpoint/serve/index.js';
import { readNodeBody } from '../src/endpoint/serve/node-body.js';
import { createFlowEndpoint } from '../src/endpoint/index.js';
import { toNodeHandler } from '../src/endpoint/node.js';
import type { FlowHandlers } from '../src/endpoint/index.js';
import { BENCH_SCREEN, benchHandlers, quietLogger } from './endpoint-fixture.js';

// The worker_threads alternative: the main thread does HTTP, AES and JSON, a pool of threads
// does the RSA unwrap. Written here and not in the library because it lost (see serve.ts).
const RSA_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createPrivateKey, privateDecrypt, constants } = require('node:crypto');
const key = createPrivateKey(workerData.pem);
parentPort.on('message', ({ id, wrapped }) => {
  let out = null;
  try { out = privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, wrapped); } catch {}
  parentPort.postMessage({ id, key: out });
});`;

async function serveWithThreadPool(pem: string, threads: number): Promise<{ url: string; close: () => Promise<void> }> {
  const pending = new Map<number, (key: Uint8Array | undefined) => void>();
  const pool = Array.from({ length: threads }, () => {
    const worker = new Worker(RSA_WORKER, { eval: true, workerData: { pem } });
    worker.on('message', ({ id, key }: { id: number; key: Uint8Array | null }) => {
      pending.get(id)?.(key ?? undefined);
      pending.delete(id);
    });
    return worker;
  });
  let next = 0;
  const unwrap = (wrapped: Uint8Array): Promise<Uint8Array | undefined> =>
    new Promise((resolve) => {
      const id = next++;
      pending.set(id, resolve);
      pool[id % pool.length]!.postMessage({ id, wrapped });
    });
  const handler = (benchHandlers.dataExchange as Record<string, NonNullable<FlowHandlers['init']>>)[BENCH_SCREEN]!;
  const server = createServer((req, res) => {
    void (async () => {
      const read = await readNodeBody(req, 1024 * 1024);
      if (!read.ok) throw new Error('body');
      const { body, aesKey, iv } = await decryptRequestWith(JSON.parse(Buffer.from(read.bytes).toString('utf8')), unwrap);
      if (body.action !== 'data_exchange') throw new Error('unexpected action');
      const result = await handler({ action: body.action, screen: body.screen, data: body.data, flowToken: body.flow_token, version: body.version, userLocale: undefined, session: undefined, decryptMedia: () => Promise.reject(new Error('the bench sends no media')) });
      const text = await encryptResponse(result, aesKey, iv);
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    })().catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await Promise.all(pool.map((w) => w.terminate()));
    },
  };
}

async function main(): Promise<void> {
  const [model, keyFile] = process.argv.slice(2);
  if (model === undefined || keyFile === undefined) throw new Error('usage: endpoint-server.ts <web|single|threads|cluster> <private-key-file>');
  const privateKey = readFileSync(keyFile, 'utf8');
  let url: string;
  let close: () => Promise<void>;
  let pids = [process.pid];
  if (model === 'threads') {
    ({ url, close } = await serveWithThreadPool(privateKey, 2));
  } else if (model === 'web') {
    const endpoint = createFlowEndpoint({ privateKey, handlers: benchHandlers, logger: quietLogger });
    // Wrapped, so toNodeHandler sees a plain web handler and takes the Request/Response route.
    const server = createServer(toNodeHandler((request) => endpoint(request)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    close = async () => {
      server.closeAllConnections();
      server.close();
    };
  } else {
    const served = await serveFlowEndpoint({ privateKey, handlers: benchHandlers, logger: quietLogger, workers: model === 'cluster' ? 2 : 1 });
    if (served.role === 'worker') return; // the cluster primary reports for everyone
    ({ url, close } = served);
    pids = [process.pid, ...served.workerPids()];
  }
  process.on('message', (message) => {
    if (message === 'stop') void close().finally(() => process.exit(0));
  });
  process.send?.({ url, pids });
}

await main();
