// Load generator for bench/endpoint.ts, run as its own process so its CPU is its own: the shared
// window loop (load-window.ts) sending requests serialised once beforehand, round-robin.
// Protocol over IPC: one LoadPlan (answered { type: 'ready' }); then per 'window' message: fresh
// connections, a warm-up, { type: 'window-start' }, the measured window and one LoadResult. The
// generator is idle between windows, so the parent can measure its baseline; 'stop' ends it.
import { failGenerator, runLoadWindow } from './load-window.js';
import type { LoadWindow, Target, WindowResult } from './load-window.js';

export interface LoadPlan extends LoadWindow {
  /** Pre-encrypted envelopes (JSON text), sent round-robin. */
  bodies: string[];
}

export type LoadResult = WindowResult;

const fail = (error: unknown): never => failGenerator('load generator', error);

/** The wire bytes of every body, made once for the plan's target. */
function serialise(plan: LoadPlan): (target: Target) => Buffer {
  let wire: Buffer[] | undefined;
  let sent = 0;
  return ({ hostname, port, pathname }) => {
    wire ??= plan.bodies.map((body) =>
      Buffer.from(`POST ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`),
    );
    return wire[sent++ % wire.length]!;
  };
}

let plan: LoadPlan | undefined;
let next: ((target: Target) => Buffer) | undefined;
process.on('message', (message: LoadPlan | 'window' | 'stop') => {
  if (message === 'stop') process.exit(0);
  if (message === 'window') {
    if (plan === undefined || next === undefined) return fail(new Error('window before plan'));
    runLoadWindow(plan, next, fail, (result) => process.send?.(result));
    return;
  }
  plan = message;
  next = serialise(message);
  process.send?.({ type: 'ready' });
});
