import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const fakeLog = vi.hoisted(() => ({
  transports: {
    file: { level: 'silly' as string | false, resolvePathFn: (): string => '' },
    console: { level: 'silly' as string | false },
  },
  hooks: [] as Array<(message: { data: unknown[] }) => { data: unknown[] }>,
  functions: { log: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  errorHandler: { startCatching: vi.fn() },
  initialize: vi.fn(),
}));
vi.mock('electron-log/main', () => ({ default: fakeLog }));
const ipcMain = vi.hoisted(() => ({ removeAllListeners: vi.fn(), removeHandler: vi.fn() }));
vi.mock('electron', () => ({ ipcMain }));

const { redact, redactText, setupLogging } = await import('./log.ts');

const TOKEN = 'kst_9f8e7d6c5b4a39281706f5e4d3c2b1a0';

describe('redactText', () => {
  it.each([
    [`Authorization: Bearer ${TOKEN}`, 'Authorization: Bearer [redacted]'],
    [`GET /v1/events?token=${TOKEN}&since=4`, 'GET /v1/events?token=[redacted]&since=4'],
    [`wss://sync.example/ws?session_token=${TOKEN}`, 'wss://sync.example/ws?session_token=[redacted]'],
    ['https://anita:hunter2@sync.example/', 'https://[redacted]@sync.example/'],
  ])('%s', (text, expected) => {
    expect(redactText(text)).toBe(expected);
    expect(redactText(text)).not.toContain(TOKEN);
  });

  it('leaves ordinary text alone', () => {
    const text = 'imported /home/anita/contacts.vcf: 120 contacts, code ENOENT at line 4';
    expect(redactText(text)).toBe(text);
  });
});

describe('redact', () => {
  it('blanks secret-named fields at any depth and keeps the rest', () => {
    const value = {
      server: 'https://sync.example',
      session: { token: TOKEN, userId: 7 },
      headers: { Authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', Cookie: 'sid=1' },
      devCode: '123456',
      list: [{ refreshToken: TOKEN }],
    };
    const out = redact(value);
    expect(out).toEqual({
      server: 'https://sync.example',
      session: { token: '[redacted]', userId: 7 },
      headers: { Authorization: '[redacted]', 'content-type': 'application/json', Cookie: '[redacted]' },
      devCode: '[redacted]',
      list: [{ refreshToken: '[redacted]' }],
    });
    expect(JSON.stringify(out)).not.toContain(TOKEN);
    expect(value.session.token).toBe(TOKEN);
  });

  it('keeps errors as errors, with secrets gone from message, stack and fields', () => {
    const error = Object.assign(new Error(`request failed: Bearer ${TOKEN}`), {
      code: 'ECONNREFUSED',
      config: { url: 'https://sync.example/v1/batches', headers: { Authorization: `Bearer ${TOKEN}` } },
    });
    error.cause = new Error(`inner token=${TOKEN}`);
    const viaOption = redact(new Error('outer', { cause: new Error(`Bearer ${TOKEN}`) })) as Error;
    expect((viaOption.cause as Error).message).toBe('Bearer [redacted]');
    const out = redact(error) as Error & { code: string; config: { url: string } };
    expect(out).toBeInstanceOf(Error);
    expect(out.message).toBe('request failed: Bearer [redacted]');
    expect(out.code).toBe('ECONNREFUSED');
    expect(out.config.url).toBe('https://sync.example/v1/batches');
    expect(out.stack).not.toContain(TOKEN);
    expect((out.cause as Error).message).toBe('inner token=[redacted]');
    expect(JSON.stringify({ ...out, stack: out.stack, cause: String(out.cause) })).not.toContain(TOKEN);
  });

  it('reduces class instances to their name and survives cycles and depth', () => {
    class Socket {
      secret = TOKEN;
    }
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic['self'] = cyclic;
    let deep: Record<string, unknown> = { token: TOKEN };
    for (let i = 0; i < 20; i++) deep = { next: deep };
    expect(redact({ socket: new Socket() })).toEqual({ socket: '[Socket]' });
    expect(redact(cyclic)).toEqual({ name: 'a', self: '[circular]' });
    expect(JSON.stringify(redact(deep))).not.toContain(TOKEN);
    expect(redact(new URL(`https://x.example/?token=${TOKEN}`))).toBe('https://x.example/?token=[redacted]');
  });

  it('passes primitives through', () => {
    expect([1, true, null, undefined, 10n].map((value) => redact(value))).toEqual([1, true, null, undefined, 10n]);
  });
});

describe('setupLogging', () => {
  it('writes under userData/logs, redacts every message, routes console, and gives renderers no bridge', () => {
    const original = { ...console };
    try {
      setupLogging({ userDataDir: '/profiles/anita', development: false });
      expect(fakeLog.transports.file.resolvePathFn()).toBe(path.join('/profiles/anita', 'logs', 'main.log'));
      expect(fakeLog.transports.file.level).toBe('info');
      const [hook] = fakeLog.hooks;
      expect(hook?.({ data: ['sending', { token: TOKEN }] }).data).toEqual(['sending', { token: '[redacted]' }]);
      expect(console.warn).toBe(fakeLog.functions.warn);
      expect(fakeLog.errorHandler.startCatching).toHaveBeenCalledWith({ showDialog: false });
      expect(fakeLog.initialize).not.toHaveBeenCalled();
      expect(ipcMain.removeAllListeners).toHaveBeenCalledWith('__ELECTRON_LOG__');
      expect(ipcMain.removeHandler).toHaveBeenCalledWith('__ELECTRON_LOG__');
    } finally {
      Object.assign(console, original);
    }
  });
});
