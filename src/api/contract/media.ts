// Media the business received (a picker's files in a flow's response message, or any media
// message), as the Cloud API serves it: `GET /{media-id}` answers a URL valid 5 minutes with the
// file's type, size and SHA-256; the bytes are at that URL, fetched with the same credential.
// - Meta (Graph): GET /{version}/{media-id} with the bearer token; the URL is on lookaside.fbsbx.com
//   and is fetched as it is, with the token.
// - 360dialog waba-v2: GET /{media-id} with D360-API-KEY (ids "must be numeric"); the answer
//   carries Meta's lookaside URL, and the download is the same path and query on waba-v2
//   (`/whatsapp_business/attachments/?mid=…&ext=…&hash=…`), with D360-API-KEY.
// - On-Premise has no media upload components (flow-json.md §7.7), so no operation here.
// Graph answers `file_size` as a string in Meta's example and 360dialog documents an integer: the
// client reads either.
import type { Operation, WireRequest } from '../types.js';
import type { Issues } from './check.js';
import { invalid, missing } from './check.js';

/** `GET /{media-id}`, camelCase. */
export interface MediaInfo {
  /** Where the bytes are; valid 5 minutes. */
  url: string;
  mimeType: string;
  /** SHA-256 of the file (base64 or hex: Meta's examples show both spellings). */
  sha256: string;
  fileSize: number;
  id: string;
  messagingProduct: string;
}

/** The path of the download URL, on lookaside.fbsbx.com and on waba-v2 alike. */
export const MEDIA_DOWNLOAD_PATH = '/whatsapp_business/attachments';

const MEDIA_ID = /^\d{1,32}$/;

function checkMediaId(request: WireRequest): Issues {
  const issues: Issues = [];
  const id = request.params.mediaId;
  if (id === undefined || id === '') missing(issues, 'params.mediaId', 'params.mediaId is required: the id of the media (the `id` a response_json file or a media message carries).');
  else if (!MEDIA_ID.test(id)) invalid(issues, 'params.mediaId', `params.mediaId must be a numeric media id, not "${id.slice(0, 40)}".`);
  const phone = request.query.phone_number_id;
  if (phone !== undefined && !/^\d{1,32}$/.test(phone)) invalid(issues, 'query.phone_number_id', 'query.phone_number_id must be a numeric phone number id.');
  return issues;
}

export const getMedia: Operation = {
  id: 'media.get',
  method: 'GET',
  path: { cloud: '/{mediaId}', meta: '/{mediaId}' },
  summary: "Get a received media's download URL (valid 5 minutes), MIME type, size and SHA-256.",
  body: 'none',
  validate: checkMediaId,
};

export const downloadMedia: Operation = {
  id: 'media.download',
  method: 'GET',
  // Graph has no path: its URL is lookaside.fbsbx.com's, fetched as media.get gave it.
  path: { cloud: MEDIA_DOWNLOAD_PATH },
  summary: 'Download the bytes of a media from the URL media.get answered (360dialog: the same path and query on waba-v2).',
  body: 'none',
  validate: (request) => {
    const issues: Issues = [];
    for (const name of ['mid', 'ext', 'hash'] as const) {
      if (request.query[name] === undefined || request.query[name] === '') missing(issues, `query.${name}`, `query.${name} is required: use the URL media.get answered, as it is.`);
    }
    return issues;
  },
};

export const mediaOperations = [getMedia, downloadMedia] as const;
