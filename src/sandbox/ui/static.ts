// Serves the built browser app (ui/dist): its files with their content types, and index.html for
// the app's own pages so a reload on /builder or /inbox lands in the app (SPA fallback).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ui/dist of this checkout. */
export const DEFAULT_UI_DIST = fileURLToPath(new URL('../../../ui/dist', import.meta.url));

/** The app's client-side pages; each answers with index.html. */
export const UI_PAGES = ['builder', 'gallery', 'inbox', 'dashboard'] as const;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** The page shown when ui/dist has not been built: says how to build it. */
function notBuilt(distDir: string): Response {
  const body = `<!doctype html><meta charset="utf-8"><title>waflow</title>
<h1>The browser app is not built</h1>
<p>No <code>index.html</code> in <code>${escapeHtml(distDir)}</code>. Run <code>npm run build:ui</code> and reload.</p>
<p>The sandbox API works without it: see <a href="/_sandbox">/_sandbox</a>.</p>`;
  return new Response(body, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

/** index.html of the app, or a 503 page that says to build it. */
export async function serveIndex(distDir: string): Promise<Response> {
  const file = join(distDir, 'index.html');
  if (!existsSync(file)) return notBuilt(distDir);
  return new Response(new Uint8Array(await readFile(file)), { status: 200, headers: { 'content-type': CONTENT_TYPES['.html'] ?? 'text/html', 'cache-control': 'no-cache' } });
}

/**
 * A file under distDir/sub. Names are single path segments from the router, but are checked again
 * so that nothing outside distDir is ever read.
 */
export async function serveAsset(distDir: string, sub: string, name: string): Promise<Response> {
  const base = resolve(distDir, sub);
  const file = resolve(base, name);
  if (name === '' || name.includes('/') || name.includes('\\') || !file.startsWith(base + sep)) {
    return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return new Response(`Not found: /${sub}/${name}`, { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  // Vite puts a content hash in asset names, so they never change under the same name.
  return new Response(new Uint8Array(bytes), { status: 200, headers: { 'content-type': contentTypeOf(file), 'cache-control': 'public, max-age=31536000, immutable' } });
}
