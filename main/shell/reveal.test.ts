import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../testing/tmp.ts';

const electron = vi.hoisted(() => ({
  shell: { openPath: vi.fn<(folder: string) => Promise<string>>() },
}));
vi.mock('electron', () => ({ shell: electron.shell }));

const { revealFolder } = await import('./reveal.ts');
const { AppHost } = await import('../app/host.ts');
const { createHandlers, dispatch } = await import('../ipc/handlers.ts');

const appInfo = { name: 'Kith', version: '0', platform: 'test' };

beforeEach(() => {
  electron.shell.openPath.mockReset();
  electron.shell.openPath.mockResolvedValue('');
});

describe('revealFolder', () => {
  it('opens the folder in the file manager', async () => {
    const folder = tempDir();
    await revealFolder(folder);
    expect(electron.shell.openPath).toHaveBeenCalledWith(folder);
  });

  it('fails with the reason the OS gives', async () => {
    electron.shell.openPath.mockResolvedValue('Failed to open path');
    await expect(revealFolder(tempDir())).rejects.toThrow('Failed to open path');
  });

  it('refuses a relative path', async () => {
    await expect(revealFolder('kith')).rejects.toThrow('not an absolute path: kith');
    expect(electron.shell.openPath).not.toHaveBeenCalled();
  });
});

describe('Show in folder, through the IPC table', () => {
  it('opens the data folder, which the state names, and takes no path from the page', async () => {
    const dataDir = tempDir();
    const host = await AppHost.open({ dataDir, appInfo, reveal: revealFolder });
    try {
      const table = createHandlers({ appInfo, host });
      expect(host.state().dataFolder).toBe(path.resolve(dataDir));
      expect(await dispatch(table, 'app:show-data-folder', [])).toEqual({ ok: true, value: path.resolve(dataDir) });
      expect(electron.shell.openPath).toHaveBeenCalledExactlyOnceWith(path.resolve(dataDir));

      const chosen = await dispatch(table, 'app:show-data-folder', ['/etc']);
      expect(chosen).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
      expect(electron.shell.openPath).toHaveBeenCalledTimes(1);
    } finally {
      await host.close();
    }
  });

  it('says which folder could not be opened, and why', async () => {
    electron.shell.openPath.mockResolvedValue('No application is associated with the folder');
    const dataDir = tempDir();
    const host = await AppHost.open({ dataDir, appInfo, reveal: revealFolder });
    try {
      const reply = await dispatch(createHandlers({ appInfo, host }), 'app:show-data-folder', []);
      expect(reply).toEqual({
        ok: false,
        error: {
          code: 'failed',
          message: `Could not open the data folder ${path.resolve(dataDir)}: No application is associated with the folder`,
        },
      });
    } finally {
      await host.close();
    }
  });

  it('names the folder where the app cannot open one', async () => {
    const dataDir = tempDir();
    const host = await AppHost.open({ dataDir, appInfo });
    try {
      await expect(host.showDataFolder()).rejects.toThrow(path.resolve(dataDir));
    } finally {
      await host.close();
    }
  });
});
