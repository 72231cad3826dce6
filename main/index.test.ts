import { describe, expect, it, vi } from 'vitest';

// Drives main/index.ts against a fake electron and checks the startup wiring in order.
const fake = vi.hoisted(() => {
  const calls: string[] = [];
  const listeners = new Map<string, (...args: unknown[]) => void>();
  const windows: { options: { webPreferences: Record<string, unknown> }; url?: string }[] = [];
  const session = {
    setPermissionRequestHandler: vi.fn(() => calls.push('permissions')),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  };
  class BrowserWindow {
    static getAllWindows = () => windows;
    readonly options: { webPreferences: Record<string, unknown> };
    url?: string;
    constructor(options: { webPreferences: Record<string, unknown> }) {
      this.options = options;
      windows.push(this);
      calls.push('window');
    }
    once() {}
    on() {}
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
  }
  const app = {
    isPackaged: true,
    setName: vi.fn(),
    getName: () => 'Kith',
    getVersion: () => '9.9.9',
    getPath: () => '/home/user/.config',
    setPath: vi.fn(() => calls.push('setPath')),
    enableSandbox: vi.fn(() => calls.push('enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => {
      calls.push('lock');
      return true;
    }),
    on: vi.fn((event: string, listener: (...args: unknown[]) => void) => listeners.set(event, listener)),
    whenReady: () => Promise.resolve(),
    quit: vi.fn(),
    exit: vi.fn(),
  };
  return {
    calls,
    listeners,
    windows,
    module: {
      app,
      BrowserWindow,
      session: { defaultSession: session },
      protocol: {
        registerSchemesAsPrivileged: vi.fn(() => calls.push('scheme')),
        handle: vi.fn(() => calls.push('protocol')),
      },
      ipcMain: { handle: vi.fn(() => calls.push('ipc')), removeHandler: vi.fn() },
      shell: { openExternal: vi.fn() },
    },
  };
});
vi.mock('electron', () => fake.module);

await import('./index.ts');
await vi.waitFor(() => expect(fake.windows).toHaveLength(1));

describe('main entry', () => {
  it('sandboxes, registers the scheme and takes the lock before anything else', () => {
    expect(fake.calls.slice(0, 4)).toEqual(['setPath', 'enableSandbox', 'scheme', 'lock']);
  });

  it('sets permissions, protocol and IPC up before the first window', () => {
    const ready = fake.calls.slice(4);
    expect(ready.indexOf('window')).toBeGreaterThan(ready.indexOf('permissions'));
    expect(ready.indexOf('window')).toBeGreaterThan(ready.indexOf('protocol'));
    expect(ready.indexOf('window')).toBeGreaterThan(ready.lastIndexOf('ipc'));
    expect(ready.filter((call) => call === 'ipc')).toHaveLength(2);
  });

  it('loads the UI from the app scheme with the sandboxed CommonJS preload', () => {
    const [window] = fake.windows;
    expect(window?.url).toBe('kith://app/index.html');
    expect(window?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
    // Relative to the built main (out/main → out/preload); from source it lands next to main/.
    expect(window?.options.webPreferences['preload']).toMatch(/[/\\]preload[/\\]index\.cjs$/);
  });

  it('hardens every webContents the app creates', () => {
    expect(fake.listeners.has('web-contents-created')).toBe(true);
  });
});
