import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';
import { electronTarget } from './e2e/electron-target.ts';
import type { KithOptions } from './e2e/fixtures.ts';

// Prefer the distribution's Chromium where there is one (no browser download needed);
// otherwise Playwright's own Chromium is used.
const systemChromium = '/usr/bin/chromium';
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// Said once, by the runner (workers load this file too), so the skips below are not a mystery.
const electron = electronTarget();
if (!electron.found && process.env.TEST_WORKER_INDEX === undefined) {
  console.warn(`electron project: skipping, ${electron.reason}`);
}

export default defineConfig<KithOptions>({
  testDir: 'e2e',
  // Not *.spec.ts: vitest's default pattern would pick those up as unit tests.
  testMatch: '**/*.e2e.ts',
  outputDir: 'test-results',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: { trace: 'retain-on-failure' },
  projects: [
    {
      name: 'browser',
      use: {
        kithTarget: 'browser',
        browserName: 'chromium',
        headless: true,
        launchOptions: {
          args: chromiumArgs,
          ...(existsSync(systemChromium) ? { executablePath: systemChromium } : {}),
        },
      },
    },
    {
      name: 'electron',
      use: { kithTarget: 'electron' },
    },
  ],
});
