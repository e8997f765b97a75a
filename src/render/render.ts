// renderFlow: each screen of a flow as the phone shows it, rendered by the browser app's own phone
// (the `<waflow-phone>` bundle) in headless Chromium, with a DOM snapshot taken at the same moment,
// and a contact sheet of all of them with the routing arrows.
import type { Page } from 'playwright-core';
import { parseJson } from '../flow-json/parse/index.js';
import { routingGraph } from '../flow-json/routing/graph.js';
import { startFlow } from '../runtime/index.js';
import { previewBundle } from './bundle.js';
import { launchChromium } from './chromium.js';
import { contactSheetHtml } from './sheet.js';

export interface RenderOptions {
  /** Flow JSON text, or the parsed document. */
  flow: string | unknown;
  /** Default 'all'. */
  screens?: 'all' | readonly string[];
  /** Data for every rendered screen, over each screen's `__example__` values. */
  data?: Record<string, unknown>;
  /** The phone's width in CSS pixels (default 360); the PNGs are this wide. */
  width?: number;
  /** Also render the contact sheet (default true). */
  sheet?: boolean;
  chromiumPath?: string;
}

export interface RenderedScreen {
  id: string;
  /** The screen's title as the flow gives it (dynamic titles resolved with the screen's data). */
  title?: string;
  png: Uint8Array;
  /** What the phone showed when the PNG was taken: the top bar's title and the visible texts. */
  dom: { title: string; texts: string[] };
}

export interface RenderResult {
  screens: RenderedScreen[];
  sheet?: Uint8Array;
}

/** Bad input to renderFlow (unparsable flow, unknown screen, bad width or data): nothing was rendered. */
export class RenderInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderInputError';
  }
}

export const DEFAULT_WIDTH = 360;
const MIN_WIDTH = 240;
const MAX_WIDTH = 1200;
const SCREEN_TIMEOUT_MS = 30_000;
const FLOW_TOKEN = 'waflow-render';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON text to a value; a syntax error names its line and column. */
export function parseJsonInput(text: string, what: string): unknown {
  const parsed = parseJson(text);
  const first = parsed.diagnostics.find((d) => d.severity === 'error');
  if (first === undefined) return parsed.value;
  const at = first.range === undefined ? '' : ` at line ${first.range.start.line}, column ${first.range.start.column}`;
  throw new RenderInputError(`${what} does not parse${at}: ${first.message}`);
}

function readFlow(flow: unknown): Json {
  const value = typeof flow === 'string' ? parseJsonInput(flow, 'the Flow JSON') : flow;
  if (!isObject(value) || !Array.isArray(value['screens'])) throw new RenderInputError('the Flow JSON must be an object with a "screens" array');
  return value;
}

function chooseScreens(flow: Json, wanted: RenderOptions['screens']): string[] {
  const ids = [...new Set((flow['screens'] as unknown[]).map((s) => (isObject(s) ? s['id'] : undefined)).filter((id): id is string => typeof id === 'string'))];
  if (ids.length === 0) throw new RenderInputError('the flow has no screens with an "id"');
  if (wanted === undefined || wanted === 'all') return ids;
  if (wanted.length === 0) throw new RenderInputError('no screens given to render');
  const unknown = wanted.filter((id) => !ids.includes(id));
  if (unknown.length > 0) throw new RenderInputError(`unknown screen${unknown.length > 1 ? 's' : ''} ${unknown.map((id) => `"${id}"`).join(', ')}; the flow's screens: ${ids.join(', ')}`);
  return [...new Set(wanted)];
}

function checkWidth(width: number | undefined): number {
  const w = width ?? DEFAULT_WIDTH;
  if (!Number.isInteger(w) || w < MIN_WIDTH || w > MAX_WIDTH) throw new RenderInputError(`width must be a whole number of pixels from ${MIN_WIDTH} to ${MAX_WIDTH}, got ${String(width)}`);
  return w;
}

interface Plan {
  id: string;
  title: string;
  data: Json;
}

/**
 * Each screen's data: the runtime's preview data (`__example__` values) under the given data. The
 * runtime opens every screen here first, so a flow it cannot run fails before a browser starts.
 */
async function planScreens(flow: Json, ids: readonly string[], data: Json | undefined): Promise<Plan[]> {
  const plans: Plan[] = [];
  for (const id of ids) {
    let session;
    try {
      session = await startFlow({ flow, flowToken: FLOW_TOKEN, preview: true, mode: { action: 'navigate', screen: id } });
    } catch (error) {
      throw new RenderInputError(`screen "${id}" cannot be shown: ${error instanceof Error ? error.message : String(error)}`);
    }
    plans.push({ id, title: session.screen.title, data: { ...session.screen.data, ...data } });
    session.close();
  }
  return plans;
}

interface PageEvent {
  type: string;
  detail: { screen?: string; message?: string };
}

type PhoneElement = HTMLElement & { flow: unknown; screen?: string; data?: Json; flowToken?: string };
type EventLog = { waflowEvents: PageEvent[] };

/** Shows `plan` in the page's element and waits until the phone shows it, fonts and images loaded. */
async function show(page: Page, plan: Plan): Promise<void> {
  await page.evaluate(({ id, data }) => {
    (window as unknown as EventLog).waflowEvents = [];
    const el = document.getElementById('phone') as PhoneElement;
    el.data = data;
    el.screen = id;
  }, plan);
  await page.waitForFunction(
    (id) => (window as unknown as EventLog).waflowEvents.some((e) => e.type === 'waflow-error' || (e.type === 'waflow-navigate' && e.detail.screen === id)),
    plan.id,
    { timeout: SCREEN_TIMEOUT_MS, polling: 'raf' },
  );
  const failed = await page.evaluate(() => (window as unknown as EventLog).waflowEvents.find((e) => e.type === 'waflow-error')?.detail.message);
  if (failed !== undefined) throw new Error(`screen "${plan.id}" did not render: ${failed}`);
  await page.evaluate(async () => {
    await document.fonts.ready;
    const root = document.getElementById('phone')?.shadowRoot;
    const images = [...(root?.querySelectorAll('img') ?? [])];
    await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
  });
}

/** The top bar's title and every visible text of the flow sheet, in document order. */
function snapshot(page: Page): Promise<{ title: string; texts: string[] }> {
  return page.evaluate(() => {
    const root = document.getElementById('phone')?.shadowRoot;
    const sheet = root?.querySelector('.wa-flow');
    const title = root?.querySelector('[data-testid="screen-title"]')?.textContent?.trim() ?? '';
    const texts: string[] = [];
    if (sheet) {
      const walker = document.createTreeWalker(sheet, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? '';
        const parent = node.parentElement;
        if (text !== '' && parent !== null && parent.checkVisibility({ opacityProperty: true, visibilityProperty: true })) texts.push(text);
      }
    }
    return { title, texts };
  });
}

function pageHtml(width: number): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
  html, body { margin: 0; background: #fff; }
  body { padding: 20px; }
  waflow-phone { --waflow-phone-width: ${width}px; }
</style></head><body></body></html>`;
}

export async function renderFlow(options: RenderOptions): Promise<RenderResult> {
  const flow = readFlow(options.flow);
  const ids = chooseScreens(flow, options.screens);
  const width = checkWidth(options.width);
  if (options.data !== undefined && !isObject(options.data)) throw new RenderInputError('data must be a JSON object');
  const plans = await planScreens(flow, ids, options.data);
  const bundle = await previewBundle();

  const browser = await launchChromium(options.chromiumPath);
  try {
    const page = await browser.newPage({ viewport: { width: width + 40, height: 820 }, deviceScaleFactor: 1 });
    const crashes: string[] = [];
    page.on('pageerror', (error) => crashes.push(error.message));
    await page.setContent(pageHtml(width));
    await page.addScriptTag({ type: 'module', content: bundle });
    await page.waitForFunction(() => customElements.get('waflow-phone') !== undefined, undefined, { timeout: SCREEN_TIMEOUT_MS });
    await page.evaluate(
      ({ flow, token }) => {
        const log: PageEvent[] = [];
        (window as unknown as EventLog).waflowEvents = log;
        const el = document.createElement('waflow-phone') as PhoneElement;
        el.id = 'phone';
        el.flowToken = token;
        el.flow = flow;
        for (const type of ['waflow-navigate', 'waflow-error']) {
          el.addEventListener(type, (e) => (window as unknown as EventLog).waflowEvents.push({ type, detail: (e as CustomEvent<PageEvent['detail']>).detail }));
        }
        document.body.append(el);
        // A PNG of the phone alone: no drop shadow in its corners (they stay transparent).
        el.shadowRoot?.append(Object.assign(document.createElement('style'), { textContent: '.wa-phone { box-shadow: none; }' }));
      },
      { flow, token: FLOW_TOKEN },
    );

    const phone = page.locator('#phone .wa-phone');
    const screens: RenderedScreen[] = [];
    for (const plan of plans) {
      await show(page, plan);
      const dom = await snapshot(page);
      const png = await phone.screenshot({ animations: 'disabled', caret: 'hide', scale: 'css', omitBackground: true });
      if (crashes.length > 0) throw new Error(`the page failed while rendering screen "${plan.id}": ${crashes.join('; ')}`);
      screens.push({ id: plan.id, ...(plan.title === '' ? {} : { title: plan.title }), png: new Uint8Array(png), dom });
    }
    if (options.sheet === false) return { screens };

    const box = await phone.boundingBox();
    const height = Math.round(box?.height ?? 740);
    await page.setContent(contactSheetHtml(routingGraph(flow), screens, width, height));
    await page.waitForFunction(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0), undefined, { timeout: SCREEN_TIMEOUT_MS });
    const sheet = await page.screenshot({ fullPage: true, animations: 'disabled', scale: 'css' });
    return { screens, sheet: new Uint8Array(sheet) };
  } finally {
    await browser.close().catch(() => undefined);
  }
}
