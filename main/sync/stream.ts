/**
 * The live event stream: a WebSocket to /v1/events/stream that reconnects with backoff. Whatever it misses
 * while down, the HTTP pull on reconnect catches up; events arriving on both paths are applied once by id.
 */
import WebSocket from 'ws';
import { StreamMessage, type InboxEvent } from '../../protocol/api.ts';
import { backoffDelay, type BackoffOptions } from './backoff.ts';

/** The server closes a stream with this code when its device is signed out or its account deleted. */
export const SIGNED_OUT_CLOSE = 4401;

export interface StreamSocketLike {
  on(event: 'open', listener: () => void): unknown;
  on(event: 'message', listener: (data: Buffer | string) => void): unknown;
  on(event: 'close', listener: (code: number) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  close(): void;
}

export type WebSocketFactory = (url: string, headers: Record<string, string>) => StreamSocketLike;

const defaultFactory: WebSocketFactory = (url, headers) => new WebSocket(url, { headers, handshakeTimeout: 10_000 });

export interface StreamOptions {
  url: () => string;
  token: () => string | null;
  onEvents: (events: InboxEvent[]) => void;
  /** After a drop, once connected again: the engine pulls over HTTP and syncs. */
  onReconnect: () => void;
  /** The server ended this device's session; the stream stays closed, since the token is refused from now on. */
  onSignedOut: () => void;
  factory?: WebSocketFactory | undefined;
  backoff: BackoffOptions;
  random: () => number;
}

export class EventStream {
  private socket: StreamSocketLike | null = null;
  private closed = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly options: StreamOptions;

  constructor(options: StreamOptions) {
    this.options = options;
    this.connect(false);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close();
    this.socket = null;
  }

  private connect(reconnecting: boolean): void {
    if (this.closed) return;
    const token = this.options.token();
    const socket = (this.options.factory ?? defaultFactory)(
      this.options.url(),
      token ? { authorization: `Bearer ${token}` } : {}, // i18n-ignore: the HTTP auth scheme
    );
    this.socket = socket;
    socket.on('message', (data) => {
      const parsed = StreamMessage.safeParse(safeJson(String(data)));
      if (!parsed.success) return;
      if (parsed.data.type === 'ready') {
        this.attempt = 0;
        if (reconnecting) this.options.onReconnect();
      } else if (parsed.data.events.length > 0) {
        this.options.onEvents(parsed.data.events);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', (code) => {
      if (this.closed || this.socket !== socket) return;
      this.socket = null;
      if (code === SIGNED_OUT_CLOSE) {
        this.closed = true;
        this.options.onSignedOut();
        return;
      }
      this.timer = setTimeout(
        () => this.connect(true),
        backoffDelay(this.attempt++, this.options.backoff, this.options.random),
      );
      this.timer.unref?.();
    });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
