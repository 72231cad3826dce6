import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  importFiles(): void;
  syncNow(): void;
  preferences(): void;
  about(): void;
  quit(): void;
}

export interface MenuOptions {
  readonly appName: string;
  readonly platform: NodeJS.Platform;
  /** Reload and developer tools appear only in unpackaged builds. */
  readonly development: boolean;
  readonly actions: MenuActions;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

/** The application menu. Pure data, so the whole template is unit-tested without Electron. */
export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { actions, appName, development } = options;
  const mac = options.platform === 'darwin';
  const preferences: MenuItemConstructorOptions = {
    id: 'preferences',
    label: mac ? 'Settings…' : 'Preferences…',
    accelerator: 'CmdOrCtrl+,',
    click: () => actions.preferences(),
  };
  const about: MenuItemConstructorOptions = { id: 'about', label: `About ${appName}`, click: () => actions.about() };
  const quit: MenuItemConstructorOptions = {
    id: 'quit',
    label: mac ? `Quit ${appName}` : 'Quit',
    accelerator: 'CmdOrCtrl+Q',
    click: () => actions.quit(),
  };

  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    // macOS keeps About, Settings and Quit in the menu named after the app.
    template.push({
      label: appName,
      submenu: [
        about,
        separator,
        preferences,
        separator,
        { role: 'services' },
        separator,
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        separator,
        quit,
      ],
    });
  }
  template.push({
    id: 'file',
    label: '&File',
    submenu: [
      { id: 'import', label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => actions.importFiles() },
      { id: 'sync-now', label: 'Sync now', accelerator: 'CmdOrCtrl+R', click: () => actions.syncNow() },
      separator,
      ...(mac ? [{ role: 'close' } as const] : [preferences, separator, quit]),
    ],
  });
  template.push({
    id: 'edit',
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  });
  template.push({
    id: 'view',
    label: '&View',
    submenu: [
      ...(development
        ? [
            { role: 'reload', accelerator: 'CmdOrCtrl+Shift+R' } as const,
            { role: 'toggleDevTools' } as const,
            separator,
          ]
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  });
  if (mac) template.push({ role: 'windowMenu' });
  template.push({ id: 'help', role: 'help', label: '&Help', submenu: mac ? [] : [about] });
  return template;
}

export function installApplicationMenu(options: MenuOptions): Menu {
  const menu = Menu.buildFromTemplate(menuTemplate(options));
  Menu.setApplicationMenu(menu);
  return menu;
}
