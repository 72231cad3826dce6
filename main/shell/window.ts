import { BrowserWindow } from 'electron';
import type { WindowSizes, WindowState } from './window-state.ts';

export const MAIN_WINDOW_SIZES: WindowSizes = { width: 1100, height: 760, minWidth: 720, minHeight: 480 };

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly startUrl: string;
  /** Where and how large to open; the default size, centred, when absent. */
  readonly state?: WindowState;
  /** Developer tools, for unpackaged builds only. */
  readonly devTools: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const state = options.state ?? { width: MAIN_WINDOW_SIZES.width, height: MAIN_WINDOW_SIZES.height, maximized: false };
  const window = new BrowserWindow({
    title: 'Kith',
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MAIN_WINDOW_SIZES.minWidth,
    minHeight: MAIN_WINDOW_SIZES.minHeight,
    // Shown once the first paint is ready, so the user never sees a blank frame.
    show: false,
    // The renderer is treated as untrusted web content: no Node, an isolated world for the preload, the OS
    // sandbox. Spelled out here, in the constructor call, so that each item of the security checklist can be
    // read (and audited by electronegativity) where the window is made.
    webPreferences: {
      preload: options.preloadPath,
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
      spellcheck: false,
      devTools: options.devTools,
    },
  });
  window.once('ready-to-show', () => {
    // maximize() also shows the window.
    if (state.maximized) window.maximize();
    else window.show();
  });
  window.loadURL(options.startUrl).catch((error: unknown) => {
    console.error('[shell] failed to load the UI:', error);
  });
  return window;
}
