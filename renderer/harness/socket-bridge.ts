// Browser-mode stand-in for the preload. Not part of the app bundle: scripts/web-harness.ts serves it only in
// browser mode, where it defines the same `window.kith` over one loopback WebSocket. A socket, not a fetch per
// call: Chromium spends several milliseconds setting up each request, about what Electron's IPC takes in all.
import type { AppEvent, Channel, IpcReply, KithApi } from '../../main/ipc/contract.ts';

const tokenKey = 'kith.harness.token';

type Incoming = { id: number; reply: IpcReply<unknown> } | { event: AppEvent };

/** `protocol` is the subprotocol named beside the token; the harness answers with it. */
export function installSocketBridge(
  methods: Readonly<Record<string, Channel>>,
  socketPath: string,
  protocol: string,
): void {
  // The token arrives once in the URL; keep it for reloads of the same tab.
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem(tokenKey, fromUrl);
    // Keep the secret out of the address bar, history and screenshots.
    history.replaceState(history.state, '', `${location.pathname}${location.hash}`);
  }
  const token = fromUrl ?? sessionStorage.getItem(tokenKey) ?? '';
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${socketPath}`;

  const pending = new Map<number, (reply: IpcReply<unknown>) => void>();
  const listeners = new Set<(event: AppEvent) => void>();
  let nextId = 1;
  /** The open socket, or the one opening; null when there is none. */
  let opened: Promise<WebSocket> | null = null;

  const unreachable = (why: string): IpcReply<unknown> => ({
    ok: false,
    error: { code: 'internal', message: `Harness unreachable: ${why}` },
  });

  function connect(): Promise<WebSocket> {
    opened ??= new Promise((resolve, reject) => {
      const ws = new WebSocket(url, [protocol, token]);
      ws.onopen = () => resolve(ws);
      ws.onmessage = (message) => {
        const data = JSON.parse(String(message.data)) as Incoming;
        if ('event' in data) {
          for (const listener of listeners) listener(data.event);
          return;
        }
        pending.get(data.id)?.(data.reply);
        pending.delete(data.id);
      };
      ws.onclose = () => {
        // The harness restarted or refused us: fail what was waiting, and reconnect on the next call (or soon,
        // when something listens for events).
        opened = null;
        reject(new Error('closed'));
        for (const settle of pending.values()) settle(unreachable('connection closed'));
        pending.clear();
        if (listeners.size > 0) setTimeout(() => void connect().catch(() => undefined), 1000);
      };
    });
    return opened;
  }

  async function call(channel: Channel, args: unknown[]): Promise<IpcReply<unknown>> {
    let ws: WebSocket;
    try {
      ws = await connect();
    } catch {
      return unreachable('cannot connect');
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, channel, args }));
    });
  }

  function onEvent(listener: (event: AppEvent) => void): () => void {
    listeners.add(listener);
    void connect().catch(() => undefined);
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
