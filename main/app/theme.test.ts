import { describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../ipc/handlers.ts';
import { getSetting, setSetting } from '../store/settings.ts';
import { tempDir } from '../testing/tmp.ts';
import { openTestHost, TEST_APP_INFO } from '../testing/app-host.ts';

/** The colours the user picks: kept in the store through the host, and only the three known choices let in. */

describe('the theme choice', () => {
  it('follows the system until one is picked, and keeps the pick across a restart', async () => {
    const dataDir = tempDir();
    const host = await openTestHost({ dataDir });
    try {
      expect(host.state().theme).toBe('system');
      expect(host.setTheme('dark').theme).toBe('dark');
      expect(getSetting(host.db, 'theme')).toBe('dark');
    } finally {
      await host.close();
    }
    const reopened = await openTestHost({ dataDir });
    try {
      expect(reopened.state().theme).toBe('dark');
      expect(reopened.setTheme('system').theme).toBe('system');
      // "System" is no choice of its own: nothing is left in the store.
      expect(getSetting(reopened.db, 'theme')).toBeNull();
    } finally {
      await reopened.close();
    }
  });

  it('reads a value it does not know (an edited store) as the system', async () => {
    const host = await openTestHost();
    try {
      setSetting(host.db, 'theme', 'sepia');
      expect(host.state().theme).toBe('system');
    } finally {
      await host.close();
    }
  });

  it('is set over IPC with one of system, light or dark, and nothing else', async () => {
    const host = await openTestHost();
    try {
      const table = createHandlers({ appInfo: TEST_APP_INFO, host });
      await expect(dispatch(table, 'settings:set-theme', ['light'])).resolves.toMatchObject({
        ok: true,
        value: { theme: 'light' },
      });
      for (const args of [['sepia'], ['Light'], [], [null], ['dark', 'light']]) {
        await expect(dispatch(table, 'settings:set-theme', args)).resolves.toMatchObject({
          ok: false,
          error: { code: 'invalid-arguments' },
        });
      }
      expect(host.state().theme).toBe('light');
    } finally {
      await host.close();
    }
  });
});
