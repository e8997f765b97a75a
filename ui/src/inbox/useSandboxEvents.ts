// Subscribes to GET /_sandbox/events (server-sent events) and calls back on each event name given;
// the browser's EventSource reconnects by itself after the `retry` the sandbox sends.
import { useEffect, useRef } from 'preact/hooks';

export function useSandboxEvents(query: string, names: readonly string[], onEvent: (name: string, data: Record<string, unknown>) => void): void {
  const callback = useRef(onEvent);
  callback.current = onEvent;
  const key = names.join(',');
  useEffect(() => {
    const source = new EventSource(`/_sandbox/events${query}`);
    const handlers = key.split(',').map((name) => {
      const handler = (e: MessageEvent<string>): void => {
        let data: Record<string, unknown> = {};
        try {
          data = JSON.parse(e.data) as Record<string, unknown>;
        } catch {
          data = {};
        }
        callback.current(name, data);
      };
      source.addEventListener(name, handler as EventListener);
      return [name, handler] as const;
    });
    return () => {
      for (const [name, handler] of handlers) source.removeEventListener(name, handler as EventListener);
      source.close();
    };
  }, [query, key]);
}
