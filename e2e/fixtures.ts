import { _electron, test as base, type Page, type TestInfo } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { needsVirtualDisplay, startVirtualDisplay, type VirtualDisplay } from './display.ts';
import { electronTarget } from './electron-target.ts';
import { startHarnessProcess, type HarnessProcess } from './harness-process.ts';

// One `page` fixture, two ways to get it: the browser harness in Chromium, or the real
// Electron app's first window. Specs are written once and run in both projects.

export type KithTarget = 'browser' | 'electron';

export interface KithOptions {
  kithTarget: KithTarget;
}

interface WorkerFixtures {
  harness: HarnessProcess | null;
  virtualDisplay: () => Promise<VirtualDisplay | null>;
}

interface TestFixtures {
  profileDir: string;
}

const projectRoot = path.resolve(import.meta.dirname, '..');

export const test = base.extend<TestFixtures, WorkerFixtures & KithOptions>({
  kithTarget: ['browser', { option: true, scope: 'worker' }],

  harness: [
    async ({ kithTarget }, use) => {
      if (kithTarget !== 'browser') return use(null);
      const harness = await startHarnessProcess();
      try {
        await use(harness);
      } finally {
        await harness.stop();
      }
    },
    { scope: 'worker' },
  ],

  // Started only when an Electron test actually runs on a Linux box without a display.
  virtualDisplay: [
    // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      let started: Promise<VirtualDisplay | null> | undefined;
      await use(() => (started ??= startVirtualDisplay()));
      await (await started)?.stop();
    },
    { scope: 'worker' },
  ],

  // eslint-disable-next-line no-empty-pattern
  profileDir: async ({}, use) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'kith-e2e-profile-'));
    try {
      await use(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },

  page: async (
    { kithTarget, harness, virtualDisplay, profileDir, playwright, launchOptions, headless },
    use,
    testInfo,
  ) => {
    const output: string[] = [];
    try {
      if (kithTarget === 'browser') {
        if (!harness) throw new Error('the browser project needs the harness');
        const context = await playwright.chromium.launchPersistentContext(profileDir, { ...launchOptions, headless });
        // Nothing but the harness may be reached; a stray request fails loudly instead of leaking.
        await context.route(
          (url) => url.origin !== harness.origin,
          (route) => route.abort('blockedbyclient'),
        );
        try {
          const page = context.pages()[0] ?? (await context.newPage());
          captureConsole(page, output);
          await page.goto(harness.url);
          await use(page);
        } finally {
          output.unshift(harness.output());
          await context.close();
        }
        return;
      }

      const target = electronTarget();
      if (!target.found) {
        testInfo.skip(true, target.reason);
        return;
      }
      const env: Record<string, string> = { ...definedEnv(), KITH_USER_DATA_DIR: profileDir };
      if (needsVirtualDisplay()) {
        const display = await virtualDisplay();
        if (display) env.DISPLAY = display.display;
      }
      const app = await _electron.launch({
        executablePath: target.executablePath,
        args: [...target.args],
        cwd: projectRoot,
        env,
      });
      try {
        app.process().stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
        app.process().stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
        const page = await app.firstWindow();
        captureConsole(page, output);
        await use(page);
      } finally {
        await app.close();
      }
    } finally {
      await attachOutputOnFailure(testInfo, output);
    }
  },
});

export { expect } from '@playwright/test';

function captureConsole(page: Page, output: string[]): void {
  page.on('console', (message) => output.push(`[console.${message.type()}] ${message.text()}\n`));
  page.on('pageerror', (error) => output.push(`[pageerror] ${error.message}\n`));
}

async function attachOutputOnFailure(testInfo: TestInfo, output: string[]): Promise<void> {
  if (testInfo.status === testInfo.expectedStatus || output.length === 0) return;
  await testInfo.attach('app-output', { body: output.join(''), contentType: 'text/plain' });
}

function definedEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
