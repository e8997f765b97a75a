// `npm run soak`: the sandbox's kill-and-restart harness (src/sandbox/crash/harness.ts) for
// minutes, not seconds: many kills (random ones and ones right after a state change commits) on
// PGlite and on PostgreSQL, then the figures: requests, kills survived, webhooks expected,
// delivered and duplicated, and lost, which must be 0. Not part of `npm test`.
//   SOAK_MINUTES (default 3, split between the backends), SOAK_BACKENDS (pglite,postgres),
//   WAFLOW_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test).
import { formatReport, runHarness } from '../src/sandbox/crash/harness.js';
import type { HarnessReport } from '../src/sandbox/crash/harness.js';
import type { StoreKind } from '../src/store/index.js';

const minutes = Number(process.env.SOAK_MINUTES ?? '3');
const backends = (process.env.SOAK_BACKENDS ?? 'pglite,postgres').split(',').map((b) => b.trim()) as StoreKind[];
const databaseUrl = process.env.WAFLOW_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function soak(backend: StoreKind, budgetMs: number): Promise<HarnessReport[]> {
  const reports: HarnessReport[] = [];
  const end = Date.now() + budgetMs;
  // Rounds of 10 kills each, until the budget is spent (each round ends with a full check).
  while (Date.now() < end) {
    const report = await runHarness({ backend, databaseUrl, kills: 10, workers: 6, maxPhaseMs: 4_000, settleMs: 90_000, log: (line) => console.log(line) });
    console.log(formatReport(report));
    if (report.lost > 0) console.log(report.childOutput.slice(-4000));
    reports.push(report);
  }
  return reports;
}

const all: HarnessReport[] = [];
for (const backend of backends) all.push(...(await soak(backend, (minutes * 60_000) / backends.length)));
const sum = (f: (r: HarnessReport) => number): number => all.reduce((n, r) => n + f(r), 0);
console.log('\nsoak total');
console.log(`  requests            ${sum((r) => r.requests)} (${sum((r) => r.acknowledged)} acknowledged)`);
console.log(`  kills survived      ${sum((r) => r.killsSurvived)} (${sum((r) => r.selfKills)} right after a commit)`);
console.log(`  webhooks expected   ${sum((r) => r.webhooksExpected)}`);
console.log(`  webhooks delivered  ${sum((r) => r.webhooksDelivered)}`);
console.log(`  webhooks duplicated ${sum((r) => r.webhooksDuplicated)}`);
console.log(`  lost                ${sum((r) => r.lost)}`);
process.exitCode = sum((r) => r.lost) === 0 ? 0 : 1;
