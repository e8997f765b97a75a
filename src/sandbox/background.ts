// Timers and promises the sandbox owns, so close() leaves nothing running.
import type { BackgroundTasks } from './context.js';
import type { SandboxLogger } from './logger.js';

export function createBackgroundTasks(log: SandboxLogger): BackgroundTasks {
  const timers = new Set<NodeJS.Timeout>();
  const pending = new Set<Promise<unknown>>();
  let closed = false;

  const track = (promise: Promise<unknown>): void => {
    const settled = promise.then(
      () => undefined,
      (error: unknown) => log.error('background task failed', { error: error instanceof Error ? error.message : String(error) }),
    );
    pending.add(settled);
    void settled.finally(() => pending.delete(settled));
  };

  return {
    later(ms, fn) {
      if (closed) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        track(fn());
      }, Math.max(0, ms));
      timers.add(timer);
    },
    track,
    async drain() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
