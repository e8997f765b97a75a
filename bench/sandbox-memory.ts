// Whether the sandbox's memory stays flat as journeys go by: a child process (so no other bench's
// memory is counted) runs flow journeys on a sandbox on PGlite, collects garbage at each thousand
// and reports its resident set. Target (issue 16): the RSS after 10,000 journeys and a GC within
// 20 MiB of the RSS after 1,000.
//   rss_after_1000_mib / rss_after_10000_mib   resident set after a GC at those points
//   growth_mib                                 the difference (target <= 20)
//   per_journey_kib                            growth / 9,000 journeys
//   heap_after_*_mib                           the V8 heap in use (the JS objects alone)
//   live_sessions_after_10000                  sessions in the registry at the end (0: all finished)
//   rss_curve_mib                              RSS at each thousand, for the shape of the growth
//   journeys_per_s                             over the whole run (GC pauses included)
// The process holds PGlite (PostgreSQL in WebAssembly): its memory is in the RSS and grows with
// its caches up to their size, which is why the baseline is taken after 1,000 journeys.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { MemoryCheckpoint } from './sandbox-memory-child.js';
import { round } from './measure.js';

const HERE = dirname(fileURLToPath(import.meta.url));

export interface BenchSandboxMemoryOptions {
  /** Journeys in all (default 10,000); the baseline is at 1,000 (or a tenth of this). */
  readonly journeys?: number;
  /** Phones, each running one journey at a time (default 8). */
  readonly concurrency?: number;
}

function runChild(checkpoints: number[], concurrency: number): Promise<MemoryCheckpoint[]> {
  return new Promise((resolve, reject) => {
    const points: MemoryCheckpoint[] = [];
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', join(HERE, 'sandbox-memory-child.ts'), checkpoints.join(','), String(concurrency)], {
      cwd: join(HERE, '..'),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (m) => points.push(m as MemoryCheckpoint));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0 && points.length === checkpoints.length) resolve(points);
      else reject(new Error(`the sandbox memory child ended with ${signal ?? code} after ${points.length} of ${checkpoints.length} checkpoints`));
    });
  });
}

export async function benchSandboxMemory(options: BenchSandboxMemoryOptions = {}): Promise<Record<string, number | string>> {
  const total = options.journeys ?? 10_000;
  const step = Math.max(1, Math.round(total / 10));
  const checkpoints = Array.from({ length: 10 }, (_, i) => (i + 1) * step);
  const points = await runChild(checkpoints, options.concurrency ?? 8);
  const base = points[0] as MemoryCheckpoint;
  const last = points[points.length - 1] as MemoryCheckpoint;
  const growth = last.rssMiB - base.rssMiB;
  return {
    [`rss_after_${base.journeys}_mib`]: round(base.rssMiB, 1),
    [`rss_after_${last.journeys}_mib`]: round(last.rssMiB, 1),
    growth_mib: round(growth, 1),
    target_growth_mib: 20,
    per_journey_kib: round((growth * 1024) / (last.journeys - base.journeys), 2),
    [`heap_after_${base.journeys}_mib`]: round(base.heapUsedMiB, 1),
    [`heap_after_${last.journeys}_mib`]: round(last.heapUsedMiB, 1),
    [`live_sessions_after_${last.journeys}`]: last.liveSessions,
    rss_curve_mib: points.map((p) => round(p.rssMiB, 0)).join(' '),
    journeys_per_s: round(last.journeys / last.seconds, 1),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const journeys = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
  console.table(await benchSandboxMemory(journeys === undefined ? {} : { journeys }));
}
