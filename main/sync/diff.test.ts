import { describe, expect, it } from 'vitest';
import { BATCH_ID_PATTERN } from '../../protocol/api.ts';
import { serverFor } from '../../server/testing/suite.ts';
import { getNumber, numberDiscrepancies } from '../store/numbers.ts';
import { signedInDevice, vcard, wantedNumbers } from '../testing/sync-harness.ts';
import { setExclusion } from './exclusions.ts';
import { activity } from './history.ts';

/** What a sync uploads: the difference between the address book and what the server was last told. */

const server = serverFor('sqlite');

const ANITA = '+447400123456';
const BEN = '+447400123457';
const CHEN = '+447400123458';
const LONDON = '+442079460018';

describe('the upload diff', () => {
  it('uploads only valid E.164 numbers, a number shared by several contacts once', async () => {
    const me = await signedInDevice(server().url);
    await me.importCards([
      // A short code, a number only plausible for GB, and a note are kept on the device.
      vcard('a', 'Anita', ['07400 123456', '112', '(0221) 9999123']),
      vcard('b', 'Ben', ['+44 7400 123456', '07400 123457']),
      vcard('c', 'Chen', ['ask at reception', 'WORK:020 7946 0018', '0044 7400 123456']),
    ]);

    const summary = await me.engine().sync();

    expect(summary).toMatchObject({ batchesSent: 1, added: 3, removed: 0, rejected: 0, queued: 0, error: null });
    expect(me.uploads()).toEqual([
      { batchId: expect.stringMatching(BATCH_ID_PATTERN), add: [LONDON, ANITA, BEN], remove: [] },
    ]);
    expect(await me.serverNumbers()).toEqual([LONDON, ANITA, BEN]);
    for (const n of [LONDON, ANITA, BEN]) expect(getNumber(me.db, n)?.state).toBe('synced');
    // The pass is in the activity feed; a quiet pass after it is not.
    await me.engine().sync();
    expect(activity(me.db).filter((a) => a.kind === 'sync')).toEqual([
      expect.objectContaining({ message: 'Synced: sent 1 batch: 3 added, 0 removed' }),
    ]);
  });

  it('removes a number only when no contact holds it any more', async () => {
    const me = await signedInDevice(server().url);
    const anita = vcard('a', 'Anita', ['07400 123456']);
    const ben = vcard('b', 'Ben', ['07400 123456', '07400 123457']);
    const chen = vcard('c', 'Chen', ['07400 123458']);
    const engine = me.engine();
    await me.importCards([anita, ben, chen]);
    await engine.sync();
    expect(await me.serverNumbers()).toEqual([ANITA, BEN, CHEN]);

    // Anita is gone from the file, but Ben still holds her number.
    let from = me.requests.length;
    await me.importCards([ben, chen]);
    expect(await engine.sync()).toMatchObject({ batchesSent: 0, removed: 0 });
    expect(me.uploads(from)).toEqual([]);
    expect(await me.serverNumbers()).toEqual([ANITA, BEN, CHEN]);

    // Ben is gone too: now both of his numbers are held by nobody.
    from = me.requests.length;
    await me.importCards([chen]);
    expect(await engine.sync()).toMatchObject({ batchesSent: 1, added: 0, removed: 2 });
    expect(me.uploads(from)).toEqual([{ batchId: expect.any(String), add: [], remove: [ANITA, BEN] }]);
    expect(await me.serverNumbers()).toEqual([CHEN]);
    expect(getNumber(me.db, ANITA)).toBeUndefined();
  });

  it('an edit that moves a number from one contact to another sends nothing', async () => {
    const me = await signedInDevice(server().url);
    const engine = me.engine();
    await me.importCards([vcard('a', 'Anita', ['07400 123456']), vcard('b', 'Ben', ['07400 123457'])]);
    await engine.sync();

    const from = me.requests.length;
    await me.importCards([vcard('a', 'Anita', ['07400 123457']), vcard('b', 'Ben', ['+44 (0)7400 123456'])]);
    await engine.sync();
    expect(me.uploads(from)).toEqual([]);
    expect(await me.serverNumbers()).toEqual([ANITA, BEN]);
  });

  it('treats excluded contacts and numbers as removed, never sends them while excluded, and re-adds on include', async () => {
    const me = await signedInDevice(server().url);
    const engine = me.engine();
    const book = [
      vcard('a', 'Anita', ['07400 123456']),
      vcard('b', 'Ben', ['07400 123457', '07400 123458']),
      vcard('c', 'Chen', ['07400 123458']),
    ];
    await me.importCards(book);
    await engine.sync();
    expect(await me.serverNumbers()).toEqual([ANITA, BEN, CHEN]);

    // Excluding Ben removes the number only he holds; Chen still holds the other.
    let from = me.requests.length;
    expect(setExclusion(me.db, 'ben', true, Date.now())).toEqual({ kind: 'contacts', names: ['Ben'], changed: 1 });
    await engine.sync();
    expect(me.uploads(from)).toEqual([{ batchId: expect.any(String), add: [], remove: [BEN] }]);

    // An excluded number goes whoever holds it, written in any form.
    from = me.requests.length;
    expect(setExclusion(me.db, '07400 123456', true, Date.now())).toMatchObject({ e164: ANITA, changed: true });
    expect(setExclusion(me.db, '+44 7400 123458', true, Date.now())).toMatchObject({ e164: CHEN, changed: true });
    await engine.sync();
    expect(me.uploads(from)).toEqual([{ batchId: expect.any(String), add: [], remove: [ANITA, CHEN] }]);
    expect(await me.serverNumbers()).toEqual([]);

    // While excluded: Ben gains a number, a new contact holds an excluded number, a re-import of the same file.
    from = me.requests.length;
    await me.importCards([
      ...book.slice(0, 1),
      vcard('b', 'Ben', ['07400 123457', '07400 123458', '07400 123459']),
      ...book.slice(2),
      vcard('d', 'Dara', ['+447400123456']),
    ]);
    await engine.sync({ reconcile: true });
    await engine.sync();
    expect(me.uploads(from)).toEqual([]);
    expect(await me.serverNumbers()).toEqual([]);
    expect(wantedNumbers(me.db)).toEqual([]);

    // Included again, each comes back with the next sync.
    from = me.requests.length;
    setExclusion(me.db, 'Ben', false, Date.now());
    setExclusion(me.db, '+447400123456', false, Date.now());
    await engine.sync();
    expect(me.uploads(from)).toEqual([{ batchId: expect.any(String), add: [ANITA, BEN, '+447400123459'], remove: [] }]);
    setExclusion(me.db, '+447400123458', false, Date.now());
    await engine.sync();
    expect(await me.serverNumbers()).toEqual([ANITA, BEN, CHEN, '+447400123459']);
    expect(await me.serverNumbers()).toEqual(wantedNumbers(me.db));
    expect(numberDiscrepancies(me.db)).toEqual([]);
  });
});
