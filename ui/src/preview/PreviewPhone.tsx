// The element's content: the app's own phone (PhoneFrame + FlowSheet) on the builder's preview
// session (usePreview), reporting screens, completion and failures to the element.
import { useEffect, useRef } from 'preact/hooks';
import type { FlowJsonVersion } from '../../../src/runtime/index.js';
import { usePreview } from '../builder/usePreview.js';
import type { PreviewInput } from '../builder/usePreview.js';
import { FlowSheet, PhoneFrame } from '../phone/Phone.js';
import type { PhoneDriver } from '../phone/driver.js';
import type { WaflowCompleteDetail, WaflowEndpoint, WaflowErrorDetail, WaflowNavigateDetail } from './events.js';

export interface PreviewPhoneProps {
  /** Parsed Flow JSON; undefined while loading or when it does not parse (`problem` says why). */
  flow: unknown;
  problem?: string;
  /** Stable per screen/data change: a new object restarts the session. */
  start?: { screen?: string; data?: Record<string, unknown> };
  flowToken?: string;
  version?: FlowJsonVersion;
  endpoint?: WaflowEndpoint;
  onNavigate(detail: WaflowNavigateDetail): void;
  onComplete(detail: WaflowCompleteDetail): void;
  onError(detail: WaflowErrorDetail): void;
}

export function PreviewPhone(props: PreviewPhoneProps) {
  const input: PreviewInput = {
    flow: props.problem === undefined ? props.flow : undefined,
    enabled: props.flow !== undefined || props.problem !== undefined,
    ...(props.problem === undefined ? {} : { parseError: props.problem }),
    ...(props.start === undefined ? {} : { start: props.start }),
    ...(props.flowToken === undefined ? {} : { flowToken: props.flowToken }),
    ...(props.version === undefined ? {} : { version: props.version }),
    ...(props.endpoint === undefined ? {} : { exchange: props.endpoint }),
  };
  const preview = usePreview(input);
  const { state, driver, problem, completion } = preview;

  // One navigate event per screen shown by a session (a restart shows its first screen anew).
  const shown = useRef<{ driver?: PhoneDriver; key?: string }>({});
  useEffect(() => {
    if (state === undefined || driver === undefined || state.status !== 'open' || state.pending) return;
    const key = `${state.screen.id}:${state.depth}`;
    if (shown.current.driver === driver && shown.current.key === key) return;
    shown.current = { driver, key };
    props.onNavigate({ screen: state.screen.id, data: state.screen.data });
  }, [state, driver]);

  useEffect(() => {
    if (completion !== undefined) props.onComplete({ response_json: completion });
  }, [completion]);

  useEffect(() => {
    if (problem !== undefined) props.onError({ message: problem });
  }, [problem]);

  const failure = state?.status === 'error' ? state.error : undefined;
  useEffect(() => {
    if (failure !== undefined) props.onError({ message: failure.message, kind: failure.kind, ...(failure.status === undefined ? {} : { status: failure.status }) });
  }, [failure]);

  return (
    <PhoneFrame testId="waflow-phone">
      <div class="wa-chat-bg" />
      {state !== undefined && driver !== undefined && problem === undefined ? (
        <FlowSheet state={state} driver={driver} source={props.flow} businessName="the business" />
      ) : (
        <div class="wa-problem" data-testid="preview-problem" role={problem === undefined ? 'status' : 'alert'}>
          {problem ?? 'Starting the preview…'}
        </div>
      )}
    </PhoneFrame>
  );
}
