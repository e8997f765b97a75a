// The gallery page: starter flows as cards (what each is for, its version, screen count and the
// components it uses), narrowed by a search box and by use case and origin, each with a link that
// opens it in the builder, where it previews and runs at once.
import { useMemo, useState } from 'preact/hooks';
import { GALLERY, SOURCE_LABELS } from './entries.js';
import type { GalleryEntry, GallerySource } from './entries.js';
import { builderHref } from './open.js';
import { summarizeFlow } from './summary.js';
import type { FlowSummary } from './summary.js';
import './gallery.css';

interface Card {
  entry: GalleryEntry;
  summary: FlowSummary | undefined;
  /** Lower-case text the search box matches against. */
  haystack: string;
}

function cardOf(entry: GalleryEntry): Card {
  let summary: FlowSummary | undefined;
  try {
    summary = summarizeFlow(entry.json);
  } catch {
    summary = undefined;
  }
  const haystack = [entry.title, entry.description, entry.category, entry.file, SOURCE_LABELS[entry.source], ...(summary?.components ?? [])].join(' ').toLowerCase();
  return { entry, summary, haystack };
}

const CARDS: readonly Card[] = GALLERY.map(cardOf);
const CATEGORIES = [...new Set(GALLERY.map((e) => e.category))].sort();

export interface GalleryProps {
  /** Opens a builder URL (`/builder?gallery=<id>`) inside the app. */
  onOpen(href: string): void;
}

export function Gallery({ onOpen }: GalleryProps) {
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState('');
  const [source, setSource] = useState<GallerySource | ''>('');

  const shown = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter((w) => w !== '');
    return CARDS.filter((c) => (category === '' || c.entry.category === category) && (source === '' || c.entry.source === source) && words.every((w) => c.haystack.includes(w)));
  }, [query, category, source]);

  const open = (e: MouseEvent, href: string): void => {
    // Modified clicks keep the browser's meaning (a new tab or window).
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    onOpen(href);
  };

  return (
    <div class="gallery">
      <header class="gallery-head">
        <h1>Gallery</h1>
        <p class="muted">Starter flows to open in the builder: the seed's feedback form, the repository's examples and templates for common use cases. Each previews and runs at once.</p>
      </header>
      <div class="gallery-filters" role="search">
        <label class="gallery-search">
          Search
          <input type="search" data-testid="gallery-search" placeholder="booking, DatePicker, survey…" value={query} onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)} />
        </label>
        <label>
          Use case
          <select data-testid="gallery-category" value={category} onChange={(e) => setCategory((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">All</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          Origin
          <select data-testid="gallery-source" value={source} onChange={(e) => setSource((e.currentTarget as HTMLSelectElement).value as GallerySource | '')}>
            <option value="">All</option>
            {(Object.keys(SOURCE_LABELS) as GallerySource[]).map((s) => (
              <option key={s} value={s}>
                {SOURCE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p class="gallery-count muted" role="status" data-testid="gallery-count">
        {shown.length === CARDS.length ? `${CARDS.length} flows` : `${shown.length} of ${CARDS.length} flows`}
      </p>
      {shown.length === 0 ? (
        <p class="gallery-empty">
          No flow matches.{' '}
          <button
            type="button"
            onClick={() => {
              setQuery('');
              setCategory('');
              setSource('');
            }}
          >
            Show all
          </button>
        </p>
      ) : (
        <ul class="gallery-grid">
          {shown.map(({ entry, summary }) => (
            <li key={entry.id}>
              <article class="card gallery-card" data-testid="gallery-card" data-entry={entry.id} aria-labelledby={`gallery-${entry.id}`}>
                <p class="gallery-tags">
                  <span class={`pill gallery-src-${entry.source}`}>{SOURCE_LABELS[entry.source]}</span> <span class="muted">{entry.category}</span>
                </p>
                <h2 id={`gallery-${entry.id}`}>{entry.title}</h2>
                <p class="gallery-desc">{entry.description}</p>
                {summary === undefined ? (
                  <p class="error-text">The Flow JSON of {entry.file} does not parse.</p>
                ) : (
                  <>
                    <p class="gallery-facts muted" data-testid="gallery-facts">
                      Flow JSON {summary.version ?? '?'} · {summary.screens} screen{summary.screens === 1 ? '' : 's'}
                    </p>
                    <ul class="gallery-components" aria-label="Components used">
                      {summary.components.map((c) => (
                        <li key={c}>{c}</li>
                      ))}
                    </ul>
                  </>
                )}
                <div class="gallery-actions">
                  <a class="gallery-open" href={builderHref(entry.id)} aria-label={`Open ${entry.title} in the builder`} data-testid="gallery-open" onClick={(e) => open(e, builderHref(entry.id))}>
                    Open in builder
                  </a>
                  <span class="gallery-file muted">examples/{entry.file}</span>
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
