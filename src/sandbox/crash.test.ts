// Kill-and-restart: the sandbox runs as a child process under load and is killed with SIGKILL at
// random moments and right after a state change commits, then restarted on the same data; every
// webhook that an acknowledged call or the committed state owes must arrive (duplicates allowed).
// Bounded here (3 kills per backend); `npm run soak` runs the same harness for minutes.
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../store/test-kit.js';
import type { StoreKind } from '../store/index.js';
import { formatReport, runHarness } from './crash/harness.js';
import type { HarnessReport } from './crash/harness.js';

const reports: HarnessReport[] = [];

afterAll(() => {
  // The harness kills its children in its own finally; this only prints the figures.
  for (const r of reports) console.log(formatReport(r));
});

describe('sandbox kill-and-restart', () => {
  it.each<StoreKind>(['pglite', 'postgres'])('loses no webhook across 3 kills on %s', { timeout: 420_000 }, async (backend) => {
    const report = await runHarness({ backend, databaseUrl: TEST_DATABASE_URL, kills: 3, selfKillEvery: 2, workers: 4, settleMs: 60_000 });
    reports.push(report);
    const summary = formatReport(report);
    if (report.lost > 0 || report.killsSurvived !== 3) console.log(`${summary}\n--- child output ---\n${report.childOutput.slice(-6000)}`);
    expect(report.killsSurvived, summary).toBe(3);
    expect(report.acknowledged, summary).toBeGreaterThan(0);
    expect(report.webhooksExpected, summary).toBeGreaterThan(0);
    expect(report.lostSample, summary).toEqual([]);
    expect(report.lost).toBe(0);
  });
});
