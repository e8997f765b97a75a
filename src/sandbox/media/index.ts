// Media in the sandbox: the simulated CDN picker uploads go to, and the Cloud API media endpoints
// the business downloads received media from. The phone's side (picking files, the response
// message's media) is in src/sandbox/phone/pick.ts and media-state.ts.
import type { Router } from '../router.js';
import { registerMediaApiRoutes } from './api.js';
import { registerCdnRoutes } from './cdn.js';

export { withGraphMedia, mediaInfo, mediaUrl, MEDIA_URL_TTL_SECONDS } from './api.js';
export { cdnUrl, CDN_PATH, CDN_RETENTION_MS } from './cdn.js';
export { findMedia, insertMedia, mediaData } from './store.js';
export type { MediaKind, MediaRecord, NewMedia } from './store.js';

export function registerMediaRoutes(router: Router): void {
  registerCdnRoutes(router);
  registerMediaApiRoutes(router);
}
