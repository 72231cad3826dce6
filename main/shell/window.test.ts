import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const instances: { options: Record<string, unknown>; loadURL: ReturnType<typeof vi.fn> }[] = [];
  class BrowserWindow {
    readonly options: Record<string, unknown>;
    readonly loadURL = vi.fn(() => Promise.resolve());
    readonly once = vi.fn();
    readonly show = vi.fn();
    constructor(options: Record<string, unknown>) {
      this.options = options;
      instances.push(this);
    }
  }
  return { BrowserWindow, instances };
});
vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow }));

const { createMainWindow, secureWebPreferences } = await import('./window.ts');

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences('/app/out/preload/index.cjs');

  it('isolates the renderer from Node and runs it sandboxed', () => {
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on and experimental surfaces off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });
});

describe('createMainWindow', () => {
  beforeEach(() => {
    electron.instances.length = 0;
  });

  it('creates a hidden window with the secure preferences and loads the start URL', () => {
    createMainWindow({ preloadPath: '/p.cjs', startUrl: 'kith://app/index.html' });
    const [window] = electron.instances;
    expect(window?.options).toMatchObject({ show: false, webPreferences: secureWebPreferences('/p.cjs') });
    expect(window?.loadURL).toHaveBeenCalledWith('kith://app/index.html');
  });
});
