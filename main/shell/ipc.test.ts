import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ZodTuple } from 'zod';

const ipcMain = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  return {
    handlers,
    handle: vi.fn((channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
});
vi.mock('electron', () => ({ ipcMain }));

const { registerIpc } = await import('./ipc.ts');
const { createHandlers } = await import('../ipc/handlers.ts');
const { trustedOrigin } = await import('./app-url.ts');
const { methodChannels } = await import('../ipc/methods.ts');

const { openTestHost, TEST_APP_INFO: appInfo } = await import('../testing/app-host.ts');
const host = await openTestHost();
afterAll(() => host.close());

function invoke(channel: string, senderUrl: string | null, ...args: unknown[]) {
  const handler = ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`${channel} is not registered`);
  const senderFrame = senderUrl === null ? null : { url: senderUrl };
  return handler({ senderFrame }, ...args);
}

describe('registerIpc', () => {
  let unregister: () => void;

  beforeEach(() => {
    ipcMain.handlers.clear();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    unregister = registerIpc(createHandlers({ appInfo, host }), trustedOrigin('kith://app/index.html'));
  });

  it('registers one handler per contract channel', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.values(methodChannels).sort());
  });

  it('answers the app frame', async () => {
    await expect(invoke('app:info', 'kith://app/index.html')).resolves.toEqual({ ok: true, value: appInfo });
  });

  it.each(['https://evil.example/', 'file:///work/out/renderer/index.html', 'kith://other/index.html', 'about:blank'])(
    'rejects a foreign sender frame %s',
    async (url) => {
      await expect(invoke('app:info', url)).resolves.toMatchObject({
        ok: false,
        error: { code: 'forbidden-sender' },
      });
    },
  );

  it('rejects a sender whose frame is gone', async () => {
    await expect(invoke('app:info', null)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('rejects bad arguments from the app frame', async () => {
    await expect(invoke('app:ping', 'kith://app/index.html', { not: 'a string' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-arguments' },
    });
    await expect(invoke('app:info', 'kith://app/index.html', 'extra')).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-arguments' },
    });
  });

  it('removes its handlers when unregistered', () => {
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

// Every channel of the contract, not a sample: a foreign frame and malformed arguments never reach a handler.
describe('every channel', () => {
  const table = createHandlers({ appInfo, host });
  const runs = new Map<string, ReturnType<typeof vi.fn>>();
  const spied = Object.fromEntries(
    Object.entries(table).map(([channel, handler]) => {
      const run = vi.fn(() => {
        throw new Error(`${channel} ran`);
      });
      runs.set(channel, run);
      return [channel, { ...handler, run }];
    }),
  ) as unknown as typeof table;
  const channels = Object.values(methodChannels);
  const arity = (channel: string): number => {
    const schema: unknown = table[channel as keyof typeof table].args;
    if (!(schema instanceof ZodTuple)) throw new Error(`${channel}: arguments are not a tuple`);
    return schema.def.items.length;
  };

  beforeEach(() => {
    ipcMain.handlers.clear();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const run of runs.values()) run.mockClear();
    registerIpc(spied, trustedOrigin('kith://app/index.html'));
  });

  it.each(channels)('%s rejects a foreign sender without running', async (channel) => {
    const args = Array.from({ length: arity(channel) }, () => 'x');
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'kith://evil/index.html', 'about:blank', null]) {
      await expect(invoke(channel, url, ...args), String(url)).resolves.toMatchObject({
        ok: false,
        error: { code: 'forbidden-sender' },
      });
    }
    expect(runs.get(channel)).not.toHaveBeenCalled();
  });

  it.each(channels)('%s rejects bad arguments without running', async (channel) => {
    const n = arity(channel);
    const bad: unknown[][] = [
      // One more argument than the contract has.
      [...Array.from({ length: n }, () => ({ evil: true })), 'extra'],
      // The right count, each of a type no channel accepts.
      ...(n > 0
        ? [Array.from({ length: n }, () => ({ evil: true })), Array.from({ length: n }, () => Symbol.for('x'))]
        : []),
      // Too few.
      ...(n > 0 ? [[]] : []),
    ];
    for (const args of bad) {
      await expect(invoke(channel, 'kith://app/index.html', ...args), String(args.length)).resolves.toMatchObject({
        ok: false,
        error: { code: 'invalid-arguments' },
      });
    }
    expect(runs.get(channel)).not.toHaveBeenCalled();
  });
});
