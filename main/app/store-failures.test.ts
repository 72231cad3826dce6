import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { serverFor } from '../../server/testing/suite.ts';
import type { AppEvent } from '../ipc/contract.ts';
import { createHandlers, dispatch } from '../ipc/handlers.ts';
import { contactCount } from '../store/contacts.ts';
import { StoreError } from '../store/errors.ts';
import { openTestHost, TEST_APP_INFO } from '../testing/app-host.ts';
import { mountUnavailable, smallDisk } from '../testing/small-disk.ts';
import { freshNumber, serverNumbers, vcard } from '../testing/sync-harness.ts';
import { getSetting } from '../store/settings.ts';
import { tempDir } from '../testing/tmp.ts';
import { AppHost } from './host.ts';

/** The app on a disk that fills up: a clear error in the UI, never a crash, and nothing lost. */

const server = serverFor('sqlite');

function book(n: number, from = 0): string {
  const path = join(tempDir(), `book-${from}-${n}.vcf`);
  const cards = Array.from({ length: n }, (_, i) =>
    vcard(`u${from + i}`, `Contact ${from + i}`, [`07400 1${String(from + i).padStart(5, '0')}`]),
  );
  writeFileSync(path, cards.join('\r\n') + '\r\n');
  return path;
}

const fullMessage = (store: string, code: string): string =>
  `the disk holding the store ${store} is full (${code}); nothing stored was lost. Free some space and try again.`;

describe.skipIf(mountUnavailable() !== null)('the app on a full disk', () => {
  it('answers an import with the store error, keeps what it had, and imports once space is back', async () => {
    const disk = smallDisk(3 * 1024 * 1024);
    let chosen: string[] = [];
    const host = await openTestHost({ dataDir: disk.dir, chooseFiles: async () => chosen });
    onTestFinished(() => host.close());
    const table = createHandlers({ appInfo: TEST_APP_INFO, host });

    chosen = [book(20)];
    expect(await dispatch(table, 'sources:choose-files', [])).toMatchObject({ ok: true });
    disk.fill(64 * 1024);
    chosen = [book(3000, 20)];
    expect(await dispatch(table, 'sources:choose-files', [])).toEqual({
      ok: false,
      error: { code: 'failed', message: fullMessage(join(disk.dir, 'kith.db'), 'SQLITE_FULL') },
    });
    expect(contactCount(host.db)).toBe(20);
    disk.free();
    expect(await dispatch(table, 'sources:choose-files', [])).toMatchObject({ ok: true });
    expect(contactCount(host.db)).toBe(3020);
  });

  it('shows a background sync that cannot write in the sync status, and catches up once space is back', async () => {
    // Room for 3000 contacts with their search keys, and for setting the home region over them in one transaction.
    const disk = smallDisk(4 * 1024 * 1024);
    const host = await openTestHost({ dataDir: disk.dir });
    onTestFinished(() => host.close());
    const events: AppEvent[] = [];
    host.on('event', (event) => events.push(event));
    const store = join(disk.dir, 'kith.db');

    await host.importPaths([book(3000)]);
    host.setOwnNumber(freshNumber(), 'GB');
    const { devCode } = await host.startVerification(server().url);
    // Room for the sign-in (it needs about 250 KiB), not for cutting 3000 numbers into batches (well over 1 MiB): the
    // engine's first pass, in the background, is what meets the full disk.
    host.db.pragma('wal_checkpoint(TRUNCATE)');
    disk.fill(512 * 1024);
    expect((await host.verify(devCode!)).signedIn).toBe(true);
    await vi.waitFor(() => expect(host.syncStatus().lastError).toBe(fullMessage(store, 'SQLITE_FULL')), {
      timeout: 15_000,
    });
    expect(events).toContainEqual({
      type: 'sync-status',
      status: expect.objectContaining({ lastError: fullMessage(store, 'SQLITE_FULL'), running: false }),
    });

    disk.free();
    const run = await host.retryNow();
    expect(run).toMatchObject({ error: null, queued: 0 });
    expect(host.syncStatus().lastError).toBeNull();
    expect(await serverNumbers(server().url, getSetting(host.db, 'session_token') ?? '')).toHaveLength(3000);
  });

  it('refuses to start on a full disk with the store error', async () => {
    const disk = smallDisk(2 * 1024 * 1024);
    const host = await openTestHost({ dataDir: disk.dir });
    await host.importPaths([book(20)]);
    await host.close();
    disk.fill();
    const opening = AppHost.open({ dataDir: disk.dir, appInfo: TEST_APP_INFO });
    await expect(opening).rejects.toBeInstanceOf(StoreError);
    await expect(opening).rejects.toThrow(fullMessage(join(disk.dir, 'kith.db'), 'SQLITE_IOERR_SHMSIZE'));
    disk.free();
    const again = await openTestHost({ dataDir: disk.dir });
    onTestFinished(() => again.close());
    expect(contactCount(again.db)).toBe(20);
  });
});
