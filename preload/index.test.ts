import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: {
    invoke: vi.fn((channel: string, ...args: unknown[]) => Promise.resolve({ channel, args })),
    on: vi.fn(),
    removeListener: vi.fn(),
  },
}));
vi.mock('electron', () => electron);

await import('./index.ts');
const { methodChannels, EVENT_CHANNEL } = await import('../main/ipc/methods.ts');

describe('preload', () => {
  const [[key, api]] = electron.contextBridge.exposeInMainWorld.mock.calls as [[string, Record<string, unknown>]];

  it('exposes window.kith with one named function per contract method, and nothing else', () => {
    expect(key).toBe('kith');
    expect(Object.keys(api).sort()).toEqual([...Object.keys(methodChannels), 'onEvent'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('invoke');
  });

  it('binds each function to its own channel', async () => {
    const call = (name: string, ...args: unknown[]) => (api[name] as (...a: unknown[]) => Promise<unknown>)(...args);
    await expect(call('appInfo')).resolves.toEqual({ channel: 'app:info', args: [] });
    await expect(call('ping', 'n')).resolves.toEqual({ channel: 'app:ping', args: ['n'] });
    for (const [method, channel] of Object.entries(methodChannels)) {
      await expect(call(method, 1)).resolves.toEqual({ channel, args: [1] });
    }
  });

  it('delivers pushed events without the IPC event object, and unsubscribes', () => {
    const seen: unknown[] = [];
    const off = (api.onEvent as (l: (e: unknown) => void) => () => void)((e) => seen.push(e));
    const [[channel, wrapped]] = electron.ipcRenderer.on.mock.calls as unknown as [[string, (...a: unknown[]) => void]];
    expect(channel).toBe(EVENT_CHANNEL);
    wrapped({ sender: 'ipc internals' }, { type: 'data-changed' });
    expect(seen).toEqual([{ type: 'data-changed' }]);
    off();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(EVENT_CHANNEL, wrapped);
  });
});
