// ui/: serves the browser app (ui/dist) from the sandbox, and the read-only routes it needs.
export { registerUiRoutes } from './routes.js';
export type { UiRouteOptions } from './routes.js';
export { ensureUiBuilt, isCheckout, newestSource, uiBuilt, uiStale } from './build.js';
export { DEFAULT_UI_DIST, UI_PAGES, contentTypeOf, serveAsset, serveIndex } from './static.js';
