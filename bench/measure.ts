/** Small timing helpers shared by the benchmarks: interleaved runs, medians, no framework. */
export interface Timing {
  readonly medianMs: number;
  readonly p99Ms: number;
  readonly runs: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/**
 * Times each candidate `runs` times, interleaving them so that a noisy neighbour on this shared
 * machine slows all of them alike; returns the median per candidate.
 */
export function compare(candidates: Record<string, () => unknown>, runs: number, warmup = Math.ceil(runs / 5)): Record<string, Timing> {
  const names = Object.keys(candidates);
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < warmup; i++) for (const n of names) candidates[n]!();
  for (let i = 0; i < runs; i++) {
    for (const n of names) {
      const t0 = performance.now();
      candidates[n]!();
      samples[n]!.push(performance.now() - t0);
    }
  }
  return Object.fromEntries(
    names.map((n) => {
      const s = samples[n]!.sort((a, b) => a - b);
      return [n, { medianMs: percentile(s, 50), p99Ms: percentile(s, 99), runs }];
    }),
  );
}

export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
