import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

// Drives main/index.ts against a fake electron and checks the startup wiring in order, then what the OS can
// ask of a running app: open an address book, start a second instance, use the menu.
const fake = vi.hoisted(() => {
  const calls: string[] = [];
  const listeners = new Map<string, (...args: unknown[]) => void>();
  const windows: FakeWindow[] = [];
  const paths = new Map<string, string>();
  const sent: unknown[] = [];
  // Plain records, not vi.fn(): calls made while the module loads must survive each test's mock reset.
  const menus: unknown[] = [];
  let ready!: () => void;
  const readyPromise = new Promise<void>((resolve) => (ready = resolve));
  const session = {
    setPermissionRequestHandler: vi.fn(() => calls.push('permissions')),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  };
  class FakeWindow {
    static getAllWindows = () => windows;
    readonly options: { webPreferences: Record<string, unknown>; width: number; height: number };
    url?: string;
    readonly focus = vi.fn();
    readonly show = vi.fn();
    readonly webContents = {
      send: vi.fn((_channel: string, event: unknown) => sent.push(event)),
      isLoading: () => false,
      once: vi.fn(),
      openDevTools: vi.fn(),
    };
    constructor(options: FakeWindow['options']) {
      this.options = options;
      windows.push(this);
      calls.push('window');
    }
    once() {}
    on() {}
    isMinimized() {
      return false;
    }
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
    getPath: (name: string) => paths.get(name) ?? `/nonexistent/${name}`,
    setPath: vi.fn((name: string, value: string) => {
      calls.push('setPath');
      paths.set(name, value);
    }),
    enableSandbox: vi.fn(() => calls.push('enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => {
      calls.push('lock');
      return true;
    }),
    on: vi.fn((event: string, listener: (...args: unknown[]) => void) => listeners.set(event, listener)),
    whenReady: () => readyPromise,
    setAboutPanelOptions: vi.fn(),
    showAboutPanel: vi.fn(),
    quit: vi.fn(),
    exit: vi.fn(),
  };
  const workArea = { x: 0, y: 0, width: 1920, height: 1080 };
  return {
    calls,
    listeners,
    windows,
    paths,
    sent,
    menus,
    ready: () => ready(),
    module: {
      app,
      BrowserWindow: FakeWindow,
      session: { defaultSession: session },
      protocol: {
        registerSchemesAsPrivileged: vi.fn(() => calls.push('scheme')),
        handle: vi.fn(() => calls.push('protocol')),
      },
      ipcMain: {
        handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
        handle: vi.fn((channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
          calls.push('ipc');
          fake.module.ipcMain.handlers.set(channel, handler);
        }),
        removeHandler: vi.fn(),
        removeAllListeners: vi.fn(),
      },
      Menu: {
        buildFromTemplate: (template: unknown) => {
          menus.push(template);
          return { template };
        },
        setApplicationMenu: vi.fn(() => calls.push('menu')),
      },
      screen: { getPrimaryDisplay: () => ({ id: 1, workArea }), getAllDisplays: () => [{ id: 1, workArea }] },
      dialog: { showOpenDialog: vi.fn(), showMessageBox: vi.fn(() => Promise.resolve()), showErrorBox: vi.fn() },
      Notification: Object.assign(vi.fn(), { isSupported: () => false }),
      safeStorage: { isEncryptionAvailable: () => false },
      shell: { openExternal: vi.fn() },
    },
  };
});
vi.mock('electron', () => fake.module);
vi.mock('electron-log/main', () => {
  const quiet = () => undefined;
  const functions = { error: quiet, warn: quiet, info: quiet, verbose: quiet, debug: quiet, silly: quiet, log: quiet };
  return {
    default: {
      ...functions,
      functions,
      hooks: [],
      transports: { file: {}, console: {} },
      errorHandler: { startCatching: vi.fn() },
    },
  };
});

const profile = mkdtempSync(path.join(tmpdir(), 'kith-main-'));
const original = { ...console };
process.env.KITH_USER_DATA_DIR = path.join(profile, 'userData');
afterAll(() => {
  Object.assign(console, original);
  rmSync(profile, { recursive: true, force: true });
});

const vcard = (name: string, phone: string) =>
  `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${name}\r\nTEL:${phone}\r\nEND:VCARD\r\n`;
const opened = path.join(profile, 'opened.vcf');
writeFileSync(opened, vcard('Anita Sharma', '+44 7946 000001'));

await import('./index.ts');
// macOS delivers a double-clicked file before the app is ready.
let prevented = 0;
const openFile = { preventDefault: () => prevented++ };
fake.listeners.get('open-file')?.(openFile, opened);
fake.ready();
await vi.waitFor(() => expect(fake.windows).toHaveLength(1));

async function sourcePaths(): Promise<string[]> {
  const list = fake.module.ipcMain.handlers.get('sources:list');
  const reply = (await list?.({ senderFrame: { url: 'kith://app/index.html' } })) as {
    ok: boolean;
    value: Array<{ path: string }>;
  };
  return reply.value.map((source) => source.path);
}

describe('main entry', () => {
  it('sandboxes, registers the scheme and takes the lock before anything else', () => {
    expect(fake.calls.slice(0, 4)).toEqual(['setPath', 'enableSandbox', 'scheme', 'lock']);
  });

  it('sets permissions, protocol, menu and IPC up before the first window', () => {
    const ready = fake.calls.slice(4);
    expect(ready.indexOf('window')).toBeGreaterThan(ready.indexOf('permissions'));
    expect(ready.indexOf('window')).toBeGreaterThan(ready.indexOf('protocol'));
    expect(ready.indexOf('window')).toBeGreaterThan(ready.indexOf('menu'));
    expect(ready.indexOf('window')).toBeGreaterThan(ready.lastIndexOf('ipc'));
  });

  it('keeps the profile, and the logs and window state in it, where KITH_USER_DATA_DIR says', () => {
    expect(fake.paths.get('userData')).toBe(path.join(profile, 'userData'));
  });

  it('loads the UI from the app scheme with the sandboxed CommonJS preload, without devtools when packaged', () => {
    const [window] = fake.windows;
    expect(window?.url).toBe('kith://app/index.html');
    expect(window?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, devTools: false });
    // Relative to the built main (out/main → out/preload); from source it lands next to main/.
    expect(window?.options.webPreferences['preload']).toMatch(/[/\\]preload[/\\]index\.cjs$/);
    expect(window?.webContents.openDevTools).not.toHaveBeenCalled();
  });

  it('hardens every webContents and every session the app creates', () => {
    expect(fake.listeners.has('web-contents-created')).toBe(true);
    expect(fake.listeners.has('session-created')).toBe(true);
  });

  it('imports a file the OS opened before the app was ready, and shows the sources', async () => {
    expect(prevented).toBe(1);
    await vi.waitFor(async () => expect(await sourcePaths()).toEqual([opened]));
    expect(fake.sent).toContainEqual({ type: 'navigate', screen: 'sources' });
  });

  it('imports the address book a second instance was started with, relative to its directory', async () => {
    const second = path.join(profile, 'second.csv');
    writeFileSync(second, 'Name,Phone\nBo,+44 7946 000002\n');
    fake.listeners.get('second-instance')?.({}, ['/opt/Kith/kith', '--flag', 'second.csv'], profile);
    await vi.waitFor(async () => expect(await sourcePaths()).toEqual(expect.arrayContaining([opened, second])));
    expect(fake.windows[0]?.focus).toHaveBeenCalled();
  });

  it('only focuses the window for a second instance without files', () => {
    const window = fake.windows[0]!;
    window.focus.mockClear();
    fake.listeners.get('second-instance')?.({}, ['/opt/Kith/kith', path.join(profile, 'missing.vcf')], profile);
    expect(window.focus).toHaveBeenCalledTimes(1);
  });

  it('installs a menu whose Preferences… asks the UI for the settings screen', () => {
    const template = fake.menus.at(-1) as Array<{ submenu?: unknown[] }>;
    const items = template.flatMap((menu) => (menu.submenu ?? []) as Array<{ id?: string; click?: () => void }>);
    items.find((item) => item.id === 'preferences')?.click?.();
    expect(fake.sent.at(-1)).toEqual({ type: 'navigate', screen: 'settings' });
    items.find((item) => item.id === 'about')?.click?.();
    expect(fake.module.app.showAboutPanel).toHaveBeenCalled();
  });
});
