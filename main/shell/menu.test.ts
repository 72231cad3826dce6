import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';

const Menu = vi.hoisted(() => ({
  buildFromTemplate: vi.fn((template: unknown) => ({ template })),
  setApplicationMenu: vi.fn(),
}));
vi.mock('electron', () => ({ Menu }));

const { installApplicationMenu, menuTemplate } = await import('./menu.ts');

function actions() {
  return { importFiles: vi.fn(), syncNow: vi.fn(), preferences: vi.fn(), about: vi.fn(), quit: vi.fn() };
}

type Item = MenuItemConstructorOptions;

function submenu(template: Item[], id: string): Item[] {
  const menu = template.find((item) => item.id === id || item.role === id);
  if (!menu) throw new Error(`no ${id} menu`);
  return menu.submenu as Item[];
}

function all(template: Item[]): Item[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? all(item.submenu) : [])]);
}

function click(template: Item[], id: string): void {
  const item = all(template).find((entry) => entry.id === id);
  if (!item?.click) throw new Error(`no ${id} item`);
  (item.click as () => void)();
}

describe('menuTemplate', () => {
  it.each(['linux', 'win32', 'darwin'] as const)('%s: each command reaches its action', (platform) => {
    const a = actions();
    const template = menuTemplate({ appName: 'Kith', platform, development: false, actions: a });
    click(template, 'import');
    click(template, 'sync-now');
    click(template, 'preferences');
    click(template, 'about');
    click(template, 'quit');
    for (const action of Object.values(a)) expect(action).toHaveBeenCalledTimes(1);
  });

  it('Windows and Linux: File holds Import…, Sync now, Preferences… and Quit; Help holds About', () => {
    const template = menuTemplate({ appName: 'Kith', platform: 'linux', development: false, actions: actions() });
    expect(submenu(template, 'file').map((item) => item.id ?? item.type)).toEqual([
      'import',
      'sync-now',
      'separator',
      'preferences',
      'separator',
      'quit',
    ]);
    expect(submenu(template, 'file')[0]).toMatchObject({ label: 'Import…', accelerator: 'CmdOrCtrl+O' });
    expect(submenu(template, 'help').map((item) => item.id)).toEqual(['about']);
  });

  it('macOS: About, Settings and Quit live in the app menu', () => {
    const template = menuTemplate({ appName: 'Kith', platform: 'darwin', development: false, actions: actions() });
    expect(template[0]?.label).toBe('Kith');
    const appMenu = (template[0]?.submenu as Item[]).map((item) => item.id ?? item.role ?? item.type);
    expect(appMenu).toEqual(expect.arrayContaining(['about', 'preferences', 'quit', 'services', 'hide']));
    expect(submenu(template, 'file').map((item) => item.id ?? item.role ?? item.type)).toEqual([
      'import',
      'sync-now',
      'separator',
      'close',
    ]);
  });

  it('Edit uses the standard roles', () => {
    const template = menuTemplate({ appName: 'Kith', platform: 'linux', development: false, actions: actions() });
    expect(
      submenu(template, 'edit')
        .map((item) => item.role)
        .filter(Boolean),
    ).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
  });

  it('offers reload and developer tools only in development', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      const released = all(menuTemplate({ appName: 'Kith', platform, development: false, actions: actions() }));
      const roles = released.map((item) => item.role?.toLowerCase());
      expect(roles).not.toContain('reload');
      expect(roles).not.toContain('forcereload');
      expect(roles).not.toContain('toggledevtools');
      const dev = all(menuTemplate({ appName: 'Kith', platform, development: true, actions: actions() }));
      expect(dev.map((item) => item.role)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    }
  });

  it('gives no two items the same accelerator', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      const accelerators = all(menuTemplate({ appName: 'Kith', platform, development: true, actions: actions() }))
        .map((item) => item.accelerator)
        .filter(Boolean);
      expect(new Set(accelerators).size).toBe(accelerators.length);
    }
  });
});

describe('installApplicationMenu', () => {
  it('builds the menu from the template and installs it', () => {
    installApplicationMenu({ appName: 'Kith', platform: 'linux', development: false, actions: actions() });
    expect(Menu.buildFromTemplate).toHaveBeenCalledWith(
      expect.arrayContaining([expect.objectContaining({ id: 'file' })]),
    );
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(Menu.buildFromTemplate.mock.results[0]?.value);
  });
});
