import { describe, expect, it } from 'vitest';
import type { Account, EventPage } from '../../protocol/api.ts';
import { call } from '../../server/testing/client.ts';
import { eventPage, serverFor, signIn, uploaded } from '../../server/testing/suite.ts';
import { listContacts } from '../store/contacts.ts';
import { numberCounts } from '../store/numbers.ts';
import { getSetting, setSetting } from '../store/settings.ts';
import { freshNumber, signedInDevice, vcard, wantedNumbers, type Device } from '../testing/sync-harness.ts';
import { uploadLog } from './history.ts';
import { eventCursor } from './joins.ts';
import { joinedContacts } from './names.ts';
import { cutBatches } from './outbox.ts';
import { deleteAccount, deleteServerData, settingsTokenStore } from './session.ts';

/** Deleting the uploaded numbers, or the whole account, on the server: and forgetting locally what it held. */

const server = serverFor('sqlite');

/** A device with numbers uploaded, one contact joined after the upload, and one change queued but not sent. */
async function busyDevice(e164 = freshNumber()): Promise<Device> {
  const me = await signedInDevice(server().url, e164);
  const joiner = freshNumber();
  await me.importCards([vcard('a', 'Anita', ['07400 123456', '07400 123457']), vcard('j', 'Jo', [joiner])]);
  const engine = me.engine();
  await engine.sync();
  await signIn(server().url, joiner);
  await engine.sync({ pullEvents: true });
  expect(eventCursor(me.db)).toBeGreaterThan(0);
  expect(joinedContacts(me.db)).toHaveLength(1);
  await me.importCards([
    vcard('a', 'Anita', ['07400 123456', '07400 123457']),
    vcard('j', 'Jo', [joiner]),
    vcard('b', 'Ben', ['07400 123458']),
  ]);
  expect(cutBatches(me.db, Date.now())).toBe(1);
  return me;
}

/** What the store knows of the server: nothing, after a deletion. */
function expectLocalSyncStateCleared(me: Device): void {
  expect(numberCounts(me.db)).toEqual({ new: 4, synced: 0, pending_removal: 0 });
  expect(me.db.prepare('SELECT count(*) FROM numbers WHERE registered_user_id IS NOT NULL').pluck().get()).toBe(0);
  expect(me.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
  expect(me.db.prepare('SELECT count(*) FROM joins').pluck().get()).toBe(0);
  expect(eventCursor(me.db)).toBe(0);
  expect(getSetting(me.db, 'last_sync_at')).toBeNull();
  expect(getSetting(me.db, 'next_reconcile_at')).toBeNull();
  // The address book stays.
  expect(listContacts(me.db).map((c) => c.name)).toEqual(['Anita', 'Ben', 'Jo']);
}

describe('deleting data on the server', () => {
  it('deletes every uploaded number, clears the local sync state and pauses uploading until resumed', async () => {
    const me = await busyDevice();
    expect(await me.serverNumbers()).toHaveLength(3);

    const deleted = await deleteServerData(me.db, settingsTokenStore(me.db), Date.now());

    expect(deleted).toBe(3);
    expect(await me.serverNumbers()).toEqual([]);
    const account = await call<Account>(me.url, 'GET', '/v1/account', { token: me.token() });
    expect(account.body.contactCount).toBe(0);
    expectLocalSyncStateCleared(me);
    expect(joinedContacts(me.db)).toEqual([]);
    expect(getSetting(me.db, 'sync_paused')).toBe('1');
    expect(me.token()).not.toBe('');
    expect(uploadLog(me.db, 1)).toEqual([
      expect.objectContaining({ result: 'deleted', detail: 'all 3 uploaded numbers deleted from the server' }),
    ]);

    // Paused: a sync uploads nothing, even forced.
    const engine = me.engine();
    const from = me.requests.length;
    expect(await engine.sync({ force: true })).toMatchObject({ paused: true, batchesSent: 0 });
    expect(me.uploads(from)).toEqual([]);
    expect(engine.status().paused).toBe(true);
    expect(await me.serverNumbers()).toEqual([]);

    // Resumed (what `kith sync --resume` does): everything goes up again.
    setSetting(me.db, 'sync_paused', null);
    expect(await engine.sync()).toMatchObject({ paused: false, added: 4, matches: 1 });
    expect(await me.serverNumbers()).toEqual(wantedNumbers(me.db));
    expect(joinedContacts(me.db).map((j) => j.name)).toEqual(['Jo']);
  });

  it('deletes the account: the server holds nothing of it, the token and session are gone, the address book stays', async () => {
    // Someone who had this user's number before they joined, and so got an event about them.
    const friend = await signIn(server().url, freshNumber());
    const mine = freshNumber();
    await uploaded(friend, 'friend-batch-1', [mine]);
    const me = await busyDevice(mine);
    expect((await eventPage(friend, '?after=0')).events).toEqual([expect.objectContaining({ e164: mine })]);
    const token = me.token();

    await deleteAccount(me.db, settingsTokenStore(me.db), Date.now());

    expect((await call(me.url, 'GET', '/v1/account', { token })).status).toBe(401);
    expect((await call(me.url, 'GET', '/v1/contacts', { token })).status).toBe(401);
    // Nothing names the user any more: not the friend's matches, not the friend's inbox.
    const matches = await friend.call<{ matches: unknown[] }>('GET', '/v1/contacts/matches');
    expect(matches.body.matches).toEqual([]);
    expect((await eventPage(friend, '?after=0')).events).toEqual([]);
    // Signing in again starts a new, empty account.
    const again = await signIn(server().url, me.e164);
    expect(again.newAccount).toBe(true);
    expect((await again.call<Account>('GET', '/v1/account')).body.contactCount).toBe(0);
    expect(await eventPage(again, '?after=0')).toEqual<EventPage>({ events: [], cursor: 0, more: false });

    expect(me.token()).toBe('');
    for (const key of ['server_url', 'user_id', 'device_id', 'sync_paused'] as const) {
      expect(getSetting(me.db, key)).toBeNull();
    }
    expectLocalSyncStateCleared(me);
    expect(uploadLog(me.db, 1)).toEqual([expect.objectContaining({ result: 'deleted', detail: 'account deleted' })]);
    const engine = me.engine();
    expect(engine.status()).toMatchObject({ signedIn: false, server: null, queuedBatches: 0, cursor: 0 });
    expect(await engine.sync()).toMatchObject({ batchesSent: 0, error: expect.stringMatching(/not signed in/) });
  });
});
