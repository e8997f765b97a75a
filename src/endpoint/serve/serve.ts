// serveFlowEndpoint: a node:http server for the endpoint, spread over CPU cores with node:cluster.
//
// The endpoint's CPU is almost all the RSA-OAEP unwrap (one 2048-bit private-key operation per
// request), so one process can use one core at most. bench/endpoint.ts serves every candidate,
// warms each up, interleaves their load windows and divides requests/s by the rate two threads
// reach doing raw RSA just before. Quiet 2-core machine (load < 1), `npm run bench`:
//   web      toNodeHandler over web Request/Response, 1 process   0.31   server CPU 1.89× RSA
//   single   this listener (no Request/Response), 1 process       0.38   1.41×
//   threads  HTTP on one thread, RSA in a 2-thread pool            0.56   1.45×
//   cluster  this listener in 2 worker processes                   0.72   1.37×
// Cluster wins, and it is also the sturdier design: each worker does the whole request with no
// per-request hand-off, and a crash costs one worker, not the server. The load generator shares
// the same two cores (~100 µs per request), which caps the ratio near 0.88 even for a server
// that did nothing but RSA; the rest is node:http, the kernel and V8 (see bench/endpoint.ts).
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ENDPOINT_TIMEOUT_MS } from '../../data-channel/status.js';
import type { FlowEndpointOptions, ScreenDataMap } from '../types.js';
import { createFlowRequestListener } from './listener.js';

export interface ServeFlowEndpointOptions<M extends ScreenDataMap = ScreenDataMap> extends FlowEndpointOptions<M> {
  /** Default 0: an ephemeral port, the same one in every worker. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * Worker processes (node:cluster). 1 (the default) serves from this process. With more, the
   * primary forks them; each re-runs the entry script, whose own serveFlowEndpoint call then
   * listens on the shared port. 'auto' means one per available core.
   */
  workers?: number | 'auto';
  /**
   * A request whose headers and body have not arrived within this time is dropped. Default
   * 10 000: WhatsApp waits 10 s for an endpoint, so a slower request is no one's; Node's own
   * default (300 s) would let slow senders hold connections for minutes.
   */
  requestTimeoutMs?: number;
}

export const DEFAULT_ENDPOINT_REQUEST_TIMEOUT_MS = ENDPOINT_TIMEOUT_MS;

/** node:http options that enforce the timeout: the check interval is scaled down with it. */
function timeouts(requestTimeoutMs: number | undefined): { requestTimeout: number; headersTimeout: number; connectionsCheckingInterval: number } {
  const timeout = requestTimeoutMs ?? DEFAULT_ENDPOINT_REQUEST_TIMEOUT_MS;
  if (!Number.isInteger(timeout) || timeout < 1) throw new TypeError('requestTimeoutMs must be a positive integer');
  return { requestTimeout: timeout, headersTimeout: timeout, connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.floor(timeout / 4))) };
}

export interface ServingFlowEndpoint {
  url: string;
  port: number;
  /** 'primary' forwards connections to workers; 'worker' and 'single' run the endpoint. */
  role: 'single' | 'primary' | 'worker';
  /** Process ids of the workers (primary only; otherwise empty). */
  workerPids(): number[];
  close(): Promise<void>;
}

const MAX_WORKERS = 256;

function workerCount(workers: number | 'auto' | undefined): number {
  if (workers === undefined) return 1;
  if (workers === 'auto') return availableParallelism();
  if (!Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
    throw new TypeError(`workers must be an integer from 1 to ${MAX_WORKERS}, or 'auto'`);
  }
  return workers;
}

function checkAddress(port: unknown, host: unknown): void {
  if (!Number.isInteger(port) || (port as number) < 0 || (port as number) > 65535) throw new TypeError('port must be an integer from 0 to 65535');
  if (typeof host !== 'string' || host.length === 0) throw new TypeError('host must be a non-empty string');
}

function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function serveHere(options: ServeFlowEndpointOptions<ScreenDataMap>, port: number, host: string, role: 'single' | 'worker'): Promise<ServingFlowEndpoint> {
  const server = createServer(timeouts(options.requestTimeoutMs), createFlowRequestListener(options));
  const bound = await listen(server, port, host);
  return {
    url: urlOf(host, bound),
    port: bound,
    role,
    workerPids: () => [],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function forkWorkers(count: number, host: string): Promise<ServingFlowEndpoint> {
  let closing = false;
  const ports = await Promise.all(
    Array.from({ length: count }, () => {
      const worker = cluster.fork();
      return new Promise<number>((resolve, reject) => {
        worker.once('listening', (address) => resolve(address.port));
        worker.once('exit', (code) => reject(new Error(`a cluster worker exited with code ${code ?? 'null'} before listening`)));
      });
    }),
  );
  // A worker that dies while serving is replaced, so capacity does not erode.
  cluster.on('exit', (worker, code, signal) => {
    if (closing || worker.exitedAfterDisconnect) return;
    console.error(`[waflow serve] worker ${worker.process.pid ?? '?'} died (${signal ?? code}); starting another`);
    cluster.fork();
  });
  const port = ports[0] ?? 0;
  const live = (): number[] => Object.values(cluster.workers ?? {}).flatMap((w) => (w?.process.pid === undefined ? [] : [w.process.pid]));
  return {
    url: urlOf(host, port),
    port,
    role: 'primary',
    workerPids: live,
    close: async () => {
      closing = true;
      await Promise.all(
        Object.values(cluster.workers ?? {}).map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (worker === undefined || worker.isDead()) return resolve();
              worker.once('exit', () => resolve());
              worker.kill();
            }),
        ),
      );
    },
  };
}

export async function serveFlowEndpoint<M extends ScreenDataMap = ScreenDataMap>(options: ServeFlowEndpointOptions<M>): Promise<ServingFlowEndpoint> {
  const { port = 0, host = '127.0.0.1', workers, ...endpoint } = options;
  checkAddress(port, host);
  timeouts(options.requestTimeoutMs);
  const count = workerCount(workers);
  // Built first in every process, so bad options fail here and not in N workers.
  const listenerOptions = endpoint as unknown as ServeFlowEndpointOptions<ScreenDataMap>;
  if (count === 1) return serveHere(listenerOptions, port, host, 'single');
  if (cluster.isWorker) return serveHere(listenerOptions, port, host, 'worker');
  createFlowRequestListener(listenerOptions);
  return forkWorkers(count, host);
}
