/**
 * What the sync fault tests share: a real sync server on loopback (in this process on a chosen port, or as a child
 * process that can be killed), a local store signed in to it, address books of generated UK mobile numbers, and
 * bounded polling.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { buildServer, type KithServer } from '../../server/app.ts';
import { DEFAULT_LIMITS, testConfig, type ServerConfig } from '../../server/config.ts';
import { createTestDatabase, type TestDatabase } from '../../server/testing/databases.ts';
import { devSender } from '../../server/verification/senders.ts';
import { importFile, type FileReport } from '../import/importer.ts';
import { openStore, type Db } from '../store/open.ts';
import { login, settingsTokenStore } from '../sync/session.ts';
import { FaultProxy } from './fault-proxy.ts';
import { tempDir } from './tmp.ts';

export const ROOT = join(import.meta.dirname, '..', '..');

/** The signed-in user's own number; never in the generated address books. */
export const ME = '+447400000001';

/** Small waits, so that a test sees many retries in little time. */
export const FAST_BACKOFF = { baseMs: 20, maxMs: 200 };

/** The i-th generated number: distinct, valid UK mobiles. */
export function phoneNumber(i: number): string {
  return `+447400${String(100_000 + i).padStart(6, '0')}`;
}

export interface Contact {
  name: string;
  phones: readonly string[];
}

/** `count` contacts with one number each, numbered from `from`. */
export function contacts(from: number, count: number): Contact[] {
  return Array.from({ length: count }, (_, k) => ({ name: `Contact ${from + k}`, phones: [phoneNumber(from + k)] }));
}

/** Writes a Google-style CSV address book; several numbers of one contact share the cell, `:::`-separated. */
export function writeBook(path: string, book: readonly Contact[]): string {
  const rows = book.map((c) => `"${c.name}",Mobile,${c.phones.join(' ::: ')}`);
  writeFileSync(path, ['Name,Phone 1 - Type,Phone 1 - Value', ...rows, ''].join('\r\n'));
  return path;
}

export function importBook(db: Db, path: string, book: readonly Contact[]): Promise<FileReport> {
  return importFile(db, writeBook(path, book), { region: 'GB' });
}

export function storeIn(dir: string): { path: string; db: Db } {
  const path = join(dir, 'kith.db');
  return { path, db: openStore(path) };
}

/** Signs the store in to `url` (a dev-mode server hands the code back) and returns the session token. */
export async function signIn(db: Db, url: string, e164 = ME): Promise<string> {
  const tokens = settingsTokenStore(db);
  await login(db, tokens, url, e164, { now: Date.now() });
  const token = tokens.read();
  if (!token) throw new Error('signed in without a token');
  return token;
}

const LOOPBACK_LIMITS = {
  ...DEFAULT_LIMITS,
  startsPerIpPerHour: 1_000_000,
  startsPerNumberPerIpPerHour: 1_000_000,
  attemptsPerIpPerHour: 1_000_000,
};

export interface Served {
  url: string;
  server: KithServer;
  close(): Promise<void>;
}

/** The sync server in this process on 127.0.0.1:`port` (0: any free port), over `databaseUrl`. */
export async function serve(databaseUrl: string, port = 0, config: Partial<ServerConfig> = {}): Promise<Served> {
  const server = await buildServer(testConfig(databaseUrl, { limits: LOOPBACK_LIMITS, ...config }), {
    sender: devSender(() => {}),
  });
  const url = await server.app.listen({ host: '127.0.0.1', port });
  return { url, server, close: () => server.close() };
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Ends the process (SIGKILL by default: no graceful shutdown) and waits for it to be gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** `node server/main.ts` as a separate process over a SQLite file, on a free port. */
export async function spawnServer(databaseUrl: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, [join(ROOT, 'server', 'main.ts')], {
    env: {
      PATH: process.env.PATH ?? '',
      KITH_PORT: '0',
      KITH_DEV: '1',
      KITH_LOG_LEVEL: 'silent',
      DATABASE_URL: databaseUrl,
      // Beside the database, so that a restart on it keeps the secret and no per-user folder is touched.
      KITH_SECRET_FILE: `${databaseUrl.replace(/^sqlite:/, '')}.key`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => reject(new Error(`kith-server exited with ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^kith-server listening on (http:\/\/\S+)$/.exec(line);
      if (m) resolve(m[1]!);
    });
  });
  return {
    url,
    child,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Polls `check` until it holds (bounded): for conditions another process or a timer brings about. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
  intervalMs = 20,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export interface Proxied {
  database: TestDatabase;
  server: Served;
  proxy: FaultProxy;
  dir: string;
  db: Db;
  /** The session token of the store's user, for checking the server directly. */
  token: string;
  close(): Promise<void>;
}

/** A server on a fresh SQLite database, a fault proxy in front of it, and a store signed in through the proxy. */
export async function proxiedSetup(config: Partial<ServerConfig> = {}): Promise<Proxied> {
  const database = await createTestDatabase('sqlite');
  const server = await serve(database.url, 0, config);
  const proxy = await FaultProxy.start(server.url);
  const dir = tempDir();
  const { db } = storeIn(dir);
  const token = await signIn(db, proxy.url);
  return {
    database,
    server,
    proxy,
    dir,
    db,
    token,
    async close() {
      db.close();
      await proxy.close();
      await server.close();
      await database.drop();
    },
  };
}
