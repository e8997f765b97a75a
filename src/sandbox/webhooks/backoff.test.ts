import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, nextAttemptAt } from './backoff.js';

const created = new Date('2026-01-01T00:00:00Z');
const policy = { ...DEFAULT_RETRY_POLICY, initialDelayMs: 1000, factor: 2, maxDelayMs: 10_000, maxAgeMs: 60_000 };

describe('nextAttemptAt', () => {
  it('doubles the wait after each failed attempt, up to the cap', () => {
    const now = created;
    const waits = [1, 2, 3, 4, 5, 6].map((attempts) => (nextAttemptAt(policy, attempts, created, now)?.getTime() ?? 0) - now.getTime());
    expect(waits).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('gives up (undefined) once the next attempt would fall past the maximum age', () => {
    expect(nextAttemptAt(policy, 3, created, new Date(created.getTime() + 55_000))).toBeDefined();
    expect(nextAttemptAt(policy, 3, created, new Date(created.getTime() + 57_000))).toBeUndefined();
  });
});
