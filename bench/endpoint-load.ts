// Load generator for bench/endpoint.ts, run as its own process so its CPU is its own. It shares
// the two cores with the server, so it is kept cheap: raw sockets, requests serialised once
// beforehand, keep-alive, and a response parser that reads only the status and content-length.
// Protocol over IPC: one LoadPlan (answered { type: 'ready' }); then per 'window' message: fresh
// connections, a warm-up, { type: 'window-start' }, the measured window and one LoadResult. The
// generator is idle between windows, so the parent can measure its baseline; 'stop' ends it.
import { connect } from 'node:net';
import type { Socket } from 'node:net';

export interface LoadPlan {
  url: string;
  /** Pre-encrypted envelopes (JSON text), sent round-robin. */
  bodies: string[];
  connections: number;
  /** Discarded warm-up before the window. */
  warmupMs: number;
  /** The window ends at whichever bound comes first. */
  durationMs: number;
  maxRequests: number;
}

export interface LoadResult {
  requests: number;
  failures: number;
  wallMs: number;
  latenciesMs: { p50: number; p99: number };
  /** Every latency of the window, sorted, for pooling across windows. */
  latencies: number[];
  /** user + system CPU of this generator process during the window. */
  cpuUs: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const LENGTH = /\r\ncontent-length:\s*(\d+)/i;

function fail(error: unknown): never {
  console.error(`load generator failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

/** Prepares the wire bytes; returns a function that runs one window on fresh connections. */
function openSession(plan: LoadPlan): (cb: (result: LoadResult) => void) => void {
  const { hostname, port, pathname } = new URL(plan.url);
  const wire = plan.bodies.map((body) =>
    Buffer.from(`POST ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`),
  );
  const latencies = new Float64Array(plan.maxRequests);
  let sent = 0;

  // Fresh connections per window: the server closes keep-alive connections left idle between
  // windows (its keepAliveTimeout), and the warm-up absorbs the handshakes.
  return (cb) => {
    let phase: 'warmup' | 'window' | 'drain' = 'warmup';
    let done = 0;
    let failures = 0;
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
      const pick = (p: number): number => measured[Math.min(measured.length - 1, Math.max(0, Math.ceil(p * measured.length) - 1))] ?? NaN;
      cb({ requests: done, failures, wallMs: Number(windowEnd - windowStart) / 1e6, latenciesMs: { p50: pick(0.5), p99: pick(0.99) }, latencies: measured, cpuUs });
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
        startedAt = process.hrtime.bigint();
        socket.write(wire[sent++ % wire.length]!);
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
        const head = pending.toString('latin1', 0, end);
        const length = Number(LENGTH.exec(head)?.[1] ?? 0);
        if (pending.length < end + 4 + length) return;
        // One request in flight per connection, so nothing follows the body.
        pending = undefined;
        if (counted && phase === 'window') {
          if (head.startsWith('HTTP/1.1 200')) latencies[done++] = Number(process.hrtime.bigint() - startedAt) / 1e6;
          else failures++;
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
  };
}

let startWindow: ((cb: (result: LoadResult) => void) => void) | undefined;
process.on('message', (message: LoadPlan | 'window' | 'stop') => {
  if (message === 'stop') process.exit(0);
  if (message === 'window') {
    if (startWindow === undefined) fail(new Error('window before plan'));
    startWindow((result) => process.send?.(result));
    return;
  }
  startWindow = openSession(message);
  process.send?.({ type: 'ready' });
});
