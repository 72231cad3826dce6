import { request } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { methodChannels } from '../main/ipc/methods.ts';
import { BRIDGE_PROTOCOL } from './harness-socket.ts';
import { startWebHarness, type WebHarness } from './web-harness.ts';

let dir: string;
let harness: WebHarness;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kith-harness-'));
  await writeFile(
    path.join(dir, 'index.html'),
    '<html><head><script type="module" src="./app.js"></script></head></html>',
  );
  harness = await startWebHarness({
    rendererDir: dir,
    appInfo: { name: 'Kith', version: '0.0.1', platform: 'test' },
  });
});

afterAll(async () => {
  await harness.close();
  await rm(dir, { recursive: true, force: true });
});

interface Dial {
  protocols?: string[];
  origin?: string;
  host?: string;
  path?: string;
}

/** Opens the bridge socket as the page does (or with one thing wrong); resolves once open, or with the refusal. */
function dial(options: Dial = {}): Promise<{ ws: WebSocket } | { status: number }> {
  const { port } = new URL(harness.origin);
  const ws = new WebSocket(
    `ws://127.0.0.1:${port}${options.path ?? '/__kith/socket'}`,
    options.protocols ?? [BRIDGE_PROTOCOL, harness.token],
    {
      origin: options.origin ?? harness.origin,
      headers: options.host ? { host: options.host } : {},
    },
  );
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_request, response) => {
      resolve({ status: response.statusCode ?? 0 });
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

async function open(): Promise<WebSocket> {
  const dialled = await dial();
  if (!('ws' in dialled)) throw new Error(`refused with ${dialled.status}`);
  return dialled.ws;
}

/** Sends one raw message and waits for the next answer that is not a pushed event. */
function exchange(ws: WebSocket, message: string): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse(data.toString()) as Record<string, unknown>;
      if ('event' in parsed) return;
      ws.off('message', onMessage);
      resolve(parsed);
    };
    ws.on('message', onMessage);
    ws.send(message);
  });
}

describe('web harness', () => {
  it('listens on loopback only and puts the token in the URL', () => {
    expect(harness.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
  });

  it('injects the bridge before the app script', async () => {
    const html = await (await fetch(`${harness.origin}/`)).text();
    expect(html.indexOf('/__kith/bridge.js')).toBeLessThan(html.indexOf('./app.js'));
  });

  it('serves the bridge built from the method table', async () => {
    const script = await (await fetch(`${harness.origin}/__kith/bridge.js`)).text();
    expect(script).toContain(
      `installSocketBridge(${JSON.stringify(methodChannels)}, "/__kith/socket", "${BRIDGE_PROTOCOL}")`,
    );
  });

  it('answers IPC calls over the socket with the token', async () => {
    const ws = await open();
    try {
      expect(await exchange(ws, JSON.stringify({ id: 7, channel: 'app:info', args: [] }))).toEqual({
        id: 7,
        reply: { ok: true, value: { name: 'Kith', version: '0.0.1', platform: 'test' } },
      });
      expect(ws.protocol).toBe(BRIDGE_PROTOCOL);
    } finally {
      ws.close();
    }
  });

  it('validates arguments with the shared handler table, and messages that are not calls', async () => {
    const ws = await open();
    try {
      expect(await exchange(ws, JSON.stringify({ id: 1, channel: 'app:ping', args: [1] }))).toMatchObject({
        id: 1,
        reply: { ok: false, error: { code: 'invalid-arguments' } },
      });
      expect(await exchange(ws, JSON.stringify({ id: 2, channel: 'no:such', args: [] }))).toMatchObject({
        id: 2,
        reply: { ok: false, error: { code: 'unknown-channel' } },
      });
      expect(await exchange(ws, '{not json')).toMatchObject({
        id: null,
        reply: { ok: false, error: { message: 'Message is not JSON' } },
      });
      expect(await exchange(ws, JSON.stringify({ channel: 'app:info', args: [] }))).toMatchObject({
        id: null,
        reply: { ok: false, error: { code: 'invalid-arguments' } },
      });
    } finally {
      ws.close();
    }
  });

  it("pushes the host's events to the page", async () => {
    const ws = await open();
    try {
      const received = new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()))));
      harness.host.emit('event', { type: 'data-changed' });
      expect(await received).toEqual({ event: { type: 'data-changed' } });
    } finally {
      ws.close();
    }
  });

  it.each([
    ['a wrong token', { protocols: [BRIDGE_PROTOCOL, 'x'.repeat(32)] }, 403],
    ['no token', { protocols: [BRIDGE_PROTOCOL] }, 403],
    ['the token without the bridge protocol', { protocols: ['other'] }, 403],
    ['a foreign Origin', { origin: 'https://evil.example' }, 403],
    ['another path', { path: '/__kith/other' }, 404],
  ])('refuses a socket with %s', async (_label, options: Dial, status) => {
    expect(await dial(options)).toEqual({ status });
  });

  it('refuses a socket whose Host was rebound', async () => {
    const { port } = new URL(harness.origin);
    expect(await dial({ host: `evil.example:${port}` })).toEqual({ status: 421 });
  });

  it('refuses a rebound Host header', async () => {
    const { port } = new URL(harness.origin);
    const status = await new Promise<number | undefined>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/', headers: { host: `evil.example:${port}` } }, (response) => {
        response.resume();
        resolve(response.statusCode);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(421);
  });

  it('does not serve files outside the renderer', async () => {
    expect((await fetch(`${harness.origin}/%2e%2e/package.json`)).status).toBe(404);
  });
});
