// A CardDAV server that misbehaves on purpose, on loopback http: each route answers the way a broken server might.
// i18n-ignore-file: test server, never shown
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;

export interface FakeServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

export async function fakeServer(handler: Handler): Promise<FakeServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push(`${req.method} ${req.url}`);
      handler(req, Buffer.concat(chunks).toString('utf8'), res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export function multistatus(responses: string, token = ''): string {
  return (
    `<?xml version="1.0"?><d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav">${responses}` +
    (token ? `<d:sync-token>${token}</d:sync-token>` : '') +
    `</d:multistatus>`
  );
}

export function cardResponse(href: string, etag: string, vcard: string): string {
  return (
    `<d:response><d:href>${href}</d:href><d:propstat><d:prop><d:getetag>${etag}</d:getetag>` +
    `<c:address-data>${vcard}</c:address-data></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`
  );
}

export function etagResponse(href: string, etag: string): string {
  return (
    `<d:response><d:href>${href}</d:href><d:propstat><d:prop><d:getetag>${etag}</d:getetag></d:prop>` +
    `<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>`
  );
}
