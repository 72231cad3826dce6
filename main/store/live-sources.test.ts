import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/tmp.ts';
import { openStore } from './open.ts';
import {
  addLiveSource,
  DEFAULT_POLL_INTERVAL,
  getSource,
  listAllSources,
  listSources,
  recordSourceFailure,
  recordSourceResult,
  setSyncState,
} from './sources.ts';

describe('live sources in the store', () => {
  it('polls CardDAV and EDS books every 900 s unless told otherwise, and refuses credentials', () => {
    const db = openStore(join(tempDir(), 'kith.db'));
    const now = 1_000_000;
    const dav = addLiveSource(db, { kind: 'carddav', name: 'Work', settings: { url: 'https://dav.example/' } }, now);
    const eds = addLiveSource(db, { kind: 'eds', name: 'Personal', settings: { uid: 'system-address-book' } }, now);
    const mac = addLiveSource(db, { kind: 'macos', name: 'Contacts', settings: {} }, now);
    const fast = addLiveSource(db, { kind: 'carddav', name: 'Fast', settings: {}, pollInterval: 60 }, now);
    expect(DEFAULT_POLL_INTERVAL).toBe(900);
    expect(listAllSources(db).map((s) => [s.id, s.kind, s.pollInterval, s.nextPollAt, s.state, s.lastSyncAt])).toEqual([
      [dav, 'carddav', 900, now, 'ok', null],
      [eds, 'eds', 900, now, 'ok', null],
      [mac, 'macos', null, now, 'ok', null],
      [fast, 'carddav', 60, now, 'ok', null],
    ]);
    expect(getSource(db, dav)?.settings).toEqual({ url: 'https://dav.example/' });
    // Files only, in the shape the Sources screen reads.
    expect(listSources(db)).toEqual([]);
    expect(() =>
      addLiveSource(db, { kind: 'carddav', name: 'x', settings: { url: 'u', password: 'hunter2' } }, now),
    ).toThrow(/credentials \(password\)/);
    expect(listAllSources(db)).toHaveLength(4);
    db.close();
  });

  it('keeps the last result, the last error and the sync state', () => {
    const db = openStore(join(tempDir(), 'kith.db'));
    const id = addLiveSource(db, { kind: 'carddav', name: 'Work', settings: {} }, 0);
    recordSourceResult(db, id, { added: 3, updated: 1, removed: 0 }, 10_000);
    setSyncState(db, id, { token: 'http://dav/sync/42', ctag: null });
    expect(getSource(db, id)).toMatchObject({
      state: 'ok',
      lastSyncAt: 10_000,
      lastResult: { added: 3, updated: 1, removed: 0 },
      lastError: null,
      nextPollAt: 910_000,
      syncState: { token: 'http://dav/sync/42', ctag: null },
    });
    recordSourceFailure(db, id, 'missing', 'The address book is gone.', 20_000);
    // A failure keeps what the last good sync found.
    expect(getSource(db, id)).toMatchObject({
      state: 'missing',
      lastSyncAt: 10_000,
      lastResult: { added: 3, updated: 1, removed: 0 },
      lastError: 'The address book is gone.',
      nextPollAt: 920_000,
    });
    recordSourceResult(db, id, { added: 0, updated: 0, removed: 0 }, 30_000);
    expect(getSource(db, id)).toMatchObject({ state: 'ok', lastError: null });
    setSyncState(db, id, null);
    expect(getSource(db, id)?.syncState).toBeNull();
    db.close();
  });
});
