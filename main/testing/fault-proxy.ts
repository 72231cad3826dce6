/**
 * A fault-injecting HTTP proxy on loopback, in front of a real server. Each request is read whole, then a plan
 * decides what happens to it: passed through, answered by the proxy (500, 429 with Retry-After), delayed before or
 * after the server sees it, left hanging, or its connection dropped before forwarding or after the server has
 * answered (so the server applied it and the client never learns). WebSocket upgrades are piped through as TCP.
 * Every request is logged with what the server answered, whether or not the client got it.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';

export type Fault =
  | { kind: 'pass' }
  /** Answered by the proxy; the server never sees the request. */
  | { kind: 'status'; status: number; retryAfter?: number; body?: unknown }
  /** `request`: forwarded after `ms`. `answer`: forwarded at once, the server's answer relayed after `ms`. */
  | { kind: 'delay'; ms: number; phase: 'request' | 'answer' }
  /** Never forwarded, never answered, the connection held open. */
  | { kind: 'hang' }
  /** `before`: the connection is cut unforwarded. `after`: it is cut once the server has answered. */
  | { kind: 'drop'; phase: 'before' | 'after' };

export interface ProxiedRequest {
  /** 1, 2, … in the order requests were read. */
  seq: number;
  method: string;
  /** Path and query. */
  path: string;
  body: string;
  upgrade: boolean;
}

export type Outcome = 'answered' | 'dropped' | 'hung' | 'unreachable' | 'client-gone' | 'piped';

export interface LogEntry extends ProxiedRequest {
  fault: Fault;
  receivedAt: number;
  /** What the server answered, when it was asked and answered. */
  upstream: { status: number; headers: http.IncomingHttpHeaders; body: string } | null;
  outcome: Outcome | null;
  /** When the proxy started writing the answer to the client (before the client could read any of it). */
  answeredAt: number | null;
  settledAt: number | null;
}

export type FaultPlan = (req: ProxiedRequest) => Fault;

export const PASS: Fault = { kind: 'pass' };
export const passAll: FaultPlan = () => PASS;

/** A batch upload (`PUT /v1/contacts/batches/:id`). */
export function isBatch(req: ProxiedRequest): boolean {
  return req.method === 'PUT' && req.path.startsWith('/v1/contacts/batches/');
}

/** The batch id of a batch upload's path. */
export function batchIdOf(req: ProxiedRequest): string {
  return decodeURIComponent(req.path.slice('/v1/contacts/batches/'.length));
}

/** Small, fast, seedable PRNG (mulberry32), so a failing random schedule can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A plan that gives each request one of `faults` with probability `rate`, else passes it. */
export function randomFaults(rate: number, faults: readonly Fault[], random: () => number): FaultPlan {
  return () => (random() < rate ? faults[Math.floor(random() * faults.length)]! : PASS);
}

interface ProxyEvents {
  /** The request has been written to the server in full. */
  forwarded: [ProxiedRequest];
  settled: [LogEntry];
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'content-length',
]);

export class FaultProxy extends EventEmitter<ProxyEvents> {
  readonly url: string;
  /** Where requests go; null when the server is down (connections are then cut, as a refused one would be). */
  upstream: string | null;
  plan: FaultPlan;
  readonly log: LogEntry[] = [];
  private readonly server: http.Server;
  private readonly sockets = new Set<Duplex>();
  private readonly queued: Array<{ fault: Fault; match: (req: ProxiedRequest) => boolean }> = [];
  private seq = 0;

  private constructor(server: http.Server, url: string, upstream: string | null, plan: FaultPlan) {
    super();
    this.server = server;
    this.url = url;
    this.upstream = upstream;
    this.plan = plan;
  }

  static async start(upstream: string | null, plan: FaultPlan = passAll): Promise<FaultProxy> {
    // Longer than any test, so a client's pooled connection is never closed under it by an idle timer.
    const server = http.createServer({ keepAliveTimeout: 120_000 });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const { port } = server.address() as net.AddressInfo;
    const proxy = new FaultProxy(server, `http://127.0.0.1:${port}`, upstream, plan);
    server.on('connection', (socket) => proxy.track(socket));
    server.on('request', (req, res) => proxy.onRequest(req, res));
    server.on('upgrade', (req, socket, head) => proxy.onUpgrade(req, socket, head));
    return proxy;
  }

  /** The next `times` requests that `match` get `fault`, ahead of the plan. */
  next(fault: Fault, match: (req: ProxiedRequest) => boolean = () => true, times = 1): void {
    for (let i = 0; i < times; i++) this.queued.push({ fault, match });
  }

  /** Requests read but not yet settled (being forwarded, delayed or hanging). */
  inFlight(): LogEntry[] {
    return this.log.filter((e) => e.outcome === null);
  }

  /** Cuts every open connection, WebSocket streams included (a network blip). */
  cutConnections(): void {
    for (const s of this.sockets) s.destroy();
  }

  async close(): Promise<void> {
    this.cutConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private track(socket: Duplex): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
  }

  /** Numbers a request, decides its fault and logs it. */
  private record(req: http.IncomingMessage, body: string, upgrade: boolean): LogEntry {
    const request: ProxiedRequest = {
      seq: ++this.seq,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      body,
      upgrade,
    };
    const entry: LogEntry = {
      ...request,
      fault: this.decide(request),
      receivedAt: Date.now(),
      upstream: null,
      outcome: null,
      answeredAt: null,
      settledAt: null,
    };
    this.log.push(entry);
    return entry;
  }

  private decide(req: ProxiedRequest): Fault {
    const i = this.queued.findIndex((q) => q.match(req));
    if (i >= 0) return this.queued.splice(i, 1)[0]!.fault;
    return this.plan(req);
  }

  private settle(entry: LogEntry, outcome: Outcome): void {
    if (entry.outcome !== null) return;
    entry.outcome = outcome;
    entry.settledAt = Date.now();
    this.emit('settled', entry);
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => undefined);
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const entry = this.record(req, body.toString('utf8'), false);
      res.on('close', () => this.settle(entry, res.writableFinished ? 'answered' : 'client-gone'));
      this.apply(entry.fault, entry, req, res, body);
    });
  }

  private apply(
    fault: Fault,
    entry: LogEntry,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: Buffer,
  ): void {
    const drop = () => {
      this.settle(entry, 'dropped');
      req.socket.destroy();
    };
    switch (fault.kind) {
      case 'status': {
        const text = JSON.stringify(fault.body ?? { error: fault.status === 429 ? 'rate_limited' : 'injected' });
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
        entry.answeredAt = Date.now();
        res.writeHead(fault.status, headers).end(text);
        return;
      }
      case 'hang':
        this.settle(entry, 'hung');
        return;
      case 'drop':
        if (fault.phase === 'before') return drop();
        this.forward(entry, req, body, (answer) => (answer ? drop() : this.unreachable(entry, req)));
        return;
      case 'delay':
        if (fault.phase === 'request') {
          setTimeout(() => this.forward(entry, req, body, (a) => this.relay(entry, req, res, a)), fault.ms);
        } else {
          this.forward(entry, req, body, (a) => setTimeout(() => this.relay(entry, req, res, a), fault.ms));
        }
        return;
      case 'pass':
        this.forward(entry, req, body, (a) => this.relay(entry, req, res, a));
        return;
    }
  }

  private unreachable(entry: LogEntry, req: http.IncomingMessage): void {
    this.settle(entry, 'unreachable');
    req.socket.destroy();
  }

  private relay(
    entry: LogEntry,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    answer: { status: number; headers: http.IncomingHttpHeaders; body: Buffer } | null,
  ): void {
    if (!answer) return this.unreachable(entry, req);
    if (res.destroyed) return this.settle(entry, 'client-gone');
    const headers: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(answer.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) headers[k] = v;
    headers['content-length'] = answer.body.length;
    entry.answeredAt = Date.now();
    res.writeHead(answer.status, headers).end(answer.body);
  }

  /** Sends the request to the server; `done` gets its answer, or null when the server could not be reached. */
  private forward(
    entry: LogEntry,
    req: http.IncomingMessage,
    body: Buffer,
    done: (answer: { status: number; headers: http.IncomingHttpHeaders; body: Buffer } | null) => void,
  ): void {
    if (!this.upstream) return done(null);
    const target = new URL(entry.path, this.upstream);
    const headers: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) headers[k] = v;
    headers.host = target.host;
    headers['content-length'] = body.length;
    let finished = false;
    const finish = (answer: Parameters<typeof done>[0]) => {
      if (finished) return;
      finished = true;
      done(answer);
    };
    const out = http.request(target, { method: entry.method, headers, agent: false }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('error', () => finish(null));
      answer.on('end', () => {
        const text = Buffer.concat(chunks);
        entry.upstream = { status: answer.statusCode ?? 0, headers: answer.headers, body: text.toString('utf8') };
        finish({ status: answer.statusCode ?? 0, headers: answer.headers, body: text });
      });
    });
    out.on('error', () => finish(null));
    out.on('socket', (s) => this.track(s));
    out.end(body, () => this.emit('forwarded', entry));
  }

  private onUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const entry = this.record(req, '', true);
    const { fault } = entry;
    this.track(socket);
    if (fault.kind === 'hang') return this.settle(entry, 'hung');
    if (fault.kind === 'status') {
      socket.end(`HTTP/1.1 ${fault.status} Injected\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      return this.settle(entry, 'answered');
    }
    if ((fault.kind === 'drop' && fault.phase === 'before') || !this.upstream) {
      socket.destroy();
      return this.settle(entry, fault.kind === 'drop' ? 'dropped' : 'unreachable');
    }
    const target = new URL(this.upstream);
    const upstream = net.connect(Number(target.port), target.hostname);
    this.track(upstream);
    upstream.on('connect', () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        const name = req.rawHeaders[i]!;
        lines.push(`${name}: ${name.toLowerCase() === 'host' ? target.host : req.rawHeaders[i + 1]}`);
      }
      upstream.write(lines.join('\r\n') + '\r\n\r\n');
      upstream.write(head);
      socket.pipe(upstream).pipe(socket);
      this.settle(entry, 'piped');
    });
    upstream.on('error', () => {
      socket.destroy();
      this.settle(entry, 'unreachable');
    });
    upstream.on('close', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
  }
}
