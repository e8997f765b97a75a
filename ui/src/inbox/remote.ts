// A phone driver for a session the sandbox runs (POST /_sandbox/sessions/:id/<action>): the
// sandbox calls the flow's endpoint with real encryption, so the app only forwards taps. Typing is
// batched (the latest value per field, sent before any other action) so each keystroke is not a
// request; actions go one at a time, in order. Picked files go to /pick as multipart/form-data, as
// the page's file chooser gives them; the sandbox encrypts and uploads them as the phone does.
import type { ScreenView, SessionError, SessionStatus } from '../../../src/runtime/index.js';
import { postForm, postJson } from '../api.js';
import type { PhoneDriver, PhoneState, PickerState } from '../phone/driver.js';
import { rememberPageFile } from '../phone/media.js';

export interface SessionExchange {
  action: string;
  screen?: string;
  status: number;
  latency_ms: number;
  error?: string;
  request?: unknown;
  response?: unknown;
}

/** GET /_sandbox/sessions/:id's `session`. */
export interface SessionWire {
  id: string;
  status: SessionStatus;
  wa_id: string;
  message_id: string;
  flow_id: string;
  flow_token: string;
  endpoint_uri: string | null;
  screen: ScreenView;
  history: string[];
  form: Record<string, unknown>;
  errors: { session?: SessionError; banner?: string; footer?: string; fields: Record<string, string> };
  completion: { response_json: Record<string, unknown>; reply_message_id: string | null } | null;
  exchanges: SessionExchange[];
  /** Each picker of the screen: its files (with an endpoint's message under each), the last refused pick. */
  media?: Record<string, PickerWire>;
}

export interface PickerWire {
  type: string;
  files: { media_id: string; file_name: string; mime_type?: string; file_size?: number; error?: string }[];
  error?: string;
  refused?: string;
}

interface ActionAnswer {
  ok: boolean;
  reason?: string;
  session: SessionWire;
  /** /pick: the payload items of the files taken, in the order sent. */
  media?: { media_id: string }[];
}

function pickerStates(media: SessionWire['media']): PhoneState['media'] {
  if (media === undefined) return undefined;
  const out: Record<string, PickerState> = {};
  for (const [name, picker] of Object.entries(media)) {
    const files = Object.fromEntries(
      picker.files.map((f) => [
        f.media_id,
        { ...(f.mime_type === undefined ? {} : { mime_type: f.mime_type }), ...(f.file_size === undefined ? {} : { file_size: f.file_size }), ...(f.error === undefined ? {} : { error: f.error }) },
      ]),
    );
    out[name] = { files, ...(picker.refused === undefined ? {} : { refused: picker.refused }) };
  }
  return out;
}

export function stateOfWire(wire: SessionWire, version: string, pending: boolean, notice?: string): PhoneState {
  return {
    status: wire.status,
    screen: wire.screen,
    depth: wire.history.length,
    version,
    pending,
    ...(wire.errors.session === undefined ? {} : { error: wire.errors.session }),
    ...(notice === undefined ? {} : { notice }),
    ...(wire.media === undefined ? {} : { media: pickerStates(wire.media) }),
  };
}

const FILL_DELAY_MS = 250;

export function remoteDriver(
  initial: SessionWire,
  version: string,
  onChange: (state: PhoneState, wire: SessionWire) => void,
  onClose: () => void,
): PhoneDriver & { flush(): Promise<void> } {
  let wire = initial;
  let pending = 0;
  let chain: Promise<void> = Promise.resolve();
  const fills = new Map<string, unknown>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const emit = (notice?: string): void => onChange(stateOfWire(wire, version, pending > 0, notice), wire);

  const send = (kind: string, body: Record<string, unknown> | FormData, quiet = false, onAnswer?: (answer: ActionAnswer) => void): Promise<void> => {
    const run = async (): Promise<void> => {
      if (!quiet) {
        pending += 1;
        emit();
      }
      let notice: string | undefined;
      try {
        const path = `/_sandbox/sessions/${encodeURIComponent(wire.id)}/${kind}`;
        const answer = body instanceof FormData ? await postForm<ActionAnswer>(path, body, [422]) : await postJson<ActionAnswer>(path, body, [422]);
        wire = answer.session;
        onAnswer?.(answer);
        if (!answer.ok && !quiet) notice = answer.reason;
      } catch (error) {
        notice = error instanceof Error ? error.message : String(error);
      } finally {
        if (!quiet) pending -= 1;
      }
      emit(notice);
    };
    chain = chain.then(run, run);
    return chain;
  };

  const flushFills = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const batch = [...fills.entries()];
    fills.clear();
    for (const [name, value] of batch) void send('fill', { name, value }, true);
    return chain;
  };

  const action = (kind: string, body: Record<string, unknown> = {}): void => {
    void flushFills();
    void send(kind, body);
  };

  return {
    setValue(name, value) {
      // The wire has no undefined: an emptied field is sent as "".
      fills.set(name, value === undefined ? '' : value);
      if (timer !== undefined) clearTimeout(timer);
      const immediate = typeof value !== 'string';
      if (immediate) void flushFills();
      else timer = setTimeout(() => void flushFills(), FILL_DELAY_MS);
    },
    pick(name, files, replace = false) {
      const form = new FormData();
      form.set('name', name);
      if (replace) form.set('replace', 'true');
      for (const file of files) form.append('files', file, file.name);
      void flushFills();
      // The answer's items come in the order sent: each id gets its File, for thumbnails.
      void send('pick', form, false, (answer) => {
        answer.media?.forEach((item, i) => {
          const file = files[i];
          if (file !== undefined) rememberPageFile(item.media_id, file);
        });
      });
    },
    select: (name, id) => action('select', { name, option_id: id }),
    unselect: (name, id) => action('unselect', { name, option_id: id }),
    submit: () => action('submit'),
    back: () => action('back'),
    activate: (ref) => action('activate', { ref }),
    close: () => onClose(),
    flush: flushFills,
  };
}
