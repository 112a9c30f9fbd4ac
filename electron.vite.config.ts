import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { precompress } from './scripts/precompress';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The CLI and serve mode share the main bundle's code but never load 'electron'.
      rollupOptions: {
        input: {
          index: resolve('electron/app/main.ts'),
          cli: resolve('electron/cli/main.ts'),
          // The worker thread that judges workspace files; electron/workspace/checker.ts starts it by this name.
          'workspace-check': resolve('electron/workspace/check-worker.ts'),
        },
        // The code both entries share; left to itself the bundler names it after whichever module comes first,
        // which then shows up, misleadingly, in every stack trace.
        output: { chunkFileNames: 'chunks/shared-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // The sandbox lets a preload require only 'electron': bundle zod and the contract into the one file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/app/preload.ts') },
        // A sandboxed preload cannot be an ES module and can require only 'electron': one CJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    build: {
      outDir: resolve('out/renderer'),
      minify: true,
      // Every browser the cockpit supports preloads modules natively (Electron's Chromium, current Firefox and Safari).
      modulePreload: { polyfill: false },
      rollupOptions: {
        input: { index: resolve('renderer/index.html') },
        // Everything the first screen loads goes into the one entry file: left to itself the bundler spread it over
        // ten small files, and each compresses on its own (about 2 KiB more gzipped, and ten requests instead of one).
        // Screens, dialogs and charts stay in their own chunks, loaded on first use or at idle.
        output: { codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] } },
      },
    },
    plugins: [
      react(),
      precompress(),
      {
        // The dev server's React refresh is an inline script, which the built page's meta CSP (rightly) blocks;
        // only `electron-vite dev` drops the meta. Builds keep it, and the header carries the same policy anyway.
        name: 'cockpit:dev-csp',
        apply: 'serve',
        transformIndexHtml: (html: string) =>
          html.replace(/<meta\s+http-equiv="Content-Security-Policy"[\s\S]*?\/>/i, ''),
      },
    ],
  },
});
