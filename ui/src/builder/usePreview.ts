// The builder's live phone: a runtime session on the editor's current JSON (preview mode, example
// data, the stand-in endpoint), restarted on each edit at the screen the user was looking at.
import { useEffect, useRef, useState } from 'preact/hooks';
import { startFlow } from '../../../src/runtime/index.js';
import type { FlowJsonVersion, RuntimeHost } from '../../../src/runtime/index.js';
import { localDriver } from '../phone/driver.js';
import type { PhoneDriver, PhoneState } from '../phone/driver.js';
import { exampleHost } from './preview-host.js';

export interface Preview {
  state?: PhoneState;
  driver?: PhoneDriver;
  /** Why there is no preview (JSON that does not parse, a flow the runtime refuses). */
  problem?: string;
  /** response_json of the last completion. */
  completion?: Record<string, unknown>;
  restart(): void;
  /** Restarts the preview on this screen, with its example data. */
  goTo(screen: string): void;
}

export interface PreviewInput {
  /** Parsed Flow JSON, or undefined when the text does not parse. */
  flow: unknown;
  parseError?: string;
  version?: FlowJsonVersion;
  flowToken?: string;
  /** Interactive: start at this screen with this data instead of examples. */
  start?: { screen?: string; data?: Record<string, unknown> };
  /** Off while an interactive sandbox session has the phone. */
  enabled: boolean;
  /** Answers INIT, BACK and data_exchange instead of the example stand-in (the `<waflow-phone>` element's endpoint stub). */
  exchange?: RuntimeHost['exchange'];
}

export function usePreview(input: PreviewInput): Preview {
  const [state, setState] = useState<PhoneState | undefined>(undefined);
  const [driver, setDriver] = useState<PhoneDriver | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [completion, setCompletion] = useState<Record<string, unknown> | undefined>(undefined);
  const [generation, setGeneration] = useState(0);
  const lastScreen = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (!input.enabled) return;
    if (input.flow === undefined) {
      setProblem(input.parseError ?? 'The Flow JSON does not parse.');
      return;
    }
    let cancelled = false;
    let dispose: (() => void) | undefined;
    const timer = setTimeout(() => {
      const flow = input.flow;
      const screens = (flow as { screens?: { id?: unknown }[] }).screens;
      const keep = lastScreen.current !== undefined && Array.isArray(screens) && screens.some((s) => s?.id === lastScreen.current) ? lastScreen.current : undefined;
      const screen = input.start?.screen ?? keep;
      startFlow({
        flow,
        flowToken: input.flowToken ?? 'preview-flow-token',
        mode: { action: 'navigate', ...(screen === undefined ? {} : { screen }), ...(input.start?.data === undefined ? {} : { data: input.start.data }) },
        preview: input.start === undefined,
        ...(input.version === undefined ? {} : { version: input.version }),
        host: { ...exampleHost(flow, (response) => setCompletion(response), (url) => window.open(url, '_blank', 'noopener')), ...(input.exchange === undefined ? {} : { exchange: input.exchange }) },
      })
        .then((session) => {
          if (cancelled) return session.close();
          const d = localDriver(
            session,
            (s) => {
              if (s.status === 'open') lastScreen.current = s.screen.id;
              setState(s);
            },
            () => {
              lastScreen.current = undefined;
              setGeneration((g) => g + 1);
            },
          );
          dispose = d.dispose;
          lastScreen.current = session.screen.id;
          setProblem(undefined);
          setCompletion(undefined);
          setDriver(d);
          setState({ status: session.status, screen: session.screen, depth: session.history.length, version: session.version, pending: false });
        })
        .catch((error: unknown) => {
          if (!cancelled) setProblem(error instanceof Error ? error.message : String(error));
        });
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      dispose?.();
    };
  }, [input.flow, input.version, input.enabled, input.flowToken, input.start, input.exchange, generation]);

  return {
    ...(state === undefined ? {} : { state }),
    ...(driver === undefined ? {} : { driver }),
    ...(problem === undefined ? {} : { problem }),
    ...(completion === undefined ? {} : { completion }),
    restart: () => {
      lastScreen.current = undefined;
      setGeneration((g) => g + 1);
    },
    goTo: (screen) => {
      lastScreen.current = screen;
      setGeneration((g) => g + 1);
    },
  };
}
