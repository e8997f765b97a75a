import { describe, expect, it } from 'vitest';
import { benchWebhookIngest } from './webhook-ingest.js';

describe('benchWebhookIngest', () => {
  it('measures every server over HTTP, in a tiny run, and stores every delivery the handlers acknowledged', async () => {
    const result = await benchWebhookIngest({ rounds: 1, warmupWindows: 0, warmupMs: 50, durationMs: 250, connections: 2 });
    for (const key of ['bare_rps', 'handler_rps', 'pg_raw_rps', 'pg_handler_rps', 'pg_callback_rps', 'memory_ratio', 'postgres_ratio', 'callback_ratio', 'handler_cpu_us', 'pg_rows_stored']) {
      expect(result, key).toHaveProperty(key);
      expect(Number(result[key]) > 0, `${key} = ${result[key]}`).toBe(true);
    }
    expect(Number(result.memory_ratio)).toBeCloseTo(Number(result.handler_rps) / Number(result.bare_rps), 1);
    // Each window's 200s are rows (the bench itself throws otherwise), so at least that many.
    expect(Number(result.pg_rows_stored)).toBeGreaterThan(0);
  }, 180_000);
});
