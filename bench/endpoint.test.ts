import { describe, expect, it } from 'vitest';
import { benchEndpoint } from './endpoint.js';

describe('benchEndpoint', () => {
  it('measures every figure, in a tiny run, as a finite positive number', async () => {
    const result = await benchEndpoint({ rounds: 3, perBlock: 2, ceilingMs: 150, warmupMs: 100, windows: 1, durationMs: 300, maxRequests: 500, connections: 2 });
    for (const key of ['rsa_oaep_cpu_us', 'endpoint_cpu_ratio', 'core_cpu_ratio', 'rsa_ceiling_per_s', 'web_rps', 'single_rps', 'threads_rps', 'cluster_rps', 'cluster_rps_ratio', 'p50_ms', 'p99_ms', 'generator_cpu_share']) {
      expect(result, key).toHaveProperty(key);
    }
    for (const [key, value] of Object.entries(result)) {
      expect(typeof value, key).toBe('number');
      expect(Number.isFinite(value) && (value as number) > 0, `${key} = ${value}`).toBe(true);
    }
    expect(result.p99_ms).toBeGreaterThanOrEqual(result.p50_ms as number);
  }, 180_000);
});
