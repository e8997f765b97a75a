// Opening a gallery flow in the builder: the gallery links to `/builder?gallery=<id>`, and the
// builder reads that once when it mounts to choose its first text and flow name. A link, not
// shared state, so the opened flow survives a reload and can be bookmarked.
import { flowNameOf, galleryEntry } from './entries.js';

export const GALLERY_PARAM = 'gallery';

export function builderHref(id: string): string {
  return `/builder?${GALLERY_PARAM}=${encodeURIComponent(id)}`;
}

export interface GalleryStart {
  text?: string;
  name?: string;
  /** What the builder's status line says about it. */
  note?: { kind: 'ok' | 'error'; text: string };
}

/** The flow a builder URL's query asks for; empty when it names none. */
export function galleryStart(search: string): GalleryStart {
  const id = new URLSearchParams(search).get(GALLERY_PARAM);
  if (id === null) return {};
  const entry = galleryEntry(id);
  if (entry === undefined) return { note: { kind: 'error', text: `The gallery has no flow "${id}"; showing the feedback form.` } };
  return { text: entry.json, name: flowNameOf(entry), note: { kind: 'ok', text: `Opened “${entry.title}” from the gallery.` } };
}
