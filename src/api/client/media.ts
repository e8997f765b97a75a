// media.*: received media (a flow's picker files in its response message, media messages).
// get() is the contract's media.get; download() follows it to the URL it answers and reads the
// bytes with the number's credential: on Graph the URL as it is with the bearer token, on waba-v2
// the same path and query on the client's base URL with D360-API-KEY (360dialog's documented
// download: its answer carries Meta's lookaside URL). The bytes are checked against the size and
// SHA-256 media.get gave. The body is binary, so this one call does not go through the JSON
// pipeline; it has the pipeline's timeout, abort, error shapes and redaction, and no retries (a
// failed download is repeated by calling download again, which also gets a fresh URL).
import { toHex } from '../../data-channel/bytes.js';
import { decodeField } from '../../media/codec.js';
import { readCappedBody } from '../../media/read-capped.js';
import { ApiClientError, ApiError, parseApiError, redact } from '../errors.js';
import { D360_API_KEY_HEADER } from '../contract/dialects.js';
import { getMedia } from '../contract/index.js';
import type { MediaInfo } from '../contract/index.js';
import type { Caller } from './pipeline.js';
import type { ResolvedOptions } from './options.js';
import { abortedError } from './retry.js';
import type { DownloadedMedia, MediaApi } from './types.js';

/** The Cloud API's largest media file (100 MB); a download stops past it unless told otherwise. */
export const DEFAULT_MAX_MEDIA_DOWNLOAD_BYTES = 100 * 1024 * 1024;

function toInfo(answer: Record<string, unknown>): MediaInfo {
  const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
  const url = text(answer.url);
  if (url === '') throw new ApiClientError('BAD_RESPONSE', 'media.get: the answer has no url to download the media from.');
  // Graph's example writes file_size as a string, 360dialog's as a number.
  const size = Number(answer.fileSize);
  return {
    url,
    mimeType: text(answer.mimeType),
    sha256: text(answer.sha256),
    fileSize: Number.isSafeInteger(size) && size >= 0 ? size : NaN,
    id: text(answer.id),
    messagingProduct: text(answer.messagingProduct) || 'whatsapp',
  };
}

export function mediaApi(resolved: ResolvedOptions, caller: Caller): MediaApi {
  async function get(mediaId: string, signal: AbortSignal | undefined, label: string): Promise<MediaInfo> {
    return toInfo(await caller.call(getMedia, { params: { mediaId } }, { label, signal }));
  }

  /** Where the bytes are, and the header that proves who asks. */
  function target(url: string, label: string): { url: string; headers: Record<string, string> } {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ApiClientError('BAD_RESPONSE', `${label}: media.get answered a url that is not a URL.`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ApiClientError('BAD_RESPONSE', `${label}: media.get answered a ${parsed.protocol} url; only http(s) is fetched.`);
    const dialect = caller.dialectOf(getMedia, label);
    if (dialect === 'meta') return { url: parsed.href, headers: { Authorization: `Bearer ${resolved.accessToken ?? ''}` } };
    return { url: `${resolved.baseUrls[dialect] ?? ''}${parsed.pathname}${parsed.search}`, headers: { [D360_API_KEY_HEADER]: resolved.d360ApiKey ?? '' } };
  }

  async function fetchBytes(where: { url: string; headers: Record<string, string> }, maxBytes: number, signal: AbortSignal | undefined, label: string): Promise<Uint8Array<ArrayBuffer>> {
    const dialect = caller.dialectOf(getMedia, label);
    const secrets = caller.secrets();
    if (signal?.aborted === true) throw abortedError(label);
    const controller = new AbortController();
    let timedOut = false;
    let aborted = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, resolved.timeoutMs);
    const onAbort = (): void => {
      aborted = true;
      controller.abort();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await resolved.fetch(where.url, { method: 'GET', headers: where.headers, signal: controller.signal });
      if (!response.ok) throw parseApiError(response.status, await response.text(), dialect, secrets, 'media.download');
      return await readCappedBody(response, maxBytes, () => new ApiClientError('BAD_RESPONSE', `${label}: the media is larger than maxBytes (${maxBytes} bytes).`));
    } catch (error) {
      if (timedOut) throw new ApiClientError('TIMEOUT', `${label}: no answer within ${resolved.timeoutMs} ms (timeoutMs).`);
      if (aborted) throw abortedError(label);
      if (error instanceof ApiError || error instanceof ApiClientError) throw error;
      const reason = error instanceof Error ? error.message : 'unknown error';
      // Origin and path only: the query of a media URL is its signature.
      const shown = where.url.split('?')[0] ?? '';
      throw new ApiClientError('NETWORK', `${label}: the request to ${redact(shown, secrets)} failed: ${redact(reason, secrets)}`);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  return {
    get: (mediaId, request) => get(mediaId, request?.signal, 'media.get'),
    async download(mediaId, options = {}) {
      const label = 'media.download';
      const info = await get(mediaId, options.signal, label);
      const bytes = await fetchBytes(target(info.url, label), options.maxBytes ?? DEFAULT_MAX_MEDIA_DOWNLOAD_BYTES, options.signal, label);
      if (Number.isSafeInteger(info.fileSize) && bytes.byteLength !== info.fileSize) {
        throw new ApiClientError('BAD_RESPONSE', `${label}: media ${info.id} downloaded ${bytes.byteLength} bytes; media.get said ${info.fileSize}.`);
      }
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      const expected = decodeField(info.sha256.trim(), true);
      if (expected !== undefined && expected.length === 32 && toHex(expected) !== toHex(digest)) {
        throw new ApiClientError('BAD_RESPONSE', `${label}: media ${info.id} does not match the sha256 media.get gave (incomplete or altered download).`);
      }
      const result: DownloadedMedia = { id: info.id, mimeType: info.mimeType, sha256: info.sha256, fileSize: bytes.byteLength, bytes };
      return result;
    },
  };
}
