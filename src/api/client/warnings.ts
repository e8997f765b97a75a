// Warnings the client gives without failing: today one, the On-Premise sunset, when a client of
// 360dialog's On-Premise API is created. They go to the `onWarning` option when given (every time),
// else to Node's warning channel (process.emitWarning, once per process: `--no-warnings`,
// NODE_NO_WARNINGS=1 or a process 'warning' listener handle it), or console.warn on runtimes
// without `process`. The default channel stays quiet when NODE_ENV is "test", so test suites that
// exercise On-Premise are not noisy; a test that wants the warning passes `onWarning`.

export type ClientWarningCode = 'ON_PREMISE_SUNSET';

export interface ClientWarning {
  readonly code: ClientWarningCode;
  readonly message: string;
}

export type WarningHandler = (warning: ClientWarning) => void;

/**
 * The On-Premise retirement dates (platform-protocols.md §11.2: "360dialog stopped onboarding
 * On-Prem numbers on 2024-05-15; Meta ends On-Prem support Oct 2025"; from client v2.53 new features
 * go only to the Cloud API; media upload components, flow_name and flow_json are not supported).
 */
export const ON_PREMISE_SUNSET = {
  onboardingStopped: '2024-05-15',
  /** Meta gives the month only; support is over once it has passed. */
  metaSupportEnds: 'October 2025',
  metaSupportOverFrom: '2025-11-01',
} as const;

export function onPremiseSunsetWarning(now: Date = new Date()): ClientWarning {
  const over = now.getTime() >= Date.parse(`${ON_PREMISE_SUNSET.metaSupportOverFrom}T00:00:00Z`);
  return {
    code: 'ON_PREMISE_SUNSET',
    message:
      `360dialog's On-Premise API is being retired: 360dialog stopped onboarding On-Premise numbers on ${ON_PREMISE_SUNSET.onboardingStopped}, ` +
      `and Meta ${over ? 'ended' : 'ends'} On-Premise support in ${ON_PREMISE_SUNSET.metaSupportEnds}. New features (PhotoPicker and DocumentPicker ` +
      "media uploads, flow_name, flow_json) exist only on the Cloud API: move the number to the Cloud API and use hostingType 'cloud'. " +
      'Silence this with the onWarning option.',
  };
}

interface WarningProcess {
  emitWarning?: (message: string, options: { type: string; code: string }) => void;
  env?: Record<string, string | undefined>;
}

const emitted = new Set<ClientWarningCode>();

/** Hands a warning to `handler`, or to the default channel once per process. */
export function emitClientWarning(warning: ClientWarning, handler: WarningHandler | undefined): void {
  if (handler !== undefined) {
    handler(warning);
    return;
  }
  const proc = (globalThis as { process?: WarningProcess }).process;
  if (proc?.env?.NODE_ENV === 'test' || emitted.has(warning.code)) return;
  emitted.add(warning.code);
  if (typeof proc?.emitWarning === 'function') proc.emitWarning(warning.message, { type: 'WaflowWarning', code: `WAFLOW_${warning.code}` });
  else console.warn(`waflow: ${warning.message}`);
}
