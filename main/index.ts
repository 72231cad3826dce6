import { app, BrowserWindow, dialog, session } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppHost } from './app/host.ts';
import { setImportWorkerUrl } from './import/pool.ts';
import type { AppEvent, ImportReport } from './ipc/contract.ts';
import { createHandlers } from './ipc/handlers.ts';
import { EVENT_CHANNEL } from './ipc/methods.ts';
import { APP_ENTRY_URL, trustedOrigin } from './shell/app-url.ts';
import { hardenWebContents, limitPermissions } from './shell/guards.ts';
import { registerIpc } from './shell/ipc.ts';
import { setupLogging } from './shell/log.ts';
import { installApplicationMenu } from './shell/menu.ts';
import { watchJoins } from './shell/join-notices.ts';
import { showOsNotification } from './shell/notifications.ts';
import { importablePathsFromArgv, OpenedFiles } from './shell/open-files.ts';
import { registerAppScheme, serveRenderer } from './shell/protocol.ts';
import { revealFolder } from './shell/reveal.ts';
import { keychainTokenStore } from './shell/token-store.ts';
import { createMainWindow, MAIN_WINDOW_SIZES } from './shell/window.ts';
import { rememberWindowState, restoreWindowState, WINDOW_STATE_FILE } from './shell/window-state.ts';

// No runtime phone regex hook here (main/phone/regex-hook.ts): in this bundle libphonenumber-js is resolved before
// any code runs, and the hook's replacement is a .ts file beside the sources. The build swaps the matcher instead
// (phoneRegexCache in electron.vite.config.ts), for this entry and for the import worker.

// Built layout: out/main/index.js, out/main/import-worker.js, out/preload/index.cjs, out/renderer/index.html.
const outDir = path.resolve(import.meta.dirname, '..');
const preloadPath = path.join(outDir, 'preload', 'index.cjs');
const rendererDir = path.join(outDir, 'renderer');
const importWorker = path.join(import.meta.dirname, 'import-worker.js');

const development = !app.isPackaged;
// `electron-vite dev` serves the renderer over http with hot reload; never honoured when packaged.
const devServerUrl = development ? process.env.ELECTRON_RENDERER_URL : undefined;
const startUrl = devServerUrl ?? APP_ENTRY_URL;
const isAppUrl = trustedOrigin(startUrl);

app.setName('Kith');
// One explicit profile location, the same in dev and packaged builds; tests point it at a temp dir.
app.setPath('userData', process.env.KITH_USER_DATA_DIR || path.join(app.getPath('appData'), 'Kith'));
const log = setupLogging({ userDataDir: app.getPath('userData'), development });
app.enableSandbox();
registerAppScheme();
// The import pool's worker thread is a second entry of the main build; from sources the pool's default applies.
if (existsSync(importWorker)) setImportWorkerUrl(pathToFileURL(importWorker));

const windowStateFile = path.join(app.getPath('userData'), WINDOW_STATE_FILE);
let mainWindow: BrowserWindow | null = null;
let host: AppHost | null = null;

const reportError =
  (what: string) =>
  (error: unknown): void => {
    log.error(`[shell] ${what} failed:`, error);
  };

// Address books the OS asks us to open wait here until the engine is up.
const openedFiles = new OpenedFiles({ onError: reportError('importing an opened file') });

async function chooseFiles(): Promise<string[]> {
  const options = {
    title: 'Import contacts',
    properties: ['openFile', 'multiSelections'] as Array<'openFile' | 'multiSelections'>,
    filters: [{ name: 'Address books', extensions: ['vcf', 'vcard', 'csv'] }],
  };
  const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}

function send(event: AppEvent): void {
  mainWindow?.webContents.send(EVENT_CHANNEL, event);
}

/** Sent once the page has loaded, so a request made while the window opens is not lost. */
function navigate(screen: Extract<AppEvent, { type: 'navigate' }>['screen']): void {
  const contents = mainWindow?.webContents;
  if (!contents) return;
  if (contents.isLoading()) contents.once('did-finish-load', () => send({ type: 'navigate', screen }));
  else send({ type: 'navigate', screen });
}

function showMainWindow(): void {
  if (!mainWindow) {
    if (host) openMainWindow();
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/** Files that could not be read are named to the user; the rest show up in the sources list. */
async function reportImports(reports: ImportReport[]): Promise<void> {
  for (const report of reports) {
    if (report.error) log.warn(`[shell] import of ${report.file} failed: ${report.error}`);
    else log.info(`[shell] imported ${report.file}: ${report.contacts} contacts, ${report.issues.length} issues`);
  }
  const failed = reports.filter((report) => report.error !== null);
  if (failed.length === 0) return;
  const options = {
    type: 'warning' as const,
    message: failed.length === 1 ? `Kith could not import ${failed[0]!.file}` : 'Kith could not import some files',
    detail: failed.map((report) => `${report.file}: ${report.error}`).join('\n'),
  };
  if (mainWindow) await dialog.showMessageBox(mainWindow, options);
  else await dialog.showMessageBox(options);
}

async function importOpenedFiles(paths: string[]): Promise<void> {
  if (!host) return;
  showMainWindow();
  navigate('sources');
  await reportImports(await host.importPaths(paths));
}

async function startHost(): Promise<AppHost> {
  const appInfo = { name: app.getName(), version: app.getVersion(), platform: process.platform };
  const opened = await AppHost.open({
    dataDir: app.getPath('userData'),
    appInfo,
    tokens: keychainTokenStore,
    chooseFiles,
    reveal: revealFolder,
  });
  opened.on('event', send);
  // Only while the user's setting is on, read at each join.
  watchJoins(opened, (toast) => showOsNotification(toast, showMainWindow));
  return opened;
}

function openMainWindow(): void {
  const window = createMainWindow({
    preloadPath,
    startUrl,
    state: restoreWindowState(windowStateFile, MAIN_WINDOW_SIZES),
    devTools: development,
  });
  rememberWindowState(window, windowStateFile, reportError('saving the window state'));
  if (devServerUrl) window.webContents.openDevTools({ mode: 'detach' });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  mainWindow = window;
}

function installMenu(): void {
  installApplicationMenu({
    appName: app.getName(),
    platform: process.platform,
    development,
    actions: {
      importFiles: () => {
        host?.chooseAndImport().then(reportImports).catch(reportError('import'));
      },
      syncNow: () => {
        host
          ?.syncNow()
          .then((run) => {
            if (run.error) log.warn(`[shell] sync: ${run.error}`);
          })
          .catch(reportError('sync'));
      },
      preferences: () => {
        showMainWindow();
        navigate('settings');
      },
      about: () => app.showAboutPanel(),
      quit: () => app.quit(),
    },
  });
}

// The lock lives in userData, so two test profiles can run side by side.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Windows and Linux start the app with the file on the command line; a second start forwards its argv here.
  openedFiles.open(importablePathsFromArgv(process.argv.slice(1), process.cwd()));
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (!openedFiles.open(importablePathsFromArgv(argv.slice(1), workingDirectory))) showMainWindow();
  });
  // macOS opens files by event, possibly before `ready` when a double-click launched the app.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openedFiles.open([file]);
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isAppUrl));
  // Any session made later (none today) starts with the same refusals as the default one.
  app.on('session-created', (created) => limitPermissions(created, isAppUrl));

  app.on('will-quit', (event) => {
    if (!host) return;
    // Let the engine finish its write and close the store before the process goes.
    event.preventDefault();
    const closing = host;
    host = null;
    closing
      .close()
      .catch(reportError('shutdown'))
      .finally(() => app.quit());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (host && BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });

  app
    .whenReady()
    .then(async () => {
      limitPermissions(session.defaultSession, isAppUrl);
      serveRenderer(rendererDir);
      app.setAboutPanelOptions({
        applicationName: app.getName(),
        applicationVersion: app.getVersion(),
        copyright: 'Copyright © Kith contributors',
      });
      installMenu();
      host = await startHost();
      registerIpc(createHandlers({ appInfo: host.appInfo, host }), isAppUrl, {
        onError: (channel, error) => log.error(`[ipc] ${channel} failed:`, error),
      });
      openMainWindow();
      openedFiles.attach(importOpenedFiles);
    })
    .catch((error: unknown) => {
      log.error('[shell] startup failed:', error);
      dialog.showErrorBox('Kith could not start', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}
