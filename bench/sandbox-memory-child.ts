// The process bench/sandbox-memory.ts measures: a sandbox on PGlite in a temp folder runs flow
// journeys (src/sandbox/phone/journey-test-kit.ts: send through the client, open, fill, complete) and,
// at each checkpoint, collects garbage and sends its memory figures to the parent over IPC.
// Usage (spawned by the bench): node --expose-gc --import tsx sandbox-memory-child.ts N1,N2,... [concurrency]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { journeyRig } from '../src/sandbox/phone/journey-test-kit.js';
import { liveSessionCount } from '../src/sandbox/phone/sessions.js';
import { createSandbox } from '../src/sandbox/server.js';

export interface MemoryCheckpoint {
  readonly journeys: number;
  readonly rssMiB: number;
  readonly heapUsedMiB: number;
  readonly externalMiB: number;
  readonly liveSessions: number;
  readonly seconds: number;
}

function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed !== undefined) return exposed;
  // Started without --expose-gc: expose it now and fetch it from a fresh context.
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const MiB = 2 ** 20;

async function collect(gc: () => void): Promise<void> {
  // A few rounds with turns of the event loop between them, so finalizers and weak maps settle.
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function main(): Promise<void> {
  const checkpoints = (process.argv[2] ?? '1000,10000').split(',').map(Number);
  const concurrency = Number(process.argv[3] ?? 8);
  const gc = collector();
  const dir = mkdtempSync(join(tmpdir(), 'waflow-bench-memory-'));
  const sandbox = await createSandbox({ dataDir: dir, listen: false, templateApprovalDelayMs: -1 });
  try {
    const rig = await journeyRig(sandbox, concurrency);
    let next = 0;
    const started = performance.now();
    for (const target of checkpoints) {
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          for (;;) {
            const i = next++;
            if (i >= target) return;
            const { status } = await rig.run(i);
            if (status !== 'completed') throw new Error(`journey ${i} ended ${status}`);
          }
        }),
      );
      next = target;
      await collect(gc);
      const m = process.memoryUsage();
      const point: MemoryCheckpoint = {
        journeys: target,
        rssMiB: m.rss / MiB,
        heapUsedMiB: m.heapUsed / MiB,
        externalMiB: m.external / MiB,
        liveSessions: liveSessionCount(sandbox.context),
        seconds: (performance.now() - started) / 1000,
      };
      process.send?.(point);
    }
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
