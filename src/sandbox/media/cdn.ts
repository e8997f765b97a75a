// The sandbox's stand-in for WhatsApp's media CDN: the encrypted file of a picker upload at
// `GET /_sandbox/cdn/{media-id}?oh={token}`. Like a signed CDN URL it takes no API key: the
// unguessable token in the query is the permission (and the query is what the SDK leaves out of
// its error messages). Only the data_exchange payload carries the URL, encrypted to the endpoint;
// the file itself is ciphertext whose keys travel the same way. WhatsApp keeps these files up to
// 20 days; so does the sandbox.
import { timingSafeEqual } from 'node:crypto';
import type { SandboxContext } from '../context.js';
import { json } from '../router.js';
import type { Router } from '../router.js';
import { findMedia, mediaData } from './store.js';
import type { MediaRecord } from './store.js';

export const CDN_PATH = '/_sandbox/cdn';
export const CDN_RETENTION_MS = 20 * 24 * 60 * 60 * 1000;

/** The `cdn_url` of an upload. */
export function cdnUrl(ctx: SandboxContext, media: MediaRecord): string {
  return `${ctx.config.publicBaseUrl}${CDN_PATH}/${encodeURIComponent(media.id)}?oh=${encodeURIComponent(media.cdnToken ?? '')}`;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function registerCdnRoutes(router: Router): void {
  router.add('GET', `${CDN_PATH}/:mediaId`, async (req, params, ctx) => {
    // One answer for every refusal, as a CDN gives: it says nothing about which media ids exist.
    const gone = json({ error: { code: 'NOT_FOUND', message: 'No such file on the sandbox CDN (wrong or expired URL).' } }, 404);
    const media = await findMedia(ctx.store, params.mediaId ?? '');
    const given = new URL(req.url).searchParams.get('oh') ?? '';
    if (media?.kind !== 'upload' || media.cdnToken === undefined || !sameToken(given, media.cdnToken)) return gone;
    if (ctx.clock().getTime() - media.createdAt.getTime() > CDN_RETENTION_MS) return gone;
    const data = await mediaData(ctx.store, media.id);
    if (data === undefined) return gone;
    return new Response(data, { status: 200, headers: { 'content-type': 'application/octet-stream', 'content-length': String(data.byteLength), 'cache-control': 'no-store' } });
  });
}
