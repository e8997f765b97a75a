import { describe, expect, it } from 'vitest';
import { benchDataChannel } from './data-channel.js';

describe('benchDataChannel', () => {
  it('measures both implementations, and a full request costs at least about one RSA decryption', async () => {
    const results = await benchDataChannel();
    for (const key of ['rsa_oaep_cpu_us', 'node_request_cpu_us', 'node_request_wall_us', 'webcrypto_request_cpu_us', 'webcrypto_request_wall_us']) {
      expect(results[key], key).toBeGreaterThan(0);
    }
    // A request includes one RSA-OAEP decryption, so it cannot be much cheaper than the raw one.
    expect(Number(results.overhead_ratio)).toBeGreaterThan(0.8);
    expect(String(results.chosen)).toMatch(/node:crypto|webcrypto/);
  });
});
