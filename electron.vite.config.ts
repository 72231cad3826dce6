import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

// Our sources sit in top-level folders rather than src/, so every entry is explicit.
const fromRoot = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

const PHONE_MATCHER = /\/libphonenumber-js\/es6\/helpers\/matchesEntirely\.js$/;

/**
 * The bundled form of main/phone/regex-hook.ts. That hook swaps libphonenumber-js's matcher for the caching one
 * at module resolution, which a bundle cannot use: its static imports are resolved before any code runs, and the
 * replacement is a .ts file beside the sources. So libphonenumber-js is bundled and the swap happens here instead.
 */
function phoneRegexCache(): Plugin {
  return {
    name: 'kith:phone-regex-cache',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!source.endsWith('matchesEntirely.js')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved && PHONE_MATCHER.test(resolved.id.replaceAll('\\', '/'))
        ? fromRoot('main/phone/matches-entirely.ts')
        : resolved;
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: fromRoot('out/main'),
      // Dependencies load from node_modules at runtime; the native SQLite addon must never be bundled.
      // libphonenumber-js is the exception: bundled, so that phoneRegexCache can swap its matcher. The message
      // formatter is bundled too, so the import worker needs nothing from node_modules.
      externalizeDeps: { include: ['better-sqlite3'], exclude: ['libphonenumber-js', 'intl-messageformat'] },
      rolldownOptions: {
        input: {
          index: fromRoot('main/index.ts'),
          // The import pool's worker thread; main/index.ts points setImportWorkerUrl at it.
          'import-worker': fromRoot('main/import/worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
    plugins: [phoneRegexCache()],
  },
  preload: {
    build: {
      outDir: fromRoot('out/preload'),
      // A sandboxed preload can require only electron and a few built-ins: bundle the rest,
      // and emit CommonJS with a .cjs name because the package is "type": "module".
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: fromRoot('preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: fromRoot('renderer'),
    plugins: [react()],
    build: {
      outDir: fromRoot('out/renderer'),
      // Less script to parse before the first window of contacts appears.
      minify: true,
      rolldownOptions: {
        input: { index: fromRoot('renderer/index.html') },
      },
    },
  },
});
