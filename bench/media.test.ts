import { describe, expect, it } from 'vitest';
import { benchMedia } from './media.js';

describe('benchMedia', () => {
  it('measures our decryption and both node:crypto baselines, and the ratios match the rates', async () => {
    const r = await benchMedia({ megabytes: 1, runs: 3 });
    for (const key of ['ours_mb_s', 'raw_aes_mb_s', 'node_pipeline_mb_s']) expect(r[key], key).toBeGreaterThan(0);
    expect(Number(r.ratio_vs_raw_aes)).toBeCloseTo(Number(r.ours_mb_s) / Number(r.raw_aes_mb_s), 1);
    // Ours does AES plus three hash passes: it cannot beat AES alone by much.
    expect(Number(r.ratio_vs_raw_aes)).toBeLessThan(1.5);
  });
});
