// What the phone sheet draws and whom it tells about taps. A driver is either a runtime session in
// the page (the builder's preview) or a session the sandbox runs (the inbox, so the sandbox makes
// the encrypted endpoint calls); the sheet does not know which.
import type { FlowSession, ScreenView, SessionError, SessionStatus } from '../../../src/runtime/index.js';

export interface PhoneState {
  readonly status: SessionStatus;
  readonly screen: ScreenView;
  /** Screens on the back stack, the current one included. */
  readonly depth: number;
  readonly version: string;
  readonly error?: SessionError;
  /** A request to the endpoint is in flight: the sheet shows a spinner and ignores taps. */
  readonly pending: boolean;
  /** The last refusal (a disabled footer, an unknown option), shown as a toast. */
  readonly notice?: string;
}

export interface PhoneDriver {
  setValue(name: string, value: unknown): void;
  select(name: string, optionId: string): void;
  unselect(name: string, optionId: string): void;
  submit(): void;
  back(): void;
  activate(ref: string): void;
  close(): void;
}

export type StateListener = (state: PhoneState) => void;

/** The state of an in-page runtime session. */
export function stateOf(session: FlowSession, pending: boolean, notice?: string): PhoneState {
  return {
    status: session.status,
    screen: session.screen,
    depth: session.history.length,
    version: session.version,
    pending,
    ...(session.error === undefined ? {} : { error: session.error }),
    ...(notice === undefined ? {} : { notice }),
  };
}

/** Drives an in-page FlowSession; `onChange` gets every new state. */
export function localDriver(session: FlowSession, onChange: StateListener, onClose?: () => void): PhoneDriver & { dispose(): void } {
  let pending = 0;
  const emit = (notice?: string): void => onChange(stateOf(session, pending > 0, notice));
  const off = session.subscribe(() => emit());
  const run = (work: () => Promise<{ ok: boolean; reason?: string; error?: string }>): void => {
    pending += 1;
    emit();
    void work()
      .then((r) => {
        pending -= 1;
        emit(r.ok ? undefined : (r.reason ?? r.error));
      })
      .catch((error: unknown) => {
        pending -= 1;
        emit(error instanceof Error ? error.message : String(error));
      });
  };
  return {
    setValue(name, value) {
      session.setValue(name, value);
      emit();
    },
    select: (name, id) => run(() => session.select(name, id)),
    unselect: (name, id) => run(() => session.unselect(name, id)),
    submit: () => run(() => session.submit()),
    back: () => run(() => session.back()),
    activate: (ref) => run(() => session.activate(ref)),
    close() {
      session.close();
      emit();
      onClose?.();
    },
    dispose: off,
  };
}
