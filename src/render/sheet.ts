// The contact sheet: every rendered screen at full size, in columns by routing layer (distance from
// the entry screen), with the routing graph's edges drawn as arrows. Written as one HTML page that
// the render's Chromium screenshots, so the browser does the image composition.
import type { RoutingGraph } from '../flow-json/routing/graph.js';

export interface SheetScreen {
  readonly id: string;
  readonly title?: string;
  readonly png: Uint8Array;
}

const PAD = 32;
const GAP_X = 140;
const GAP_Y = 40;
const LABEL = 44;
const LEGEND = 44;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

interface Box {
  x: number;
  y: number;
}

/** The page for `screens` (each `width`×`height` px) laid out by `graph`; edges between drawn screens only. */
export function contactSheetHtml(graph: RoutingGraph, screens: readonly SheetScreen[], width: number, height: number): string {
  const drawn = new Map(screens.map((s) => [s.id, s]));
  const nodes = graph.nodes.filter((n) => drawn.has(n.id));
  // Layers and rows closed up over the drawn screens only (a subset leaves no holes).
  const layers = [...new Set(nodes.map((n) => n.layer))].sort((a, b) => a - b);
  const rows = new Map<number, number>();
  const boxes = new Map<string, Box>();
  for (const node of [...nodes].sort((a, b) => a.layer - b.layer || a.index - b.index)) {
    const column = layers.indexOf(node.layer);
    const row = rows.get(column) ?? 0;
    rows.set(column, row + 1);
    boxes.set(node.id, { x: PAD + column * (width + GAP_X), y: PAD + LABEL + row * (height + LABEL + GAP_Y) });
  }
  const pageWidth = PAD * 2 + Math.max(1, layers.length) * width + Math.max(0, layers.length - 1) * GAP_X;
  const pageHeight = PAD * 2 + LEGEND + Math.max(1, ...rows.values()) * (height + LABEL + GAP_Y);

  const cards = nodes.map((node) => {
    const box = boxes.get(node.id) as Box;
    const screen = drawn.get(node.id) as SheetScreen;
    const title = screen.title ?? node.title;
    const tags = [node.entry ? 'entry' : '', node.terminal ? 'terminal' : ''].filter((t) => t !== '').join(' · ');
    return `<figure style="left:${box.x}px;top:${box.y - LABEL}px;width:${width}px" data-screen="${escapeHtml(node.id)}">
  <figcaption><span><b>${escapeHtml(node.id)}</b>${title === undefined ? '' : ` — ${escapeHtml(title)}`}</span>${tags === '' ? '' : `<small>${tags}</small>`}</figcaption>
  <img alt="${escapeHtml(node.id)}" width="${width}" height="${height}" src="data:image/png;base64,${Buffer.from(screen.png).toString('base64')}">
</figure>`;
  });

  const paths = graph.edges.flatMap((edge) => {
    const from = boxes.get(edge.from);
    const to = boxes.get(edge.to);
    if (from === undefined || to === undefined) return [];
    const cls = edge.kind === 'navigate' ? 'nav' : 'dx';
    let d: string;
    if (edge.from === edge.to) {
      // A screen that routes to itself: a loop over its top right corner.
      const x = from.x + width;
      const y = from.y + 40;
      d = `M ${x - 40} ${from.y} C ${x - 40} ${from.y - 50}, ${x + 50} ${y}, ${x} ${y}`;
    } else if (to.x > from.x) {
      // Forward, right side to left side.
      const x1 = from.x + width;
      const y1 = from.y + height / 2;
      const x2 = to.x;
      const y2 = to.y + height / 2;
      d = `M ${x1} ${y1} C ${x1 + GAP_X / 2} ${y1}, ${x2 - GAP_X / 2} ${y2}, ${x2} ${y2}`;
    } else {
      // Back or within a column: over the top, arching into the label band.
      const x1 = from.x + width / 2;
      const x2 = to.x + width / 2 + 16;
      const lift = Math.min(from.y, to.y) - LABEL + 6;
      d = `M ${x1} ${from.y} C ${x1} ${lift}, ${x2} ${lift}, ${x2} ${to.y}`;
    }
    return [`<path class="${cls}" d="${d}" marker-end="url(#${cls}-head)"><title>${escapeHtml(`${edge.from} → ${edge.to} (${edge.kind})`)}</title></path>`];
  });

  return `<!doctype html>
<html><head><meta charset="utf-8"><style>
  html, body { margin: 0; background: #fff; }
  body { position: relative; width: ${pageWidth}px; height: ${pageHeight}px; font: 14px -apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; color: #111b21; }
  figure { position: absolute; margin: 0; }
  figcaption { height: ${LABEL}px; display: flex; flex-direction: column; justify-content: flex-end; padding-bottom: 6px; box-sizing: border-box; }
  figcaption span { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  figcaption small { color: #667781; }
  img { display: block; }
  svg { position: absolute; inset: 0; overflow: visible; pointer-events: none; }
  path.nav, path.dx { fill: none; stroke-width: 3; }
  path.nav { stroke: #008069; }
  path.dx { stroke: #b26a00; stroke-dasharray: 9 6; }
  .legend { position: absolute; left: ${PAD}px; bottom: ${PAD}px; display: flex; gap: 24px; color: #667781; }
  .legend i { display: inline-block; width: 36px; border-top: 3px solid #008069; vertical-align: middle; margin-right: 8px; }
  .legend i.dx { border-top: 3px dashed #b26a00; }
</style></head><body>
${cards.join('\n')}
<svg width="${pageWidth}" height="${pageHeight}" xmlns="http://www.w3.org/2000/svg">
  <defs>
    <marker id="nav-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="#008069" stroke="none"/></marker>
    <marker id="dx-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="#b26a00" stroke="none"/></marker>
  </defs>
  ${paths.join('\n  ')}
</svg>
<div class="legend"><span><i></i>navigate</span><span><i class="dx"></i>data_exchange (routing_model)</span></div>
</body></html>`;
}
