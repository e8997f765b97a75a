// How a long-running verb (`waflow logs --follow`, `waflow send --wait`) learns to stop.

/** Stops on Ctrl-C or SIGTERM, unless the caller gave a signal; dispose() removes the handlers. */
export function stopSignal(given: AbortSignal | undefined): { signal: AbortSignal; dispose(): void } {
  if (given !== undefined) return { signal: given, dispose: () => undefined };
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}
