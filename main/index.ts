import { app, BrowserWindow, dialog, Notification, session } from 'electron';
import path from 'node:path';
import { AppHost } from './app/host.ts';
import { createHandlers } from './ipc/handlers.ts';
import { EVENT_CHANNEL } from './ipc/methods.ts';
import { APP_ENTRY_URL, trustedOrigin } from './shell/app-url.ts';
import { denyAllPermissions, hardenWebContents } from './shell/guards.ts';
import { registerIpc } from './shell/ipc.ts';
import { registerAppScheme, serveRenderer } from './shell/protocol.ts';
import { keychainTokenStore } from './shell/token-store.ts';
import { createMainWindow } from './shell/window.ts';

// Built layout: out/main/index.js, out/preload/index.cjs, out/renderer/index.html.
const outDir = path.resolve(import.meta.dirname, '..');
const preloadPath = path.join(outDir, 'preload', 'index.cjs');
const rendererDir = path.join(outDir, 'renderer');

// `electron-vite dev` serves the renderer over http with hot reload; never honoured when packaged.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const startUrl = devServerUrl ?? APP_ENTRY_URL;
const isAppUrl = trustedOrigin(startUrl);

app.setName('Kith');
// One explicit profile location, the same in dev and packaged builds; tests point it at a temp dir.
app.setPath('userData', process.env.KITH_USER_DATA_DIR || path.join(app.getPath('appData'), 'Kith'));
app.enableSandbox();
registerAppScheme();

let mainWindow: BrowserWindow | null = null;
let host: AppHost | null = null;

async function chooseFiles(): Promise<string[]> {
  const options = {
    title: 'Import contacts',
    properties: ['openFile', 'multiSelections'] as Array<'openFile' | 'multiSelections'>,
    filters: [{ name: 'Address books', extensions: ['vcf', 'vcard', 'csv'] }],
  };
  const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}

async function startHost(): Promise<AppHost> {
  const appInfo = { name: app.getName(), version: app.getVersion(), platform: process.platform };
  const opened = await AppHost.open({
    dataDir: app.getPath('userData'),
    appInfo,
    tokens: keychainTokenStore,
    chooseFiles,
  });
  opened.on('event', (event) => {
    mainWindow?.webContents.send(EVENT_CHANNEL, event);
    if (event.type === 'joined' && opened.notificationsEnabled() && Notification.isSupported()) {
      for (const c of event.contacts) new Notification({ title: 'Kith', body: `${c.name} joined Kith` }).show();
    }
  });
  return opened;
}

function openMainWindow(): void {
  mainWindow = createMainWindow({ preloadPath, startUrl });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

// The lock lives in userData, so two test profiles can run side by side.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isAppUrl));

  app.on('will-quit', (event) => {
    if (!host) return;
    // Let the engine finish its write and close the store before the process goes.
    event.preventDefault();
    const closing = host;
    host = null;
    closing
      .close()
      .catch((error: unknown) => console.error('[shell] shutdown failed:', error))
      .finally(() => app.quit());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });

  app
    .whenReady()
    .then(async () => {
      denyAllPermissions(session.defaultSession);
      serveRenderer(rendererDir);
      host = await startHost();
      registerIpc(createHandlers({ appInfo: host.appInfo, host }), isAppUrl);
      openMainWindow();
    })
    .catch((error: unknown) => {
      console.error('[shell] startup failed:', error);
      app.exit(1);
    });
}
