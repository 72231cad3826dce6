// Browser-mode stand-in for the preload. Not part of the app bundle: scripts/web-harness.ts
// serves it only in browser mode, where it defines the same `window.kith` over loopback HTTP.
import type { AppEvent, Channel, IpcReply, KithApi } from '../../main/ipc/contract.ts';

const tokenKey = 'kith.harness.token';

export function installHttpBridge(
  methods: Readonly<Record<string, Channel>>,
  endpoint: string,
  eventsEndpoint: string,
): void {
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

  // One server-sent event stream for the page, read with fetch so the token travels in a header, not the URL.
  const listeners = new Set<(event: AppEvent) => void>();
  let streaming = false;
  async function stream(): Promise<void> {
    for (;;) {
      try {
        const response = await fetch(eventsEndpoint, {
          headers: { authorization: `Bearer ${token}` },
          credentials: 'omit',
          cache: 'no-store',
        });
        const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const chunk = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (!chunk.startsWith('data: ')) continue;
            const event = JSON.parse(chunk.slice(6)) as AppEvent;
            for (const listener of listeners) listener(event);
          }
        }
      } catch {
        // The harness restarted or the network blipped: reconnect below.
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  function onEvent(listener: (event: AppEvent) => void): () => void {
    listeners.add(listener);
    if (!streaming) {
      streaming = true;
      void stream();
    }
    return () => listeners.delete(listener);
  }

  const api = Object.freeze({
    ...Object.fromEntries(
      Object.entries(methods).map(([method, channel]) => [method, (...args: unknown[]) => call(channel, args)]),
    ),
    onEvent,
  }) as unknown as KithApi;
  Object.defineProperty(window, 'kith', { value: api, enumerable: true });
}
