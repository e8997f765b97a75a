import { describe, expect, it } from 'vitest';
import { benchWebhooks } from './webhooks.js';

describe('benchWebhooks', () => {
  it('ingests every unique row once through record() and reports both rates and their ratio', async () => {
    const r = await benchWebhooks({ rows: 200, rounds: 2, concurrency: 4 });
    expect(r.unique_rows).toBe(200);
    expect(r.stored_per_round).toBe(200);
    expect(r.duplicate_calls).toBe(20);
    expect(r.calls_per_round).toBe(220);
    expect(r.dedup_per_s).toBeGreaterThan(0);
    expect(r.raw_per_s).toBeGreaterThan(0);
    expect(Number(r.ratio)).toBeCloseTo(Number(r.dedup_per_s) / Number(r.raw_per_s), 1);
  });
});
