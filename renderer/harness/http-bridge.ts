// Browser-mode stand-in for the preload. Not part of the app bundle: scripts/web-harness.ts
// serves it only in browser mode, where it defines the same `window.kith` over loopback HTTP.
import type { Channel, IpcReply, KithApi } from '../../main/ipc/contract.ts';

const tokenKey = 'kith.harness.token';

export function installHttpBridge(methods: Readonly<Record<string, Channel>>, endpoint: string): void {
  // The token arrives once in the URL; keep it for reloads of the same tab.
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem(tokenKey, fromUrl);
    // Keep the secret out of the address bar, history and screenshots.
    history.replaceState(history.state, '', `${location.pathname}${location.hash}`);
  }
  const token = fromUrl ?? sessionStorage.getItem(tokenKey) ?? '';

  async function call(channel: Channel, args: unknown[]): Promise<IpcReply<unknown>> {
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ channel, args }),
        credentials: 'omit',
        cache: 'no-store',
      });
      return (await response.json()) as IpcReply<unknown>;
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: `Harness unreachable: ${String(error)}` } };
    }
  }

  const api = Object.freeze(
    Object.fromEntries(
      Object.entries(methods).map(([method, channel]) => [method, (...args: unknown[]) => call(channel, args)]),
    ),
  ) as unknown as KithApi;
  Object.defineProperty(window, 'kith', { value: api, enumerable: true });
}
