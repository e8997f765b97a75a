import { describe, expect, it } from 'vitest';
import { benchTokenStore } from './token-store.js';

describe('benchTokenStore', () => {
  it('completes every request through each store and reports rates and ratios to no store', async () => {
    const r = await benchTokenStore({ rounds: 2, perBlock: 20, concurrency: 4 });
    for (const variant of ['none', 'memory', 'two_pings', 'two_raw_pings', 'redis', 'redis_node_client', 'postgres']) {
      expect(Number(r[`${variant}_rps`]), variant).toBeGreaterThan(0);
      expect(Number(r[`${variant}_cpu_us`]), variant).toBeGreaterThan(0);
    }
    const keys = ['memory_ratio', 'two_pings_ratio', 'two_raw_pings_ratio', 'redis_ratio', 'redis_node_client_ratio', 'postgres_ratio', 'redis_vs_two_raw_pings', 'redis_node_client_vs_two_pings'];
    for (const key of keys) expect(Number(r[key]), key).toBeGreaterThan(0);
  }, 120_000);
});
