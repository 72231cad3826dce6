import { describe, expect, it } from 'vitest';
import { serverFor, signIn } from '../../server/testing/suite.ts';
import { getNumber } from '../store/numbers.ts';
import { openStore } from '../store/open.ts';
import { freshNumber, signedInDevice, vcard } from '../testing/sync-harness.ts';
import { setExclusion } from './exclusions.ts';
import { displayName, excludedContacts, joinedContacts, namedNumbers } from './names.ts';

/** Who is on Kith, by the name saved in the address book; the server only ever says which numbers. */

const server = serverFor('sqlite');

/** `+447400900012` → `07400 900012`. */
const ukNational = (e164: string) => `0${e164.slice(3, 7)} ${e164.slice(7)}`;

describe('joined contacts', () => {
  it('marks numbers synced and stores the registered users from the batch answer', async () => {
    const bea = await signIn(server().url, freshNumber(), { deviceName: 'Beatrice Server-Side' });
    const cy = freshNumber();
    const me = await signedInDevice(server().url);
    await me.importCards([vcard('b', 'Bea', [ukNational(bea.e164)]), vcard('c', 'Cy', [cy])]);

    const summary = await me.engine().sync();

    expect(summary).toMatchObject({ batchesSent: 1, added: 2, matches: 1 });
    expect(getNumber(me.db, bea.e164)).toMatchObject({ state: 'synced', registered_user_id: String(bea.userId) });
    expect(getNumber(me.db, cy)).toMatchObject({ state: 'synced', registered_user_id: null });
    expect(joinedContacts(me.db)).toEqual([
      {
        name: 'Bea',
        e164: bea.e164,
        display: ukNational(bea.e164),
        others: 0,
        saved: true,
        userId: String(bea.userId),
        since: expect.any(Number),
      },
    ]);
  });

  it('shows the first non-empty saved name in case-insensitive order, ties to the first stored, on every run', async () => {
    const shared = await signIn(server().url, freshNumber());
    const zed = await signIn(server().url, freshNumber());
    const me = await signedInDevice(server().url);
    const cards = [
      vcard('u1', '', [shared.e164]),
      vcard('u2', 'bob', [shared.e164]),
      vcard('u3', 'alice', [ukNational(shared.e164)]),
      vcard('u4', 'Alice', [shared.e164]),
      vcard('u5', 'Zed', [zed.e164]),
    ];
    await me.importCards(cards);
    await me.engine().sync();
    const names = () => joinedContacts(me.db).map((j) => [j.name, j.e164]);
    const expected = [
      ['alice', shared.e164],
      ['Zed', zed.e164],
    ];
    expect(names()).toEqual(expected);
    expect(displayName(me.db, shared.e164)).toBe('alice');

    // Another run, the file re-imported in another order, an unrelated edit, another process opening the store.
    expect(names()).toEqual(expected);
    await me.importCards([...cards].reverse());
    expect(names()).toEqual(expected);
    await me.importCards([
      ...cards.slice(0, 2),
      vcard('u3', 'alice', [shared.e164, '07400 123456']),
      ...cards.slice(3),
    ]);
    expect(names()).toEqual(expected);
    const again = openStore(me.path);
    try {
      expect(joinedContacts(again).map((j) => [j.name, j.e164])).toEqual(expected);
    } finally {
      again.close();
    }

    // An excluded contact's name is not shown (the name matches both spellings); then alice leaves the book.
    setExclusion(me.db, 'ALICE', true, Date.now());
    expect(names()[0]).toEqual(['bob', shared.e164]);
    setExclusion(me.db, 'alice', false, Date.now());
    expect(names()[0]).toEqual(['alice', shared.e164]);
    await me.importCards(cards.filter((c) => !c.includes('UID:u3')));
    expect(names()[0]).toEqual(['Alice', shared.e164]);
    // Back again, alice is now stored after Alice, so the tie goes the other way.
    await me.importCards(cards);
    expect(names()[0]).toEqual(['Alice', shared.e164]);
  });

  it('without a saved name shows the number: national at home, international abroad', async () => {
    const uk = await signIn(server().url, freshNumber());
    const us = await signIn(server().url, '+12015550123');
    const card = vcard('n', '', [uk.e164, '+1 (201) 555-0123']);

    const home = await signedInDevice(server().url);
    await home.importCards([card]);
    await home.engine().sync();
    expect(joinedContacts(home.db).map((j) => [j.name, j.saved])).toEqual([
      ['+1 201 555 0123', false],
      [ukNational(uk.e164), false],
    ]);

    // Signed in with a US number, the region is the US.
    const abroad = await signedInDevice(server().url, '+12015550124');
    await abroad.importCards([card]);
    await abroad.engine().sync();
    expect(joinedContacts(abroad.db).map((j) => [j.name, j.e164])).toEqual([
      ['(201) 555-0123', us.e164],
      [`+44 ${uk.e164.slice(3, 7)} ${uk.e164.slice(7)}`, uk.e164],
    ]);
  });

  it('names the numbers of a list by a contact holding them, excluded or not, with how many more hold them', async () => {
    const me = await signedInDevice(server().url);
    const [a, b, c, d] = [freshNumber(), freshNumber(), freshNumber(), freshNumber()];
    await me.importCards([
      vcard('u1', 'max', [a, b]),
      vcard('u2', 'Erika Mustermann', [ukNational(a)]),
      vcard('u3', '', [c]),
      vcard('u4', 'Zoe', [d, '07400 123456', 'not a number']),
    ]);

    const named = () => namedNumbers(me.db, [b, a, c, '+447400999999']);
    expect(named()).toEqual([
      { e164: b, display: ukNational(b), name: 'max', others: 0 },
      { e164: a, display: ukNational(a), name: 'Erika Mustermann', others: 1 },
      { e164: c, display: ukNational(c), name: null, others: 0 },
      { e164: '+447400999999', display: '07400 999999', name: null, others: 0 },
    ]);
    expect(namedNumbers(me.db, [])).toEqual([]);

    // Excluded, a contact's name still says whose number it is: the list never leaves this device.
    setExclusion(me.db, 'Erika Mustermann', true, Date.now());
    setExclusion(me.db, 'Zoe', true, Date.now());
    expect(named()[1]).toEqual({ e164: a, display: ukNational(a), name: 'Erika Mustermann', others: 1 });
    expect(excludedContacts(me.db)).toEqual([
      { id: expect.any(Number), name: 'Erika Mustermann', phone: ukNational(a), phones: 1 },
      { id: expect.any(Number), name: 'Zoe', phone: ukNational(d), phones: 3 },
    ]);
  });
});
