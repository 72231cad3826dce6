import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { FaultProxy, randomFaults, seededRandom } from './fault-proxy.ts';

/** An upstream that answers every request with what it got, counting them. */
let upstream: http.Server;
let upstreamUrl: string;
let seen: string[];
let proxy: FaultProxy;

beforeEach(async () => {
  seen = [];
  upstream = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url} ${body}`);
      res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': '1' });
      res.end(JSON.stringify({ method: req.method, url: req.url, body }));
    });
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  proxy = await FaultProxy.start(upstreamUrl);
});

afterEach(async () => {
  await proxy.close();
  upstream.closeAllConnections();
  await new Promise<void>((r) => upstream.close(() => r()));
});

const put = (path: string, body: string, signal?: AbortSignal) =>
  fetch(proxy.url + path, { method: 'PUT', body, headers: { 'content-type': 'application/json' }, signal });

describe('the fault proxy', () => {
  it('passes requests through with their bodies, and logs what the server answered', async () => {
    const res = await put('/a?x=1', '{"n":1}');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-upstream')).toBe('1');
    expect(await res.json()).toEqual({ method: 'PUT', url: '/a?x=1', body: '{"n":1}' });
    expect(seen).toEqual(['PUT /a?x=1 {"n":1}']);
    expect(proxy.log).toMatchObject([
      { seq: 1, method: 'PUT', path: '/a?x=1', body: '{"n":1}', outcome: 'answered', upstream: { status: 200 } },
    ]);
  });

  it('answers 500 and 429 with Retry-After itself, without asking the server', async () => {
    proxy.next({ kind: 'status', status: 500 });
    proxy.next({ kind: 'status', status: 429, retryAfter: 7 });
    const first = await put('/a', '1');
    const second = await put('/a', '2');
    expect(first.status).toBe(500);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('7');
    expect((await put('/a', '3')).status).toBe(200);
    expect(seen).toEqual(['PUT /a 3']);
  });

  it('drops a connection before forwarding, or after the server has answered', async () => {
    proxy.next({ kind: 'drop', phase: 'before' });
    proxy.next({ kind: 'drop', phase: 'after' });
    await expect(put('/before', 'b')).rejects.toThrow();
    await expect(put('/after', 'a')).rejects.toThrow();
    expect(seen).toEqual(['PUT /after a']);
    expect(proxy.log.map((e) => [e.path, e.outcome, e.upstream?.status ?? null])).toEqual([
      ['/before', 'dropped', null],
      ['/after', 'dropped', 200],
    ]);
  });

  it('delays an answer after the server has it, and holds a hanging request unanswered', async () => {
    proxy.next({ kind: 'delay', ms: 150, phase: 'answer' });
    const started = Date.now();
    const slow = put('/slow', 's');
    // The server has the request (and answers it) while the client still waits.
    await vi.waitFor(() => expect(proxy.log[0]?.upstream?.status).toBe(200), { timeout: 5000, interval: 10 });
    expect(seen).toEqual(['PUT /slow s']);
    expect((await slow).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);

    proxy.next({ kind: 'hang' });
    await expect(put('/hang', 'h', AbortSignal.timeout(100))).rejects.toThrow();
    expect(proxy.log[1]).toMatchObject({ path: '/hang', outcome: 'hung', upstream: null });
    expect(seen).toEqual(['PUT /slow s']);
  });

  it('matches queued faults by request, then falls back to a seeded random plan', async () => {
    proxy.next({ kind: 'status', status: 503 }, (r) => r.path === '/b');
    expect((await put('/a', '')).status).toBe(200);
    expect((await put('/b', '')).status).toBe(503);
    proxy.plan = randomFaults(0.5, [{ kind: 'status', status: 500 }], seededRandom(7));
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await put('/c', '')).status);
    expect(statuses.filter((s) => s === 500).length).toBeGreaterThan(5);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(5);
  });

  it('cuts connections while the server is down, and forwards again once it is back', async () => {
    const address = proxy.upstream;
    proxy.upstream = null;
    await expect(put('/down', '')).rejects.toThrow();
    expect(proxy.log[0]).toMatchObject({ outcome: 'unreachable' });
    proxy.upstream = address;
    expect((await put('/up', '')).status).toBe(200);
  });

  it('pipes WebSocket upgrades through, and cuts them on demand', async () => {
    const wss = new WebSocketServer({ server: upstream });
    wss.on('connection', (socket) => socket.on('message', (m) => socket.send(`echo ${String(m)}`)));
    const ws = new WebSocket(proxy.url.replace('http', 'ws') + '/stream');
    await new Promise((r, j) => ws.once('open', r).once('error', j));
    const echoed = new Promise<string>((r) => ws.once('message', (m) => r(String(m))));
    ws.send('hi');
    expect(await echoed).toBe('echo hi');
    const closed = new Promise((r) => ws.once('close', r));
    proxy.cutConnections();
    await closed;
    expect(proxy.log[0]).toMatchObject({ upgrade: true, path: '/stream', outcome: 'piped' });
    wss.close();
  });
});
