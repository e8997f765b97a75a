// What the phone sheet draws and whom it tells about taps. A driver is either a runtime session in
// the page (the builder's preview) or a session the sandbox runs (the inbox, so the sandbox makes
// the encrypted endpoint calls); the sheet does not know which.
import type { FlowSession, ScreenView, SessionError, SessionStatus } from '../../../src/runtime/index.js';
import { encryptFlowMedia } from '../../../src/media/index.js';
import type { FlowMediaItem } from '../../../src/media/index.js';
import { describePicked, findField, pickRefusal } from '../../../src/sandbox/phone/pick-limits.js';
import { rememberPageFile } from './media.js';

/** What the phone knows about one file of a picker beyond its payload item. */
export interface PickedFileInfo {
  readonly mime_type?: string;
  readonly file_size?: number;
  /** The endpoint's message for this file (the picker's `error-message` object). */
  readonly error?: string;
}

/** A picker as the phone shows it beyond its value (the sandbox session's `media[name]`). */
export interface PickerState {
  /** Why the last pick was refused (too many, too large, wrong type), in the phone's words. */
  readonly refused?: string;
  /** Per media_id. */
  readonly files?: Readonly<Record<string, PickedFileInfo>>;
}

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
  /** Per picker field name. */
  readonly media?: Readonly<Record<string, PickerState>>;
}

export interface PhoneDriver {
  setValue(name: string, value: unknown): void;
  /** Files from the page's file chooser for a PhotoPicker or DocumentPicker, added unless `replace`. */
  pick(name: string, files: File[], replace?: boolean): void;
  select(name: string, optionId: string): void;
  unselect(name: string, optionId: string): void;
  submit(): void;
  back(): void;
  activate(ref: string): void;
  close(): void;
}

export type StateListener = (state: PhoneState) => void;

/** The state of an in-page runtime session. */
export function stateOf(session: FlowSession, pending: boolean, notice?: string, media?: PhoneState['media']): PhoneState {
  return {
    status: session.status,
    screen: session.screen,
    depth: session.history.length,
    version: session.version,
    pending,
    ...(session.error === undefined ? {} : { error: session.error }),
    ...(notice === undefined ? {} : { notice }),
    ...(media === undefined ? {} : { media }),
  };
}

/** A media id as Meta's: 16 digits, no leading zero. */
function localMediaId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b, i) => (i === 0 ? 1 + (b % 9) : b % 10)).join('');
}

/**
 * The builder preview's file chooser. There is no sandbox and no CDN here, so the page does what
 * the phone does: the picker's limits (pick-limits.ts, shared with the sandbox's phone), then
 * encryptFlowMedia with fresh keys, and the ciphertext goes behind a blob: URL standing in for the
 * CDN (readable by this page only; revoked when the preview session ends). The field's value is
 * then exactly the data_exchange item `{ media_id, cdn_url, file_name, encryption_metadata }`, with
 * a numeric media_id like Meta's, and decryptFlowMedia(item) opens it in the page.
 */
async function pickLocally(session: FlowSession, name: string, files: readonly File[], replace: boolean, urls: string[]): Promise<{ ok: true } | { ok: false; reason: string }> {
  const view = findField(session.screen.components, name);
  if (view === undefined || (view.type !== 'PhotoPicker' && view.type !== 'DocumentPicker')) return { ok: false, reason: `"${name}" is not a PhotoPicker or DocumentPicker on this screen` };
  if (!view.visible || !view.enabled) return { ok: false, reason: `${name} is ${view.visible ? 'disabled' : 'hidden'} on this screen` };
  const current = replace || !Array.isArray(view.value) ? [] : (view.value as unknown[]);
  const read = await Promise.all(files.map(async (file) => ({ file, bytes: new Uint8Array(await file.arrayBuffer()) })));
  const described = read.map((r) => ({ ...r, ...describePicked(r.file.name, r.file.type, r.bytes) }));
  if (described.some((d) => d.name === '')) return { ok: false, reason: 'every file needs a file name' };
  const reason = pickRefusal(view, current.length, described);
  if (reason !== undefined) return { ok: false, reason };
  const items: FlowMediaItem[] = [];
  for (const d of described) {
    const encrypted = await encryptFlowMedia(d.bytes, { fileName: d.name, mimeType: d.type });
    const cdnUrl = URL.createObjectURL(new Blob([encrypted.cdnFile as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
    urls.push(cdnUrl);
    const item = { media_id: localMediaId(), cdn_url: cdnUrl, file_name: d.name, encryption_metadata: encrypted.encryptionMetadata };
    rememberPageFile(item.media_id, d.file);
    items.push(item);
  }
  const result = session.setValue(name, [...current, ...items]);
  return result.ok ? { ok: true } : { ok: false, reason: result.error };
}

/** Drives an in-page FlowSession; `onChange` gets every new state. */
export function localDriver(session: FlowSession, onChange: StateListener, onClose?: () => void): PhoneDriver & { dispose(): void } {
  let pending = 0;
  const refused = new Map<string, string>();
  const urls: string[] = [];
  const media = (): PhoneState['media'] => (refused.size === 0 ? undefined : Object.fromEntries([...refused].map(([name, reason]) => [name, { refused: reason }])));
  const emit = (notice?: string): void => onChange(stateOf(session, pending > 0, notice, media()));
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
    pick(name, files, replace = false) {
      run(async () => {
        const outcome = await pickLocally(session, name, files, replace, urls);
        if (outcome.ok) refused.delete(name);
        else refused.set(name, outcome.reason);
        return outcome;
      });
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
    dispose() {
      off();
      for (const url of urls.splice(0)) URL.revokeObjectURL(url);
    },
  };
}
