// Picking files on a simulated phone, as WhatsApp does for a PhotoPicker or DocumentPicker: the
// picker's limits apply first (pick-limits.ts: max-uploaded-photos/documents, max-file-size-kb,
// photos only, a DocumentPicker's allowed-mime-types; defaults from the catalogue), with the
// phone's message when a file is refused; each accepted file is encrypted with fresh keys
// (encryptFlowMedia: AES-256-CBC + HMAC-SHA256), its ciphertext put on the sandbox CDN, and the
// field's value gets the item the data_exchange payload carries:
// `{ media_id, cdn_url, file_name, encryption_metadata }`.
// Media upload is a Cloud API feature: On-Premise clients have no pickers (flow-json.md §7.7).
import { encryptFlowMedia } from '../../media/index.js';
import type { FlowMediaItem } from '../../media/index.js';
import type { SandboxContext } from '../context.js';
import { cdnUrl, insertMedia } from '../media/index.js';
import { PhoneError } from './chat.js';
import { describePicked, findField, pickRefusal } from './pick-limits.js';
import { rememberPicked, setRefusal } from './media-state.js';
import { act, findSession, getSession, isStored } from './sessions.js';

export interface PickFile {
  readonly fileName: string;
  /** As the file chooser reports it; sniffed from the bytes (then the name) when absent or application/octet-stream. */
  readonly mimeType?: string;
  readonly bytes: Uint8Array;
}

export interface PickOptions {
  /** Replace the field's files instead of adding to them. */
  readonly replace?: boolean;
}

type Live = ReturnType<typeof getSession>;

export type PickOutcome =
  | { readonly ok: true; readonly live: Live; readonly items: FlowMediaItem[] }
  | { readonly ok: false; readonly live: Live; readonly reason: string };

/**
 * Picks `files` into picker `name` of session `sessionId`'s current screen. A refusal leaves the
 * field as it was and is shown under it (session view `media[name].refused`).
 */
// One pick at a time per session: a pick reads the field's files, checks the picker's count against
// them, uploads, then stores the files; two picks interleaved would both pass the count and the
// later one's fill would drop the earlier one's files.
const pickQueues = new WeakMap<Live, Promise<unknown>>();

export async function pickFiles(ctx: SandboxContext, sessionId: string, name: string, files: readonly PickFile[], options: PickOptions = {}): Promise<PickOutcome> {
  // A finished session has left memory (registry.ts): picking there is a conflict, as on any action.
  const ref = await findSession(ctx, sessionId);
  if (isStored(ref)) throw new PhoneError('CONFLICT', `flow session ${sessionId} is ${ref.status}; files can only be picked in an open flow`);
  const live = getSession(ctx, sessionId);
  const previous = pickQueues.get(live) ?? Promise.resolve();
  const next = previous.then(
    () => pickNow(ctx, live, sessionId, name, files, options),
    () => pickNow(ctx, live, sessionId, name, files, options),
  );
  pickQueues.set(live, next);
  return next;
}

async function pickNow(ctx: SandboxContext, live: Live, sessionId: string, name: string, files: readonly PickFile[], options: PickOptions): Promise<PickOutcome> {
  const session = live.session;
  if (session === undefined || session.status !== 'open') throw new PhoneError('CONFLICT', `flow session ${sessionId} is ${session?.status ?? 'not started'}; files can only be picked in an open flow`);
  if (live.hostingType !== 'cloud') throw new PhoneError('CONFLICT', 'media upload components are not supported by the On-Premise API client: PhotoPicker and DocumentPicker need a Cloud API number');
  const view = findField(session.screen.components, name);
  if (view === undefined) throw new PhoneError('NOT_FOUND', `screen ${session.screen.id} has no field named "${name}"`);
  if (view.type !== 'PhotoPicker' && view.type !== 'DocumentPicker') throw new PhoneError('INVALID_INPUT', `"${name}" is a ${view.type}, not a PhotoPicker or DocumentPicker`);
  if (files.length === 0) throw new PhoneError('INVALID_INPUT', 'pick at least one file');
  const refuse = (reason: string): PickOutcome => {
    setRefusal(live, name, reason);
    return { ok: false, live, reason };
  };
  if (!view.visible || !view.enabled) return refuse(`${name} is ${view.visible ? 'disabled' : 'hidden'} on this screen`);

  const current = options.replace === true || !Array.isArray(view.value) ? [] : (view.value as unknown[]);
  const described = files.map((f) => {
    const candidate = describePicked(f.fileName, f.mimeType, f.bytes);
    if (candidate.name === '') throw new PhoneError('INVALID_INPUT', 'every file needs a file name');
    return { file: f, ...candidate };
  });
  const reason = pickRefusal(view, current.length, described);
  if (reason !== undefined) return refuse(reason);

  const items: FlowMediaItem[] = [];
  for (const d of described) {
    const encrypted = await encryptFlowMedia(d.file.bytes, { fileName: d.name, mimeType: d.type });
    const media = await insertMedia(ctx.store, {
      businessPhoneId: live.businessPhoneId,
      kind: 'upload',
      fileName: d.name,
      mimeType: d.type,
      fileSize: d.size,
      sha256: encrypted.sha256,
      data: encrypted.cdnFile,
      sessionId: live.id,
      at: ctx.clock(),
    });
    rememberPicked(live, { mediaId: media.id, field: name, fileName: d.name, mimeType: d.type, fileSize: d.size, sha256: encrypted.sha256, bytes: d.file.bytes });
    // Meta's data_exchange item: no mime_type (the endpoint reads the type from the bytes).
    items.push({ media_id: media.id, cdn_url: cdnUrl(ctx, media), file_name: d.name, encryption_metadata: encrypted.encryptionMetadata });
  }
  const { result } = await act(ctx, sessionId, { kind: 'fill', name, value: [...current, ...items] });
  if (!result.ok) return refuse('error' in result ? result.error : result.reason);
  setRefusal(live, name, undefined);
  return { ok: true, live, items };
}
