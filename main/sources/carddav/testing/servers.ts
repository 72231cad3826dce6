// Real CardDAV servers for tests: Radicale (its own https and htpasswd auth) and Xandikos (no auth or TLS of its
// i18n-ignore-file: test servers, never shown
// own, so it runs on plain loopback http behind a small Node https proxy that checks Basic auth).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { connect, createServer, Socket, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { makeCerts, type TestCerts } from './tls.ts';

export type ServerName = 'radicale' | 'xandikos';

export const BINARIES: Record<ServerName, string> = { radicale: '/usr/bin/radicale', xandikos: '/usr/bin/xandikos' };

/** Why the suite for a server is skipped, or null when it runs. Missing servers fail when KITH_REQUIRE_CARDDAV=1. */
export function skipReason(name: ServerName): string | null {
  if (existsSync(BINARIES[name])) return null;
  const reason = `${BINARIES[name]} is not installed (apt-get install ${name})`;
  if (process.env['KITH_REQUIRE_CARDDAV'] === '1') throw new Error(`KITH_REQUIRE_CARDDAV=1 but ${reason}`);
  return reason;
}

export interface RunningServer {
  name: ServerName;
  /** https origin, e.g. https://127.0.0.1:PORT */
  origin: string;
  /** The address book collection URL. */
  bookUrl: string;
  user: string;
  password: string;
  certs: TestCerts;
  setPassword(password: string): void;
  /** Stops accepting connections at once (synchronous, for a stop in the middle of a poll). */
  halt(): void;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startServer(name: ServerName, dir: string): Promise<RunningServer> {
  const certs = makeCerts(dir);
  return name === 'radicale' ? startRadicale(dir, certs) : startXandikos(dir, certs);
}

const USER = 'alice';
const PASSWORD = 'correct horse battery staple';

async function startRadicale(dir: string, certs: TestCerts): Promise<RunningServer> {
  const port = await freePort();
  const users = join(dir, 'users');
  const storage = join(dir, 'collections');
  mkdirSync(storage, { recursive: true });
  const setPassword = (password: string): void => writeFileSync(users, `${USER}:${password}\n`);
  setPassword(PASSWORD);
  const config = join(dir, 'radicale.conf');
  writeFileSync(
    config,
    [
      '[server]',
      `hosts = 127.0.0.1:${port}`,
      'ssl = True',
      `certificate = ${certs.certFile}`,
      `key = ${certs.keyFile}`,
      '[auth]',
      'type = htpasswd',
      `htpasswd_filename = ${users}`,
      'htpasswd_encryption = plain',
      'delay = 0',
      '[rights]',
      'type = owner_only',
      '[storage]',
      `filesystem_folder = ${storage}`,
      '[logging]',
      'level = warning',
      '',
    ].join('\n'),
  );
  const child = spawn(BINARIES.radicale, ['--config', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  const stderr = collect(child);
  await waitForPort(port, child, stderr);
  // Radicale's own TLS passes through a byte-level forwarder, which can stop accepting at a precise moment.
  const front = await forward(port);
  const origin = `https://127.0.0.1:${front.port}`;
  const bookUrl = `${origin}/${USER}/contacts/`;
  // Radicale makes the principal on first sign-in but no address book: create one with an extended MKCOL.
  const made = await raw(certs, 'MKCOL', bookUrl, USER, PASSWORD, MKCOL_ADDRESSBOOK);
  if (made.status !== 201) throw new Error(`radicale MKCOL: ${made.status} ${made.body}`);
  return {
    name: 'radicale',
    origin,
    bookUrl,
    user: USER,
    password: PASSWORD,
    certs,
    setPassword,
    halt: front.halt,
    stop: async () => {
      front.halt();
      await kill(child);
    },
  };
}

const MKCOL_ADDRESSBOOK =
  '<?xml version="1.0" encoding="utf-8"?><d:mkcol xmlns:d="DAV:" xmlns:card="urn:ietf:params:xml:ns:carddav">' +
  '<d:set><d:prop><d:resourcetype><d:collection/><card:addressbook/></d:resourcetype>' +
  '<d:displayname>Contacts</d:displayname></d:prop></d:set></d:mkcol>';

async function startXandikos(dir: string, certs: TestCerts): Promise<RunningServer> {
  const backendPort = await freePort();
  const storage = join(dir, 'xandikos');
  const child = spawn(
    BINARIES.xandikos,
    [
      '-d',
      storage,
      '--defaults',
      '-l',
      '127.0.0.1',
      '-p',
      String(backendPort),
      '--current-user-principal',
      `/${USER}/`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const stderr = collect(child);
  await waitForPort(backendPort, child, stderr);
  let password = PASSWORD;
  const proxy = https.createServer({ cert: certs.cert, key: certs.key }, (req, res) => {
    const expected = `Basic ${Buffer.from(`${USER}:${password}`).toString('base64')}`;
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="kith-test"' }).end();
      return;
    }
    const upstream = http.request(
      { host: '127.0.0.1', port: backendPort, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
  const origin = `https://127.0.0.1:${port}`;
  return {
    name: 'xandikos',
    origin,
    bookUrl: `${origin}/${USER}/contacts/addressbook/`,
    user: USER,
    password: PASSWORD,
    certs,
    setPassword: (next) => {
      password = next;
    },
    halt: () => {
      proxy.close();
      proxy.closeAllConnections();
    },
    stop: async () => {
      proxy.closeAllConnections();
      if (proxy.listening) await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await kill(child);
    },
  };
}

async function forward(target: number): Promise<{ port: number; halt: () => void }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    const upstream = connect(target, '127.0.0.1');
    for (const s of [socket, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        socket.destroy();
        upstream.destroy();
      });
    }
    socket.pipe(upstream).pipe(socket);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    halt: () => {
      if (server.listening) server.close();
      for (const s of sockets) s.destroy();
    },
  };
}

function collect(child: ChildProcess): () => string {
  let text = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-4000);
  });
  return () => text;
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${stderr()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.connect(port, '127.0.0.1');
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not listen on ${port} within 15 s: ${stderr()}`);
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/** A request straight to the server, the way another client would change the address book. */
export async function raw(
  certs: TestCerts,
  method: string,
  url: string,
  user: string,
  password: string,
  body?: string,
  contentType = 'application/xml; charset=utf-8',
): Promise<{ status: number; body: string; etag: string | undefined }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
    };
    if (body !== undefined) {
      headers['content-type'] = contentType;
      headers['content-length'] = Buffer.byteLength(body);
    }
    const req = https.request(url, { method, headers, ca: certs.ca, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          etag: res.headers.etag,
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}
