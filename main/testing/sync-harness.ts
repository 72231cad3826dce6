/**
 * Sync tests run against the real server on loopback (a fresh SQLite database per file, from `serverFor`) and a real
 * store file per test. A device is a store signed in with its own number through the real verification API.
 */
import { writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { call } from '../../server/testing/client.ts';
import { importFile, type FileReport } from '../import/importer.ts';
import { defaultRegion } from '../import/region.ts';
import { openStore, type Db } from '../store/open.ts';
import { SyncEngine, type EngineOptions } from '../sync/engine.ts';
import { login, settingsTokenStore } from '../sync/session.ts';
import { tempDir } from './tmp.ts';

/** A vCard 3.0 card. A tel is its raw text, or `TYPE:raw` to give it a type (e.g. `WORK:020 7946 0000`). */
export function vcard(uid: string, name: string, tels: readonly string[], extra: readonly string[] = []): string {
  const tel = (t: string) => {
    const typed = /^([A-Z]+):(.*)$/.exec(t);
    return typed ? `TEL;TYPE=${typed[1]}:${typed[2]}` : `TEL;TYPE=CELL:${t}`;
  };
  return ['BEGIN:VCARD', 'VERSION:3.0', `UID:${uid}`, `FN:${name}`, ...tels.map(tel), ...extra, 'END:VCARD'].join(
    '\r\n',
  );
}

let counter = 0;

/** A valid UK mobile number not used before in this process: each device signs in as someone new. */
export function freshNumber(): string {
  counter++;
  return `+4474009${String(counter).padStart(5, '0')}`;
}

/** An address book of `n` distinct valid UK mobiles written nationally, ten to a card, and their E.164 forms. */
export function bulkBook(n: number): { cards: string[]; e164s: string[] } {
  const digits = Array.from({ length: n }, (_, i) => `1${String(i).padStart(5, '0')}`);
  const cards: string[] = [];
  for (let i = 0; i < n; i += 10) {
    cards.push(
      vcard(
        `u${i}`,
        `Contact ${i}`,
        digits.slice(i, i + 10).map((d) => `07400 ${d}`),
      ),
    );
  }
  return { cards, e164s: digits.map((d) => `+447400${d}`) };
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

export interface Device {
  dir: string;
  path: string;
  db: Db;
  e164: string;
  url: string;
  /** Every request the device's clients made, login included, with the body as sent. */
  requests: RecordedRequest[];
  token(): string;
  /** A sync engine on the device's store, recording its requests; stopped after the test. */
  engine(options?: Omit<EngineOptions, 'db' | 'client'>): SyncEngine;
  /** Writes the cards to a file in the device's folder and imports it, in the store's default region. */
  importCards(cards: readonly string[]): Promise<FileReport>;
  /** The numbers the server holds for this account, every page. */
  serverNumbers(): Promise<string[]>;
  /** The upload requests (`PUT …/batches/…`) recorded since `from`. */
  uploads(from?: number): Array<{ batchId: string; add: string[]; remove: string[] }>;
}

/** A fresh store in a temporary folder, signed in to `url` as a new number (or `e164`). Closed after the test. */
export async function signedInDevice(url: string, e164 = freshNumber()): Promise<Device> {
  const dir = tempDir();
  const path = join(dir, 'kith.db');
  const db = openStore(path);
  onTestFinished(() => {
    db.close();
  });
  const requests: RecordedRequest[] = [];
  const onRequest = (method: string, path: string, body: unknown) => requests.push({ method, path, body });
  const tokens = settingsTokenStore(db);
  const result = await login(db, tokens, url, e164, { now: Date.now(), client: { onRequest } });
  if (result.status !== 'signed_in') throw new Error(`${e164} was not signed in: ${result.status}`);
  return {
    dir,
    path,
    db,
    e164,
    url,
    requests,
    token: () => tokens.read() ?? '',
    engine(options = {}) {
      const engine = new SyncEngine({ db, client: { onRequest }, ...options });
      onTestFinished(() => engine.stop());
      return engine;
    },
    importCards(cards) {
      const book = join(dir, 'book.vcf');
      writeFileSync(book, cards.join('\r\n') + '\r\n');
      return importFile(db, book, { region: defaultRegion(db) });
    },
    serverNumbers: () => serverNumbers(url, tokens.read() ?? ''),
    uploads: (from = 0) =>
      requests
        .slice(from)
        .filter((r) => r.method === 'PUT')
        .map((r) => ({
          batchId: decodeURIComponent(r.path.split('/').pop() ?? ''),
          ...(r.body as { add: string[]; remove: string[] }),
        })),
  };
}

/** The numbers the server holds for the account of `token`, following the pages; sorted as strings. */
export async function serverNumbers(url: string, token: string): Promise<string[]> {
  const numbers: string[] = [];
  for (let after: string | null = null; ;) {
    const query: string = after ? `&after=${encodeURIComponent(after)}` : '';
    const page = await call<{ numbers: string[]; next: string | null }>(url, 'GET', `/v1/contacts?limit=1000${query}`, {
      token,
    });
    if (page.status !== 200) throw new Error(`GET /v1/contacts: ${page.status} ${JSON.stringify(page.body)}`);
    numbers.push(...page.body.numbers);
    if (!page.body.next) return numbers.sort();
    after = page.body.next;
  }
}

/** What the server should hold, read from the phones: valid numbers of included contacts, not excluded themselves. */
export function wantedNumbers(db: Db): string[] {
  return db
    .prepare(
      `SELECT DISTINCT p.e164 FROM phones p JOIN contacts c ON c.id = p.contact_id
       WHERE p.status = 'valid' AND c.excluded = 0 AND p.e164 NOT IN (SELECT e164 FROM excluded_numbers)
       ORDER BY p.e164`,
    )
    .pluck()
    .all() as string[];
}

export interface Gate {
  /** The server's address through the gate. */
  url: string;
  /** Stops listening and drops every connection: the port is closed, connecting is refused. */
  close(): Promise<void>;
  /** Listens on the same port again. */
  open(): Promise<void>;
}

/** A TCP relay to `target` on a port of its own, to take the server off the network and bring it back. */
export async function gate(target: string): Promise<Gate> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  const relay = (): Server =>
    createServer((client) => {
      const upstream = connect(Number(port), hostname);
      const drop = () => {
        for (const s of [client, upstream]) {
          s.destroy();
          sockets.delete(s);
        }
      };
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', drop).on('close', drop);
      }
      client.pipe(upstream).pipe(client);
    });
  const listen = (server: Server, at: number) =>
    new Promise<Server>((resolve, reject) => {
      server.once('error', reject);
      server.listen(at, '127.0.0.1', () => resolve(server));
    });
  let server: Server | null = await listen(relay(), 0);
  const at = (server.address() as AddressInfo).port;
  const close = async () => {
    const closing = server;
    server = null;
    for (const s of sockets) s.destroy();
    if (closing) await new Promise((resolve) => closing.close(resolve));
  };
  onTestFinished(close);
  return {
    url: `http://127.0.0.1:${at}`,
    close,
    async open() {
      if (!server) server = await listen(relay(), at);
    },
  };
}
