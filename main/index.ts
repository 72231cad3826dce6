import { app, BrowserWindow, session } from 'electron';
import path from 'node:path';
import { createHandlers } from './ipc/handlers.ts';
import { APP_ENTRY_URL, trustedOrigin } from './shell/app-url.ts';
import { denyAllPermissions, hardenWebContents } from './shell/guards.ts';
import { registerIpc } from './shell/ipc.ts';
import { registerAppScheme, serveRenderer } from './shell/protocol.ts';
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

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });

  app
    .whenReady()
    .then(() => {
      denyAllPermissions(session.defaultSession);
      serveRenderer(rendererDir);
      const appInfo = { name: app.getName(), version: app.getVersion(), platform: process.platform };
      registerIpc(createHandlers({ appInfo }), isAppUrl);
      openMainWindow();
    })
    .catch((error: unknown) => {
      console.error('[shell] startup failed:', error);
      app.exit(1);
    });
}
