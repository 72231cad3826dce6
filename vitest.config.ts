import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{main,preload,renderer,server,protocol,scripts,bench,i18n}/**/*.test.ts'],
    // SQLite files, worker threads and real Chromium make some tests slower than the default 5 s on 2 cores.
    testTimeout: 30_000,
  },
});
