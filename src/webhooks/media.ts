// The files of a completed flow (PhotoPicker/DocumentPicker) as its response message carries them:
// per field an array of `{ file_name, mime_type, sha256, id }` in response_json (Cloud API;
// platform-protocols.md §6.1), downloaded with the Cloud API media endpoints through the API
// client (client.media.download: GET /{media-id}, then its URL with the number's credential).
import { ApiClientError } from '../api/errors.js';
import type { DownloadMediaOptions, MediaApi } from '../api/client/types.js';

/** One file of a flow's response message. */
export interface FlowResponseMedia {
  /** The response_json field it came in (the picker's payload key). */
  readonly field: string;
  /** Its place in that field's array. */
  readonly index: number;
  /** The media id to download (GET /{media-id}). */
  readonly id: string;
  readonly fileName: string;
  readonly mimeType: string;
  /** SHA-256 of the file, as response_json gives it (base64 or hex). */
  readonly sha256: string;
}

export interface DownloadedFlowResponseMedia extends FlowResponseMedia {
  readonly bytes: Uint8Array;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function isMediaEntry(value: unknown): value is Record<string, string> {
  return isRecord(value) && typeof value.id === 'string' && value.id !== '' && typeof value.sha256 === 'string' && typeof value.mime_type === 'string';
}

/** The media files of response_json: every top-level array made only of `{ id, sha256, mime_type, file_name }` objects. */
export function flowResponseMedia(response: Readonly<Record<string, unknown>>): FlowResponseMedia[] {
  const out: FlowResponseMedia[] = [];
  for (const [field, value] of Object.entries(response)) {
    if (!Array.isArray(value) || value.length === 0 || !value.every(isMediaEntry)) continue;
    value.forEach((entry, index) => {
      out.push({ field, index, id: entry.id as string, fileName: entry.file_name ?? (entry.id as string), mimeType: entry.mime_type as string, sha256: entry.sha256 as string });
    });
  }
  return out;
}

function hashHex(text: string): string | undefined {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return t.toLowerCase();
  try {
    const b64 = t.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
    const raw = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    return raw.length === 32 ? Array.from(raw, (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('') : undefined;
  } catch {
    return undefined;
  }
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Downloads every file of a completion (a FlowCompletionEvent, or waitForCompletion's result), one
 * after the other, with `client` (createClient of the number's provider: '360dialog' on a Cloud
 * API number, or 'meta'). Each file's bytes are checked against the sha256 response_json gives,
 * besides the client's own checks. Throws ApiError / ApiClientError as the client does.
 */
export async function downloadFlowCompletionMedia(
  completion: { readonly response: Readonly<Record<string, unknown>> },
  client: { readonly media?: MediaApi | undefined },
  options: DownloadMediaOptions = {},
): Promise<DownloadedFlowResponseMedia[]> {
  const files = flowResponseMedia(completion.response);
  if (files.length === 0) return [];
  const media = client.media;
  if (media === undefined) throw new TypeError('downloadFlowCompletionMedia needs a client with a media API (createClient)');
  const out: DownloadedFlowResponseMedia[] = [];
  for (const file of files) {
    const { bytes } = await media.download(file.id, options);
    const expected = hashHex(file.sha256);
    if (expected !== undefined && expected !== (await sha256Hex(bytes))) {
      throw new ApiClientError('BAD_RESPONSE', `media ${file.id} (${file.fileName}, ${file.field}[${file.index}]) does not match the sha256 of the response message.`);
    }
    out.push({ ...file, bytes });
  }
  return out;
}
