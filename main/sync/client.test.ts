import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServerClient } from './client.ts';
import { SyncError } from './errors.ts';

/** What a request looked like on the wire. */
interface Seen {
  method: string;
  url: string;
  contentType: string | undefined;
  contentLength: string | undefined;
  body: string;
}

let server: http.Server;
let seen: Seen[];
let client: ServerClient;

beforeEach(async () => {
  seen = [];
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        contentType: req.headers['content-type'],
        contentLength: req.headers['content-length'],
        body,
      });
      const status = req.url?.startsWith('/v1/events') ? 503 : 200;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new ServerClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { token: 'kst_test' });
});

afterEach(async () => {
  client.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('ServerClient requests', () => {
  it('sends a bodyless POST or DELETE with no body and no content type (not as a form)', async () => {
    await client.logout();
    await client.deleteAccount();
    expect(seen).toEqual([
      { method: 'POST', url: '/v1/logout', contentType: undefined, contentLength: '0', body: '' },
      { method: 'DELETE', url: '/v1/account', contentType: undefined, contentLength: undefined, body: '' },
    ]);
  });

  it('labels a request with a body as JSON', async () => {
    await client.setDiscoverable(false);
    expect(seen).toEqual([
      {
        method: 'PUT',
        url: '/v1/account/discoverable',
        contentType: 'application/json',
        contentLength: '22',
        body: '{"discoverable":false}',
      },
    ]);
  });

  it('names the failed request by method and path, without the paging query', async () => {
    const failure = await client.events(42).catch((err: unknown) => err);
    expect(seen[0]!.url).toBe('/v1/events?after=42&limit=500');
    expect(failure).toBeInstanceOf(SyncError);
    expect(failure).toMatchObject({ kind: 'server', status: 503, message: 'GET /v1/events: 503' });
  });
});
