// Load generator for bench/webhook-ingest.ts, run as its own process so its CPU is its own. It
// plays the platform: signed deliveries (X-Hub-Signature-256) of one flow completion each, every
// one with a fresh message id, over keep-alive connections with one delivery in flight per
// connection, reading only each answer's status and content-length. The same generator drives
// every server of the benchmark, baselines included.
// Protocol over IPC: one WebhookLoadPlan (answered { type: 'ready' }); then per { type: 'window',
// url } message: fresh connections, a warm-up, { type: 'window-start' }, the measured window and
// one WebhookLoadResult. Idle between windows; 'stop' ends it.
import { createHmac } from 'node:crypto';
import { connect } from 'node:net';
import type { Socket } from 'node:net';

export interface WebhookLoadPlan {
  /** The delivery's JSON split where each message id goes (the id is the same text in every gap). */
  parts: string[];
  /** Signs every delivery with this app secret. */
  appSecret: string;
  connections: number;
  warmupMs: number;
  /** The window ends at whichever bound comes first. */
  durationMs: number;
  maxRequests: number;
}

export interface WebhookLoadResult {
  requests: number;
  failures: number;
  /** The status line of the first failure, to say why. */
  firstFailure?: string;
  wallMs: number;
  latencies: number[];
  /** user + system CPU of this generator process during the window. */
  cpuUs: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const LENGTH = /\r\ncontent-length:\s*(\d+)/i;
// Unique across generator runs sharing one database: a random prefix, then a counter.
const RUN = Math.random().toString(36).slice(2, 10);

function fail(error: unknown): never {
  console.error(`webhook load generator failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

function runWindow(plan: WebhookLoadPlan, url: string, cb: (result: WebhookLoadResult) => void): void {
  const { hostname, port, pathname } = new URL(url);
  const head = `POST ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\n`;
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

  const delivery = (): Buffer => {
    const id = `${RUN}.${nextId++}`;
    const body = plan.parts.join(id);
    const signature = createHmac('sha256', plan.appSecret).update(body).digest('hex');
    return Buffer.from(`${head}X-Hub-Signature-256: sha256=${signature}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
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
      const wire = delivery();
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
      // One delivery in flight per connection, so nothing follows the body.
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

let nextId = 0;
let plan: WebhookLoadPlan | undefined;
process.on('message', (message: WebhookLoadPlan | { type: 'window'; url: string } | 'stop') => {
  if (message === 'stop') process.exit(0);
  if ('type' in message) {
    if (plan === undefined) fail(new Error('window before plan'));
    runWindow(plan, message.url, (result) => process.send?.(result));
    return;
  }
  plan = message;
  process.send?.({ type: 'ready' });
});
