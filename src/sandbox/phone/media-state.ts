// What a phone remembers about the files it picked in a flow session: the plain file (the phone
// has it; the CDN only has its ciphertext), the last refused pick per field, and the response
// message with its media as the Cloud API carries them. Kept beside the live session, in memory,
// as the session itself is (sessions.ts), in weak maps keyed by it: when a finished session leaves
// the registry its files go with it (its last view, stored, keeps what the phone showed of them);
// the rows are in sandbox_media.
import type { ComponentView, FlowSession } from '../../runtime/index.js';
import type { HostingType } from '../../api/types.js';
import type { SandboxContext } from '../context.js';
import { insertMedia } from '../media/index.js';

/** The parts of a live session (sessions.ts) media needs. */
export interface MediaSession {
  readonly id: string;
  readonly businessPhoneId: string;
  readonly hostingType: HostingType;
  session: FlowSession | undefined;
}

export interface PickedFile {
  readonly mediaId: string;
  readonly field: string;
  readonly fileName: string;
  readonly mimeType: string;
  readonly fileSize: number;
  /** SHA-256 of `bytes`, base64 (the item's plaintext_hash). */
  readonly sha256: string;
  readonly bytes: Uint8Array;
}

const picked = new WeakMap<MediaSession, Map<string, PickedFile>>();
const refused = new WeakMap<MediaSession, Map<string, string>>();
const replies = new WeakMap<MediaSession, Record<string, unknown>>();

export function rememberPicked(live: MediaSession, file: PickedFile): void {
  let files = picked.get(live);
  if (files === undefined) {
    files = new Map();
    picked.set(live, files);
  }
  files.set(file.mediaId, file);
}

export function pickedFile(live: MediaSession, mediaId: string): PickedFile | undefined {
  return picked.get(live)?.get(mediaId);
}

/** The phone's message for a refused pick on `field` (undefined clears it). */
export function setRefusal(live: MediaSession, field: string, message: string | undefined): void {
  let map = refused.get(live);
  if (map === undefined) {
    map = new Map();
    refused.set(live, map);
  }
  if (message === undefined) map.delete(field);
  else map.set(field, message);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A top-level value made only of files this phone picked in this session. */
function pickedList(live: MediaSession, value: unknown): PickedFile[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const files: PickedFile[] = [];
  for (const item of value) {
    const id = isRecord(item) ? item.media_id : undefined;
    const file = typeof id === 'string' ? pickedFile(live, id) : undefined;
    if (file === undefined) return undefined;
    files.push(file);
  }
  return files;
}

/**
 * response_json as the response message carries it: a picker's files (a top-level list of this
 * session's picks, from a `complete` payload or an endpoint's params) become the Cloud API's
 * `{ file_name, mime_type, sha256, id }` (platform-protocols.md §6.1), each a media the business
 * downloads with GET /{id} (the phone uploads the file for the message, as for any media message).
 * `sha256` is base64, the encoding of the picker's plaintext_hash (reading: Meta's examples leave
 * the encoding open). Anything else is kept as it is.
 */
export async function replyMedia(ctx: SandboxContext, live: MediaSession, responseJson: Record<string, unknown>): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const made = new Map<string, Record<string, unknown>>();
  for (const [key, value] of Object.entries(responseJson)) {
    const files = pickedList(live, value);
    if (files === undefined) {
      out[key] = value;
      continue;
    }
    const items: Record<string, unknown>[] = [];
    for (const file of files) {
      let item = made.get(file.mediaId);
      if (item === undefined) {
        const media = await insertMedia(ctx.store, {
          businessPhoneId: live.businessPhoneId,
          kind: 'message',
          fileName: file.fileName,
          mimeType: file.mimeType,
          fileSize: file.fileSize,
          sha256: file.sha256,
          data: file.bytes,
          sessionId: live.id,
          sourceId: file.mediaId,
          at: ctx.clock(),
        });
        item = { file_name: media.fileName, mime_type: media.mimeType, sha256: media.sha256, id: media.id };
        made.set(file.mediaId, item);
      }
      items.push(item);
    }
    out[key] = items;
  }
  replies.set(live, out);
  return out;
}

/** The response message's response_json once the session completed (media converted). */
export function replyJsonOf(live: MediaSession): Record<string, unknown> | undefined {
  return replies.get(live);
}

function pickers(components: readonly ComponentView[], out: ComponentView[] = []): ComponentView[] {
  for (const c of components) {
    if ((c.type === 'PhotoPicker' || c.type === 'DocumentPicker') && c.name !== undefined) out.push(c);
    if (c.children !== undefined) pickers(c.children, out);
  }
  return out;
}

/**
 * The current screen's pickers as the phone shows them: each file, with the message an endpoint
 * gave for it (the picker's `error-message` object `{ media_id: message }`) under it; the
 * component's own message; the last refused pick.
 */
export function mediaView(live: MediaSession): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const picker of pickers(live.session?.screen.components ?? [])) {
    const name = picker.name as string;
    const message = picker.props['error-message'];
    const perFile = isRecord(message) ? message : {};
    const files = (Array.isArray(picker.value) ? picker.value : []).filter(isRecord).map((item) => {
      const id = typeof item.media_id === 'string' ? item.media_id : String(item.media_id ?? '');
      const known = pickedFile(live, id);
      const error = perFile[id];
      return {
        media_id: id,
        file_name: typeof item.file_name === 'string' ? item.file_name : (known?.fileName ?? id),
        ...(known === undefined ? {} : { mime_type: known.mimeType, file_size: known.fileSize }),
        ...(typeof error === 'string' && error !== '' ? { error } : {}),
      };
    });
    const refusal = refused.get(live)?.get(name);
    view[name] = {
      type: picker.type,
      files,
      ...(typeof message === 'string' && message !== '' ? { error: message } : {}),
      ...(refusal === undefined ? {} : { refused: refusal }),
    };
  }
  return view;
}
