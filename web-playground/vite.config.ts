// Builds the playground page (www/) into dist/: everything bundled, no CDN, so it works offline.
// The wasm comes from pkg/ (scripts/build-wasm.sh), the examples from ../policies/*.zc.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'www',
  base: './',
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    // The wasm is large: keep it a file of its own (application/wasm, streaming compile).
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
  worker: { format: 'es' },
  server: { fs: { allow: ['..', '../../policies'] } },
});
