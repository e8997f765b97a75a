// The Cloud API media endpoints the business downloads received media with (contract:
// src/api/contract/media.ts):
// - `GET /{media-id}` answers `{ messaging_product, url, mime_type, sha256, file_size, id }`; the
//   URL is valid 5 minutes. On waba-v2 (`/cloud/{media-id}`, also unprefixed) it answers numeric
//   ids only, as 360dialog requires (see registerMediaApiRoutes). On Graph the same path reads a
//   flow: Graph resolves a node by its id, and so does the sandbox (withGraphMedia wraps the
//   flows.get handler).
// - The URL is the sandbox's stand-in for Meta's `lookaside.fbsbx.com/whatsapp_business/attachments/
//   ?mid=…&ext=…&hash=…`, with the same path and query: Meta's clients GET it as it is with their
//   bearer token; 360dialog's swap its origin for waba-v2's (documented download endpoint) and send
//   D360-API-KEY. The sandbox serves the path unprefixed and under /cloud, and takes either header.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { MEDIA_DOWNLOAD_PATH } from '../../api/contract/media.js';
import type { Store } from '../../store/index.js';
import type { SandboxContext } from '../context.js';
import type { PhoneRecord } from '../records.js';
import { SURFACE_PREFIXES, errorResponse, json } from '../router.js';
import type { Router, SandboxMiddleware } from '../router.js';
import type { OperationHandler } from '../routes/operation.js';
import { numberPhone } from './auth.js';
import { findMedia, mediaData } from './store.js';
import type { MediaRecord } from './store.js';

/** Meta: a media URL "is only valid for 5 minutes". */
export const MEDIA_URL_TTL_SECONDS = 300;

// The key that signs download URLs: per sandbox, made at first use; a restart voids old URLs,
// which expire after 5 minutes anyway.
const signingKeys = new WeakMap<Store, Buffer>();

function signingKey(ctx: SandboxContext): Buffer {
  let key = signingKeys.get(ctx.store);
  if (key === undefined) {
    key = randomBytes(32);
    signingKeys.set(ctx.store, key);
  }
  return key;
}

function signature(ctx: SandboxContext, mediaId: string, expires: number): string {
  return createHmac('sha256', signingKey(ctx)).update(`${mediaId}.${expires}`).digest('base64url');
}

/** The media's download URL, valid MEDIA_URL_TTL_SECONDS from `now`. */
export function mediaUrl(ctx: SandboxContext, mediaId: string, now: Date): string {
  const expires = Math.floor(now.getTime() / 1000) + MEDIA_URL_TTL_SECONDS;
  const query = new URLSearchParams({ mid: mediaId, ext: String(expires), hash: signature(ctx, mediaId, expires) });
  return `${ctx.config.publicBaseUrl}${MEDIA_DOWNLOAD_PATH}/?${query.toString()}`;
}

/** The media API's answer for one media (GET /{media-id}). */
export function mediaInfo(ctx: SandboxContext, media: MediaRecord): Record<string, unknown> {
  return {
    messaging_product: 'whatsapp',
    url: mediaUrl(ctx, media.id, ctx.clock()),
    mime_type: media.mimeType,
    sha256: media.sha256,
    file_size: media.fileSize,
    id: media.id,
  };
}

/** Graph's answer for an id the credential cannot see (code 100, subcode 33), on both surfaces. */
function unsupportedGet(id: string): Response {
  return errorResponse('meta', 400, {
    code: 100,
    subcode: 33,
    type: 'GraphMethodException',
    message: `Unsupported get request. Object with ID '${id.slice(0, 64)}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
  });
}

/** Media the number may download: a message media of its own (picker uploads stay on the CDN). */
async function ownMedia(ctx: SandboxContext, phone: PhoneRecord, id: string): Promise<MediaRecord | undefined> {
  const media = await findMedia(ctx.store, id);
  return media?.kind === 'message' && media.businessPhoneId === phone.id ? media : undefined;
}

/**
 * Serves `GET /{mediaId}` on Graph through the flows.get route they share: an id naming one of the
 * number's media (and no `fields`) is the media; anything else is read as a flow.
 */
export function withGraphMedia(handlers: Readonly<Record<string, OperationHandler>>): Record<string, OperationHandler> {
  const readFlow = handlers['flows.get'];
  if (readFlow === undefined) return { ...handlers };
  return {
    ...handlers,
    'flows.get': async (r) => {
      if (r.dialect === 'meta' && r.query.fields === undefined) {
        const id = r.params.flowId ?? '';
        const media = await ownMedia(r.ctx, r.phone, id);
        if (media !== undefined) {
          // Graph's optional ?phone_number_id= makes sure the media belongs to that number.
          const asked = r.query.phone_number_id;
          return asked !== undefined && asked !== r.phone.id ? unsupportedGet(id) : json(mediaInfo(r.ctx, media));
        }
      }
      return readFlow(r);
    },
  };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** waba-v2's `GET /{media-id}`, for one request: the media's URL and facts, or why not. */
async function getMedia(req: Request, ctx: SandboxContext, id: string): Promise<Response> {
  const phone = await numberPhone(req, ctx, 'd360');
  if (phone instanceof Response) return phone;
  const media = await ownMedia(ctx, phone, id);
  return media === undefined ? unsupportedGet(id) : json(mediaInfo(ctx, media));
}

/** The download URL: the bytes, with the number's key (D360-API-KEY or a bearer token). */
async function download(req: Request, ctx: SandboxContext): Promise<Response> {
  const phone = await numberPhone(req, ctx, 'either');
  if (phone instanceof Response) return phone;
  const query = new URL(req.url).searchParams;
  const id = query.get('mid') ?? '';
  const expires = Number(query.get('ext') ?? NaN);
  const hash = query.get('hash') ?? '';
  const refused = (details: string): Response =>
    errorResponse('meta', 404, { code: 100, message: 'The media URL is not valid.', details: `${details} Call GET /{media-id} again for a new URL (each is valid ${MEDIA_URL_TTL_SECONDS / 60} minutes).` });
  if (id === '' || !Number.isSafeInteger(expires) || hash === '' || !sameText(hash, signature(ctx, id, expires))) return refused('The URL is incomplete or its hash does not match.');
  if (expires * 1000 < ctx.clock().getTime()) return refused('The URL has expired.');
  const media = await ownMedia(ctx, phone, id);
  const data = media === undefined ? undefined : await mediaData(ctx.store, media.id);
  if (media === undefined || data === undefined) return unsupportedGet(id);
  return new Response(data, { status: 200, headers: { 'content-type': media.mimeType, 'content-length': String(data.byteLength), 'cache-control': 'no-store' } });
}

export function registerMediaApiRoutes(router: Router): void {
  router.add('GET', MEDIA_DOWNLOAD_PATH, async (req, _params, ctx) => download(req, ctx));
  // waba-v2's GET /{media-id} is a fallback on numeric ids, not a route: as a route `/:mediaId` it
  // would answer every other one-segment GET (`/cloud/nope` is a 404, `GET /cloud/messages` a 405
  // with Allow: POST), which the router's table decides. Served under /cloud and unprefixed, like
  // the surface's routes.
  const media: SandboxMiddleware = async (c, next) => {
    if (c.req.method !== 'GET') return next();
    return getMedia(c.req.raw, c.env.ctx, c.req.param('mediaId') ?? '');
  };
  router.app.use(`${SURFACE_PREFIXES.cloud}/:mediaId{[0-9]{1,32}}`, media);
  router.app.use('/:mediaId{[0-9]{1,32}}', media);
}
