import { expect, it } from 'vitest';
import type { Account, Discoverability, MatchList } from '../protocol/api.ts';
import { allEvents, eachDialect, eventPage, serverFor, signIn, uploaded, type User } from './testing/suite.ts';

async function setDiscoverable(user: User, discoverable: boolean): Promise<void> {
  const answer = await user.call<Discoverability>('PUT', '/v1/account/discoverable', { discoverable });
  expect(answer).toMatchObject({ status: 200, body: { discoverable } });
}

async function matchedIds(user: User): Promise<number[]> {
  return (await user.call<MatchList>('GET', '/v1/contacts/matches')).body.matches.map((m) => m.userId);
}

await eachDialect('discoverability', (dialect) => {
  const srv = serverFor(dialect);

  it('hides a user who turns discoverability off from answers, match lists and waiting events', async () => {
    const owner = await signIn(srv().url, '+447700400001');
    const hiding = '+447700400002';
    await uploaded(owner, 'hide-batch-1', [hiding, '+447700400003']);
    const hider = await signIn(srv().url, hiding);
    const waiting = await eventPage(owner);
    expect(waiting.events.map((e) => e.userId)).toEqual([hider.userId]);
    expect(await matchedIds(owner)).toEqual([hider.userId]);

    await setDiscoverable(hider, false);
    expect((await hider.call<Account>('GET', '/v1/account')).body.discoverable).toBe(false);
    expect(await allEvents(owner)).toEqual([]);
    expect(await matchedIds(owner)).toEqual([]);
    const newcomer = await signIn(srv().url, '+447700400004');
    const answer = await uploaded(newcomer, 'hide-batch-2', [hiding, owner.e164]);
    expect(answer.matches).toEqual([{ userId: owner.userId, e164: owner.e164 }]);
    expect(await matchedIds(newcomer)).toEqual([owner.userId]);

    // Visible again: the event was never acknowledged, so it is still there.
    await setDiscoverable(hider, true);
    expect((await allEvents(owner)).map((e) => e.id)).toEqual(waiting.events.map((e) => e.id));
    expect(await matchedIds(owner)).toEqual([hider.userId]);
    expect(await matchedIds(newcomer)).toEqual([hider.userId, owner.userId].sort((a, b) => a - b));
  });

  it('writes no join event for an account that starts hidden, and keeps the choice on later sign-ins', async () => {
    const owner = await signIn(srv().url, '+447700400011');
    const quiet = '+447700400012';
    await uploaded(owner, 'quiet-batch-1', [quiet]);
    const joiner = await signIn(srv().url, quiet, { discoverable: false });
    expect(joiner.newAccount).toBe(true);
    expect(await allEvents(owner)).toEqual([]);
    expect(await matchedIds(owner)).toEqual([]);
    expect((await uploaded(owner, 'quiet-batch-2', [quiet])).matches).toEqual([]);

    // `discoverable` on verification applies to a new account only.
    const second = await signIn(srv().url, quiet, { discoverable: true });
    expect(second.newAccount).toBe(false);
    expect((await second.call<Account>('GET', '/v1/account')).body.discoverable).toBe(false);
    expect(await matchedIds(owner)).toEqual([]);

    await setDiscoverable(second, true);
    expect(await matchedIds(owner)).toEqual([joiner.userId]);
    // Shown for the first time: news to the owner, as a join would have been.
    const shown = await allEvents(owner);
    expect(shown.map((e) => [e.type, e.userId, e.e164])).toEqual([['contact_joined', joiner.userId, quiet]]);
    // Hiding and showing again while that event waits adds nothing.
    await setDiscoverable(second, false);
    await setDiscoverable(second, true);
    expect(await allEvents(owner)).toEqual(shown);
  });

  it('tells owners again about an account shown again after they handled its join', async () => {
    const owner = await signIn(srv().url, '+447700400021');
    const other = await signIn(srv().url, '+447700400022');
    const hiding = '+447700400023';
    await uploaded(owner, 'again-batch-1', [hiding]);
    const hider = await signIn(srv().url, hiding);
    const [joined] = await allEvents(owner);
    expect(joined).toMatchObject({ userId: hider.userId });
    const acked = await owner.call('POST', '/v1/events/ack', { upTo: joined!.id });
    expect(acked.status).toBe(200);
    expect(await allEvents(owner, joined!.id)).toEqual([]);

    await setDiscoverable(hider, false);
    // Someone who adds the number meanwhile hears nothing until it is shown.
    await uploaded(other, 'again-batch-2', [hiding]);
    await setDiscoverable(hider, true);
    for (const user of [owner, other]) {
      const events = await allEvents(user, user === owner ? joined!.id : 0);
      expect(events.map((e) => [e.type, e.userId, e.e164])).toEqual([['contact_joined', hider.userId, hiding]]);
    }
    // Turning it on when it already is on writes nothing.
    const before = await allEvents(other);
    await setDiscoverable(hider, true);
    expect(await allEvents(other)).toEqual(before);
  });
});
