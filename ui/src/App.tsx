// The shell: a top bar with the four pages (builder, gallery, inbox, dashboard) on real paths that the
// sandbox answers with index.html, so a page can be reloaded and linked to. A skip link leads
// keyboard users past the bar; the bar wraps on narrow windows (app.css).
import { useEffect, useState } from 'preact/hooks';
import { Builder } from './builder/Builder.js';
import { Dashboard } from './dashboard/Dashboard.js';
import { Gallery } from './gallery/Gallery.js';
import { Inbox } from './inbox/Inbox.js';

const PAGES = [
  { path: '/builder', title: 'Builder' },
  { path: '/gallery', title: 'Gallery' },
  { path: '/inbox', title: 'Inbox' },
  { path: '/dashboard', title: 'Dashboard' },
] as const;

type PagePath = (typeof PAGES)[number]['path'];

function current(): PagePath {
  const found = PAGES.find((p) => location.pathname === p.path);
  return found?.path ?? '/builder';
}

export function App() {
  const [page, setPage] = useState<PagePath>(current);
  useEffect(() => {
    const onPop = (): void => setPage(current());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const go = (path: PagePath): void => {
    if (path !== location.pathname) history.pushState(null, '', path + location.search);
    setPage(path);
  };
  return (
    <div class="app">
      <a class="skip-link" href="#main">
        Skip to the page
      </a>
      <header class="app-bar">
        <span class="brand">
          <span class="brand-dot" /> waflow
        </span>
        <nav>
          {PAGES.map((p) => (
            <a
              key={p.path}
              href={p.path}
              class={page === p.path ? 'is-active' : ''}
              data-testid={`nav-${p.title.toLowerCase()}`}
              onClick={(e) => {
                e.preventDefault();
                go(p.path);
              }}
            >
              {p.title}
            </a>
          ))}
        </nav>
        <span class="app-bar-note">local sandbox</span>
      </header>
      <main class="app-main" id="main" tabIndex={-1}>
        {page === '/builder' && <Builder />}
        {page === '/gallery' && (
          <Gallery
            onOpen={(href) => {
              // The builder reads ?gallery= when it mounts (gallery/open.ts); focus moves to the page.
              history.pushState(null, '', href);
              setPage('/builder');
              document.getElementById('main')?.focus();
            }}
          />
        )}
        {page === '/inbox' && <Inbox />}
        {page === '/dashboard' && <Dashboard />}
      </main>
    </div>
  );
}
