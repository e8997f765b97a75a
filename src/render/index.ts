// Flows as images: renderFlow draws each screen with the browser app's phone in headless Chromium
// (playwright-core, an optional peer) and a contact sheet of the routing. Node only.
export { renderFlow, RenderInputError } from './render.js';
export type { RenderOptions, RenderedScreen, RenderResult } from './render.js';
export { ChromiumMissingError } from './chromium.js';
