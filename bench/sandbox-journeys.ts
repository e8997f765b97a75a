// The sandbox's hot path (issue 16): completed flow journeys, each from the business's sendFlow
// through the phone opening and completing the flow to its nfm_reply webhook arriving, on 8
// phones at once, the sandbox on PGlite in a child process (sandbox-journeys-child.ts). A closed
// loop: each phone starts its next journey once the last one's nfm_reply has arrived.
//   journeys_per_s              measured journeys ÷ the time until the last one's nfm_reply arrived
//   baseline_journeys_per_s     the same harness on the sandbox as it was when issue 16 was filed
//                               (sandbox-journeys-baseline.ts), in the same run
//   journeys_ratio              journeys_per_s ÷ baseline_journeys_per_s (issue 16's target: 3)
//   statements_per_journey      SQL statements the sandbox sent to the store (BEGIN and COMMIT
//                               included, the webhook dispatcher's too), ÷ journeys; baseline_… too
//   p50_ms / p99_ms             sendFlow called → its nfm_reply webhook received
//   cpu_ms_per_journey          the child's CPU (sandbox, PGlite, the in-process receiver) ÷ journeys
//   top_statements              the most frequent statements, per journey
// The two run in alternating halves (current, baseline, current, baseline), so a neighbour's load
// weighs on both. Measured 2026-12-03 (2 cores, quiet): 2,000 journeys each, 75.4/s against
// 52.9/s (1.43), 18.5 statements a journey against 50.2, CPU 15.3 ms a journey against 21.1. The
// issue's own 31/s came from another harness (over HTTP); this bench's closed in-process loop
// gives the old sandbox 51–53/s, so the ×3 is read against that. --cpu-prof of the child: PGlite
// (its WebAssembly and its JS) ≈ 59% of the CPU, waflow's own code ≈ 6%.
import type { ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import type { JourneysResult } from './sandbox-journeys-child.js';
import { prepareBaseline } from './sandbox-journeys-baseline.js';
import { nextMessage, spawnTs } from './children.js';
import { percentile, round } from './measure.js';

export interface BenchSandboxJourneysOptions {
  readonly journeys?: number;
  readonly phones?: number;
  readonly warmup?: number;
  /** Also run the sandbox of issue 16's filing in the same run (default true). */
  readonly baseline?: boolean;
}

interface Totals {
  journeys: number;
  seconds: number;
  statements: number;
  cpuUs: number;
  latenciesMs: number[];
  webhooks: number;
  duplicates: number;
  /** The last run's statement counts, and how many journeys it ran. */
  topStatements: JourneysResult['topStatements'];
  topJourneys: number;
}

async function runChild(child: ChildProcess, into: Totals): Promise<JourneysResult> {
  const r = await nextMessage<JourneysResult>(child, 'the sandbox journeys child');
  into.journeys += r.journeys;
  into.seconds += r.seconds;
  into.statements += r.statements;
  into.cpuUs += r.cpuUs;
  into.latenciesMs.push(...r.latenciesMs);
  into.webhooks += r.webhooks;
  into.duplicates += r.duplicates;
  into.topStatements = r.topStatements;
  into.topJourneys = r.journeys;
  return r;
}

const totals = (): Totals => ({ journeys: 0, seconds: 0, statements: 0, cpuUs: 0, latenciesMs: [], webhooks: 0, duplicates: 0, topStatements: [], topJourneys: 0 });

export async function benchSandboxJourneys(options: BenchSandboxJourneysOptions = {}): Promise<Record<string, number | string>> {
  const journeys = options.journeys ?? 2000;
  const phones = options.phones ?? 8;
  const args = (n: number): string[] => [String(n), String(phones), String(options.warmup ?? 200)];
  const baseline = options.baseline === false ? 'not asked for' : prepareBaseline();
  const now = totals();
  const before = totals();
  try {
    // Alternating halves: current, baseline, current, baseline.
    const half = Math.ceil(journeys / 2);
    for (let pass = 0; pass < 2; pass++) {
      await runChild(spawnTs('sandbox-journeys-child.ts', args(half)), now);
      if (typeof baseline !== 'string') await runChild(baseline.spawn(args(half)), before);
    }
  } finally {
    if (typeof baseline !== 'string') baseline.remove();
  }
  const rate = (t: Totals): number => round(t.journeys / t.seconds, 1);
  const per = (n: number, t: Totals): number => round(n / t.journeys, 2);
  const compared: Record<string, number | string> =
    typeof baseline === 'string'
      ? { baseline: baseline }
      : {
          baseline_journeys_per_s: rate(before),
          journeys_ratio: round(rate(now) / rate(before), 2),
          target_journeys_ratio: 3,
          baseline_statements_per_journey: per(before.statements, before),
          baseline_cpu_ms_per_journey: round(before.cpuUs / before.journeys / 1000, 2),
          baseline_p50_ms: round(percentile(before.latenciesMs.sort((x, y) => x - y), 50), 1),
        };
  return {
    journeys: now.journeys,
    phones,
    journeys_per_s: rate(now),
    ...compared,
    statements_per_journey: per(now.statements, now),
    p50_ms: round(percentile(now.latenciesMs.sort((x, y) => x - y), 50), 1),
    p99_ms: round(percentile(now.latenciesMs, 99), 1),
    cpu_ms_per_journey: round(now.cpuUs / now.journeys / 1000, 2),
    webhooks_per_journey: per(now.webhooks, now),
    duplicate_webhooks: now.duplicates,
    top_statements: now.topStatements
      .slice(0, 6)
      .map(([sql, n]) => `${round(n / now.topJourneys, 2)}× ${sql.slice(0, 60)}`)
      .join(' | '),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await benchSandboxJourneys(process.argv[2] === undefined ? {} : { journeys: Number(process.argv[2]) }));
}
