/** A WebSocket client for /v1/events/stream that records every message it receives. */
import WebSocket from 'ws';
import type { InboxEvent, StreamMessage } from '../../protocol/api.ts';

export interface Stream {
  readonly messages: StreamMessage[];
  /** Every event received so far, in order, across all `events` messages. */
  events(): InboxEvent[];
  /** Resolves once `done()` holds (checked now and after every message); rejects after `ms`. */
  until(done: () => boolean, ms?: number): Promise<void>;
  /** Resolves with the close code and reason once the socket closes. */
  readonly closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

function wsUrl(base: string, query: string): string {
  return `${base.replace(/^http/, 'ws')}/v1/events/stream${query}`;
}

export function openStream(base: string, token: string, query = ''): Promise<Stream> {
  const socket = new WebSocket(wsUrl(base, query), { headers: { authorization: `Bearer ${token}` } });
  const messages: StreamMessage[] = [];
  const checks = new Set<() => void>();
  socket.on('message', (data: Buffer) => {
    messages.push(JSON.parse(data.toString('utf8')) as StreamMessage);
    for (const check of checks) check();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString('utf8') });
      for (const check of checks) check();
    }),
  );
  const stream: Stream = {
    messages,
    events: () => messages.flatMap((m) => (m.type === 'events' ? m.events : [])),
    until: (done, ms = 10_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!done()) return;
          checks.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          checks.delete(check);
          reject(new Error(`stream: condition not met in ${ms} ms; received ${JSON.stringify(messages)}`));
        }, ms);
        checks.add(check);
        check();
      }),
    closed,
    close: () => socket.close(),
  };
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(stream));
    socket.once('unexpected-response', (req, res) => {
      reject(new Error(`stream refused: ${res.statusCode}`));
      req.destroy();
    });
    socket.once('error', reject);
  });
}

/** The HTTP status with which the server refuses an upgrade; throws if the socket opens. */
export function refusedUpgrade(base: string, headers: Record<string, string>, query = ''): Promise<number> {
  const socket = new WebSocket(wsUrl(base, query), { headers });
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      socket.close();
      reject(new Error('the upgrade was accepted'));
    });
    socket.once('unexpected-response', (req, res) => {
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    socket.once('error', (err) => reject(err));
  });
}
