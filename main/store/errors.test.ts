import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../import/importer.ts';
import { mountUnavailable, readOnlyView, smallDisk } from '../testing/small-disk.ts';
import { tempDir } from '../testing/tmp.ts';
import { listContacts } from './contacts.ts';
import { STORE_EXIT_CODES, StoreError, storeFailure } from './errors.ts';
import { openStore } from './open.ts';

/** `n` cards with a UK mobile each: enough rows to need more pages than a tight store has. */
function book(dir: string, name: string, n: number, from = 0): string {
  const cards = Array.from(
    { length: n },
    (_, i) =>
      `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person ${from + i}\r\nTEL:07400 ${String(100000 + from + i)}\r\nEND:VCARD\r\n`,
  );
  const path = join(dir, name);
  writeFileSync(path, cards.join(''));
  return path;
}

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

async function rejection(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

describe('store failures', () => {
  it('has one exit status per kind, none of them 0 to 3', () => {
    const codes = Object.values(STORE_EXIT_CODES);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toBeGreaterThan(3);
  });

  it('tells a full store (SQLITE_FULL) from a bug, and loses nothing of what was stored', async () => {
    const dir = tempDir();
    const path = join(dir, 'kith.db');
    const db = openStore(path);
    try {
      await importFile(db, book(dir, 'first.vcf', 20), { region: 'GB' });
      // No more pages than the store has now: the next import cannot grow it.
      db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
      const err = await rejection(() => importFile(db, book(dir, 'second.vcf', 2000, 20), { region: 'GB' }));
      expect(err).toBeInstanceOf(Database.SqliteError);
      const store = storeFailure(err, path);
      expect(store).toMatchObject({ kind: 'full', code: 'SQLITE_FULL', path, exitCode: 10 });
      expect(store?.message).toBe(
        `the disk holding the store ${path} is full (SQLITE_FULL); nothing stored was lost. Free some space and try again.`,
      );
      expect(listContacts(db)).toHaveLength(20);
      db.pragma('max_page_count = 1073741823');
      await importFile(db, book(dir, 'second.vcf', 2000, 20), { region: 'GB' });
      expect(listContacts(db)).toHaveLength(2020);
    } finally {
      db.close();
    }
  });

  it('names a write to a store opened read-only (SQLITE_READONLY)', () => {
    const path = join(tempDir(), 'kith.db');
    openStore(path).close();
    const db = new Database(path, { readonly: true });
    try {
      const err = caught(() => db.prepare("INSERT INTO settings (key, value) VALUES ('a', 'b')").run());
      expect(storeFailure(err, path)).toMatchObject({ kind: 'read-only', code: 'SQLITE_READONLY', exitCode: 11 });
    } finally {
      db.close();
    }
  });

  it('names a store that another process holds locked (SQLITE_BUSY)', () => {
    const path = join(tempDir(), 'kith.db');
    const holder = openStore(path);
    const db = openStore(path);
    try {
      holder.exec('BEGIN IMMEDIATE');
      db.pragma('busy_timeout = 20');
      const err = caught(() => db.prepare("INSERT INTO settings (key, value) VALUES ('a', 'b')").run());
      expect(storeFailure(err, path)).toMatchObject({ kind: 'busy', code: 'SQLITE_BUSY', exitCode: 13 });
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
      db.close();
    }
  });

  it('refuses to open a file that is not a store (SQLITE_NOTADB), a folder, and a path through a file', () => {
    const dir = tempDir();
    const path = join(dir, 'kith.db');
    writeFileSync(path, 'not a database, just text that is long enough to fill a header '.repeat(4));
    const err = caught(() => openStore(path));
    expect(err).toBeInstanceOf(StoreError);
    expect(err).toMatchObject({ kind: 'corrupt', code: 'SQLITE_NOTADB', exitCode: 14 });
    expect(caught(() => openStore(dir))).toMatchObject({ kind: 'cannot-open', code: 'SQLITE_CANTOPEN' });
    expect(caught(() => openStore(join(path, 'kith.db')))).toMatchObject({ kind: 'cannot-open', code: 'EEXIST' });
  });

  it('leaves other errors alone: a bug is not a store failure', () => {
    expect(storeFailure(new TypeError('x is undefined'), '/tmp/kith.db')).toBeNull();
    const db = new Database(':memory:');
    try {
      expect(
        storeFailure(
          caught(() => db.prepare('SELEC 1')),
          '/tmp/kith.db',
        ),
      ).toBeNull();
    } finally {
      db.close();
    }
    // A file that is not the store, elsewhere: reading it failed, the store is fine.
    const elsewhere = Object.assign(new Error('EACCES'), { code: 'EACCES', path: '/srv/contacts.vcf' });
    expect(storeFailure(elsewhere, '/home/me/kith/kith.db')).toBeNull();
    const below = Object.assign(new Error('ENOSPC'), { code: 'ENOSPC', path: '/home/me/kith/imports/a.vcf' });
    expect(storeFailure(below, '/home/me/kith/kith.db')).toMatchObject({ kind: 'full', code: 'ENOSPC' });
  });
});

describe.skipIf(mountUnavailable() !== null)('store failures on a real disk', () => {
  it('names a full disk when even the -shm file cannot grow (SQLITE_IOERR_SHMSIZE), and opens once space is back', async () => {
    const disk = smallDisk(2 * 1024 * 1024);
    const path = join(disk.dir, 'kith.db');
    const db = openStore(path);
    await importFile(db, book(tempDir(), 'book.vcf', 20), { region: 'GB' });
    db.close();
    disk.fill();
    const err = caught(() => openStore(path));
    expect(err).toBeInstanceOf(StoreError);
    expect(err).toMatchObject({ kind: 'full', code: 'SQLITE_IOERR_SHMSIZE', exitCode: 10 });
    disk.free();
    const again = openStore(path);
    expect(listContacts(again)).toHaveLength(20);
    again.close();
  });

  it('names a full disk in the middle of an import (SQLITE_FULL) and keeps what was stored', async () => {
    const disk = smallDisk(3 * 1024 * 1024);
    const path = join(disk.dir, 'kith.db');
    const source = tempDir();
    const db = openStore(path);
    try {
      await importFile(db, book(source, 'first.vcf', 20), { region: 'GB' });
      disk.fill(64 * 1024);
      const err = await rejection(() => importFile(db, book(source, 'second.vcf', 3000, 20), { region: 'GB' }));
      expect(storeFailure(err, path)).toMatchObject({ kind: 'full', exitCode: 10 });
      expect(listContacts(db)).toHaveLength(20);
      disk.free();
      await importFile(db, book(source, 'second.vcf', 3000, 20), { region: 'GB' });
      expect(listContacts(db)).toHaveLength(3020);
    } finally {
      db.close();
    }
  });

  it('names a read-only store: on open when nothing else holds it, and on the first write when something does', () => {
    const dir = tempDir();
    const path = join(dir, 'kith.db');
    openStore(path).close();
    const view = join(readOnlyView(dir), 'kith.db');
    const err = caught(() => openStore(view));
    expect(err).toBeInstanceOf(StoreError);
    expect(err).toMatchObject({ kind: 'read-only', code: 'SQLITE_CANTOPEN', path: view, exitCode: 11 });
    expect((err as Error).message).toBe(
      `the store ${view} cannot be written: the file or its folder is read-only (SQLITE_CANTOPEN); nothing stored was lost. Make them writable and try again.`,
    );

    // Another process has it open for writing, so its -shm exists: opening works, writing does not.
    const holder = openStore(path);
    try {
      const db = openStore(view);
      try {
        const write = caught(() => db.prepare("INSERT INTO settings (key, value) VALUES ('a', 'b')").run());
        expect(storeFailure(write, view)).toMatchObject({ kind: 'read-only', code: 'SQLITE_READONLY' });
      } finally {
        db.close();
      }
    } finally {
      holder.close();
    }
    // Creating a store in a read-only folder fails on the folder.
    expect(caught(() => openStore(join(dirname(view), 'sub', 'kith.db')))).toMatchObject({
      kind: 'read-only',
      code: 'EROFS',
    });
  });
});
