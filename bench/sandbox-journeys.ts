// The sandbox's hot path (issue 16): completed flow journeys, each from the business's sendFlow
// through the phone opening and completing the flow to its nfm_reply webhook arriving, on 8
// phones at once, the sandbox on PGlite in a child process (sandbox-journeys-child.ts). A closed
// loop: each phone starts its next journey once the last one's nfm_reply has arrived.
//   journeys_per_s              measured journeys ÷ the time until the last one's nfm_reply arrived
//   statements_per_journey      SQL statements the sandbox sent to the store (BEGIN and COMMIT
//                               included, the webhook dispatcher's too), ÷ journeys
//   p50_ms / p99_ms             sendFlow called → its nfm_reply webhook received
//   cpu_ms_per_journey          the child's CPU (sandbox, PGlite, the in-process receiver) ÷ journeys
//   top_statements              the most frequent statements, per journey
// Target (issue 16): journeys/s 3 × the 31/s the issue measured. The machine these run on is
// shared: wall-clock figures move with its load, CPU per journey and statements much less.
import { pathToFileURL } from 'node:url';
import type { JourneysResult } from './sandbox-journeys-child.js';
import { nextMessage, spawnTs } from './children.js';
import { percentile, round } from './measure.js';

export interface BenchSandboxJourneysOptions {
  readonly journeys?: number;
  readonly phones?: number;
  readonly warmup?: number;
}

export async function benchSandboxJourneys(options: BenchSandboxJourneysOptions = {}): Promise<Record<string, number | string>> {
  const journeys = options.journeys ?? 2000;
  const phones = options.phones ?? 8;
  const child = spawnTs('sandbox-journeys-child.ts', [String(journeys), String(phones), String(options.warmup ?? 200)]);
  const r = await nextMessage<JourneysResult>(child, 'the sandbox journeys child');
  const per = (n: number): number => round(n / r.journeys, 2);
  return {
    journeys: r.journeys,
    phones: r.phones,
    journeys_per_s: round(r.journeys / r.seconds, 1),
    target_journeys_per_s: 93,
    statements_per_journey: per(r.statements),
    p50_ms: round(percentile(r.latenciesMs, 50), 1),
    p99_ms: round(percentile(r.latenciesMs, 99), 1),
    cpu_ms_per_journey: round(r.cpuUs / r.journeys / 1000, 2),
    webhooks_per_journey: per(r.webhooks),
    duplicate_webhooks: r.duplicates,
    top_statements: r.topStatements
      .slice(0, 6)
      .map(([sql, n]) => `${per(n)}× ${sql.slice(0, 60)}`)
      .join(' | '),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await benchSandboxJourneys(process.argv[2] === undefined ? {} : { journeys: Number(process.argv[2]) }));
}
