import { _electron, test as base, type Page, type TestInfo } from '@playwright/test';
import Database from 'better-sqlite3';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppHost } from '../main/app/host.ts';
import type { ImportReport, IpcReply, KithApi, UploadedFile } from '../main/ipc/contract.ts';
import type { Db } from '../main/store/open.ts';
import { startWebHarness, type WebHarness } from '../scripts/web-harness.ts';
import { needsVirtualDisplay, startVirtualDisplay, type VirtualDisplay } from './display.ts';
import { electronTarget } from './electron-target.ts';
import { startSyncServer, type TestSyncServer } from './sync-server.ts';

// One `page` fixture, two ways to get it: the browser harness in Chromium, or the real
// Electron app's first window. Specs are written once and run in both projects. Every test
// gets a fresh app data folder (store, imported copies, session).

export type KithTarget = 'browser' | 'electron';

export interface KithOptions {
  kithTarget: KithTarget;
}

/** The app under test, whichever way it runs. */
export interface KithApp {
  readonly target: KithTarget;
  readonly page: Page;
  /** The app's data folder: its store `kith.db`, imported copies, the session. */
  readonly dataDir: string;
  /** Browser mode only: the real AppHost behind the page, running in this process. */
  readonly host: AppHost | null;
  /** Loads the page again and waits for its first screen. */
  reload(): Promise<void>;
  /**
   * Imports files as the app does, without the file picker: straight through the host in browser mode, through
   * the page's `window.kith.importFiles` in Electron (where the host lives in the app's main process).
   */
  importPaths(paths: string[]): Promise<ImportReport[]>;
  /** Reads the app's store: the host's own connection in browser mode, the file read-only in Electron. */
  readStore<T>(read: (db: Db) => T): T;
}

interface WorkerFixtures {
  virtualDisplay: () => Promise<VirtualDisplay | null>;
}

interface TestFixtures {
  profileDir: string;
  dataDir: string;
  harness: WebHarness | null;
  kith: KithApp;
  /** A real sync server on loopback for this test, dropped afterwards. */
  syncServer: TestSyncServer;
}

const projectRoot = path.resolve(import.meta.dirname, '..');

export const test = base.extend<TestFixtures, WorkerFixtures & KithOptions>({
  kithTarget: ['browser', { option: true, scope: 'worker' }],

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
  profileDir: async ({}, use) => withTempDir('kith-e2e-profile-', use),

  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => withTempDir('kith-e2e-data-', use),

  // eslint-disable-next-line no-empty-pattern
  syncServer: async ({}, use) => {
    const server = await startSyncServer();
    try {
      await use(server);
    } finally {
      await server.close();
    }
  },

  // The browser harness in this process, so a test can reach the real host behind the page.
  harness: async ({ kithTarget, dataDir }, use) => {
    if (kithTarget !== 'browser') return use(null);
    const harness = await startWebHarness({ dataDir });
    try {
      await use(harness);
    } finally {
      await harness.close();
    }
  },

  page: async (
    { kithTarget, harness, virtualDisplay, profileDir, dataDir, playwright, launchOptions, headless },
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
          await context.close();
        }
        return;
      }

      const target = electronTarget();
      if (!target.found) {
        testInfo.skip(true, target.reason);
        return;
      }
      const env: Record<string, string> = { ...definedEnv(), KITH_USER_DATA_DIR: dataDir };
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

  kith: async ({ kithTarget, page, harness, dataDir }, use) => {
    const host = harness?.host ?? null;
    await use({
      target: kithTarget,
      page,
      dataDir,
      host,
      reload: async () => {
        await page.reload();
        await page.locator('#app[data-state="ready"]').waitFor();
      },
      importPaths: async (paths) => {
        if (host) return host.importPaths(paths);
        const files: UploadedFile[] = await Promise.all(
          paths.map(async (file) => ({ name: path.basename(file), data: (await readFile(file)).toString('base64') })),
        );
        const reply = await page.evaluate(
          (uploads) => (globalThis as unknown as { kith: KithApi }).kith.importFiles(uploads),
          files,
        );
        return unwrap(reply);
      },
      readStore: (read) => {
        if (host) return read(host.db);
        const db = new Database(path.join(dataDir, 'kith.db'), { readonly: true, fileMustExist: true });
        try {
          return read(db);
        } finally {
          db.close();
        }
      },
    });
  },
});

export { expect } from '@playwright/test';

/** The value of an IPC reply, or the error it carried. */
export function unwrap<T>(reply: IpcReply<T>): T {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value;
}

async function withTempDir(prefix: string, use: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  try {
    await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

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
