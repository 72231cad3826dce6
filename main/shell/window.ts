import { BrowserWindow, type WebPreferences } from 'electron';

/**
 * The renderer is treated as untrusted web content: no Node, isolated world for the
 * preload, OS sandbox. Each line maps to an item of the Electron security checklist.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly startUrl: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Kith',
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 480,
    // Shown once the first paint is ready, so the user never sees a blank frame.
    show: false,
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(options.startUrl).catch((error: unknown) => {
    console.error('[shell] failed to load the UI:', error);
  });
  return window;
}
