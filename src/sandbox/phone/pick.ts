// Picking files on a simulated phone, as WhatsApp does for a PhotoPicker or DocumentPicker: the
// picker's limits apply first (max-uploaded-photos/documents, max-file-size-kb, photos only, a
// DocumentPicker's allowed-mime-types; defaults from the catalogue), with the phone's message when
// a file is refused; each accepted file is encrypted with fresh keys (encryptFlowMedia: AES-256-CBC
// + HMAC-SHA256), its ciphertext put on the sandbox CDN, and the field's value gets the item the
// data_exchange payload carries: `{ media_id, cdn_url, file_name, encryption_metadata }`.
// Media upload is a Cloud API feature: On-Premise clients have no pickers (flow-json.md §7.7).
import { DOCUMENT_MIME_TYPES, getComponentSpec } from '../../flow-json/catalogue/index.js';
import { encryptFlowMedia } from '../../media/index.js';
import { detectMimeType } from '../../media/mime.js';
import type { FlowMediaItem } from '../../media/index.js';
import type { ComponentView } from '../../runtime/index.js';
import type { SandboxContext } from '../context.js';
import { cdnUrl, insertMedia } from '../media/index.js';
import { PhoneError } from './chat.js';
import { rememberPicked, setRefusal } from './media-state.js';
import { act, getSession } from './sessions.js';

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

function findField(components: readonly ComponentView[], name: string): ComponentView | undefined {
  for (const c of components) {
    if (c.name === name) return c;
    const inner = c.children === undefined ? undefined : findField(c.children, name);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

/** A property's value on the screen, else the catalogue's default. */
function limit(view: ComponentView, property: string): unknown {
  return view.props[property] ?? getComponentSpec(view.type)?.properties[property]?.default;
}

function size(bytes: number): string {
  const unit = (n: number, name: string): string => `${n.toFixed(2).replace(/\.?0+$/, '')} ${name}`;
  if (bytes >= 1024 * 1024) return unit(bytes / 1024 / 1024, 'MB');
  if (bytes >= 1024) return unit(bytes / 1024, 'KB');
  return `${bytes} bytes`;
}

/** "2.5 MB; files must be at most 1 MB", in bytes when rounding would show the two alike. */
function tooLarge(name: string, bytes: number, limitBytes: number, limitKb: number): string {
  const [shown, limitShown] = size(bytes) === size(limitBytes) ? [`${bytes} bytes`, `${limitBytes} bytes`] : [size(bytes), size(limitBytes)];
  return `${name} is ${shown}; files must be at most ${limitShown} (max-file-size-kb ${limitKb})`;
}

/** The chooser's type; none for "application/octet-stream", which says only that it does not know. */
function cleanType(type: string | undefined): string | undefined {
  const base = type?.split(';')[0]?.trim().toLowerCase();
  return base === undefined || base === '' || base === 'application/octet-stream' ? undefined : base;
}

/** The name a file chooser gives: the last path segment, without control characters. */
function cleanName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it strips
  return (name.split(/[\\/]/).at(-1) ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
}

/** Why the picker refuses these files, in the phone's words; undefined when it takes them. */
function refusal(view: ComponentView, current: number, files: readonly { name: string; type: string; size: number }[]): string | undefined {
  const photos = view.type === 'PhotoPicker';
  const noun = photos ? 'photos' : 'documents';
  const max = Number(limit(view, `max-uploaded-${noun}`));
  if (current + files.length > max) {
    return `Add up to ${max} ${noun}: ${current === 0 ? '' : `${current} already added, `}${files.length} picked (max-uploaded-${noun})`;
  }
  const maxKb = Number(limit(view, 'max-file-size-kb'));
  const allowed = photos ? undefined : ((limit(view, 'allowed-mime-types') as readonly string[] | undefined) ?? DOCUMENT_MIME_TYPES);
  for (const file of files) {
    if (file.size === 0) return `${file.name} is empty`;
    if (file.size > maxKb * 1024) return tooLarge(file.name, file.size, maxKb * 1024, maxKb);
    if (photos && !file.type.startsWith('image/')) return `${file.name} is not a photo (${file.type}); pick an image`;
    if (allowed !== undefined && !allowed.includes(file.type)) return `${file.name} is ${file.type}; this picker takes ${allowed.join(', ')}`;
  }
  return undefined;
}

/**
 * Picks `files` into picker `name` of session `sessionId`'s current screen. A refusal leaves the
 * field as it was and is shown under it (session view `media[name].refused`).
 */
export async function pickFiles(ctx: SandboxContext, sessionId: string, name: string, files: readonly PickFile[], options: PickOptions = {}): Promise<PickOutcome> {
  const live = getSession(ctx, sessionId);
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
    const fileName = cleanName(f.fileName);
    if (fileName === '') throw new PhoneError('INVALID_INPUT', 'every file needs a file name');
    return { file: f, name: fileName, type: cleanType(f.mimeType) ?? detectMimeType(f.bytes, fileName), size: f.bytes.byteLength };
  });
  const reason = refusal(view, current.length, described);
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
