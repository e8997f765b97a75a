// The `<waflow-phone>` suite's fixture: the element's bundle (dist/preview, built once when missing
// or stale, as `waflow render` does), a loopback static server laid out like a project that
// installed waflow (the demo page at /, the package's bundle under /node_modules/waflow/dist/preview/),
// and a Chromium page that records the page's errors and the element's events.
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { ensurePreviewBuilt, PREVIEW_DIST } from '../../src/render/bundle.js';
import { contentTypeOf } from '../../src/sandbox/ui/static.js';
import { CHROMIUM_ARGS, REPO_ROOT, STATE_TIMEOUT_MS } from './harness.js';

/** URL prefix → folder; the longest matching prefix serves. */
type Mounts = Readonly<Record<string, string>>;

function serveStatic(mounts: Mounts): Promise<{ url: string; close(): Promise<void> }> {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const prefix = prefixes.find((p) => path.startsWith(p));
    const base = prefix === undefined ? undefined : resolve(mounts[prefix] as string);
    const file = base === undefined || prefix === undefined ? undefined : resolve(base, path.slice(prefix.length) || 'index.html');
    // Nothing outside the mounted folders is ever read.
    if (base === undefined || file === undefined || !file.startsWith(base + sep)) {
      res.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (bytes) => res.writeHead(200, { 'content-type': contentTypeOf(file), 'cache-control': 'no-store' }).end(bytes),
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      done({ url: `http://127.0.0.1:${port}`, close: () => new Promise((closed) => server.close(() => closed())) });
    });
  });
}

export interface RecordedEvent {
  type: 'waflow-navigate' | 'waflow-complete' | 'waflow-error';
  detail: { screen?: string; data?: Record<string, unknown>; response_json?: Record<string, unknown>; message?: string };
}

export interface PreviewPage {
  readonly page: Page;
  readonly url: string;
  /** Console errors and uncaught exceptions of the page. */
  readonly errors: string[];
  /** The element's events so far, as they reached the document. */
  events(): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

export async function openPreviewDemo(): Promise<PreviewPage> {
  await ensurePreviewBuilt();
  const server = await serveStatic({ '/': join(REPO_ROOT, 'examples', 'preview'), '/node_modules/waflow/dist/preview/': PREVIEW_DIST });
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  } catch (error) {
    await server.close();
    throw error;
  }
  const page = await browser.newPage({ viewport: { width: 1000, height: 860 }, deviceScaleFactor: 1 });
  page.setDefaultTimeout(STATE_TIMEOUT_MS);
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  // The events bubble out of the shadow root (composed) up to the document.
  await page.addInitScript(() => {
    const log: unknown[] = [];
    (window as unknown as { waflowEvents: unknown[] }).waflowEvents = log;
    for (const type of ['waflow-navigate', 'waflow-complete', 'waflow-error']) {
      document.addEventListener(type, (e) => log.push({ type, detail: (e as CustomEvent).detail as unknown }));
    }
  });
  const url = `${server.url}/index.html`;
  await page.goto(url);
  return {
    page,
    url,
    errors,
    events: () => page.evaluate(() => (window as unknown as { waflowEvents: RecordedEvent[] }).waflowEvents),
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
    },
  };
}
