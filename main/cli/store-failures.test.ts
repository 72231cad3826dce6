import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serverFor } from '../../server/testing/suite.ts';
import { openStore } from '../store/open.ts';
import { freshNumber, serverNumbers, vcard } from '../testing/sync-harness.ts';
import { mountUnavailable, readOnlyView, smallDisk } from '../testing/small-disk.ts';
import { settingsTokenStore } from '../sync/session.ts';
import { tempDir } from '../testing/tmp.ts';
import { runKith as kith } from '../testing/kith-cli.ts';

/** `kith` as users run it, on a store it cannot write: one line on stderr, its own exit status, nothing lost. */

const MULTIPLE = join(import.meta.dirname, '..', '..', 'fixtures', 'corpus', 'node-vcf', 'multiple.vcf');
/** Each run of `kith` starts Node and loads the CLI: about a second, several on a busy machine. */
const SLOW = { timeout: 180_000 };

const full = (command: string, db: string, code: string): string =>
  `kith ${command}: the disk holding the store ${db} is full (${code}); nothing stored was lost. ` +
  'Free some space and try again.\n';

const readOnly = (command: string, db: string, code: string): string =>
  `kith ${command}: the store ${db} cannot be written: the file or its folder is read-only (${code}); ` +
  'nothing stored was lost. Make them writable and try again.\n';

/** A file of `n` cards with a valid UK mobile each. */
function bigBook(dir: string, n: number): string {
  const path = join(dir, `book-${n}.vcf`);
  const cards = Array.from({ length: n }, (_, i) =>
    vcard(`u${i}`, `Contact ${i}`, [`07400 1${String(i).padStart(5, '0')}`]),
  );
  writeFileSync(path, cards.join('\r\n') + '\r\n');
  return path;
}

async function contactCount(home: string, db: string): Promise<number> {
  const run = await kith(home, 'contacts', '--json', '--db', db);
  expect(run).toMatchObject({ code: 0, stderr: '' });
  return (JSON.parse(run.stdout) as unknown[]).length;
}

describe('kith on a store that cannot be opened', () => {
  it(
    'says so in one line, with an exit status of its own, for a file that is not a store and a folder',
    SLOW,
    async () => {
      const home = tempDir();
      const notStore = join(home, 'notes.txt');
      writeFileSync(notStore, 'these are my notes, not a database; '.repeat(8));
      expect(await kith(home, 'contacts', '--db', notStore)).toEqual({
        code: 14,
        stdout: '',
        stderr:
          `kith contacts: the store ${notStore} is damaged or is not a Kith store (SQLITE_NOTADB). ` +
          'Keep a copy of it, move it aside, and import your address books again.\n',
      });
      expect(await kith(home, 'status', `--db=${home}`)).toEqual({
        code: 15,
        stdout: '',
        stderr:
          `kith status: the store ${home} cannot be opened (SQLITE_CANTOPEN). ` +
          'Check that its folder exists and can be written, and try again.\n',
      });
    },
  );
});

describe.skipIf(mountUnavailable() !== null)('kith on a full or read-only disk', () => {
  const server = serverFor('sqlite');

  it(
    'import, status, contacts and sync on a full disk: one line, exit 10, and all there once space is back',
    SLOW,
    async () => {
      const home = tempDir();
      const disk = smallDisk(2 * 1024 * 1024);
      const db = join(disk.dir, 'kith.db');
      expect((await kith(home, 'import', MULTIPLE, '--me', '+447400123456', '--db', db)).code).toBe(0);
      disk.fill();
      // Opening needs room for the shared-memory file (-shm): even reading fails.
      const runs = await Promise.all([
        kith(home, 'import', bigBook(home, 10), '--db', db),
        kith(home, 'status', '--db', db),
        kith(home, 'contacts', '--db', db),
        kith(home, 'sync', '--db', db),
      ]);
      expect(runs).toEqual(
        ['import', 'status', 'contacts', 'sync'].map((command) => ({
          code: 10,
          stdout: '',
          stderr: full(command, db, 'SQLITE_IOERR_SHMSIZE'),
        })),
      );
      disk.free();
      expect(await contactCount(home, db)).toBe(3);
      expect((await kith(home, 'import', bigBook(home, 10), '--db', db)).code).toBe(0);
      expect(await contactCount(home, db)).toBe(13);
    },
  );

  it(
    'a disk that fills up in the middle of an import: what was stored stays, the import goes through later',
    SLOW,
    async () => {
      const home = tempDir();
      const disk = smallDisk(3 * 1024 * 1024);
      const db = join(disk.dir, 'kith.db');
      const first = await kith(home, 'import', MULTIPLE, '--me', '+447400123456', '--db', db);
      expect(first.code).toBe(0);
      const book = bigBook(home, 3000);
      disk.fill(96 * 1024);
      // The files before the one that filled the disk are imported and reported.
      const run = await kith(home, 'import', MULTIPLE, book, '--db', db);
      expect(run).toEqual({
        code: 10,
        stdout:
          `${MULTIPLE}: 3 cards read, 3 contacts (0 added, 0 updated, 3 unchanged, 0 removed)\n` +
          '  numbers: 4 valid, 2 possible, 0 invalid\n' +
          // Each card links its PHOTO, which is never fetched.
          '  3 errors:\n' +
          [8, 23, 37]
            .map(
              (line) =>
                `  ${MULTIPLE}:${line}: The PHOTO is a link, and Kith never fetches links, so it was ignored.\n`,
            )
            .join(''),
        stderr: full('import', db, 'SQLITE_FULL'),
      });
      disk.free();
      expect(await contactCount(home, db)).toBe(3);
      expect((await kith(home, 'import', book, '--db', db)).code).toBe(0);
      expect(await contactCount(home, db)).toBe(3003);
    },
  );

  it(
    'a disk too full for a sync to cut its batches: exit 10, then the next sync uploads everything',
    SLOW,
    async () => {
      const url = server().url;
      const home = tempDir();
      const disk = smallDisk(3 * 1024 * 1024);
      const db = join(disk.dir, 'kith.db');
      expect((await kith(home, 'login', '--server', url, '--phone', freshNumber(), '--db', db)).code).toBe(0);
      expect((await kith(home, 'import', bigBook(home, 3000), '--region', 'GB', '--db', db)).code).toBe(0);
      disk.fill(48 * 1024);
      const run = await kith(home, 'sync', '--db', db);
      // Cutting the batches is the first write, so nothing was sent and no progress was shown.
      expect(run).toEqual({ code: 10, stdout: '', stderr: full('sync', db, 'SQLITE_FULL') });
      disk.free();
      expect(await kith(home, 'sync', '--db', db)).toMatchObject({ code: 0 });
      const store = openStore(db);
      try {
        expect(await serverNumbers(url, settingsTokenStore(store).read() ?? '')).toHaveLength(3000);
      } finally {
        store.close();
      }
    },
  );

  it(
    'import, status, contacts and sync on a read-only store: one line, exit 11, the store untouched',
    SLOW,
    async () => {
      const home = tempDir();
      const dir = tempDir();
      const writable = join(dir, 'kith.db');
      expect((await kith(home, 'import', MULTIPLE, '--me', '+447400123456', '--db', writable)).code).toBe(0);
      const db = join(readOnlyView(dir), 'kith.db');
      const book = bigBook(home, 10);
      const runs = await Promise.all(
        ['import', 'status', 'contacts', 'sync'].map((command) =>
          kith(home, ...(command === 'import' ? [command, book] : [command]), '--db', db),
        ),
      );
      expect(runs).toEqual(
        ['import', 'status', 'contacts', 'sync'].map((command) => ({
          code: 11,
          stdout: '',
          stderr: readOnly(command, db, 'SQLITE_CANTOPEN'),
        })),
      );
      // While the app (here: this process) has it open, the read-only view opens and refuses the first write.
      const app = openStore(writable);
      try {
        expect(await kith(home, 'import', book, '--db', db)).toEqual({
          code: 11,
          stdout: '',
          stderr: readOnly('import', db, 'SQLITE_READONLY'),
        });
      } finally {
        app.close();
      }
      expect(await contactCount(home, writable)).toBe(3);
    },
  );
});
