import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn((channel: string, ...args: unknown[]) => Promise.resolve({ channel, args })) },
}));
vi.mock('electron', () => electron);

await import('./index.ts');

describe('preload', () => {
  const [[key, api]] = electron.contextBridge.exposeInMainWorld.mock.calls as [[string, Record<string, unknown>]];

  it('exposes window.kith with one named function per contract method, and nothing else', () => {
    expect(key).toBe('kith');
    expect(Object.keys(api).sort()).toEqual(['appInfo', 'ping']);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('invoke');
  });

  it('binds each function to its own channel', async () => {
    const call = (name: string, ...args: unknown[]) => (api[name] as (...a: unknown[]) => Promise<unknown>)(...args);
    await expect(call('appInfo')).resolves.toEqual({ channel: 'app:info', args: [] });
    await expect(call('ping', 'n')).resolves.toEqual({ channel: 'app:ping', args: ['n'] });
  });
});
