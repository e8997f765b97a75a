// Builds the `<waflow-phone>` element (waflow/preview) into dist/preview/: one self-contained ES
// module (Preact, the runtime and the phone's CSS inlined) and its hand-written declarations.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const EMPTY_CSS = '\0waflow-preview-no-document-css';

/**
 * The phone's components import their CSS for the app's document; the element puts the same CSS
 * (`?inline`) in its shadow root instead, so plain `.css` imports become empty modules: nothing
 * reaches the host page's document and no stray stylesheet ships.
 */
function shadowOnlyCss(): Plugin {
  return {
    name: 'waflow-preview-shadow-only-css',
    enforce: 'pre',
    resolveId(source) {
      return source.endsWith('.css') ? EMPTY_CSS : null;
    },
    load(id) {
      return id === EMPTY_CSS ? 'export {};' : null;
    },
  };
}

function declarations(): Plugin {
  return {
    name: 'waflow-preview-declarations',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'index.d.ts', source: readFileSync(new URL('src/preview/public-types.d.ts', import.meta.url), 'utf8') });
    },
  };
}

export const previewConfig = defineConfig({
  root,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  // Library builds keep process.env references; a page has no process.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  plugins: [shadowOnlyCss(), declarations()],
  build: {
    outDir: '../dist/preview',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    copyPublicDir: false,
    lib: { entry: 'src/preview/index.ts', formats: ['es'], fileName: () => 'index.js' },
  },
});

// Vite's CLI reads the default export of its config file.
// eslint-disable-next-line no-restricted-syntax
export default previewConfig;
