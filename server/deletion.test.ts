import { expect, it } from 'vitest';
import type { Account, Deleted, MatchList, NumberPage, SetCheckResult } from '../protocol/api.ts';
import { EMPTY_SET_HASH } from '../protocol/set-hash.ts';
import { connect } from './db/connect.ts';
import { toStored } from './db/schema.ts';
import { call, startSession, verifySession } from './testing/client.ts';
import { openStream } from './testing/stream.ts';
import { allEvents, eachDialect, eventPage, phones, serverFor, signIn, signInAll, uploaded } from './testing/suite.ts';

await eachDialect('deletion', (dialect) => {
  const srv = serverFor(dialect);

  it('deletes an account with everything that names it, and only that', async () => {
    const base = srv().url;
    const leaving = '+447701200001';
    const [alice, bob] = [await signIn(base, '+447701200002'), await signIn(base, '+447701200003')];
    await uploaded(alice, 'delete-alice-1', [leaving, '+447701200010']);
    await uploaded(bob, 'delete-bob-1', [leaving]);
    const victim = await signIn(base, leaving, { deviceName: 'phone' });
    const second = await signIn(base, leaving, { deviceName: 'laptop' });
    await uploaded(victim, 'delete-victim-1', [alice.e164, '+447701200010', '+447701200011']);
    await uploaded(victim, 'delete-victim-2', ['+447701200012']);
    await signIn(base, '+447701200010'); // joins: an event in the victim's inbox and in Alice's
    expect((await allEvents(victim)).length).toBe(1);
    expect((await allEvents(alice)).map((e) => e.e164)).toEqual([leaving, '+447701200010']);
    const stream = await openStream(base, second.token);
    await startSession(base, leaving); // a verification still pending for the number

    expect((await victim.call('DELETE', '/v1/account')).body).toEqual({ ok: true });
    expect((await victim.call('GET', '/v1/account')).status).toBe(401);
    expect((await second.call('GET', '/v1/account')).status).toBe(401);
    expect((await stream.closed).code).toBe(4401);

    const { db } = connect(srv().db.url, 1);
    try {
      const id = victim.userId;
      const number = toStored(leaving);
      const counts = {
        users: await db
          .selectFrom('users')
          .select('id')
          .where((eb) => eb.or([eb('id', '=', id), eb('e164', '=', number)]))
          .execute(),
        sessions: await db.selectFrom('sessions').select('id').where('user_id', '=', id).execute(),
        contacts: await db.selectFrom('contacts').select('e164').where('owner_id', '=', id).execute(),
        batches: await db.selectFrom('upload_batches').select('batch_id').where('owner_id', '=', id).execute(),
        events: await db
          .selectFrom('events')
          .select('id')
          .where((eb) => eb.or([eb('recipient_id', '=', id), eb('subject_user_id', '=', id), eb('e164', '=', number)]))
          .execute(),
        verifications: await db.selectFrom('verification_sessions').select('e164').where('e164', '=', number).execute(),
      };
      expect(Object.fromEntries(Object.entries(counts).map(([k, rows]) => [k, rows.length]))).toEqual({
        users: 0,
        sessions: 0,
        contacts: 0,
        batches: 0,
        events: 0,
        verifications: 0,
      });
      // The others' uploaded copies of the number are their data and stay.
      const copies = await db
        .selectFrom('contacts')
        .select('owner_id')
        .where('e164', '=', number)
        .orderBy('owner_id')
        .execute();
      expect(copies.map((r) => Number(r.owner_id))).toEqual([alice.userId, bob.userId]);
      const users = await db.selectFrom('users').select('id').orderBy('id').execute();
      expect(users).toHaveLength(3);
    } finally {
      await db.destroy();
    }

    expect((await allEvents(alice)).map((e) => e.e164)).toEqual(['+447701200010']);
    expect(await allEvents(bob)).toEqual([]);
    expect((await alice.call<MatchList>('GET', '/v1/contacts/matches')).body.matches.map((m) => m.e164)).toEqual([
      '+447701200010',
    ]);

    // The number can sign up again: a new, empty account, announced afresh to those who hold it.
    const back = await signIn(base, leaving);
    expect(back.newAccount).toBe(true);
    expect(back.userId).not.toBe(victim.userId);
    expect((await back.call<Account>('GET', '/v1/account')).body).toMatchObject({
      contactCount: 0,
      discoverable: true,
    });
    expect((await back.call<NumberPage>('GET', '/v1/contacts')).body.numbers).toEqual([]);
    expect(await allEvents(back)).toEqual([]);
    expect((await allEvents(bob)).map((e) => e.userId)).toEqual([back.userId]);
  });

  it('leaves no event for a deleted account when deletions race joins', async () => {
    const base = srv().url;
    const leaving = await signInAll(base, phones('+447701200200', 12));
    const joining = phones('+447701200300', 10);
    await Promise.all(leaving.map((u, i) => uploaded(u, `race-delete-${i}`, joining)));
    const sessions = await Promise.all(joining.map((n) => startSession(base, n)));
    const answers = await Promise.all([
      ...leaving.map((u) => u.call('DELETE', '/v1/account')),
      ...sessions.map((s) => verifySession(base, s.sessionId, s.code)),
    ]);
    expect(answers.map((a) => a.status)).toEqual(Array(answers.length).fill(200));

    const { db } = connect(srv().db.url, 1);
    try {
      const orphans = await db
        .selectFrom('events')
        .select(['id', 'recipient_id'])
        .where((eb) =>
          eb.or([
            eb(
              'recipient_id',
              'in',
              leaving.map((u) => u.userId),
            ),
            eb.not(eb.exists(eb.selectFrom('users').select('id').whereRef('users.id', '=', 'events.recipient_id'))),
          ]),
        )
        .execute();
      expect(orphans).toEqual([]);
      const left = await db
        .selectFrom('contacts')
        .select('owner_id')
        .where(
          'owner_id',
          'in',
          leaving.map((u) => u.userId),
        )
        .execute();
      expect(left).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it('empties the uploaded set with DELETE /v1/contacts', async () => {
    const base = srv().url;
    const me = await signIn(base, '+447701200101');
    const friend = await signIn(base, '+447701200102');
    await uploaded(me, 'empty-batch-1', [friend.e164, '+447701200103']);
    await uploaded(me, 'empty-batch-2', ['+447701200104']);
    const gone = await call<Deleted>(base, 'DELETE', '/v1/contacts', { token: me.token });
    expect(gone).toMatchObject({ status: 200, body: { deleted: 3 } });

    expect((await me.call<MatchList>('GET', '/v1/contacts/matches')).body).toEqual({
      matches: [],
      setHash: EMPTY_SET_HASH,
      count: 0,
    });
    expect((await me.call<NumberPage>('GET', '/v1/contacts')).body).toEqual({ numbers: [], next: null });
    expect((await me.call<Account>('GET', '/v1/account')).body.contactCount).toBe(0);
    const check = await me.call<SetCheckResult>('POST', '/v1/contacts/check', { setHash: EMPTY_SET_HASH });
    expect(check.body).toMatchObject({ status: 'unchanged', count: 0 });
    expect((await me.call<Deleted>('DELETE', '/v1/contacts')).body).toEqual({ deleted: 0 });

    // The set starts over: the numbers count as new and the friend matches again.
    const again = await uploaded(me, 'empty-batch-3', [friend.e164]);
    expect(again).toMatchObject({ added: 1, count: 1, matches: [{ userId: friend.userId, e164: friend.e164 }] });
    // Deleting one's set leaves the account and others' sets alone.
    expect((await friend.call('GET', '/v1/account')).status).toBe(200);
  });

  it('drops the join events waiting in the inbox with DELETE /v1/contacts, on every device', async () => {
    const base = srv().url;
    const me = await signIn(base, '+447701200401');
    const laptop = await signIn(base, '+447701200401');
    const joining = ['+447701200402', '+447701200403'];
    await uploaded(me, 'events-batch-1', [...joining, '+447701200404']);
    const joined = [await signIn(base, joining[0]!), await signIn(base, joining[1]!)];
    // Another owner of the same number keeps its event.
    const other = await signIn(base, '+447701200405');
    await uploaded(other, 'events-batch-2', ['+447701200404']);
    const late = await signIn(base, '+447701200404');
    expect((await allEvents(me)).map((e) => e.userId)).toEqual([...joined, late].map((u) => u.userId));
    const page = await eventPage(laptop);
    expect(page.events).toHaveLength(3);
    // One device has acknowledged the first event; the other has read nothing.
    await me.call('POST', '/v1/events/ack', { upTo: page.events[0]!.id });

    expect((await me.call<Deleted>('DELETE', '/v1/contacts')).body).toEqual({ deleted: 3 });
    expect(await eventPage(me)).toMatchObject({ events: [], more: false });
    expect(await eventPage(laptop)).toMatchObject({ events: [], more: false });
    expect(await allEvents(laptop)).toEqual([]);
    const { db } = srv().server.ctx.conn;
    expect(await db.selectFrom('events').select('id').where('recipient_id', '=', me.userId).execute()).toEqual([]);
    expect((await allEvents(other)).map((e) => e.userId)).toEqual([late.userId]);
  });
});
