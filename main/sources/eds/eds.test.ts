/**
 * Kith's reader against a real evolution-data-server on a private session bus, changed through EDS's own client
 * library (a Python helper), as GNOME Contacts or Evolution would. Skipped when EDS is not installed, unless
 * KITH_REQUIRE_EDS=1.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../../../i18n/index.ts';
import { EdsError, EdsReader, type BookChange, type Following } from './reader.ts';
import { edsMissing, startHelper, startPrivateBus, type Helper, type PrivateBus } from './testing/private-eds.ts';

const missing = edsMissing();
const required = process.env['KITH_REQUIRE_EDS'] === '1';
const PERSONAL = 'system-address-book';

async function failure(promise: Promise<unknown>): Promise<EdsError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EdsError);
  return err as EdsError;
}

/** Changes as they arrive, with the time each came. */
function recorder() {
  const seen: Array<{ change: BookChange; at: number }> = [];
  const waiters: Array<() => void> = [];
  return {
    seen,
    listener: {
      change: (change: BookChange) => {
        seen.push({ change, at: Date.now() });
        for (const wake of waiters.splice(0)) wake();
      },
    },
    async until(test: (change: BookChange) => boolean, ms = 5000) {
      const until = Date.now() + ms;
      for (;;) {
        const found = seen.find((s) => test(s.change));
        if (found) return found;
        if (Date.now() > until) throw new Error(`no such change in ${ms} ms: ${JSON.stringify(seen)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
  };
}

describe('reading GNOME address books when the desktop cannot be reached', () => {
  it('says there is no session bus', async () => {
    const err = await failure(EdsReader.connect('unix:path=/nonexistent/kith/bus'));
    expect(err.kind).toBe('no-session-bus');
    expect(err.message).toBe(t('eds.noSessionBus'));
    expect((await failure(EdsReader.connect(null))).kind).toBe('no-session-bus');
  });

  it.skipIf(!required && missing?.startsWith('dbus-daemon'))('says EDS is missing on a bus without it', async () => {
    const bus = await startPrivateBus({ services: false });
    try {
      const err = await failure(EdsReader.connect(bus.address));
      expect(err.kind).toBe('not-running');
      expect(err.message).toBe(t('eds.notRunning'));
    } finally {
      await bus.stop();
    }
  });
});

if (missing !== null && required) {
  it('has evolution-data-server to test against (KITH_REQUIRE_EDS=1)', () => {
    expect.fail(missing);
  });
}

describe.skipIf(missing !== null)(`a real evolution-data-server${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let bus: PrivateBus;
  let helper: Helper;
  let reader: EdsReader;

  beforeAll(async () => {
    bus = await startPrivateBus();
    helper = await startHelper(bus.env);
    reader = await EdsReader.connect(bus.address);
  });

  afterAll(async () => {
    reader?.close();
    await helper?.stop();
    await bus?.stop();
  });

  it('lists the address books with their display names and backends', async () => {
    expect(await reader.listAddressBooks()).toEqual([{ uid: PERSONAL, displayName: 'Personal', backend: 'local' }]);
    const { uid } = await helper.ask({ op: 'create-book', name: 'Work' });
    expect(await reader.listAddressBooks()).toEqual([
      { uid: PERSONAL, displayName: 'Personal', backend: 'local' },
      { uid, displayName: 'Work', backend: 'local' },
    ]);
  });

  it('reads every contact as a vCard and follows each addition, edit and removal', async () => {
    const changes = recorder();
    const following = await reader.follow(PERSONAL, changes.listener);
    const latencies: number[] = [];
    try {
      const people = ['Ada Lovelace', 'Alan Turing', 'Grace Hopper'];
      const added: string[] = [];
      for (const [i, name] of people.entries()) {
        const { uid, t0 } = await helper.ask({ op: 'add', book: PERSONAL, name, tel: `+4474001234${50 + i}` });
        const { at } = await changes.until((c) => c.type === 'added' && c.card.uid === uid);
        latencies.push(at - (t0 as number));
        added.push(uid as string);
      }

      const { cards, problems } = await reader.readBook(PERSONAL);
      expect(problems).toEqual([]);
      expect(cards.map((c) => c.uid).sort()).toEqual([...added].sort());
      for (const card of cards) {
        expect(card.vcard).toMatch(/^BEGIN:VCARD\r\n/);
        expect(card.vcard).toContain(`UID:${card.uid}`);
        expect(card.rev).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      }
      expect(cards.find((c) => c.uid === added[1])?.vcard).toContain('FN:Alan Turing');

      const edit = await helper.ask({ op: 'modify', book: PERSONAL, uid: added[1], name: 'Alan M. Turing' });
      const modified = await changes.until((c) => c.type === 'modified' && c.card.uid === added[1]);
      latencies.push(modified.at - (edit.t0 as number));
      expect(modified.change.type === 'modified' && modified.change.card.vcard).toContain('FN:Alan M. Turing');

      const removal = await helper.ask({ op: 'remove', book: PERSONAL, uid: added[0] });
      const removed = await changes.until((c) => c.type === 'removed' && c.uid === added[0]);
      latencies.push(removed.at - (removal.t0 as number));

      const after = await reader.readBook(PERSONAL);
      expect(after.cards.map((c) => c.uid).sort()).toEqual([added[1], added[2]].sort());
      expect(after.cards.find((c) => c.uid === added[1])?.vcard).toContain('FN:Alan M. Turing');
      // Nothing arrived twice or out of place.
      expect(changes.seen.map((s) => s.change.type)).toEqual(['added', 'added', 'added', 'modified', 'removed']);
      console.info(`EDS change → Kith, ms from the request: ${latencies.map((ms) => ms.toFixed(0)).join(', ')}`);
      expect(Math.max(...latencies)).toBeLessThan(2000);
    } finally {
      await following.stop();
    }
  });

  it('skips a contact that cannot be read and still returns the others', async () => {
    const { uid: broken } = await helper.ask({ op: 'add', book: PERSONAL, name: 'Broken Card', tel: '+447400123499' });
    // Damage the card where the local backend keeps it, as a failing disk or a buggy writer would.
    const file = join(bus.env['XDG_DATA_HOME']!, 'evolution/addressbook/system/contacts.db');
    const db = new Database(file);
    try {
      expect(db.prepare('UPDATE folder_id SET vcard = ? WHERE uid = ?').run('not a card', broken).changes).toBe(1);
    } finally {
      db.close();
    }
    const { cards, problems } = await reader.readBook(PERSONAL);
    expect(cards.map((c) => c.uid)).not.toContain(broken);
    expect(cards.length).toBeGreaterThanOrEqual(2);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/in “Personal” .*skipped/);
    await helper.ask({ op: 'remove', book: PERSONAL, uid: broken });
  });

  it('says when an address book is gone, and ends following it', async () => {
    const { uid } = await helper.ask({ op: 'create-book', name: 'Club' });
    await reader.listAddressBooks();
    const { uid: member } = await helper.ask({ op: 'add', book: uid, name: 'Katherine Johnson', tel: '+12025550123' });
    expect((await reader.readBook(uid as string)).cards.map((c) => c.uid)).toEqual([member]);

    let ended: (error: EdsError) => void = () => {};
    const end = new Promise<EdsError>((resolve) => (ended = resolve));
    const following: Following = await reader.follow(uid as string, { change: () => {}, end: ended });
    await helper.ask({ op: 'remove-book', book: uid });
    const err = await end;
    expect(err.kind).toBe('book-gone');
    expect(err.message).toBe(t('eds.bookGone', { book: 'Club' }));
    await following.stop();

    const again = await failure(reader.readBook(uid as string));
    expect(again.kind).toBe('book-gone');
    expect((await failure(reader.readBook('no-such-book'))).kind).toBe('book-gone');

    // Removed while open but not followed: EDS would still answer, with no contacts at all.
    const { uid: team } = await helper.ask({ op: 'create-book', name: 'Team' });
    await helper.ask({ op: 'add', book: team, name: 'Dorothy Vaughan', tel: '+12025550124' });
    await reader.listAddressBooks();
    expect((await reader.readBook(team as string)).cards).toHaveLength(1);
    await helper.ask({ op: 'remove-book', book: team });
    const gone = await failure(reader.readBook(team as string));
    expect(gone.kind).toBe('book-gone');
    expect(gone.message).toBe(t('eds.bookGone', { book: 'Team' }));
  });

  it('says when the service stops while following, and reads again once it is back', async () => {
    const before = await reader.readBook(PERSONAL);
    let ended: (error: EdsError) => void = () => {};
    const end = new Promise<EdsError>((resolve) => (ended = resolve));
    const following = await reader.follow(PERSONAL, { change: () => {}, end: ended });
    // The factory this test's bus started, ended by its process id as a crash would end it.
    process.kill(await bus.pidOf('org.gnome.evolution.dataserver.AddressBook10'), 'SIGKILL');
    const err = await end;
    expect(err.kind).toBe('stopped');
    expect(err.message).toBe(t('eds.stopped', { book: 'Personal' }));
    await following.stop();
    // D-Bus starts the factory again on the next call; the contacts are on disk.
    const after = await reader.readBook(PERSONAL);
    expect(after.cards.map((c) => c.uid).sort()).toEqual(before.cards.map((c) => c.uid).sort());
  });
});
