import { request } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodChannels } from '../main/ipc/methods.ts';
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

function call(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${harness.origin}/__kith/ipc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${harness.token}`, ...headers },
    body: JSON.stringify(body),
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
    expect(script).toContain(`installHttpBridge(${JSON.stringify(methodChannels)}, "/__kith/ipc", "/__kith/events")`);
  });

  it('answers IPC calls with the token', async () => {
    const response = await call({ channel: 'app:info', args: [] });
    expect(await response.json()).toEqual({ ok: true, value: { name: 'Kith', version: '0.0.1', platform: 'test' } });
  });

  it('validates arguments with the shared handler table', async () => {
    const response = await call({ channel: 'app:ping', args: [1] });
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
  });

  it.each([
    ['a wrong token', { authorization: 'Bearer nope' }],
    ['no token', { authorization: '' }],
    ['a foreign Origin', { origin: 'https://evil.example' }],
  ])('refuses %s', async (_label, headers) => {
    const response = await call({ channel: 'app:info', args: [] }, headers);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
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
