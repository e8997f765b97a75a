// In-memory deduplication for a handler without a store: remembers the keys of the last
// `capacity` processed events and makes a concurrent duplicate wait for the first delivery's
// outcome. Lost on restart; use a CompletionStore for durable idempotency.
export class MemoryDedupe {
  private readonly done = new Set<string>();
  private readonly inflight = new Map<string, Promise<unknown>>();

  constructor(private readonly capacity = 10_000) {}

  has(key: string): boolean {
    return this.done.has(key);
  }

  /**
   * Runs `work` while holding `keys`: other calls with any of these keys wait until it settles.
   * On success the keys are remembered as done.
   */
  async hold<R>(keys: readonly string[], work: () => Promise<R>): Promise<R> {
    // Wait until none of our keys is in flight, then claim them synchronously (no await between).
    for (;;) {
      const busy = keys.map((k) => this.inflight.get(k)).filter((p): p is Promise<unknown> => p !== undefined);
      if (busy.length === 0) break;
      await Promise.allSettled(busy);
    }
    const run = work();
    for (const k of keys) this.inflight.set(k, run);
    try {
      const result = await run;
      for (const k of keys) this.remember(k);
      return result;
    } finally {
      for (const k of keys) if (this.inflight.get(k) === run) this.inflight.delete(k);
    }
  }

  private remember(key: string): void {
    this.done.delete(key);
    this.done.add(key);
    if (this.done.size > this.capacity) {
      const oldest = this.done.values().next().value;
      if (oldest !== undefined) this.done.delete(oldest);
    }
  }
}
