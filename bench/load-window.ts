// The measuring loop both load generators share (endpoint-load.ts, webhook-load.ts): fresh
// keep-alive connections to one URL, one request in flight per connection, a warm-up, then a
// window bounded by time or request count. It stays cheap because it shares the two cores with the
// server: raw sockets, and a response parser that reads only the status line and content-length.
// Fresh connections per window: servers close keep-alive connections left idle between windows
// (their keepAliveTimeout), and the warm-up absorbs the handshakes.
import { connect } from 'node:net';
import type { Socket } from 'node:net';

export interface LoadWindow {
  url: string;
  connections: number;
  /** Discarded warm-up before the window. */
  warmupMs: number;
  /** The window ends at whichever bound comes first. */
  durationMs: number;
  maxRequests: number;
}

export interface WindowResult {
  requests: number;
  failures: number;
  /** The status line of the first failure, to say why. */
  firstFailure?: string;
  wallMs: number;
  /** Every latency of the window in ms, sorted, for pooling across windows. */
  latencies: number[];
  /** user + system CPU of this generator process during the window. */
  cpuUs: number;
}

/** Where requests go, for building their wire bytes. */
export interface Target {
  hostname: string;
  port: string;
  pathname: string;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const LENGTH = /\r\ncontent-length:\s*(\d+)/i;

export function failGenerator(name: string, error: unknown): never {
  console.error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

/**
 * Runs one window; `nextRequest` gives the wire bytes of each request (its time is the generator's,
 * not the server's). Tells the parent `{ type: 'window-start' }` when the window opens.
 */
export function runLoadWindow(plan: LoadWindow, nextRequest: (target: Target) => Buffer, fail: (error: unknown) => never, cb: (result: WindowResult) => void): void {
  const { hostname, port, pathname } = new URL(plan.url);
  const target: Target = { hostname, port, pathname };
  const latencies = new Float64Array(plan.maxRequests);
  let phase: 'warmup' | 'window' | 'drain' = 'warmup';
  let done = 0;
  let failures = 0;
  let firstFailure: string | undefined;
  let busy = plan.connections;
  let windowStart = 0n;
  let windowEnd = 0n;
  let cpu0 = process.cpuUsage();
  let cpuUs = 0;
  let timer: NodeJS.Timeout | undefined;
  const sockets: Socket[] = [];

  const closeWindow = (): void => {
    if (phase !== 'window') return;
    clearTimeout(timer);
    phase = 'drain';
    windowEnd = process.hrtime.bigint();
    const cpu = process.cpuUsage(cpu0);
    cpuUs = cpu.user + cpu.system;
  };
  const report = (): void => {
    for (const socket of sockets) socket.destroy();
    const measured = Array.from(latencies.subarray(0, done)).sort((a, b) => a - b);
    cb({ requests: done, failures, ...(firstFailure === undefined ? {} : { firstFailure }), wallMs: Number(windowEnd - windowStart) / 1e6, latencies: measured, cpuUs });
  };

  for (let c = 0; c < plan.connections; c++) {
    const socket = connect(Number(port), hostname);
    sockets.push(socket);
    socket.setNoDelay(true);
    let pending: Buffer | undefined;
    let startedAt = 0n;
    let counted = false;
    let finished = false;
    const send = (): void => {
      if (phase === 'drain') {
        finished = true;
        if (--busy === 0) report();
        return;
      }
      counted = phase === 'window';
      const wire = nextRequest(target);
      startedAt = process.hrtime.bigint();
      socket.write(wire);
    };
    socket.once('connect', send);
    socket.on('error', fail);
    socket.on('close', () => {
      if (!finished) fail(new Error('the server closed a connection during a window'));
    });
    socket.on('data', (chunk: Buffer) => {
      pending = pending === undefined ? chunk : Buffer.concat([pending, chunk]);
      const end = pending.indexOf(HEADER_END);
      if (end < 0) return;
      const header = pending.toString('latin1', 0, end);
      const length = LENGTH.exec(header)?.[1];
      if (length === undefined) fail(new Error(`an answer without content-length: ${header.split('\r\n')[0]}`));
      if (pending.length < end + 4 + Number(length)) return;
      // One request in flight per connection, so nothing follows the body.
      pending = undefined;
      if (counted && phase === 'window') {
        if (header.startsWith('HTTP/1.1 200')) latencies[done++] = Number(process.hrtime.bigint() - startedAt) / 1e6;
        else {
          failures++;
          firstFailure ??= header.split('\r\n')[0];
        }
        if (done >= plan.maxRequests) closeWindow();
      }
      send();
    });
  }
  setTimeout(() => {
    phase = 'window';
    windowStart = process.hrtime.bigint();
    cpu0 = process.cpuUsage();
    process.send?.({ type: 'window-start' });
    timer = setTimeout(closeWindow, plan.durationMs);
  }, plan.warmupMs);
}
