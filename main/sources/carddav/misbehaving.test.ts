import https from 'node:https';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/tmp.ts';
import { CardDavError, discover, EMPTY_STATE, poll } from './index.ts';
import {
  cardResponse,
  etagResponse,
  fakeServer,
  multistatus,
  type FakeServer,
  type Handler,
} from './testing/fake-server.ts';
import { makeCerts } from './testing/tls.ts';

const creds = { username: 'alice', password: 'S3cret-pass-word' };
const servers: FakeServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function serve(handler: Handler): Promise<FakeServer> {
  const server = await fakeServer(handler);
  servers.push(server);
  return server;
}

async function failure(promise: Promise<unknown>): Promise<CardDavError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CardDavError);
  const text = `${(error as CardDavError).message} ${(error as CardDavError).detail} ${(error as Error).stack}`;
  expect(text).not.toContain(creds.password);
  expect(text).not.toContain(Buffer.from(`${creds.username}:${creds.password}`).toString('base64'));
  return error as CardDavError;
}

const VCARD = (uid: string): string => `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:${uid}\r\nFN:${uid}\r\nEND:VCARD\r\n`;

describe('a misbehaving CardDAV server', () => {
  it('sends XML that does not parse: malformed, nothing returned', async () => {
    const server = await serve((_req, _body, res) => {
      res.writeHead(207, { 'content-type': 'application/xml' }).end('<d:multistatus xmlns:d="DAV:"><d:response>');
    });
    const error = await failure(poll(`${server.url}/book/`, creds, EMPTY_STATE, { supportsSync: true }));
    expect(error.kind).toBe('malformed');
    expect(error.message).toContain('could not read');
  });

  it('answers a web page instead of WebDAV: not a CardDAV server', async () => {
    const server = await serve((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Welcome</body></html>');
    });
    expect((await failure(discover(server.url, creds))).kind).toBe('not-carddav');
  });

  it('refuses a huge card on its own, and still returns the good cards', async () => {
    const huge = `BEGIN:VCARD\r\nVERSION:3.0\r\nUID:huge\r\nNOTE:${'x'.repeat(1_200_000)}\r\nEND:VCARD\r\n`;
    const server = await serve((req, body, res) => {
      if (body.includes('sync-collection')) {
        const list = ['good', 'huge', 'lost'].map((n) => etagResponse(`/book/${n}.vcf`, `"${n}1"`)).join('');
        res.writeHead(207, { 'content-type': 'application/xml' }).end(multistatus(list, 'tok-1'));
        return;
      }
      const cards =
        cardResponse('/book/good.vcf', '"good1"', VCARD('good')) +
        cardResponse('/book/huge.vcf', '"huge1"', huge) +
        `<d:response><d:href>/book/lost.vcf</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response>`;
      res.writeHead(207, { 'content-type': 'application/xml' }).end(multistatus(cards));
    });
    const result = await poll(`${server.url}/book/`, creds, EMPTY_STATE, { supportsSync: true });
    expect(result.upserts.map((u) => u.href)).toEqual(['/book/good.vcf']);
    expect(result.errors.map((e) => [e.href, e.kind])).toEqual([
      ['/book/huge.vcf', 'card-too-large'],
      ['/book/lost.vcf', 'card-status'],
    ]);
    expect(result.errors[0]!.message).toMatch(/larger than 1 MB/);
    expect(result.state.etags).toEqual({ '/book/good.vcf': '"good1"' });
    expect(result.state.token).toBe('tok-1');
  });

  it('splits a multiget answer over the size cap until the oversized card stands alone', async () => {
    const server = await serve((_req, body, res) => {
      if (body.includes('sync-collection')) {
        const list = ['a', 'b', 'big', 'c'].map((n) => etagResponse(`/book/${n}.vcf`, `"${n}"`)).join('');
        res.writeHead(207, { 'content-type': 'application/xml' }).end(multistatus(list, 'tok'));
        return;
      }
      const hrefs = [...body.matchAll(/<d:href>([^<]+)<\/d:href>/g)].map((m) => m[1]!);
      const cards = hrefs
        .map((href) => {
          const uid = href.replace(/^\/book\/|\.vcf$/g, '');
          const text = uid === 'big' ? VCARD('big').replace('FN:', `NOTE:${'y'.repeat(300_000)}\r\nFN:`) : VCARD(uid);
          return cardResponse(href, `"${uid}"`, text);
        })
        .join('');
      res.writeHead(207, { 'content-type': 'application/xml' }).end(multistatus(cards));
    });
    const result = await poll(`${server.url}/book/`, creds, EMPTY_STATE, {
      supportsSync: true,
      maxBodyBytes: 200_000,
    });
    expect(result.upserts.map((u) => u.href).sort()).toEqual(['/book/a.vcf', '/book/b.vcf', '/book/c.vcf']);
    expect(result.errors.map((e) => [e.href, e.kind])).toEqual([['/book/big.vcf', 'card-too-large']]);
  });

  it('redirects in a loop: stops after five redirects', async () => {
    let hops = 0;
    const server = await serve((_req, _body, res) => {
      hops++;
      res.writeHead(301, { location: `/loop/${hops}` }).end();
    });
    const error = await failure(discover(server.url, creds));
    expect(error.kind).toBe('redirects');
    expect(hops).toBe(6);
  });

  it('sends the body too slowly: a timeout rather than a hang', async () => {
    const server = await serve((_req, _body, res) => {
      res.writeHead(207, { 'content-type': 'application/xml' });
      res.write('<?xml version="1.0"?>');
      // Never finishes.
    });
    const started = Date.now();
    const error = await failure(
      poll(`${server.url}/book/`, creds, EMPTY_STATE, { supportsSync: true, bodyTimeoutMs: 300 }),
    );
    expect(error.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('classifies 401, 403 and 404 without repeating the password', async () => {
    for (const [status, kind] of [
      [401, 'auth'],
      [403, 'forbidden'],
      [404, 'gone'],
      [410, 'gone'],
      [503, 'server'],
    ] as const) {
      const server = await serve((_req, _body, res) => res.writeHead(status).end());
      const error = await failure(poll(`${server.url}/book/`, creds, EMPTY_STATE, { supportsSync: false }));
      expect([status, error.kind]).toEqual([status, kind]);
    }
  });

  it('refuses plain http to anything but loopback, before connecting', async () => {
    const error = await failure(poll('http://192.0.2.1/book/', creds, EMPTY_STATE, { supportsSync: true }));
    expect(error.kind).toBe('insecure');
    for (const host of ['http://localhost:1/', 'http://127.9.9.9:1/', 'http://[::1]:1/']) {
      const refused = await failure(poll(host, creds, EMPTY_STATE, { supportsSync: true }));
      expect(refused.kind).toBe('unreachable');
    }
  });

  it('keeps a user name and password written into the URL out of the error', async () => {
    const server = await serve((_req, _body, res) => res.writeHead(500).end());
    const url = server.url.replace('http://', `http://alice:${creds.password}@`) + '/book/';
    const error = await failure(poll(url, creds, EMPTY_STATE, { supportsSync: true }));
    expect(error.kind).toBe('server');
  });

  it('never completes the TLS handshake: a connect timeout', async () => {
    const sockets: Socket[] = [];
    // Accepts the connection and says nothing.
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const options = { supportsSync: true, connectTimeoutMs: 200 };
      const error = await failure(poll(`https://127.0.0.1:${port}/book/`, creds, EMPTY_STATE, options));
      expect(error.kind).toBe('timeout');
      expect(error.detail).toContain('no connection within 200 ms');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('never follows a redirect from https to http, and refuses an unknown self-signed certificate', async () => {
    const certs = makeCerts(tempDir());
    const server = https.createServer({ cert: certs.cert, key: certs.key }, (_req, res) => {
      res.writeHead(302, { location: 'http://127.0.0.1:1/book/' }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const options = { supportsSync: true, ca: certs.ca };
      const error = await failure(poll(`https://127.0.0.1:${port}/book/`, creds, EMPTY_STATE, options));
      expect(error.kind).toBe('downgrade');
      const name = await failure(poll(`https://localhost:${port}/book/`, creds, EMPTY_STATE, { supportsSync: true }));
      expect(name.kind).toBe('tls-self-signed');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
