// Parallel journeys through the sandbox's batched writes: every journey's webhooks (sent,
// delivered, read, nfm_reply) arrive exactly once, and a journey costs at most the statements
// measured for it (18.5 with 2,000 journeys; fewer journeys group fewer dispatcher writes, hence
// the margin). Before the writes were merged a journey took 50.
import { describe, expect, it } from 'vitest';
import { runJourneys } from './sandbox-journeys-child.js';

const MAX_STATEMENTS_PER_JOURNEY = 24;

describe('sandbox journeys', () => {
  it('delivers each of 64 parallel journeys its four webhooks once, within the statement bound', { timeout: 120_000 }, async () => {
    const r = await runJourneys(64, 8, 8);
    expect(r.repliesOnce).toBe(64);
    expect(r.duplicates).toBe(0);
    // Every row recorded delivered by its one attempt: none left to be sent a second time.
    expect(r.unsettledRows).toBe(0);
    expect(r.webhooks).toBe(64 * 4);
    expect(r.statements / r.journeys).toBeLessThanOrEqual(MAX_STATEMENTS_PER_JOURNEY);
    expect(r.latenciesMs.every((ms) => Number.isFinite(ms) && ms > 0)).toBe(true);
  });
});
