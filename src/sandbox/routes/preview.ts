// Web preview links of flows, served by the sandbox itself: /preview/{flowId}?token=... shows the
// flow's screens. Meta's preview link expires after 30 days, and `preview.invalidate(true)` makes a
// new one (Flows API, "Preview a Flow"). The token is random and stored, so an old link stops
// working once invalidated; it is never logged (the request log carries the path only).
import { timingSafeEqual } from 'node:crypto';
import type { SandboxContext } from '../context.js';
import { ANY_ACCOUNT, getFlowJson, getFlowRecord } from '../data/flows.js';
import { token } from '../ids.js';
import { html, json } from '../router.js';
import type { Router } from '../router.js';

const PREVIEW_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

/** The flow's preview link, made (or replaced, with invalidate) as needed. */
export async function previewOf(ctx: SandboxContext, flowId: string, invalidate: boolean): Promise<{ preview_url: string; expires_at: string }> {
  const now = ctx.clock();
  const rows = await ctx.store.query<{ token: string; expires_at: Date | string }>('SELECT token, expires_at FROM flow_previews WHERE flow_id = $1', [flowId]);
  let row = rows[0];
  if (row === undefined || invalidate || new Date(row.expires_at).getTime() <= now.getTime()) {
    const fresh = { token: token(18), expires_at: new Date(now.getTime() + PREVIEW_LIFETIME_MS) };
    await ctx.store.query(
      `INSERT INTO flow_previews (flow_id, token, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (flow_id) DO UPDATE SET token = EXCLUDED.token, expires_at = EXCLUDED.expires_at`,
      [flowId, fresh.token, fresh.expires_at],
    );
    row = fresh;
  }
  const expires = new Date(row.expires_at);
  return {
    preview_url: `${ctx.config.publicBaseUrl}/preview/${encodeURIComponent(flowId)}?token=${encodeURIComponent(row.token)}`,
    // Graph writes times as 2024-01-01T00:00:00+0000.
    expires_at: expires.toISOString().replace(/\.\d{3}Z$/, '+0000'),
  };
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Lists a component and its children as nested HTML items: type, then its visible text. */
function component(node: unknown): string {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return '';
  const c = node as Record<string, unknown>;
  const type = typeof c.type === 'string' ? c.type : 'Component';
  const text = ['text', 'label', 'title'].map((k) => c[k]).find((v) => typeof v === 'string');
  const children = Array.isArray(c.children) ? `<ul>${c.children.map((child) => `<li>${component(child)}</li>`).join('')}</ul>` : '';
  return `<code>${escapeHtml(type)}</code>${typeof text === 'string' ? ` ${escapeHtml(text)}` : ''}${children}`;
}

function renderPage(name: string, status: string, source: string | undefined): string {
  let screens = '<p>This flow has no Flow JSON yet.</p>';
  if (source !== undefined) {
    try {
      const doc = JSON.parse(source) as { screens?: unknown };
      const list = Array.isArray(doc.screens) ? doc.screens : [];
      screens = list
        .map((s) => {
          const screen = (typeof s === 'object' && s !== null ? s : {}) as Record<string, unknown>;
          const layout = (screen.layout ?? {}) as Record<string, unknown>;
          const children = Array.isArray(layout.children) ? layout.children : [];
          return `<section><h2>${escapeHtml(String(screen.title ?? screen.id ?? 'Screen'))}</h2><p class="id">${escapeHtml(String(screen.id ?? ''))}</p><ul>${children.map((child) => `<li>${component(child)}</li>`).join('')}</ul></section>`;
        })
        .join('');
    } catch {
      screens = '<p>The Flow JSON of this flow is not valid JSON.</p>';
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(name)} · preview</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}section{border:1px solid #ccc;border-radius:12px;padding:.5rem 1rem;margin:1rem 0}.id{color:#777;font-size:.8rem}</style>
</head><body><h1>${escapeHtml(name)}</h1><p>Status: ${escapeHtml(status)}</p>${screens}</body></html>`;
}

export function registerPreviewRoutes(router: Router): void {
  router.add('GET', '/preview/:flowId', async (req, params, ctx) => {
    const flowId = params.flowId ?? '';
    const given = new URL(req.url).searchParams.get('token') ?? '';
    const rows = await ctx.store.query<{ token: string; expires_at: Date | string }>('SELECT token, expires_at FROM flow_previews WHERE flow_id = $1', [flowId]);
    const row = rows[0];
    if (row === undefined || given === '' || !sameToken(given, row.token) || new Date(row.expires_at).getTime() <= ctx.clock().getTime()) {
      return html('<!doctype html><title>Preview link not valid</title><p>This preview link is not valid or has expired. Ask the API for a new one (fields=preview.invalidate(true)).</p>', 404);
    }
    // The token is the credential here (a preview link works without an API key).
    const flow = await getFlowRecord(ctx.store, ANY_ACCOUNT, flowId);
    if (flow === undefined) return html('<!doctype html><title>Flow not found</title><p>This flow no longer exists.</p>', 404);
    const asset = await getFlowJson(ctx.store, flowId);
    return html(renderPage(flow.name, flow.status, asset?.content));
  });

  // The download_url of a flow's flow.json asset (local only: the sandbox listens on loopback).
  router.add('GET', '/_sandbox/flows/:flowId/flow.json', async (_req, params, ctx) => {
    const asset = await getFlowJson(ctx.store, params.flowId ?? '');
    if (asset === undefined) return json({ error: { message: 'This flow has no flow.json.', code: 100 } }, 404);
    return new Response(asset.content, { headers: { 'content-type': 'application/json; charset=utf-8' } });
  });
}
