// Builds the browser editor into editor/dist, served by the Conveyor server at /editor.
// `npm run build` uses it; so do `npm start` (when stale) and the editor's end-to-end tests.
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/editor/',
  plugins: [preact()],
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // Monaco and its language workers are large by nature; they load only on the pages that edit.
    chunkSizeWarningLimit: 8000,
  },
  server: {
    // `npx vite --config editor/vite.config.ts` during development, against `npm start` on 8080.
    proxy: { '/v1': 'http://127.0.0.1:8080' },
  },
});
