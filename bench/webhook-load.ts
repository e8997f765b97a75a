// Load generator for bench/webhook-ingest.ts, run as its own process so its CPU is its own. It
// plays the platform: signed deliveries (X-Hub-Signature-256) of one flow completion each, every
// one with a fresh message id, through the shared window loop (load-window.ts). The same
// generator drives every server of the benchmark, baselines included.
// Protocol over IPC: one WebhookLoadPlan (answered { type: 'ready' }); then per { type: 'window',
// url } message: fresh connections, a warm-up, { type: 'window-start' }, the measured window and
// one WebhookLoadResult. Idle between windows; 'stop' ends it.
import { createHmac } from 'node:crypto';
import { failGenerator, runLoadWindow } from './load-window.js';
import type { LoadWindow, Target, WindowResult } from './load-window.js';

export interface WebhookLoadPlan extends Omit<LoadWindow, 'url'> {
  /** The delivery's JSON split where each message id goes (the id is the same text in every gap). */
  parts: string[];
  /** Signs every delivery with this app secret. */
  appSecret: string;
}

export type WebhookLoadResult = WindowResult;

// Unique across generator runs sharing one database: a random prefix, then a counter.
const RUN = Math.random().toString(36).slice(2, 10);
let nextId = 0;

const fail = (error: unknown): never => failGenerator('webhook load generator', error);

function delivery(plan: WebhookLoadPlan, { hostname, port, pathname }: Target): Buffer {
  const id = `${RUN}.${nextId++}`;
  const body = plan.parts.join(id);
  const signature = createHmac('sha256', plan.appSecret).update(body).digest('hex');
  return Buffer.from(`POST ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nX-Hub-Signature-256: sha256=${signature}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

let plan: WebhookLoadPlan | undefined;
process.on('message', (message: WebhookLoadPlan | { type: 'window'; url: string } | 'stop') => {
  if (message === 'stop') process.exit(0);
  if ('type' in message) {
    const current = plan ?? fail(new Error('window before plan'));
    runLoadWindow({ ...current, url: message.url }, (target) => delivery(current, target), fail, (result) => process.send?.(result));
    return;
  }
  plan = message;
  process.send?.({ type: 'ready' });
});
