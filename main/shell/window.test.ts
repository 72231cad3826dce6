import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  class BrowserWindow {
    static instances: BrowserWindow[] = [];
    readonly options: Record<string, unknown> & { webPreferences: Record<string, unknown> };
    readonly loadURL = vi.fn(() => Promise.resolve());
    readonly show = vi.fn();
    readonly maximize = vi.fn();
    readonly listeners = new Map<string, () => void>();
    constructor(options: BrowserWindow['options']) {
      this.options = options;
      BrowserWindow.instances.push(this);
    }
    once(event: string, listener: () => void): void {
      this.listeners.set(event, listener);
    }
  }
  return { BrowserWindow };
});
vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow }));

const { createMainWindow, MAIN_WINDOW_SIZES } = await import('./window.ts');

function open(options: Partial<Parameters<typeof createMainWindow>[0]> = {}) {
  createMainWindow({
    preloadPath: '/app/out/preload/index.cjs',
    startUrl: 'kith://app/index.html',
    devTools: false,
    ...options,
  });
  const window = electron.BrowserWindow.instances.at(-1)!;
  return window;
}

describe('createMainWindow', () => {
  beforeEach(() => {
    electron.BrowserWindow.instances.length = 0;
  });

  it('isolates the renderer from Node and runs it sandboxed', () => {
    expect(open().options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on and experimental surfaces off', () => {
    const prefs = open().options.webPreferences;
    expect(prefs['webSecurity']).toBe(true);
    expect(prefs['allowRunningInsecureContent']).toBe(false);
    expect(prefs['experimentalFeatures']).toBe(false);
    expect(prefs['webviewTag']).toBe(false);
    expect(prefs['navigateOnDragDrop']).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('allows developer tools only when asked (unpackaged builds)', () => {
    expect(open().options.webPreferences['devTools']).toBe(false);
    expect(open({ devTools: true }).options.webPreferences['devTools']).toBe(true);
  });

  it('opens hidden at the default size and loads the start URL', () => {
    const window = open();
    expect(window.options).toMatchObject({
      show: false,
      width: MAIN_WINDOW_SIZES.width,
      height: MAIN_WINDOW_SIZES.height,
    });
    expect(window.options).not.toHaveProperty('x');
    expect(window.loadURL).toHaveBeenCalledWith('kith://app/index.html');
    window.listeners.get('ready-to-show')?.();
    expect(window.show).toHaveBeenCalled();
    expect(window.maximize).not.toHaveBeenCalled();
  });

  it('opens where the saved state says, maximized when it was', () => {
    const window = open({ state: { x: 40, y: 30, width: 900, height: 600, maximized: true } });
    expect(window.options).toMatchObject({ x: 40, y: 30, width: 900, height: 600 });
    expect(window.options['minWidth']).toBe(MAIN_WINDOW_SIZES.minWidth);
    window.listeners.get('ready-to-show')?.();
    expect(window.maximize).toHaveBeenCalled();
    expect(window.show).not.toHaveBeenCalled();
  });
});
