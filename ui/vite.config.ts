// Builds the browser app into ui/dist. JSX goes through Vite's own oxc transform with Preact's
// automatic runtime (no babel plugin), so `vite build` needs no network.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export const uiConfig = defineConfig({
  root,
  base: '/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 2000 },
});

// Vite's CLI reads the default export of its config file.
// eslint-disable-next-line no-restricted-syntax
export default uiConfig;
