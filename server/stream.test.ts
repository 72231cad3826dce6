import { expect, it } from 'vitest';
import { openStream, type Stream } from './testing/stream.ts';
import { allEvents, eachDialect, eventPage, phones, serverFor, signIn, uploaded } from './testing/suite.ts';

const ids = (events: { id: number }[]) => events.map((e) => e.id);

/** Waits for `n` events on the stream and checks that it got them in order, each once, after one `ready`. */
async function received(stream: Stream, n: number, cursor: number): Promise<number[]> {
  await stream.until(() => stream.events().length >= n);
  expect(stream.messages[0]).toEqual({ type: 'ready', cursor });
  expect(stream.messages.slice(1).every((m) => m.type === 'events' && m.events.length > 0)).toBe(true);
  const got = ids(stream.events());
  expect(got).toHaveLength(n);
  expect(got.every((id, i) => i === 0 || id > got[i - 1]!)).toBe(true);
  expect(got[0]! > cursor).toBe(true);
  return got;
}

await eachDialect('the event stream', (dialect) => {
  const srv = serverFor(dialect);

  it('sends ready, then each event as its join commits, once, and only to its recipient', async () => {
    const owner = await signIn(srv().url, '+447701000001');
    const bystander = await signIn(srv().url, '+447701000002');
    const joining = phones('+447701000010', 3);
    await uploaded(owner, 'stream-batch-1', joining);
    await uploaded(bystander, 'stream-batch-2', [joining[2]!]);
    const stream = await openStream(srv().url, owner.token);
    const other = await openStream(srv().url, bystander.token);
    await stream.until(() => stream.messages.length === 1);
    expect(stream.messages).toEqual([{ type: 'ready', cursor: 0 }]);

    const joiners = [];
    for (const [i, n] of joining.entries()) {
      joiners.push(await signIn(srv().url, n));
      await stream.until(() => stream.events().length === i + 1);
    }
    const got = await received(stream, 3, 0);
    expect(stream.events().map((e) => [e.type, e.userId, e.e164])).toEqual(
      joiners.map((j) => ['contact_joined', j.userId, j.e164]),
    );
    expect(got).toEqual(ids(await allEvents(owner)));
    // The bystander holds only the last number: it got that event and nothing of the owner's.
    await received(other, 1, 0);
    expect(other.events()).toEqual([expect.objectContaining({ userId: joiners[2]!.userId })]);
    stream.close();
    other.close();
  });

  it('starts after the given cursor, or else after the device’s acknowledged one', async () => {
    const owner = await signIn(srv().url, '+447701000101');
    const joining = phones('+447701000110', 4);
    await uploaded(owner, 'stream-after-1', joining);
    for (const n of joining.slice(0, 3)) await signIn(srv().url, n);
    const [e1, e2, e3] = ids(await allEvents(owner)) as [number, number, number];

    const fromCursor = await openStream(srv().url, owner.token, `?after=${e1}`);
    expect(await received(fromCursor, 2, e1)).toEqual([e2, e3]);
    await owner.call('POST', '/v1/events/ack', { upTo: e2 });
    const fromAck = await openStream(srv().url, owner.token);
    expect(await received(fromAck, 1, e2)).toEqual([e3]);

    await signIn(srv().url, joining[3]!);
    const e4 = (await eventPage(owner, `?after=${e3}`)).events[0]!.id;
    expect(await received(fromCursor, 3, e1)).toEqual([e2, e3, e4]);
    expect(await received(fromAck, 2, e2)).toEqual([e3, e4]);
    fromCursor.close();
    fromAck.close();
  });

  it('delivers the events of simultaneous joins to every open stream, each once and in order', async () => {
    const phone = await signIn(srv().url, '+447701000201');
    const laptop = await signIn(srv().url, '+447701000201');
    const joining = phones('+447701000210', 12);
    await uploaded(phone, 'stream-many-1', joining);
    const streams = await Promise.all([
      openStream(srv().url, phone.token),
      openStream(srv().url, laptop.token),
      openStream(srv().url, laptop.token),
    ]);
    await Promise.all(joining.map((n) => signIn(srv().url, n)));
    const stored = ids(await allEvents(phone));
    expect(stored).toHaveLength(12);
    for (const stream of streams) {
      expect(await received(stream, 12, 0)).toEqual(stored);
      stream.close();
    }
  });

  it('withholds events about a user who has hidden', async () => {
    const owner = await signIn(srv().url, '+447701000301');
    const [hiding, visible] = ['+447701000302', '+447701000303'];
    await uploaded(owner, 'stream-hidden-1', [hiding, visible]);
    const hider = await signIn(srv().url, hiding);
    await hider.call('PUT', '/v1/account/discoverable', { discoverable: false });
    const stream = await openStream(srv().url, owner.token);
    const joiner = await signIn(srv().url, visible);
    await received(stream, 1, 0);
    expect(stream.events()).toEqual([expect.objectContaining({ userId: joiner.userId, e164: visible })]);
    stream.close();
  });

  it('closes a stream opened with an invalid cursor', async () => {
    const owner = await signIn(srv().url, '+447701000401');
    const stream = await openStream(srv().url, owner.token, '?after=-1');
    expect((await stream.closed).code).toBe(1008);
    expect(stream.messages).toEqual([]);
  });
});
