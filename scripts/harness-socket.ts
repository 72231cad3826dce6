import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { AppHost } from '../main/app/host.ts';
import { dispatch, fail, type HandlerTable } from '../main/ipc/handlers.ts';

/** The subprotocol the bridge names beside its token. */
export const BRIDGE_PROTOCOL = 'kith-bridge';
// Room for the 64 MiB of base64 an import call may carry (the handler enforces that limit).
const MAX_MESSAGE_BYTES = 65 << 20;

export interface SocketGate {
  readonly table: HandlerTable;
  readonly host: AppHost;
  readonly token: string;
  /** `http://127.0.0.1:PORT`: the only Origin, and with it the only Host, let in. */
  readonly origin: string;
  readonly path: string;
}

/**
 * The browser bridge's one WebSocket: IPC calls answered by the shared handler table, and the host's pushed events.
 * Only this page may connect: Host and Origin must be the harness's own, and the token must come as a subprotocol
 * (a browser cannot set headers on a WebSocket, and a subprotocol stays out of URLs and logs).
 */
export function serveBridgeSocket(server: Server, gate: SocketGate): WebSocketServer {
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (offered) => (offered.has(BRIDGE_PROTOCOL) ? BRIDGE_PROTOCOL : false),
  });
  const { host } = new URL(gate.origin);

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = refuse(request, gate, host);
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => attach(ws, gate));
  });
  return sockets;
}

function refuse(request: IncomingMessage, gate: SocketGate, host: string): string | null {
  // A page on another site can make the browser resolve its own hostname to 127.0.0.1; checking Host defeats that.
  if (request.headers.host !== host) return '421 Misdirected Request';
  if (new URL(request.url ?? '/', gate.origin).pathname !== gate.path) return '404 Not Found';
  if (request.headers.origin !== undefined && request.headers.origin !== gate.origin) return '403 Forbidden';
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  if (!offered.includes(BRIDGE_PROTOCOL) || !offered.some((p) => sameToken(p, gate.token))) return '403 Forbidden';
  return null;
}

function sameToken(presented: string, token: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function attach(ws: WebSocket, gate: SocketGate): void {
  const push = (event: unknown) => ws.send(JSON.stringify({ event }));
  gate.host.on('event', push);
  ws.on('close', () => gate.host.off('event', push));
  ws.on('message', (data: RawData) => {
    void answer(gate.table, data).then((reply) => {
      if (ws.readyState === ws.OPEN) ws.send(reply);
    });
  });
}

/** One call: `{ id, channel, args }` in, `{ id, reply }` out. A message that is not a call gets an id-less error. */
async function answer(table: HandlerTable, data: RawData): Promise<string> {
  let message: unknown;
  try {
    message = JSON.parse(data.toString());
  } catch {
    return JSON.stringify({ id: null, reply: fail('invalid-arguments', 'Message is not JSON') });
  }
  const { id, channel, args } = (typeof message === 'object' && message !== null ? message : {}) as {
    id?: unknown;
    channel?: unknown;
    args?: unknown;
  };
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) {
    return JSON.stringify({ id: null, reply: fail('invalid-arguments', 'Message has no numeric id') });
  }
  return JSON.stringify({ id, reply: await dispatch(table, channel, args) });
}
