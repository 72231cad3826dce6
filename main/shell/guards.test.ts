import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ shell: { openExternal: vi.fn(() => Promise.resolve()) } }));

const { hardenWebContents, limitPermissions } = await import('./guards.ts');
const { trustedOrigin } = await import('./app-url.ts');
const { isSafeExternalUrl, openExternalSafely } = await import('./external.ts');
const { shell } = await import('electron');

type OpenHandler = (details: { url: string }) => { action: string };

class FakeWebContents extends EventEmitter {
  openHandler: OpenHandler | undefined;
  setWindowOpenHandler(handler: OpenHandler): void {
    this.openHandler = handler;
  }
}

function harden() {
  const contents = new FakeWebContents();
  const openExternal = vi.fn(() => Promise.resolve(true));
  hardenWebContents(contents as never, trustedOrigin('kith://app/index.html'), openExternal);
  return { contents, openExternal };
}

type NavigationEvent = 'will-navigate' | 'will-frame-navigate' | 'will-redirect';

function navigate(contents: FakeWebContents, event: NavigationEvent, url: string) {
  const details = { url, preventDefault: vi.fn() };
  contents.emit(event, details, url);
  return details.preventDefault;
}

describe('hardenWebContents', () => {
  beforeEach(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'] as const)(
    '%s: blocks every other origin',
    (event) => {
      const { contents } = harden();
      for (const url of [
        'https://example.com/',
        'file:///etc/passwd',
        'kith://evil/index.html',
        'kith://user@app/index.html',
        'http://app/',
        'javascript:alert(1)',
        'not a url',
      ]) {
        expect(navigate(contents, event, url), url).toHaveBeenCalled();
      }
    },
  );

  it('lets the app navigate within its own origin', () => {
    const { contents } = harden();
    expect(navigate(contents, 'will-navigate', 'kith://app/settings.html')).not.toHaveBeenCalled();
  });

  it('denies every window.open and hands the URL to the external allowlist', () => {
    const { contents, openExternal } = harden();
    expect(contents.openHandler?.({ url: 'https://example.com/help' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'kith://app/index.html' })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://example.com/help');
  });

  it('refuses to attach a <webview>', () => {
    const { contents } = harden();
    const preventDefault = vi.fn();
    contents.emit('will-attach-webview', { preventDefault });
    expect(preventDefault).toHaveBeenCalled();
  });
});

describe('isSafeExternalUrl', () => {
  it.each(['https://example.com/', 'mailto:someone@example.com'])('allows %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each(['http://example.com/', 'file:///etc/passwd', 'smb://host/share', 'javascript:alert(1)', 'kith://app/', ''])(
    'refuses %j',
    (url) => {
      expect(isSafeExternalUrl(url)).toBe(false);
    },
  );
});

describe('openExternalSafely', () => {
  it('hands allowed URLs to the OS and refuses the rest without calling it', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await expect(openExternalSafely('https://kith.example/help')).resolves.toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://kith.example/help');
    vi.mocked(shell.openExternal).mockClear();
    for (const url of ['file:///bin/sh', 'smb://host/share', 'http://kith.example/', 'ms-msdt:/id', 'not a url']) {
      await expect(openExternalSafely(url)).resolves.toBe(false);
    }
    expect(shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('limitPermissions', () => {
  const limited = () => {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    };
    limitPermissions(session as never, trustedOrigin('kith://app/index.html'));
    const request = (permission: string, requestingUrl: string): unknown => {
      const callback = vi.fn();
      session.setPermissionRequestHandler.mock.calls[0]?.[0]({}, permission, callback, { requestingUrl });
      return callback.mock.calls[0]?.[0];
    };
    const check = (permission: string, origin: string): unknown =>
      session.setPermissionCheckHandler.mock.calls[0]?.[0]({}, permission, origin, {});
    return { session, request, check };
  };

  it('answers every request and check with no, devices included', () => {
    const { session, request, check } = limited();
    expect(request('media', 'kith://app/index.html')).toBe(false);
    expect(request('clipboard-read', 'kith://app/index.html')).toBe(false);
    expect(check('notifications', 'kith://app')).toBe(false);
    expect(check('clipboard-read', 'kith://app')).toBe(false);
    expect(session.setDevicePermissionHandler.mock.calls[0]?.[0]({})).toBe(false);
  });

  it('lets the app’s own pages, and only them, write to the clipboard', () => {
    const { request, check } = limited();
    expect(request('clipboard-sanitized-write', 'kith://app/index.html')).toBe(true);
    expect(check('clipboard-sanitized-write', 'kith://app')).toBe(true);
    expect(request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(check('clipboard-sanitized-write', 'https://evil.example')).toBe(false);
  });
});
