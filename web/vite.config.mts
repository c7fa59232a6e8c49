import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import bpmnlint from 'rollup-plugin-bpmnlint';

// The app is served by our express server from web/dist; in development `npx vite web`
// proxies /api to a running `npm start`.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [bpmnlint({ include: '**/.bpmnlintrc' })],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000, sourcemap: false },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
