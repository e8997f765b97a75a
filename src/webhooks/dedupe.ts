// In-memory deduplication for a handler without a store: remembers the keys of the last
// `capacity` processed events and makes a concurrent duplicate wait for the first delivery's
// outcome. Lost on restart; use a CompletionStore for durable idempotency.
const ignore = (): void => undefined;

export class MemoryDedupe {
  private readonly done = new Set<string>();
  private readonly inflight = new Map<string, Promise<unknown>>();
  // Insertion order in a ring, oldest at `next`: evicting through the Set's own iterator would
  // walk over every entry deleted since its last rehash, which grows with each eviction.
  private readonly order: (string | undefined)[];
  private next = 0;

  constructor(private readonly capacity = 10_000) {
    this.order = new Array<string | undefined>(capacity);
  }

  has(key: string): boolean {
    return this.done.has(key);
  }

  /**
   * Marks `key` done; true if it was not (for events no callback listens to: nothing runs, so
   * nothing can be in flight and the claim is synchronous).
   */
  claim(key: string): boolean {
    if (this.done.has(key) || this.inflight.has(key)) return false;
    this.remember(key);
    return true;
  }

  /**
   * Runs `work` unless `key` is done; a concurrent call with the same key waits until the first
   * settles (then it is a duplicate, or runs `work` itself if the first failed). True when this
   * call ran `work` and it succeeded; a failure of `work` is rethrown and leaves `key` not done.
   */
  async once(key: string, work: () => Promise<unknown>): Promise<boolean> {
    for (let busy = this.inflight.get(key); busy !== undefined; busy = this.inflight.get(key)) await busy.then(ignore, ignore);
    if (this.done.has(key)) return false;
    // Claimed synchronously after the check: no await between has() and set().
    const run = work();
    this.inflight.set(key, run);
    try {
      await run;
      this.remember(key);
      return true;
    } finally {
      if (this.inflight.get(key) === run) this.inflight.delete(key);
    }
  }

  private remember(key: string): void {
    // A key is remembered only after has() said no, so it is never in the ring twice.
    if (this.done.has(key)) return;
    const oldest = this.order[this.next];
    if (oldest !== undefined) this.done.delete(oldest);
    this.order[this.next] = key;
    this.next = (this.next + 1) % this.capacity;
    this.done.add(key);
  }
}
